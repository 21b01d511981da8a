"""LNK: links, resolved exactly as Obsidian resolves them (see `vaultlint.resolve`).

Per-note rules check each link of a note; vault-wide rules look at the link graph (orphans,
dead ends, unused attachments, paths that collide by case).
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import quote

from vaultlint import anchors
from vaultlint.config import Settings
from vaultlint.document import Document, Link, LinkKind
from vaultlint.index import VaultIndex
from vaultlint.resolve import Outcome, fold
from vaultlint.rule import Edit, Finding, Fix, NoteContext, Rule, Scope, Severity, VaultContext

_NOT_ATTACHMENTS = frozenset({"vaultlint.toml", ".vaultlint.toml", "pyproject.toml"})
# Notes that are entry points or instructions, not pages: nobody needs to link to them.
ORPHAN_EXEMPT_NAMES = frozenset({"index.md", "log.md", "readme.md", "agents.md", "claude.md"})
_SPACING = re.compile(r"[\s_\-]+")


def _is_note(path: str) -> bool:
    return path.lower().endswith(".md")


# -- LNK001 unresolved-link ----------------------------------------------------------------


def _unresolved(document: Document, context: NoteContext) -> Iterator[Finding]:
    index = context.index
    for link in document.links:
        if link.is_external:
            continue
        resolution = index.resolve(link, document.path)
        if resolution.outcome is not Outcome.UNRESOLVED:
            continue
        hint, edits = _suggest(link, document, index, context)
        kind = "embed" if link.is_embed else "link"
        if "/" in link.linkpath and index.resolver.candidates(_expected_name(link.linkpath)):
            message = f"unresolved {kind} {link.raw}: the path does not lead to it; {hint}"
        else:
            message = f"unresolved {kind} {link.raw}: no note or file in the vault is "
            message += f"named '{_expected_name(link.linkpath)}'; {hint}"
        yield UNRESOLVED_LINK.at(document, link.span, message, Fix.UNSAFE, edits)


def _expected_name(linkpath: str) -> str:
    name = linkpath.rsplit("/", 1)[-1]
    return name if "." in name else name + ".md"


def _suggest(
    link: Link, document: Document, index: VaultIndex, context: NoteContext
) -> tuple[str, tuple[Edit, ...]]:
    """A hint that says what to do, and (for a unique title or alias) the edits of the fix."""
    if link.linkpath.endswith("/"):
        return "a folder cannot be a link target: link a note inside it", ()
    elsewhere = index.resolver.candidates(_expected_name(link.linkpath))
    if elsewhere and "/" in link.linkpath:
        stem = elsewhere[0][:-3] if _is_note(elsewhere[0]) else elsewhere[0]
        return (
            f"a file of that name exists at {', '.join(sorted(elsewhere))}, which this path "
            f"does not reach: write [[{stem}]]",
            (),
        )
    written = _written_whole(link)
    for text in dict.fromkeys([written, link.linkpath.strip()]):
        if not text:
            continue
        wanted = fold(text)
        titled = set(index.titles.get(wanted, ()))
        matches = sorted(titled | set(index.aliases.get(wanted, ())))
        if len(matches) == 1:
            target = matches[0]
            display = text if text == written and link.display is not None else None
            replacement = _link_to(
                index,
                target,
                document.path,
                link,
                display,
                in_table=_in_table_row(document, link.span[0]),
            )
            source = "title" if target in titled else "alias"
            hint = (
                f"'{text}' is the {source} of {target}, but Obsidian links by file name: "
                f"write {replacement}"
            )
            if link.kind is LinkKind.PROPERTY:
                return hint, ()
            return hint, (Edit(link.span, replacement),)
        if len(matches) > 1:
            paths = ", ".join(matches)
            example = matches[0][:-3] if _is_note(matches[0]) else matches[0]
            return (
                f"'{text}' is the title or alias of {paths}: link the one meant by its path, "
                f"e.g. [[{example}|{text}]]",
                (),
            )
    spaced = _same_name_other_spacing(index, link.linkpath)
    if spaced:
        return f"a note with the same name spelled differently exists: did you mean {spaced}?", ()
    renamed = index.renames.get(fold(_expected_name(link.linkpath)))
    if renamed is not None and renamed in index.all_notes:
        stem = renamed[:-3] if renamed.endswith(".md") else renamed
        return (
            f"git history shows '{_expected_name(link.linkpath)}' was renamed to {renamed}: "
            f"link [[{stem.rsplit('/', 1)[-1]}]]",
            (),
        )
    close = _close_stem(index, fold(link.linkpath.rsplit("/", 1)[-1]))
    if close:
        return (
            f"create the note, or fix the link (a similar name exists: {_stems(index)[close[0]]})",
            (),
        )
    return "create the note, or fix the link", ()


def _close_stem(index: VaultIndex, name: str) -> list[str]:
    """difflib's nearest file name, memoised: the same broken target recurs in many notes."""
    memo = index.memo.setdefault("lnk-close-stems", {})
    assert isinstance(memo, dict)
    if name not in memo:
        memo[name] = difflib.get_close_matches(name, list(_stems(index)), n=1, cutoff=0.85)
    found: list[str] = memo[name]
    return found


def _written_whole(link: Link) -> str:
    """A wikilink's whole inner text: `[[A | B]]` may be a title that contains a '|'."""
    if link.kind is not LinkKind.WIKILINK:
        return link.linkpath.strip()
    inner = link.raw[link.raw.index("[[") + 2 : -2]
    return inner.replace("\\|", "|").strip()


def _stems(index: VaultIndex) -> dict[str, str]:
    """Folded note name -> path, built once per run (suggestions run per broken link)."""
    cached = index.memo.get("stems")
    if cached is None:
        cached = {fold(path.rsplit("/", 1)[-1][:-3]): path for path in index.all_notes}
        index.memo["stems"] = cached
    return cached  # type: ignore[return-value]


def _spacing_keys(index: VaultIndex) -> dict[str, list[str]]:
    """Note name without case, spaces, hyphens or underscores -> paths (built once)."""
    cached = index.memo.get("spacing")
    if cached is None:
        found: dict[str, list[str]] = defaultdict(list)
        for path in sorted(index.all_notes):
            found[_SPACING.sub("", fold(path.rsplit("/", 1)[-1][:-3]))].append(path)
        cached = index.memo["spacing"] = found
    return cached  # type: ignore[return-value]


def _same_name_other_spacing(index: VaultIndex, linkpath: str) -> str | None:
    key = _SPACING.sub("", fold(linkpath.rsplit("/", 1)[-1]))
    if not key:
        return None
    matches = _spacing_keys(index).get(key, [])
    if len(matches) == 1:
        stem = matches[0].rsplit("/", 1)[-1][:-3]
        return f"[[{stem}]] ({matches[0]})"
    return None


def _link_to(
    index: VaultIndex,
    target: str,
    source: str,
    link: Link,
    display: str | None = None,
    *,
    in_table: bool = False,
) -> str:
    """A link to `target` keeping what the user wrote (display text, subpath, embed), in
    the vault's link style; a wikilink in a table escapes its `|`."""
    if display is None:
        if link.kind is LinkKind.MARKDOWN:
            display = link.raw[link.raw.index("[") + 1 : link.raw.rindex("](")]
        else:
            display = link.display if link.display is not None else link.linkpath.strip()
    path = index.link_text(target, source)
    bang = "!" if link.is_embed else ""
    if index.link_style.markdown:
        destination = quote(f"{path}.md{link.subpath}", safe="/#^")
        return f"{bang}[{display}]({destination})"
    bar = "\\|" if in_table else "|"
    return f"{bang}[[{path}{link.subpath}{bar}{display}]]"


def _in_table_row(document: Document, offset: int) -> bool:
    text = document.text
    line_start = text.rfind("\n", 0, offset) + 1
    return text[line_start:offset].lstrip().startswith("|")


UNRESOLVED_LINK = Rule(
    code="LNK001",
    name="unresolved-link",
    summary="A link, embed, Markdown link or property link whose target does not resolve.",
    severity=Severity.ERROR,
    fix=Fix.UNSAFE,
    why="Obsidian shows the link as unresolved; readers and agents following it find "
    "nothing. Resolution follows Obsidian exactly: by file name, case-insensitive, `.md` "
    "optional, root file first, then the linking note's folder, then the shortest path. "
    "Aliases and titles never resolve a link: when exactly one note has the written text as "
    "its title or alias, the unsafe fix rewrites the link to that note's file name.",
    fix_changes=frozenset({"links", "headings"}),  # a link may stand in a heading
    bad="See [[Andrej Karpathy]].   (the file is entities/andrej-karpathy.md)",
    good="See [[andrej-karpathy|Andrej Karpathy]].",
    check_note=_unresolved,
)


# -- LNK002 ambiguous-link -----------------------------------------------------------------


def _ambiguous(document: Document, context: NoteContext) -> Iterator[Finding]:
    for link in document.links:
        if link.is_external:
            continue
        resolution = context.index.resolve(link, document.path)
        if resolution.outcome is Outcome.AMBIGUOUS:
            tied = " and ".join(resolution.tied)
            example = (
                resolution.tied[0][:-3] if _is_note(resolution.tied[0]) else resolution.tied[0]
            )
            yield AMBIGUOUS_LINK.at(
                document,
                link.span,
                f"ambiguous link {link.raw}: {tied} tie (same name, same path length) and "
                f"Obsidian picks one by its internal file order; write the path, e.g. "
                f"[[{example}]]",
            )


AMBIGUOUS_LINK = Rule(
    code="LNK002",
    name="ambiguous-link",
    summary="A link that two or more files reach equally well; Obsidian's pick is arbitrary.",
    severity=Severity.WARNING,
    why="When several files share a name and none is at the vault root, in the linking "
    "note's folder, or on a strictly shorter path, Obsidian takes the first in its internal "
    "file order, which can change. The link may silently point at the wrong note.",
    bad="[[Dup]]   (p/Dup.md and q/Dup.md exist)",
    good="[[p/Dup]]",
    check_note=_ambiguous,
)


# -- LNK003 missing-heading, LNK004 missing-block ------------------------------------------


def _anchor_target(link: Link, document: Document, index: VaultIndex) -> Document | None:
    """The note whose anchors the link's subpath names, if it is a parsed Markdown note."""
    if not link.subpath.strip("#^ ") or link.is_external or link.subpath.startswith("#[^"):
        return None  # no anchor ('[[note#]]'), or a footnote
    resolution = index.resolve(link, document.path)
    if resolution.outcome is not Outcome.RESOLVED or resolution.target is None:
        return None
    if not _is_note(resolution.target):
        return None  # PDF pages, canvas views, CSS hooks: not headings
    return index.documents.get(resolution.target)


def _missing_heading(document: Document, context: NoteContext) -> Iterator[Finding]:
    for link in document.links:
        target = _anchor_target(link, document, context.index)
        if target is None or link.is_block_ref:
            continue
        if anchors.find_heading(target, link.subpath) is not None:
            continue
        headings = [h.text for h in target.anchor_headings]
        wanted = link.subpath.rsplit("#", 1)[-1]
        close = difflib.get_close_matches(wanted, headings, n=1, cutoff=0.6)
        if close:
            anchor = quote(close[0]) if link.kind is LinkKind.MARKDOWN else close[0]
            hint = f"did you mean #{anchor}?"
        elif headings:
            more = f" and {len(headings) - 8} more" if len(headings) > 8 else ""
            hint = f"its headings are: {', '.join(headings[:8])}{more}"
        else:
            hint = "it has no headings"
        yield MISSING_HEADING.at(
            document,
            link.span,
            f"{link.raw}: {target.path} has no heading matching '{link.subpath}'; {hint}",
        )


MISSING_HEADING = Rule(
    code="LNK003",
    name="missing-heading",
    summary="A link to a heading that the target note does not have.",
    severity=Severity.WARNING,
    why="Obsidian opens the note at its top and says nothing; an embed shows "
    "'unable to find section'. Headings are matched as Obsidian matches them: punctuation "
    "stripped, case ignored, nested `#A#B` walking deeper headings, the first duplicate first.",
    bad="[[leverage#Nonexistent Heading]]",
    good="[[leverage#Kinds of leverage]]",
    check_note=_missing_heading,
)


def _missing_block(document: Document, context: NoteContext) -> Iterator[Finding]:
    for link in document.links:
        target = _anchor_target(link, document, context.index)
        if target is None or not link.is_block_ref:
            continue
        block_id = link.subpath[2:]
        if anchors.has_block(target, block_id):
            continue
        yield MISSING_BLOCK.at(
            document,
            link.span,
            f"{link.raw}: {target.path} has no block '^{block_id}'; add ' ^{block_id}' at "
            "the end of the paragraph or list item meant, or fix the link",
        )


MISSING_BLOCK = Rule(
    code="LNK004",
    name="missing-block",
    summary="A link to a block id (`#^id`) that the target note does not define.",
    severity=Severity.WARNING,
    why="Block references break silently when the `^id` marker is edited away. Ids are "
    "ASCII letters, digits and dashes; matching ignores case.",
    bad="[[notes#^key-claim]]   (no '^key-claim' in notes.md)",
    good="[[notes#^key-claim]]   (notes.md: 'The claim. ^key-claim')",
    check_note=_missing_block,
)


# -- LNK005 link-case-mismatch -------------------------------------------------------------


def _case_mismatch(document: Document, context: NoteContext) -> Iterator[Finding]:
    for link in document.links:
        if link.is_external or not link.linkpath:
            continue
        resolution = context.index.resolve(link, document.path)
        if resolution.outcome is not Outcome.RESOLVED or resolution.target is None:
            continue
        corrected = _cased_like(link.linkpath, resolution.target)
        if corrected is None or corrected == link.linkpath:
            continue
        edits: tuple[Edit, ...] = ()
        target_part = link.raw.split("|", 1)[0] if link.kind is LinkKind.WIKILINK else link.raw
        where = target_part.find(link.linkpath)
        if where >= 0 and link.kind is LinkKind.WIKILINK:
            start = link.span[0] + where
            edits = (Edit((start, start + len(link.linkpath)), corrected),)
        yield LINK_CASE_MISMATCH.at(
            document,
            link.span,
            f"{link.raw} differs in case from the file {resolution.target}: write "
            f"'{corrected}' so the link also works where paths are case-sensitive",
            Fix.SAFE,
            edits,
        )


def _cased_like(linkpath: str, target: str) -> str | None:
    """The written linkpath with each named segment spelled as in the target's path."""
    written = linkpath.split("/")
    has_extension = "." in written[-1] and fold(target).endswith(fold(written[-1]))
    actual = (target if has_extension else target.rsplit(".", 1)[0]).split("/")
    named = [part for part in written if part not in ("", ".", "..")]
    if len(named) > len(actual):
        return None
    tail = iter(actual[len(actual) - len(named) :])
    result = [part if part in ("", ".", "..") else next(tail) for part in written]
    if [fold(part) for part in result] != [fold(part) for part in written]:
        return None
    return "/".join(result)


LINK_CASE_MISMATCH = Rule(
    code="LNK005",
    name="link-case-mismatch",
    summary="A link that resolves only because Obsidian ignores case.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    fix_changes=frozenset({"links", "headings", "frontmatter"}),  # links in headings, properties
    default=False,
    why="Obsidian matches names case-insensitively, but publishers such as Quartz, static "
    "site generators and case-sensitive file systems do not. Off by default: many vaults, "
    "Obsidian's own help vault among them, rely on case-insensitive links.",
    bad="[[andrej karpathy]]   (the file is Andrej Karpathy.md)",
    good="[[Andrej Karpathy]]",
    check_note=_case_mismatch,
)


# -- vault-wide rules ----------------------------------------------------------------------


def _case_collisions(index: VaultIndex, context: VaultContext) -> Iterator[Finding]:
    groups: dict[str, list[str]] = defaultdict(list)
    for path in [*index.all_notes, *index.attachments]:
        groups[fold(path)].append(path)
    for paths in groups.values():
        if len(paths) < 2:
            continue
        for path in sorted(paths):
            others = ", ".join(p for p in sorted(paths) if p != path)
            yield PATH_CASE_COLLISION.on_file(
                path,
                f"path differs only in case from {others}: a clone on macOS or Windows keeps "
                "only one of them; rename or merge them",
            )


PATH_CASE_COLLISION = Rule(
    code="LNK006",
    name="path-case-collision",
    summary="Two files whose paths differ only in case.",
    severity=Severity.ERROR,
    scope=Scope.VAULT,
    why="Case-insensitive file systems (macOS, Windows) cannot hold both: a clone silently "
    "loses one, and links to either become ambiguous.",
    bad="notes/Leverage.md and notes/leverage.md",
    good="notes/leverage.md",
    check_vault=_case_collisions,
)


def orphan_exempt(path: str, settings: Settings) -> bool:
    """Entry points, instructions and raw sources need no inbound link."""
    name = path.rsplit("/", 1)[-1].lower()
    raw = settings.raw_folder.strip("/")
    return (
        name in ORPHAN_EXEMPT_NAMES
        or (bool(raw) and (path == raw or path.startswith(raw + "/")))
        or any(fnmatch.fnmatch(path, pattern) for pattern in settings.orphan_exempt)
    )


def _orphans(index: VaultIndex, context: VaultContext) -> Iterator[Finding]:
    inbound = index.graph.inbound
    for path in sorted(index.documents):
        if (
            path in context.linted
            and not inbound.get(path)
            and not orphan_exempt(path, context.settings)
        ):
            yield ORPHAN_NOTE.on_file(
                path,
                "no other note links to this note (links, embeds and property links "
                "counted): link it from a related page or the index",
            )


ORPHAN_NOTE = Rule(
    code="LNK007",
    name="orphan-note",
    summary="A note that no other note links to.",
    severity=Severity.WARNING,
    scope=Scope.VAULT,
    default=False,
    why="A page nobody links to is found only by search; in an LLM wiki it is usually a "
    "page the agent wrote and forgot to connect. Exempt: index.md, log.md, README.md, "
    "AGENTS.md, CLAUDE.md, the raw-sources folder (`raw-folder`), templates, and notes "
    "matching `orphan-exempt` globs.",
    bad="concepts/attention.md   (no [[attention]] anywhere)",
    good="index.md: - [[attention]] — how transformers weigh context",
    check_vault=_orphans,
)


def _dead_ends(index: VaultIndex, context: VaultContext) -> Iterator[Finding]:
    for path in sorted(index.documents):
        if path not in context.linted or orphan_exempt(path, context.settings):
            continue
        outbound = index.graph.outbound.get(path, [])
        if not any(item.resolution.target != path for item in outbound):
            yield DEAD_END_NOTE.on_file(
                path, "note links to no other note: add links to related pages"
            )


DEAD_END_NOTE = Rule(
    code="LNK008",
    name="dead-end-note",
    summary="A note with no outbound internal link.",
    severity=Severity.INFO,
    scope=Scope.VAULT,
    default=False,
    why="A page that links nowhere ends every path through the wiki; its concepts are not "
    "connected to the rest.",
    bad="A page about attention with no links.",
    good="Attention is the core of [[transformer-architecture]].",
    check_vault=_dead_ends,
)


def _unused_attachments(index: VaultIndex, context: VaultContext) -> Iterator[Finding]:
    used = set(index.graph.inbound)
    for path in index.attachments:
        name = path.rsplit("/", 1)[-1].lower()
        if name in _NOT_ATTACHMENTS or name.endswith((".canvas", ".base")):
            continue  # configuration, and Obsidian's own formats (they link to notes)
        if path in context.linted and path not in used:
            yield UNUSED_ATTACHMENT.on_file(
                path,
                "no note links to or embeds this file: embed it where it belongs, or delete it",
            )


UNUSED_ATTACHMENT = Rule(
    code="LNK009",
    name="unused-attachment",
    summary="A file other than a note that no note links to or embeds.",
    severity=Severity.INFO,
    scope=Scope.VAULT,
    default=False,
    why="Unused images and PDFs bloat the vault and its git history.",
    bad="img/old-diagram.png   (embedded nowhere)",
    good="![[old-diagram.png]] in the note it illustrates, or the file deleted",
    check_vault=_unused_attachments,
)

RULES = [
    UNRESOLVED_LINK,
    AMBIGUOUS_LINK,
    MISSING_HEADING,
    MISSING_BLOCK,
    LINK_CASE_MISMATCH,
    PATH_CASE_COLLISION,
    ORPHAN_NOTE,
    DEAD_END_NOTE,
    UNUSED_ATTACHMENT,
]
