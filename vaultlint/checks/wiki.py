"""WIKI: the deterministic maintenance pass of an LLM wiki (provenance, drift, footnotes,
duplicates, flags and lifecycle, stubs). The index, the log and unlinked mentions are in
`wiki_index`.

One finding per defect: whether a link resolves is LNK001's, an empty required section is
SCH002's, an empty note VLT004's. These rules add what those do not know.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from typing import Any

from vaultlint.citations import target_kind
from vaultlint.document import Document, Link, LinkKind, Span
from vaultlint.index import VaultIndex
from vaultlint.pagetypes import page_types
from vaultlint.resolve import Outcome, fold
from vaultlint.rule import (
    Finding,
    NoteContext,
    Rule,
    Scope,
    Severity,
    VaultContext,
    findings_of,
)
from vaultlint.wikipages import (
    content_pages,
    file_exists,
    is_content_page,
    is_system_file,
    type_of,
)

_URL = re.compile(r"https?://\S+")
_HASHES = {32: "md5", 40: "sha1", 64: "sha256", 128: "sha512"}
_DEFAULT_CITES = ("source", "raw", "url")


def _property_link(document: Document, span: Span) -> Link | None:
    for link in document.links:
        if link.kind is LinkKind.PROPERTY and span[0] <= link.span[0] < span[1]:
            return link
    return None


# -- WIKI001 source-entry ----------------------------------------------------------------


def _source_entries(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is not None:
        return
    entry = frontmatter.entry("sources")
    if entry is None or not isinstance(entry.value, list):
        return
    settings, index = context.settings, context.index
    page_type = type_of(document, index, settings)
    cites = page_type.cites if page_type is not None else _DEFAULT_CITES
    types = page_types(settings, index.memo)
    raw = settings.raw_folder.strip("/") + "/"
    for number, value in enumerate(entry.value):
        span = frontmatter.value_spans.get(f"sources.{number}")
        if span is None or not isinstance(value, str) or not value.strip():
            continue
        text = value.strip()
        link = _property_link(document, span)
        if link is not None:
            resolution = index.resolve(link, document.path)
            if resolution.outcome is not Outcome.RESOLVED or resolution.target is None:
                continue  # LNK001 reports it
            target = resolution.target
            if is_system_file(target, settings):
                yield SOURCE_ENTRY.at(
                    document, span, f"sources entry {text} is {target}, a system file, not a source"
                )
                continue
            kind = target_kind(target, index, types, settings.type_key, settings.raw_folder)
            if kind not in cites:
                what = {"page": "a wiki page", "source": "a source page", "raw": "a raw file"}[kind]
                yield SOURCE_ENTRY.at(
                    document,
                    span,
                    f"sources entry {text} is {what}, which "
                    f"{page_type.name if page_type else 'this'} pages do not cite as a source: "
                    "cite the source page or raw file it comes from",
                )
        elif _URL.fullmatch(text):
            if "url" not in cites:
                yield SOURCE_ENTRY.at(
                    document, span, f"sources entry {text}: a URL is not accepted here"
                )
        elif text.startswith(raw) or text.startswith("./" + raw):
            if not file_exists(index, text):
                yield SOURCE_ENTRY.at(
                    document, span, f"sources entry {text}: no such file in the vault"
                )
        else:
            yield SOURCE_ENTRY.at(
                document,
                span,
                f"sources entry {text!r} is neither a link, a file under {raw} nor a URL: "
                'write "[[source-page]]", a raw/ path or a URL',
            )


SOURCE_ENTRY = Rule(
    code="WIKI001",
    name="source-entry",
    summary="A `sources:` entry that is not a source page, an existing raw file or a URL.",
    severity=Severity.WARNING,
    default=False,
    why="Provenance is only worth something when it can be followed: a `sources:` entry "
    "pointing at log.md, at another concept page, or at a raw file that is gone does not "
    "say where a claim came from. Unresolved links are LNK001's.",
    bad='sources:\n  - "[[log]]"\n  - raw/2026-01-01-gone.md',
    good='sources:\n  - "[[karpathy-llm-coding-notes]]"\n  - raw/2026-01-26-karpathy.md',
    check_note=_source_entries,
)


# -- WIKI002 uncited-raw-file ------------------------------------------------------------


def _cited_raw_files(index: VaultIndex, context: VaultContext) -> set[str]:
    settings = context.settings
    raw = settings.raw_folder.strip("/") + "/"
    cited: set[str] = set()
    for document in content_pages(index, settings):
        for link in document.links:
            resolution = index.resolve(link, document.path)
            if resolution.target and resolution.target.startswith(raw):
                cited.add(fold(resolution.target))
        frontmatter = document.frontmatter
        values: list[Any] = []
        if frontmatter is not None:
            for key in ("sources", *settings.raw_keys):
                value = frontmatter.data.get(key)
                values.extend(value if isinstance(value, list) else [value])
        for match in re.finditer(rf"(?<![\w/]){re.escape(raw)}[^\s`'\"<>|\])]+", document.text):
            values.append(match.group())
        cited.update(fold(v.strip().removeprefix("./")) for v in values if isinstance(v, str))
    return cited


def _uncited_raw(index: VaultIndex, context: VaultContext) -> Iterator[Finding]:
    raw = context.settings.raw_folder.strip("/") + "/"
    files = [p for p in (*index.all_notes, *index.attachments) if p.startswith(raw)]
    if not files:
        return
    cited = _cited_raw_files(index, context)
    for path in sorted(files):
        name = path.rsplit("/", 1)[-1]
        if fold(path) in cited or name.startswith(".") or name.lower() in ("readme.md",):
            continue
        yield UNCITED_RAW.on_file(
            path,
            "no wiki page cites this raw source: ingest it (write or update the pages it "
            "informs, citing it), or remove it",
        )


UNCITED_RAW = Rule(
    code="WIKI002",
    name="uncited-raw-file",
    summary="A file under the raw folder that no wiki page cites.",
    severity=Severity.INFO,
    scope=Scope.VAULT,
    default=False,
    why="A captured source nobody cites was never ingested, or its pages lost the citation; "
    "either way its content is not in the wiki.",
    bad="raw/2026-03-01-paper.md   (no page links to it or lists it in sources:)",
    good="sources:\n  - raw/2026-03-01-paper.md",
    check_vault=_uncited_raw,
)


# -- WIKI003 missing-raw-file ------------------------------------------------------------


def _missing_raw(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is not None:
        return
    for key in context.settings.raw_keys:
        entry = frontmatter.entry(key)
        if entry is None or not isinstance(entry.value, str) or not entry.value.strip():
            continue
        value = entry.value.strip()
        if _URL.match(value):
            continue
        link = _property_link(document, entry.value_span)
        if link is not None:
            continue  # a link: LNK001 says whether it resolves
        if not file_exists(context.index, value):
            yield MISSING_RAW.at(
                document,
                entry.value_span,
                f"'{key}' names {value}, which is not in the vault: restore the captured "
                "source, or correct the path",
            )


MISSING_RAW = Rule(
    code="WIKI003",
    name="missing-raw-file",
    summary="A page whose `raw:` (or `source_path:`) file does not exist.",
    severity=Severity.WARNING,
    default=False,
    why="A source page summarises one captured file; when that file is renamed or deleted "
    "the summary can no longer be checked against it.",
    bad="raw: raw/2026-01-26-karpathy-notes.md   (file renamed)",
    good="raw: raw/2026-01-26-karpathy-llm-coding-notes.md",
    check_note=_missing_raw,
)


# -- WIKI004-006 footnotes ---------------------------------------------------------------


_FOOTNOTE_REF = re.compile(r"\[\^([\w-]+)\](?!:)")  # `[^)]` in a pasted regex is no footnote


def _footnotes(document: Document, context: NoteContext) -> Iterator[Finding]:
    raw = context.settings.raw_folder.strip("/") + "/"
    if document.path.startswith(raw):
        return  # a captured source keeps its own footnotes; it is not the wiki's prose
    defined = {name for name, _span in document.footnote_defs}
    referenced = {name for name, _span in document.footnote_refs}
    text = document.text
    # The Markdown parser reads `[^x]` with no definition as plain text: find it in prose.
    inside = [*document.code_spans, *(c.span for c in document.comments)]
    inside += [span for _name, span in document.footnote_defs]
    for start, end in document.prose_blocks:
        for match in _FOOTNOTE_REF.finditer(text, start, end):
            name = match.group(1)
            if name in defined or any(s <= match.start() < e for s, e in inside):
                continue
            yield UNDEFINED_FOOTNOTE.at(
                document,
                match.span(),
                f"footnote [^{name}] is never defined: add `[^{name}]: source` below the text",
            )
    for name, span in document.footnote_defs:
        if name not in referenced:
            yield UNUSED_FOOTNOTE.at(
                document,
                (span[0], span[0] + len(name) + 3),
                f"footnote [^{name}] is defined but never referenced: cite it or remove it",
            )
        elif not _cites(document, span, text):
            yield FOOTNOTE_CITES_NOTHING.at(
                document,
                (span[0], span[0] + len(name) + 3),
                f"footnote [^{name}] cites nothing: link the source page, raw file or URL",
            )


def _cites(document: Document, span: Span, text: str) -> bool:
    if any(span[0] <= link.span[0] < span[1] for link in document.links):
        return True
    return bool(_URL.search(text, span[0], span[1])) or "raw/" in text[span[0] : span[1]]


UNDEFINED_FOOTNOTE = Rule(
    code="WIKI004",
    name="undefined-footnote",
    summary="A footnote reference `[^x]` with no definition.",
    severity=Severity.WARNING,
    default=False,
    why="Obsidian shows an undefined reference as plain text: the citation it was meant to "
    "carry is lost.",
    bad="Claim.[^1]",
    good="Claim.[^1]\n\n[^1]: [[karpathy-llm-coding-notes]]",
    check_note=findings_of("WIKI004", _footnotes, "wiki-footnotes"),
)

UNUSED_FOOTNOTE = Rule(
    code="WIKI005",
    name="unused-footnote",
    summary="A footnote definition that nothing references.",
    severity=Severity.WARNING,
    default=False,
    why="A definition without a reference is a citation detached from its claim, usually "
    "left behind when an agent rewrote the paragraph.",
    bad="[^2]: [[old-source]]   (no [^2] in the text)",
    good="Claim.[^2]\n\n[^2]: [[old-source]]",
    check_note=findings_of("WIKI005", _footnotes, "wiki-footnotes"),
)

FOOTNOTE_CITES_NOTHING = Rule(
    code="WIKI006",
    name="footnote-cites-nothing",
    summary="A footnote that holds no link, URL or raw-file path.",
    severity=Severity.INFO,
    default=False,
    why="In an LLM wiki footnotes are citations; one that names no source cannot be followed.",
    bad="[^1]: I read this somewhere.",
    good="[^1]: [[karpathy-llm-coding-notes]]",
    check_note=findings_of("WIKI006", _footnotes, "wiki-footnotes"),
)


# -- WIKI007 source-changed (drift) ------------------------------------------------------


def _raw_sources(document: Document, context: NoteContext) -> list[str]:
    """The raw files a page lists in `sources:` or its raw keys, as vault paths."""
    frontmatter = document.frontmatter
    assert frontmatter is not None
    index, settings = context.index, context.settings
    raw = settings.raw_folder.strip("/") + "/"
    found: list[str] = []
    for key in ("sources", *settings.raw_keys):
        value = frontmatter.data.get(key)
        for number, item in enumerate(value if isinstance(value, list) else [value]):
            if not isinstance(item, str) or not item.strip():
                continue
            path = f"{key}.{number}" if isinstance(value, list) else key
            span = frontmatter.value_spans.get(path)
            link = _property_link(document, span) if span else None
            if link is not None:
                target = index.resolve(link, document.path).target
                if target and target.startswith(raw):
                    found.append(target)
            elif item.strip().removeprefix("./").startswith(raw):
                found.append(item.strip().removeprefix("./"))
    return [path for path in dict.fromkeys(found) if file_exists(index, path)]


def _digests(index: VaultIndex, path: str, algorithm: str, modes: list[str]) -> set[str]:
    key = f"wiki-digest:{algorithm}:{path}"
    found = index.memo.get(key)
    if isinstance(found, set):
        return found
    digests: set[str] = set()
    root = index.root
    try:
        data = (root / path).read_bytes() if root is not None else b""
    except OSError:
        data = b""
    text = data.decode("utf-8", "replace")
    body = text
    if text.startswith("---"):
        parts = text.split("---", 2)
        body = parts[2] if len(parts) == 3 else text
    variants = {
        "raw": [data],
        "raw-stripped": [data.strip()],
        "body": [body.encode()],
        "body-stripped": [body.strip().encode(), (body.strip() + "\n").encode()],
    }
    for mode in modes:
        for variant in variants.get(mode, []):
            digests.add(hashlib.new(algorithm, variant).hexdigest())
    if "content-hash" in modes:
        match = re.search(r"(?m)^content_hash:\s*['\"]?(?:\w+:)?([0-9a-fA-F]+)", text)
        if match:
            digests.add(match.group(1).lower())
    index.memo[key] = digests
    return digests


def _drift(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    settings = context.settings
    if frontmatter is None or frontmatter.error is not None:
        return
    entry = frontmatter.entry(settings.source_hash_key)
    if entry is None or not isinstance(entry.value, str):
        return
    stored = entry.value.strip()
    prefix, _, digest = stored.rpartition(":")
    digest = digest.lower()
    algorithm = prefix.lower() or _HASHES.get(len(digest), "")
    if not re.fullmatch(r"[0-9a-f]+", digest) or algorithm not in hashlib.algorithms_available:
        return  # not a hash (e.g. "synthesis-generated")
    sources = _raw_sources(document, context)
    if not sources:
        return
    for path in sources:
        if digest in _digests(context.index, path, algorithm, settings.source_hash_of):
            return
    named = sources[0] if len(sources) == 1 else ", ".join(sources)
    yield SOURCE_CHANGED.at(
        document,
        entry.value_span,
        f"source changed since the page was written: the stored {settings.source_hash_key} "
        f"({algorithm}) no longer matches {named}; re-read it, update the page, then the hash",
    )


SOURCE_CHANGED = Rule(
    code="WIKI007",
    name="source-changed",
    summary="A page whose stored source hash no longer matches its raw source file.",
    severity=Severity.WARNING,
    default=False,
    why="Ingest tools store a hash of the raw file a page was compiled from and never "
    "compare it: when the source is re-captured or edited, the page silently describes the "
    "old version. The algorithm comes from a prefix (`sha256:`) or the digest length; what "
    "was hashed differs between tools, so a match under any of `source-hash-of` (raw "
    "bytes, text without frontmatter, either stripped, the raw file's own `content_hash`) "
    "counts as unchanged.",
    bad="source_hash: 8068cff7...   (raw file re-fetched since)",
    good="source_hash: 64bae2ab...   (the raw file's current hash)",
    check_note=_drift,
)


# -- WIKI012 duplicate-title --------------------------------------------------------------


def _names(document: Document) -> list[tuple[str, Span | None]]:
    frontmatter = document.frontmatter
    found: list[tuple[str, Span | None]] = []
    if document.title and frontmatter is not None:
        found.append((document.title, frontmatter.value_spans.get("title")))
    for number, alias in enumerate(document.aliases):
        span = frontmatter.value_spans.get(f"aliases.{number}") if frontmatter else None
        found.append((alias, span))
    return found


def _duplicates(index: VaultIndex, context: VaultContext) -> Iterator[Finding]:
    import unicodedata

    owners: dict[str, list[str]] = {}
    pages = content_pages(index, context.settings)
    for document in pages:
        for name, _span in _names(document):
            key = fold(unicodedata.normalize("NFC", name).strip())
            if key and document.path not in owners.setdefault(key, []):
                owners[key].append(document.path)
    for document in pages:
        if document.path not in context.linted:
            continue
        for name, span in _names(document):
            key = fold(unicodedata.normalize("NFC", name).strip())
            others = [path for path in owners.get(key, []) if path != document.path]
            if not others:
                continue
            finding = DUPLICATE_TITLE.at(
                document,
                span or (0, 0),
                f"'{name}' is also the title or an alias of {', '.join(others)}: merge the "
                "pages, or make their names distinct",
            )
            yield finding
            break


DUPLICATE_TITLE = Rule(
    code="WIKI012",
    name="duplicate-title",
    summary="Two pages sharing a title or an alias (case-insensitive).",
    severity=Severity.WARNING,
    scope=Scope.VAULT,
    default=False,
    why="Agents create a second page for an entity they did not find; the two then drift "
    "apart, and `[[Title]]` links reach one of them by chance.",
    bad="entities/openai.md (title: OpenAI)\nentities/open-ai.md (title: OpenAI)",
    good="entities/openai.md (title: OpenAI, aliases: [Open AI])",
    check_vault=_duplicates,
)


# -- WIKI014 contested-page, WIKI015 superseded-by, WIKI016 stale-page -------------------


def _contested(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    markers = {marker.lower() for marker in context.settings.contested_markers}
    if frontmatter is not None and frontmatter.error is None:
        entry = frontmatter.entry("contested")
        if entry is not None and entry.value is True:
            yield CONTESTED.at(
                document,
                entry.key_span,
                "page is flagged contested: resolve the contradiction, or record why it stands",
            )
    for callout in document.callouts:
        if callout.kind in markers:
            yield CONTESTED.at(
                document,
                callout.type_span,
                f"a [!{callout.kind}] callout flags a contradiction: resolve it, or record why "
                "it stands",
            )


CONTESTED = Rule(
    code="WIKI014",
    name="contested-page",
    summary="A page flagged as contested (`contested: true`, a `[!contradiction]` callout).",
    severity=Severity.INFO,
    default=False,
    why="Agents are told to flag contradictions instead of resolving them; the flags are "
    "worth nothing if nobody lists them. Reported as info, so they do not fail a run.",
    bad="> [!contradiction] Source A says 2019, source B says 2021.",
    good="(resolved: the page states 2021, citing B, and says why A is wrong)",
    check_note=_contested,
)


def _superseded(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is not None:
        return
    entry = frontmatter.entry("superseded_by")
    if entry is None or not isinstance(entry.value, str):
        return
    index = context.index
    link = _property_link(document, entry.value_span)
    if link is None:
        yield SUPERSEDED.at(
            document, entry.value_span, 'superseded_by must be a link: write "[[newer-page]]"'
        )
        return
    seen = [document.path]
    current: Document | None = document
    current_link: Link | None = link
    while current is not None and current_link is not None:
        target = index.resolve(current_link, current.path).target
        if target is None:
            return  # LNK001 reports an unresolved link
        if target in seen:
            chain = " -> ".join([*seen, target])
            where = "goes round in a cycle" if target == document.path else "leads into a cycle"
            yield SUPERSEDED.at(document, entry.value_span, f"superseded_by {where}: {chain}")
            break
        seen.append(target)
        current = index.documents.get(target)
        following = (
            current.frontmatter.entry("superseded_by") if current and current.frontmatter else None
        )
        current_link = (
            _property_link(current, following.value_span) if current and following else None
        )
    lifecycle = frontmatter.entry("lifecycle")
    if lifecycle is not None and str(lifecycle.value).strip().casefold() != "archived":
        yield SUPERSEDED.at(
            document,
            lifecycle.value_span,
            f"the page is superseded, but lifecycle is {lifecycle.value!r}: set it to archived",
        )


SUPERSEDED = Rule(
    code="WIKI015",
    name="superseded-by",
    summary="A `superseded_by` that is not a link, forms a cycle, or leaves lifecycle unarchived.",
    severity=Severity.WARNING,
    default=False,
    why="Supersession chains let readers and agents find the current page; a cycle sends "
    "them round forever, and a superseded page still marked active keeps being cited.",
    bad='superseded_by: "[[b]]"   (and b.md: superseded_by: "[[a]]")',
    good='superseded_by: "[[b]]"\nlifecycle: archived',
    check_note=_superseded,
)


def _stale(document: Document, context: NoteContext) -> Iterator[Finding]:
    from vaultlint.dates import parse_iso

    frontmatter = document.frontmatter
    settings = context.settings
    if frontmatter is None or frontmatter.error is not None:
        return
    if not is_content_page(document, context.index, settings):
        return
    entry = frontmatter.entry(settings.updated_key)
    day = parse_iso(entry.value) if entry is not None else None
    if entry is None or day is None:
        return
    age = (dt.date.fromisoformat(context.today) - day).days
    if age > settings.stale_after_days:
        yield STALE.at(
            document,
            entry.value_span,
            f"'{settings.updated_key}' is {day.isoformat()}, {age} days ago (over "
            f"{settings.stale_after_days}): review the page against its sources",
        )


STALE = Rule(
    code="WIKI016",
    name="stale-page",
    summary="A content page not updated for longer than `stale-after-days` (180).",
    severity=Severity.INFO,
    default=False,
    why="Pages age as their subjects move on; a list of the oldest is the review queue. Off "
    "even in the llm-wiki preset: any page becomes stale with time, so a check that is "
    "clean today fails next year without a change. Select it for a periodic review run.",
    bad="updated: 2025-01-10   (today 2026-11-25)",
    good="updated: 2026-11-02",
    check_note=_stale,
)


# -- WIKI017 stub-page, WIKI018 placeholder-section, WIKI019 page-too-long ------------------


def _stub(document: Document, context: NoteContext) -> Iterator[Finding]:
    if document.frontmatter is None or not document.text[document.body_start :].strip():
        return  # no frontmatter, or empty: VLT004
    if not is_content_page(document, context.index, context.settings):
        return
    headings = {heading.span for heading in document.headings}
    prose = [
        block
        for block in document.prose_blocks
        if not any(start <= block[0] < end for start, end in headings)
    ]
    if not prose:
        yield STUB_PAGE.at(
            document,
            (0, 3),
            "page has frontmatter and headings but no prose: write its content, or delete it",
        )


STUB_PAGE = Rule(
    code="WIKI017",
    name="stub-page",
    summary="A content page with frontmatter but no prose (only headings, or only code).",
    severity=Severity.WARNING,
    default=False,
    why="Agents create the skeleton of a page and move on; the page then counts as covered "
    "in the index while it says nothing.",
    bad="---\ntitle: Emergent Abilities\n---\n# Emergent Abilities\n\n## Background\n",
    good="# Emergent Abilities\n\nAbilities that appear only above some model scale.",
    check_note=_stub,
)


def _placeholders(document: Document, context: NoteContext) -> Iterator[Finding]:
    words = {word.casefold() for word in context.settings.placeholders}
    text = document.text
    headings = sorted(heading.span for heading in document.headings)
    for section in document.sections:
        start, end = section.body
        following = [span[0] for span in headings if start <= span[0] < end]
        own = text[start : following[0] if following else end]
        for comment in document.comments:
            own = own.replace(text[comment.span[0] : comment.span[1]], "")
        item = own.strip().lstrip("-*+ ").strip()
        forms = {item.casefold(), item.rstrip(".:").strip().casefold()} - {""}
        if forms & words:
            heading = document.headings[section.heading_index]
            yield PLACEHOLDER.at(
                document,
                (heading.span[0], heading.text_span[1]),
                f"section '{heading.text}' holds only the placeholder {own.strip()!r}: write "
                "it, or remove the section",
            )


PLACEHOLDER = Rule(
    code="WIKI018",
    name="placeholder-section",
    summary="A section whose only content is a placeholder such as TODO, TBD or `...`.",
    severity=Severity.WARNING,
    default=False,
    why="A placeholder makes a section look written to every tool that only checks for "
    "emptiness (SCH002 reports sections with nothing in them).",
    bad="## Background\n\nTODO",
    good="## Background\n\nResearch scientist at OpenAI from 2016 to 2017.",
    check_note=_placeholders,
)


def _too_long(document: Document, context: NoteContext) -> Iterator[Finding]:
    limit = context.settings.max_page_lines
    lines = len(document.text.splitlines())  # as `wc -l` counts a file that ends a line
    if limit > 0 and lines > limit:
        yield TOO_LONG.at(
            document,
            (0, 0),
            f"page has {lines} lines, over max-page-lines ({limit}): split it into pages",
        )


TOO_LONG = Rule(
    code="WIKI019",
    name="page-too-long",
    summary="A page longer than `max-page-lines` (no limit by default).",
    severity=Severity.INFO,
    default=False,
    why="Agents append to pages until they hold several topics; long pages are expensive to "
    "re-read for every update and hard to link precisely.",
    bad="concepts/everything.md   (2,400 lines)",
    good="concepts/attention.md, concepts/transformers.md, ...",
    check_note=_too_long,
)

RULES = [
    SOURCE_ENTRY,
    UNCITED_RAW,
    MISSING_RAW,
    UNDEFINED_FOOTNOTE,
    UNUSED_FOOTNOTE,
    FOOTNOTE_CITES_NOTHING,
    SOURCE_CHANGED,
    DUPLICATE_TITLE,
    CONTESTED,
    SUPERSEDED,
    STALE,
    STUB_PAGE,
    PLACEHOLDER,
    TOO_LONG,
]
