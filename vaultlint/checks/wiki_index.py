"""WIKI: the index and the log an LLM wiki keeps, and unlinked mentions of its pages.

The index rules run on the index file (`index-file`) and compare its entries with every
content page of the vault; the log rule runs on the log file (`log-file`). Unlinked
mentions are found with one word-level trie of every title and alias, walked once over
each note's prose (not one regular expression per title).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

from vaultlint.config import Settings
from vaultlint.document import Document, LinkKind, Span
from vaultlint.index import VaultIndex
from vaultlint.pagetypes import normalize_heading
from vaultlint.resolve import Outcome, fold
from vaultlint.rule import Edit, Finding, Fix, NoteContext, Rule, Severity, findings_of
from vaultlint.wikipages import content_pages, is_content_page, type_of

_SEPARATOR = re.compile(r"^[\s*_]*(?:\u2014|\u2013|--|-|:|\|)?\s*")
_LOG_ENTRY = re.compile(r"\[(?P<date>[^\]]*)\]\s*(?P<operation>[^|]*?)\s*\|\s*(?P<title>.*)")
_WORD = re.compile(r"\w+")


# -- WIKI008-010 the index ----------------------------------------------------------------


@dataclass
class _Entry:
    target: str
    span: Span  # the list item
    summary: str
    shared: bool = False  # a `[[Title]]` several pages share (WIKI012 reports those)


def _content_titles(index: VaultIndex, settings: Settings) -> dict[str, list[str]]:
    """Folded title (spaces collapsed) -> content pages: raw captures often carry the
    title of the page made from them, and must not make an index entry ambiguous."""
    cached = index.memo.get("wiki-content-titles")
    if isinstance(cached, dict):
        return cached
    titles: dict[str, list[str]] = {}
    for page in content_pages(index, settings):
        if page.title:
            titles.setdefault(fold(" ".join(page.title.split())), []).append(page.path)
    index.memo["wiki-content-titles"] = titles
    return titles


def _entries(document: Document, index: VaultIndex, settings: Settings) -> list[_Entry]:
    text = document.text
    found: list[_Entry] = []
    for item in document.list_items:
        links = [
            link
            for link in document.links
            if item.span[0] <= link.span[0] < item.span[1] and link.kind is not LinkKind.PROPERTY
        ]
        if not links:
            continue
        link = links[0]
        shared = False
        titles = _content_titles(index, settings)
        inner = link.raw.strip("![]").replace("\\|", "|")
        whole = titles.get(fold(" ".join(inner.split())), [])
        resolution = index.resolve(link, document.path)
        target = resolution.target if resolution.outcome is Outcome.RESOLVED else None
        if len(whole) == 1 and "|" in inner:
            # `[[Title | subtitle]]` for a page whose title holds a `|`: the bar split the
            # link (a link defect), but the entry is meant for that page.
            target = whole[0]
        elif target is None:
            # `[[Page Title]]` for `page-title.md`: a broken link (LNK001 says so and
            # suggests the fix), but it does list that page.
            titled = titles.get(fold(link.linkpath.strip()), [])
            if not titled:
                continue
            shared = len(titled) > 1
            found.extend(
                _Entry(path, (item.marker_span[0], item.span[1]), "-", shared)
                for path in titled[1:]
            )
            target = titled[0]
        line_end = text.find("\n", link.span[1], item.span[1])
        rest = text[link.span[1] : item.span[1] if line_end < 0 else line_end]
        summary = _SEPARATOR.sub("", rest).strip()
        found.append(_Entry(target, (item.marker_span[0], item.span[1]), summary, shared))
    return found


def _index_findings(document: Document, context: NoteContext) -> Iterator[Finding]:
    settings, index = context.settings, context.index
    if not settings.index_file or document.path != settings.index_file:
        return iter(())
    found: list[Finding] = []
    entries = _entries(document, index, settings)
    listed: dict[str, _Entry] = {}
    for entry in entries:
        first = listed.get(entry.target)
        if first is not None and (first.shared or entry.shared):
            continue
        if first is not None:
            line = document.position(first.span[0]).line
            found.append(
                INDEX_DUPLICATE.at(
                    document,
                    entry.span,
                    f"{entry.target} is listed twice (first on line {line}): keep one entry",
                )
            )
            continue
        listed[entry.target] = entry
        if not entry.summary:
            found.append(
                INDEX_NO_SUMMARY.at(
                    document,
                    entry.span,
                    f"the entry for {entry.target} has no summary: add ` — one line on what "
                    "the page says`",
                )
            )
    for page in content_pages(index, settings):
        if page.path in listed or page.path == document.path:
            continue
        found.append(_missing_entry(document, context, page))
    return iter(found)


def _missing_entry(document: Document, context: NoteContext, page: Document) -> Finding:
    index, settings = context.index, context.settings
    page_type = type_of(page, index, settings)
    offset, heading = _insertion(document, page_type.name if page_type else None)
    value = page.frontmatter.data.get("summary") if page.frontmatter else None
    summary = value.strip() if isinstance(value, str) else ""
    safe = summary != "" and "\n" not in summary
    text = summary if safe else "TODO: one line on what the page says"
    link_path = index.link_text(page.path, document.path)
    if index.link_style.markdown:
        link = f"[{page.title or link_path}]({quote(link_path)}.md)"
    else:
        link = f"[[{link_path}]]"
    eol = document.source.line_break
    before = document.text[:offset]
    if offset == 0 or before.endswith(("\n", "\r")):
        entry = f"- {link} — {text}{eol}"
    else:  # after a last line without a line break: each entry brings its own
        entry = f"{eol}- {link} — {text}"
    edit = Edit((offset, offset), entry)
    where = f"under `{heading}`" if heading else "at its end"
    return INDEX_MISSING.at(
        document,
        _anchor(document, offset),
        f"{page.path} is not in the index: add `- {link} — summary` {where}",
        Fix.SAFE if safe else Fix.UNSAFE,
        (edit,),
    )


def _anchor(document: Document, offset: int) -> Span:
    text = document.text
    end = min(offset, len(text))
    start = max(text.rfind("\n", 0, max(end - 1, 0)) + 1, 0)
    return start, max(start, end - 1)


def _insertion(document: Document, type_name: str | None) -> tuple[int, str | None]:
    """After the last non-blank line under the heading for the page's type (Entities for
    entity, Syntheses for synthesis), else at the end of the index."""
    text = document.text
    if type_name:
        names = _plurals(type_name)
        for section in document.sections:
            heading = document.headings[section.heading_index]
            if normalize_heading(heading.text) in names:
                start, end = section.body
                for other in document.headings:  # its own entries end at a subheading
                    if start <= other.span[0] < end:
                        end = other.span[0]
                        break
                body = text[start:end].rstrip()
                return start + len(body) + _eol_after(text, start + len(body)), heading.text
    body = text.rstrip()
    return len(body) + _eol_after(text, len(body)), None


def _eol_after(text: str, offset: int) -> int:
    for eol in ("\r\n", "\n", "\r"):
        if text.startswith(eol, offset):
            return len(eol)
    return 0


def _plurals(name: str) -> set[str]:
    name = name.casefold()
    forms = {name, name + "s", name + "es"}
    if name.endswith("y"):
        forms.add(name[:-1] + "ies")
    if name.endswith("is"):
        forms.add(name[:-2] + "es")
    return forms


INDEX_MISSING = Rule(
    code="WIKI008",
    name="index-missing-page",
    summary="A content page that the index (`index-file`) does not list.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    fix_changes=frozenset({"links"}),
    default=False,
    why="Agents find pages through the index; a page missing from it is written again "
    "under another name. The fix adds the entry under the heading for the page's type, in "
    "the vault's link style, with the page's `summary`; without one it writes a marked "
    "placeholder and the fix is unsafe.",
    bad="## Concepts\n\n- [[leverage]] — what multiplies decisions",
    good="## Concepts\n\n- [[leverage]] — what multiplies decisions\n"
    "- [[judgment]] — choosing the right direction",
    check_note=findings_of("WIKI008", _index_findings, "wiki-index"),
)

INDEX_DUPLICATE = Rule(
    code="WIKI009",
    name="index-duplicate-entry",
    summary="A page listed twice in the index.",
    severity=Severity.WARNING,
    default=False,
    why="Two entries for one page drift apart: one summary gets updated, the other not.",
    bad="- [[leverage]] — forms of leverage\n- [[leverage]] — labour, capital, code",
    good="- [[leverage]] — labour, capital, code and media",
    check_note=findings_of("WIKI009", _index_findings, "wiki-index"),
)

INDEX_NO_SUMMARY = Rule(
    code="WIKI010",
    name="index-entry-without-summary",
    summary="An index entry that is a bare link, with no one-line summary.",
    severity=Severity.INFO,
    default=False,
    why="The index is read to decide which page to open; a bare link says nothing about the page.",
    bad="- [[leverage]]",
    good="- [[leverage]] — what multiplies one person's decisions",
    check_note=findings_of("WIKI010", _index_findings, "wiki-index"),
)


# -- WIKI011 log-entry -------------------------------------------------------------------


def _log(document: Document, context: NoteContext) -> Iterator[Finding]:
    settings = context.settings
    if not settings.log_file or document.path != settings.log_file:
        return
    operations = {operation.casefold() for operation in settings.log_operations}
    today = dt.date.fromisoformat(context.today)
    previous: dt.date | None = None
    for heading in document.headings:
        if heading.level != 2 or not heading.top_level:
            continue
        span = (heading.span[0], heading.text_span[1])
        match = _LOG_ENTRY.fullmatch(heading.text.strip())
        if match is None:
            yield LOG_ENTRY.at(
                document,
                span,
                f"log entry '{heading.text}' is not in the form `## [YYYY-MM-DD] operation | "
                "title`",
            )
            continue
        written = match["date"].strip()
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
                raise ValueError
            day = dt.date.fromisoformat(written)
        except ValueError:
            yield LOG_ENTRY.at(
                document, span, f"log entry date '{written}' is not a date: YYYY-MM-DD"
            )
            continue
        if day > today:
            yield LOG_ENTRY.at(
                document, span, f"log entry dated {written}, after today ({context.today})"
            )
        if not match["title"].strip():
            yield LOG_ENTRY.at(document, span, "log entry has no title after `|`")
        if previous is not None and day < previous:
            yield LOG_ENTRY.at(
                document,
                span,
                f"log entry dated {written} comes after one dated {previous.isoformat()}: the "
                "log is append-only, in date order",
            )
        if day <= today:  # a future entry is reported once, not against every later one
            previous = max(day, previous) if previous else day
        operation = match["operation"].strip()
        if operation.casefold() not in operations:
            yield LOG_ENTRY.at(
                document,
                span,
                f"log operation '{operation}' is not one of {', '.join(settings.log_operations)}"
                " (log-operations)",
            )


LOG_ENTRY = Rule(
    code="WIKI011",
    name="log-entry",
    summary="A log.md entry not in the `## [YYYY-MM-DD] operation | title` form, with a "
    "bad, future or out-of-order date, or an unknown operation.",
    severity=Severity.WARNING,
    default=False,
    why="The log is how the next agent learns what was done; tools parse its headings "
    "(`grep '^## \\['`). Entries must be in date order and never in the future.",
    bad="## 2026-02-10 Ingested Descartes",
    good="## [2026-02-10] ingest | Descartes, Meditations on First Philosophy",
    check_note=_log,
)


# -- WIKI013 unlinked-mention ------------------------------------------------------------


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    targets: set[str] = field(default_factory=set)


def _trie(index: VaultIndex, context: NoteContext) -> _Node:
    """One trie of the words of every content page's title and aliases."""
    cached = index.memo.get("wiki-mention-trie")
    if isinstance(cached, _Node):
        return cached
    root = _Node()
    minimum = context.settings.mention_min_length
    for page in content_pages(index, context.settings):
        names = [page.title] if page.title else []
        names += page.aliases
        for name in names:
            if name is None or len(name.strip()) < minimum:
                continue
            words = _WORD.findall(unicodedata.normalize("NFC", name).casefold())
            if not words:
                continue
            node = root
            for word in words:
                node = node.children.setdefault(word, _Node())
            node.targets.add(page.path)
    index.memo["wiki-mention-trie"] = root
    return root


def _mentions(document: Document, context: NoteContext) -> Iterator[Finding]:
    index, settings = context.index, context.settings
    if not is_content_page(document, index, settings):
        return
    trie = _trie(index, context)
    if not trie.children:
        return
    linked = {
        resolution.target
        for link in document.links
        if (resolution := index.resolve(link, document.path)).target is not None
    }
    text = document.text
    skip = sorted(
        [link.span for link in document.links]
        + document.code_spans
        + [comment.span for comment in document.comments]
        + [heading.span for heading in document.headings]
    )
    reported: set[str] = set()
    headings = [heading.span for heading in document.headings]
    for block in document.prose_blocks:
        if any(start <= block[0] < end for start, end in headings):
            continue
        words = [
            match
            for match in _WORD.finditer(text, block[0], block[1])
            if not any(start <= match.start() < end for start, end in skip)
        ]
        folded = [unicodedata.normalize("NFC", match.group()).casefold() for match in words]
        position = 0
        while position < len(words):
            node, best, best_end = trie, None, position
            cursor = position
            while cursor < len(words) and folded[cursor] in node.children:
                gap = (
                    text[words[cursor - 1].end() : words[cursor].start()]
                    if cursor > position
                    else " "
                )
                if gap.strip(" \t") and gap not in _NAME_JOINERS:
                    break  # "San [[x]] Francisco", "node, js": not one name
                node = node.children[folded[cursor]]
                cursor += 1
                if node.targets:
                    best, best_end = node.targets, cursor
            if best is None:
                position += 1
                continue
            targets = best - {document.path}
            span = (words[position].start(), words[best_end - 1].end())
            if _embedded(text, span):
                position = best_end
                continue
            if len(targets) == 1 and document.path not in best:  # not its own name
                (target,) = targets
                if target not in linked and target not in reported:
                    reported.add(target)
                    yield _mention(document, context, target, span)
            position = best_end


# What may stand between the words of one name as the title writes them ("Node.js",
# "Mind-Body Dualism", "Naval: How to Get Rich"): punctuation the title itself has.
_NAME_JOINERS = frozenset({".", "-", "'", "\u2019", ": ", ". ", "/", "&", " & ", "_"})


def _embedded(text: str, span: Span) -> bool:
    """Part of a URL, an e-mail address, a tag, a footnote label or an identifier."""
    before = text[span[0] - 1] if span[0] > 0 else " "
    after = text[span[1] : span[1] + 2]
    if before in "/@#^[._-\\" or after[:1] in "@/_" or (after[:1] == "-" and after[1:2].isalnum()):
        return True
    if after[:1] == "." and after[1:2].isalnum():
        return True  # openai.com
    line_start = text.rfind("\n", 0, span[0]) + 1
    return bool(re.search(r"(?:https?://|www\.)\S*$", text[line_start : span[0]]))


def _mention(document: Document, context: NoteContext, target: str, span: Span) -> Finding:
    index = context.index
    written = document.text[span[0] : span[1]]
    path = index.link_text(target, document.path)
    if index.link_style.markdown:
        replacement = f"[{written}]({quote(path)}.md)"
    else:
        name = path.rsplit("/", 1)[-1]
        replacement = f"[[{path}]]" if name == written else f"[[{path}|{written}]]"
    line_start = document.text.rfind("\n", 0, span[0]) + 1
    in_table = any(start <= span[0] < end for start, end in document.tables) or (
        document.text[line_start : span[0]].lstrip().startswith("|")
    )
    edits = () if in_table else (Edit(span, replacement),)
    return UNLINKED_MENTION.at(
        document,
        span,
        f"'{written}' names the page {target}, which this page never links: write {replacement}",
        Fix.UNSAFE,
        edits,
    )


UNLINKED_MENTION = Rule(
    code="WIKI013",
    name="unlinked-mention",
    summary="A page's prose names another page (its title or an alias) without linking it.",
    severity=Severity.INFO,
    fix=Fix.UNSAFE,
    fix_changes=frozenset({"links"}),
    default=False,
    why="Missing cross-references are the most common gap users ask an LLM to find; the "
    "exact cases are decidable. One finding per target page, at the first mention; titles "
    "shorter than `mention-min-length` are skipped; the fix is unsafe because a word can "
    "name two things.",
    bad="Co-founded AngelList (2010).   (entities/angellist.md exists)",
    good="Co-founded [[angellist|AngelList]] (2010).",
    check_note=_mentions,
)

RULES = [INDEX_MISSING, INDEX_DUPLICATE, INDEX_NO_SUMMARY, LOG_ENTRY, UNLINKED_MENTION]
