"""SCH: every page against the schema of its page type.

A note's page type comes from its `type:` property (the key is configurable) or from path
globs (see `vaultlint.pagetypes`). The type says which sections the page has, in which
order, what their list items hold, and which frontmatter fields it carries; the fields are
validated by a pydantic model compiled once per type (see `vaultlint.fields`). Obsidian's
own property types in `.obsidian/types.json` are checked for every note, typed or not.

One finding per defect: whether a link resolves is LNK001's, an empty note is VLT004's,
broken YAML is VLT003's, heading levels are FMT005's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vaultlint.citations import Citation, citations_in
from vaultlint.document import Document, ListItem, Span
from vaultlint.fields import (
    Problem,
    Validator,
    disagrees,
    expected,
    obsidian_validator,
    page_type_validator,
    read_obsidian_types,
)
from vaultlint.pagetypes import PageType, SectionSpec, TypeChoice, choose_type, page_types
from vaultlint.rule import Edit, Finding, Fix, NoteContext, Rule, Severity, findings_of
from vaultlint.sections import (
    PageSection,
    SectionMatch,
    insertion_point,
    match_sections,
    out_of_order,
    section_is_empty,
)

_ONE_KIND = {
    "source": "a source page (`- [[source-page]]`)",
    "raw": "a raw file",
    "url": "a URL",
    "page": "a wiki page",
}
_KIND_WORDS = {"source": "source pages", "raw": "raw files", "url": "URLs", "page": "wiki pages"}


@dataclass
class _Page:
    """What the SCH rules share about one note, computed once."""

    choice: TypeChoice
    match: SectionMatch | None
    types: dict[str, Any]

    @property
    def page_type(self) -> PageType | None:
        return self.choice.page_type


def _page(document: Document, context: NoteContext) -> _Page:
    cached = document.memo.get("sch")
    if isinstance(cached, _Page):
        return cached
    types = page_types(context.settings, context.index.memo)
    choice = choose_type(document, types, context.settings.type_key)
    match = None
    # An empty note is VLT004's finding, not a page missing every section.
    if choice.page_type is not None and document.visible_body.strip():
        match = match_sections(document, choice.page_type)
    page = _Page(choice, match, types)
    document.memo["sch"] = page
    return page


def _shown_heading(spec: SectionSpec, match: SectionMatch) -> str:
    level = spec.level or match.level or 2
    return f"`{'#' * level} {spec.heading}`"


# --- sections ------------------------------------------------------------------------------


def _missing_section(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    if page.match is None or page.page_type is None:
        return
    match, page_type = page.match, page.page_type
    for spec in match.missing:
        offset, after, before = insertion_point(document, match, page_type, spec)
        heading = _shown_heading(spec, match)
        if after is not None:
            where, anchor = f"after {_shown_heading(after, match)}", match.found[after.heading]
        elif before is not None:
            where, anchor = f"before {_shown_heading(before, match)}", match.found[before.heading]
        else:
            where, anchor = "at the end of the note", None
        span = (
            (anchor.heading.span[0], anchor.heading.text_span[1])
            if anchor
            else _last_line(document)
        )
        edits: tuple[Edit, ...] = ()
        if not _hidden(document, offset):
            edits = (Edit((offset, offset), _stub(document, offset, heading.strip("`"))),)
        yield MISSING_SECTION.at(
            document,
            span,
            f"missing section {heading}, required on {page_type.name} pages: add it {where}",
            Fix.UNSAFE,
            edits,
        )


def _hidden(document: Document, offset: int) -> bool:
    """Whether text inserted at `offset` would land in a comment or code (an unclosed `%%`
    or code fence runs to the end of the note): a heading there would not be one."""
    spans = [*document.code_spans, *(comment.span for comment in document.comments)]
    return any(start < offset <= end for start, end in spans)


def _last_line(document: Document) -> Span:
    """The note's last line with text: where a section added at the end goes after."""
    text = document.text.rstrip()
    start = max(text.rfind("\n"), text.rfind("\r"), document.body_start - 1) + 1
    return start, max(start, len(text))


def _stub(document: Document, offset: int, heading: str) -> str:
    """The heading line to insert at `offset`, with a blank line on either side."""
    text = document.text
    eol = document.source.line_break
    before = text[:offset]
    if offset == 0 or before.endswith(eol + eol):
        prefix = ""
    elif before.endswith(eol):
        prefix = eol
    else:
        prefix = eol + eol
    suffix = eol + eol if offset < len(text) else eol
    return f"{prefix}{heading}{suffix}"


MISSING_SECTION = Rule(
    code="SCH001",
    name="missing-section",
    summary="A section the page type requires is not on the page.",
    severity=Severity.ERROR,
    fix=Fix.UNSAFE,
    fix_changes=frozenset({"headings"}),
    why="Readers and agents rely on every page of a type having the same sections: a "
    "person page without `## Sources` cannot be traced back to what it was compiled from. "
    "The fix inserts an empty heading at the required place (unsafe: the section still "
    "needs content).",
    bad="# Andrej Karpathy\n\n## Background\n\nResearcher.\n\n## Connections\n\n"
    "- [[leverage]] — framing",
    good="# Andrej Karpathy\n\n## Background\n\nResearcher.\n\n## Connections\n\n"
    "- [[leverage]] — framing\n\n## Sources\n\n- [[karpathy-llm-coding-notes]]",
    check_note=_missing_section,
)


def _empty_section(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    if page.match is None or page.page_type is None:
        return
    for spec in page.page_type.sections:
        pair = page.match.found.get(spec.heading)
        if pair is None or not spec.required or spec.may_be_empty:
            continue
        if section_is_empty(document, pair):
            yield EMPTY_SECTION.at(
                document,
                _heading_span(pair),
                f"section {_written(document, pair)} is empty: "
                + _what_to_write(spec, page.page_type),
            )


def _heading_span(pair: PageSection) -> Span:
    return pair.heading.span[0], pair.heading.text_span[1]


def _written(document: Document, pair: PageSection) -> str:
    start, end = _heading_span(pair)
    return f"`{document.text[start:end].strip()}`"


def _what_to_write(spec: SectionSpec, page_type: PageType) -> str:
    if spec.items == "citations":
        kinds = [_ONE_KIND[kind] for kind in page_type.cites]
        listed = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
        return f"list the sources this page was compiled from, one per item: {listed}"
    if spec.items == "links":
        return "list the related pages, one per item (`- [[page]] — how it is related`)"
    return f"write it, since {page_type.name} pages require it"


EMPTY_SECTION = Rule(
    code="SCH002",
    name="empty-section",
    summary="A required section that has a heading and nothing under it.",
    severity=Severity.ERROR,
    why="An empty `## Sources` looks like a page with provenance and has none; an agent "
    "that created the heading and never filled it leaves no other trace. Comments and "
    "empty subsection headings do not count as content.",
    bad="## Connections\n\n- [[leverage]] — framing\n\n## Sources\n",
    good="## Connections\n\n- [[leverage]] — framing\n\n## Sources\n\n"
    "- [[karpathy-llm-coding-notes]]\n",
    check_note=_empty_section,
)


def _section_order(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    if page.match is None or page.page_type is None:
        return
    order = ", ".join(spec.heading for spec in page.page_type.sections)
    moves = out_of_order(page.match, page.page_type)
    moved = {spec.heading for spec, _after in moves}
    staying = [
        spec
        for spec in page.page_type.sections
        if spec.heading in page.match.found and spec.heading not in moved
    ]
    for spec, after in moves:
        pair = page.match.found[spec.heading]
        if after is not None:
            where = f"after {_shown_heading(after, page.match)}"
        else:
            where = f"before {_shown_heading(staying[0], page.match)}"
        yield SECTION_ORDER.at(
            document,
            _heading_span(pair),
            f"section {_written(document, pair)} is out of order: move it {where} "
            f"({page.page_type.name} pages go {order})",
        )


SECTION_ORDER = Rule(
    code="SCH003",
    name="section-order",
    summary="Declared sections that do not appear in the page type's order.",
    severity=Severity.WARNING,
    why="A fixed order lets readers find Sources at the bottom of every page, and keeps "
    "diffs of regenerated pages small. Sections the type does not declare may stand "
    "anywhere.",
    bad="## Sources\n\n- [[notes]]\n\n## Background\n\nResearcher.",
    good="## Background\n\nResearcher.\n\n## Sources\n\n- [[notes]]",
    check_note=_section_order,
)


def _duplicate_section(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    if page.match is None:
        return
    for spec, pair in page.match.duplicates:
        first = page.match.found[spec.heading]
        line = document.position(first.heading.span[0]).line
        yield DUPLICATE_SECTION.at(
            document,
            _heading_span(pair),
            f"section {_written(document, pair)} repeats `{spec.heading}` (first on line "
            f"{line}): merge the two",
        )


DUPLICATE_SECTION = Rule(
    code="SCH004",
    name="duplicate-section",
    summary="A declared section that appears twice (under the same or another accepted name).",
    severity=Severity.WARNING,
    why="Two Sources sections usually mean an agent appended instead of merging; links to "
    "`[[page#Sources]]` reach only the first.",
    bad="## Sources\n\n- [[a]]\n\n## Source\n\n- [[b]]",
    good="## Sources\n\n- [[a]]\n- [[b]]",
    check_note=_duplicate_section,
)


def _heading_spelling(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    if page.match is None or page.page_type is None:
        return
    for spec, pair in page.match.near_misses:
        linked = _linked_from(document, context, pair)
        note = f" (links from {linked} point at it: update them too)" if linked else ""
        yield HEADING_SPELLING.at(
            document,
            pair.heading.text_span,
            f"heading {_written(document, pair)} looks like a misspelling of `{spec.heading}`, "
            f"which {page.page_type.name} pages require: rename it{note}",
            Fix.UNSAFE if linked else Fix.SAFE,
            (Edit(pair.heading.text_span, spec.heading),),
        )


def _linked_from(document: Document, context: NoteContext, pair: PageSection) -> str | None:
    """A note whose `[[note#Heading]]` link reaches this heading: renaming it would break
    that link, so the fix is then unsafe."""
    from vaultlint.anchors import find_heading

    graph = context.index.graph
    for source in sorted(graph.inbound.get(document.path, ())):
        for item in graph.outbound.get(source, []):
            link = item.link
            if item.resolution.target != document.path or not link.subpath:
                continue
            if find_heading(document, link.subpath) == pair.heading:
                return source
    return None


HEADING_SPELLING = Rule(
    code="SCH005",
    name="section-heading-spelling",
    summary="A heading that is a near miss of a section the page type declares.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    fix_changes=frozenset({"headings"}),
    why="`## Conections` is not `## Connections`: every tool that looks for the section "
    "misses it. Accepted other spellings (such as Source for Sources) are declared in the "
    "page type and are never reported. A near miss is at most two letters off with the same "
    "first letter. The fix is safe unless another note links to the heading (`[[page#"
    "Conections]]`): then it is unsafe, since that link would break.",
    bad="## Conections\n\n- [[leverage]] — framing",
    good="## Connections\n\n- [[leverage]] — framing",
    check_note=_heading_spelling,
)


# --- frontmatter fields ------------------------------------------------------------------


def _validators(context: NoteContext, page_type: PageType | None) -> list[tuple[Validator, str]]:
    """The validators that apply to a note: its page type's, then Obsidian's types.json
    (without the fields the page type declares: the page type wins)."""
    memo = context.index.memo
    found: list[tuple[Validator, str]] = []
    key = context.settings.type_key
    if page_type is not None:
        cache_key = f"sch-validator:{page_type.name}"
        validator = memo.get(cache_key)
        if not isinstance(validator, Validator):
            validator = page_type_validator(page_type, key)
            memo[cache_key] = validator
        found.append((validator, f"{page_type.name} pages"))
    obsidian = memo.get("obsidian-types")
    if not isinstance(obsidian, dict):
        obsidian = read_obsidian_types(context.index.root)
        memo["obsidian-types"] = obsidian
    declared = set(page_type.fields) if page_type is not None else set()
    remaining = {k: v for k, v in obsidian.items() if k not in declared}
    if remaining:
        cache_key = "sch-obsidian:" + ",".join(sorted(remaining))
        validator = memo.get(cache_key)
        if not isinstance(validator, Validator):
            validator = obsidian_validator(remaining)
            memo[cache_key] = validator
        found.append((validator, ".obsidian/types.json"))
    return found


def _problems(document: Document, context: NoteContext) -> list[tuple[Problem, str]]:
    cached = document.memo.get("sch-problems")
    if isinstance(cached, list):
        return cached
    frontmatter = document.frontmatter
    found: list[tuple[Problem, str]] = []
    if frontmatter is None or frontmatter.error is None:
        data = frontmatter.data if frontmatter is not None else {}
        page_type = _page(document, context).page_type
        for validator, where in _validators(context, page_type):
            found.extend((problem, where) for problem in validator.problems(data))
    document.memo["sch-problems"] = found
    return found


def _missing_field(document: Document, context: NoteContext) -> Iterator[Finding]:
    missing = [(p, where) for p, where in _problems(document, context) if p.kind == "missing"]
    if not missing:
        return
    frontmatter = document.frontmatter
    if frontmatter is None:
        keys = ", ".join(f"`{p.key}`" if p.message != "" else p.key for p, _ in missing)
        yield MISSING_FIELD.at(
            document,
            (0, 0),
            f"note has no frontmatter, but {missing[0][1]} require the fields {keys}: add a "
            "`---` block at the top with them",
        )
        return
    for problem, where in missing:
        if problem.message.startswith("one of: "):
            what = f"one of the fields {problem.message[8:]}"
        else:
            what = f"the field `{problem.key}` ({problem.message})"
        yield MISSING_FIELD.at(
            document,
            (0, 3),
            f"frontmatter lacks {what}, required on {where}: add it",
        )


MISSING_FIELD = Rule(
    code="SCH006",
    name="missing-field",
    summary="A frontmatter field the page type requires is absent.",
    severity=Severity.ERROR,
    why="Fields such as `created`, `updated` and `sources` are what index pages, "
    "freshness checks and agents read; a page without them drops out of all three.",
    bad="---\ntitle: Leverage\ntype: concept\n---",
    good="---\ntitle: Leverage\ntype: concept\ncreated: 2026-01-12\nupdated: 2026-01-26\n---",
    check_note=_missing_field,
)


def _invalid_field(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    if frontmatter is None:
        return
    dated = {context.settings.created_key, context.settings.updated_key}
    for problem, where in _problems(document, context):
        if problem.kind != "invalid":
            continue
        value = frontmatter.data.get(problem.key)
        if problem.key in dated and isinstance(value, str) and value.strip():
            continue  # whether a written created or updated value is a date is DAT006's
        path = problem.key if problem.item is None else f"{problem.key}.{problem.item}"
        span = frontmatter.value_spans.get(path) or frontmatter.value_spans.get(problem.key)
        entry = frontmatter.entry(problem.key)
        if span is None or (span[0] == span[1] and entry is not None):
            span = entry.key_span if entry is not None else (0, 3)
        yield INVALID_FIELD.at(
            document,
            span,
            f"frontmatter field `{problem.key}`: {problem.message} ({where})",
        )


INVALID_FIELD = Rule(
    code="SCH007",
    name="invalid-field",
    summary="A frontmatter value of the wrong type or outside its allowed values.",
    severity=Severity.ERROR,
    why="A date written `Jan 5` or a list written as one string breaks sorting, queries "
    "and every tool that reads the property. Obsidian's own property types in "
    "`.obsidian/types.json` are checked for every note; a page type's declaration wins "
    "over them.",
    bad='---\ncreated: Jan 5 2026\nsources: "[[notes]]"\n---',
    good='---\ncreated: 2026-01-05\nsources:\n  - "[[notes]]"\n---',
    check_note=_invalid_field,
)


def _unknown_field(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    page_type = _page(document, context).page_type
    if frontmatter is None or page_type is None:
        return
    for problem, _where in _problems(document, context):
        if problem.kind != "unknown":
            continue
        entry = frontmatter.entry(problem.key)
        span = entry.key_span if entry is not None else (0, 3)
        declared = ", ".join(page_type.fields) or "none"
        yield UNKNOWN_FIELD.at(
            document,
            span,
            f"frontmatter field `{problem.key}` is not one {page_type.name} pages allow "
            f"(declared: {declared}): remove it, or declare it under "
            f"[page-types.{page_type.name}.fields]",
        )


UNKNOWN_FIELD = Rule(
    code="SCH008",
    name="unknown-field",
    summary='A frontmatter field that a page type with `unknown-fields = "forbid"` does '
    "not declare.",
    severity=Severity.WARNING,
    why="Strict page types catch misspelled keys (`udpated`) that would otherwise pass "
    "silently. Obsidian's own keys (aliases, tags, cssclasses, publish, permalink) and "
    "`vaultlint-disable` are always allowed.",
    bad="---\ntitle: Leverage\nudpated: 2026-01-26\n---",
    good="---\ntitle: Leverage\nupdated: 2026-01-26\n---",
    check_note=_unknown_field,
)


def _unknown_type(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    if page.choice.unknown is None or page.choice.unknown_span is None:
        return
    names = sorted({name for t in page.types.values() for name in t.type_names})
    key = context.settings.type_key
    if page.choice.malformed:
        yield UNKNOWN_TYPE.at(
            document,
            page.choice.unknown_span,
            f"{key} is {page.choice.unknown}, not one text value, so no page type applies: "
            f"write one of {', '.join(names)}",
        )
        return
    close = difflib.get_close_matches(page.choice.unknown.casefold(), names, n=1, cutoff=0.7)
    hint = f"did you mean {close[0]!r}? " if close else ""
    yield UNKNOWN_TYPE.at(
        document,
        page.choice.unknown_span,
        f"{context.settings.type_key} {page.choice.unknown!r} is not a page type of this "
        f"vault (known: {', '.join(names)}): {hint}use one of them, or declare it under "
        "[page-types]",
    )


UNKNOWN_TYPE = Rule(
    code="SCH009",
    name="unknown-page-type",
    summary="A `type:` value that no declared page type accepts (so no schema checks the page).",
    severity=Severity.WARNING,
    why="A page whose type is misspelled (`concpet`) escapes every schema check without "
    "anyone noticing. Reported only when the vault declares page types.",
    bad="---\ntype: concpet\n---",
    good="---\ntype: concept\n---",
    check_note=_unknown_type,
)


# --- section contracts --------------------------------------------------------------------

_LEAD = re.compile(r"[ \t]*(?:\[[ xX\-/>]\][ \t]+)?")
_OPEN_EMPHASIS = re.compile(r"\*\*|__|\*|_")
_JOINER = re.compile(r"(?:\*\*|__|\*|_)?[ \t]*(?:/|,|&|\band\b)[ \t]*(?:\*\*|__|\*|_)?")
_CLOSE_EMPHASIS = re.compile(r"(?:\*\*|__|\*|_)?")
_SEPARATOR = re.compile(r"[ \t]*(?:\u2014|\u2013|--|-|:|\|)?[ \t]*")  # em or en dash, ...


def _contract_sections(page: _Page, kind: str) -> Iterator[tuple[SectionSpec, PageSection]]:
    if page.match is None or page.page_type is None:
        return
    for spec in page.page_type.sections:
        pair = page.match.found.get(spec.heading)
        if pair is not None and spec.items == kind:
            yield spec, pair


def _items(document: Document, pair: PageSection) -> list[ListItem]:
    start, end = pair.body
    return [
        item
        for item in document.list_items
        if start <= item.span[0] < end and item.depth == 0 and not item.in_quote
    ]


def _loose_paragraphs(document: Document, pair: PageSection) -> list[Span]:
    """Prose blocks of the section that are not in a list, heading, quote or table."""
    start, end = pair.body
    inside = [item.span for item in document.list_items]
    inside += [h.span for h in document.headings] + [c.span for c in document.callouts]
    found = []
    text = document.text
    for block in document.prose_blocks:
        if not start <= block[0] < end or any(s <= block[0] < e for s, e in inside):
            continue
        line_start = max(text.rfind("\n", 0, block[0]), text.rfind("\r", 0, block[0])) + 1
        if text[line_start : block[0]].strip() == "" and text[block[0]] not in "|>":
            found.append(block)
    return found


def _item_start(document: Document, item: ListItem) -> int:
    """Where the item's text starts: after the marker, spaces and a task box."""
    match = _LEAD.match(document.text, item.marker_span[1])
    return match.end() if match else item.marker_span[1]


def _after_emphasis(text: str, offset: int) -> int:
    match = _OPEN_EMPHASIS.match(text, offset)
    return match.end() if match else offset


def _first_line_end(text: str, start: int, end: int) -> int:
    stops = [i for i in (text.find("\n", start, end), text.find("\r", start, end)) if i >= 0]
    return min(stops) if stops else end


def _connections(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    text = document.text
    for _spec, pair in _contract_sections(page, "links"):
        if section_is_empty(document, pair):
            continue
        links = {link.span[0]: link for link in document.links if not link.in_comment}
        for item in _items(document, pair):
            start = _item_start(document, item)
            line_end = _first_line_end(text, start, item.span[1])
            link = links.get(_after_emphasis(text, start))
            if link is None:
                yield ITEM_WITHOUT_LINK.at(
                    document,
                    (start, max(start + 1, line_end)),
                    f"item of {_written(document, pair)} does not start with a link: write "
                    "`- [[page]] — how it is related`",
                )
                continue
            position = link.span[1]
            while True:  # more links joined by " / ", ", " or " and "
                joiner = _JOINER.match(text, position, line_end)
                following = links.get(joiner.end()) if joiner and joiner.end() > position else None
                if following is None:
                    break
                position = following.span[1]
            position = _CLOSE_EMPHASIS.match(text, position, line_end).end()  # type: ignore[union-attr]
            separator = _SEPARATOR.match(text, position, line_end)
            rest = text[separator.end() if separator else position : line_end]
            if not rest.strip() and not _has_continuation(document, item, line_end):
                yield ITEM_WITHOUT_EXPLANATION.at(
                    document,
                    link.span,
                    f"{text[link.span[0] : link.span[1]]} in {_written(document, pair)} has no "
                    "explanation: add ` — how it is related` after the link",
                )
        for block in _loose_paragraphs(document, pair):
            yield ITEM_WITHOUT_LINK.at(
                document,
                (block[0], _first_line_end(text, block[0], block[1])),
                f"{_written(document, pair)} holds text that is not a list item: write each "
                "related page as `- [[page]] — how it is related`",
            )


def _has_continuation(document: Document, item: ListItem, line_end: int) -> bool:
    """An explanation on the item's next lines (a lazy continuation or a nested list)."""
    return bool(document.text[line_end : item.span[1]].strip())


ITEM_WITHOUT_LINK = Rule(
    code="SCH010",
    name="connection-without-link",
    summary="An item of a links section (Connections) that does not start with a link.",
    severity=Severity.ERROR,
    why="Connections are the page's edges in the wiki's graph: an item written as plain "
    "text connects nothing, and the page may end up an orphan. Several links joined by "
    "` / ` or `, ` may open one item.",
    bad="## Connections\n\n- Naval Ravikant, who argues the same",
    good="## Connections\n\n- [[naval-ravikant]] — argues the same about wealth",
    check_note=findings_of("SCH010", _connections, "sch-links"),
)

ITEM_WITHOUT_EXPLANATION = Rule(
    code="SCH011",
    name="connection-without-explanation",
    summary="An item of a links section that is a bare link, with no word on the relation.",
    severity=Severity.WARNING,
    why="`- [[leverage]]` says that two pages are related, not how; the explanation is "
    "what makes a Connections list worth reading. Select it off with `ignore` where bare "
    "link lists are the convention.",
    bad="## Connections\n\n- [[leverage]]",
    good="## Connections\n\n- [[leverage]] — his framing of agents is a leverage insight",
    check_note=findings_of("SCH011", _connections, "sch-links"),
)


def _sources(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    page_type = page.page_type
    if page_type is None:
        return
    settings = context.settings
    text = document.text
    for _spec, pair in _contract_sections(page, "citations"):
        if section_is_empty(document, pair):
            continue
        blocks = [(item.span, _item_start(document, item)) for item in _items(document, pair)]
        blocks += [(block, block[0]) for block in _loose_paragraphs(document, pair)]
        if not blocks:  # only a callout, a code block or a rule: nothing that can cite
            yield UNCITED.at(
                document,
                _heading_span(pair),
                f"section {_written(document, pair)} holds no citation: list the "
                f"{_allowed(page_type)} this page comes from, one per item",
            )
        for span, start in sorted(blocks):
            found = list(
                citations_in(
                    document,
                    span,
                    context.index,
                    page.types,
                    settings.type_key,
                    settings.raw_folder,
                )
            )
            if not found:
                yield UNCITED.at(
                    document,
                    (start, max(start + 1, _first_line_end(text, start, span[1]))),
                    f"item of {_written(document, pair)} cites nothing: link the "
                    f"{_allowed(page_type)} it comes from",
                )
                continue
            for citation in found:
                if citation.kind is not None and citation.kind not in page_type.cites:
                    yield WRONG_CITATION.at(
                        document,
                        citation.span,
                        _wrong_kind_message(document, citation, page_type),
                    )


def _allowed(page_type: PageType) -> str:
    words = [_KIND_WORDS[kind] for kind in page_type.cites]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _wrong_kind_message(document: Document, citation: Citation, page_type: PageType) -> str:
    written = document.text[citation.span[0] : citation.span[1]]
    kind = _KIND_WORDS[citation.kind or "page"][:-1]
    return (
        f"{written} is a {kind}, which {page_type.name} pages do not cite as a source: cite "
        f"{_allowed(page_type)} instead"
    )


UNCITED = Rule(
    code="SCH012",
    name="uncited-source",
    summary="An item of a citations section (Sources) that links to nothing.",
    severity=Severity.ERROR,
    why="A Sources item that names no source page, raw file or URL cannot be followed: "
    "provenance that cannot be checked is no provenance.",
    bad="## Sources\n\n- Karpathy's thread on coding agents",
    good="## Sources\n\n- [[karpathy-llm-coding-notes]]",
    check_note=findings_of("SCH012", _sources, "sch-citations"),
)

WRONG_CITATION = Rule(
    code="SCH013",
    name="wrong-citation-kind",
    summary="A Sources item citing a kind of page its page type does not accept as a source.",
    severity=Severity.WARNING,
    why="Entity and concept pages are compiled from sources; citing another wiki page as a "
    "source launders a summary into evidence. Synthesis pages may cite wiki pages: the page "
    "type's `cites` key says what counts.",
    bad="## Sources\n\n- [[leverage]]  (a concept page)",
    good="## Sources\n\n- [[naval-how-to-get-rich]]  (a source page)",
    check_note=findings_of("SCH013", _sources, "sch-citations"),
)


def _too_few(document: Document, context: NoteContext) -> Iterator[Finding]:
    page = _page(document, context)
    if page.match is None or page.page_type is None:
        return
    for spec in page.page_type.sections:
        pair = page.match.found.get(spec.heading)
        if pair is None or spec.min_items is None or section_is_empty(document, pair):
            continue
        count = len(_items(document, pair))
        if count < spec.min_items:
            yield TOO_FEW_ITEMS.at(
                document,
                _heading_span(pair),
                f"section {_written(document, pair)} has {count} list item"
                f"{'' if count == 1 else 's'}; {page.page_type.name} pages need at least "
                f"{spec.min_items}",
            )


TOO_FEW_ITEMS = Rule(
    code="SCH014",
    name="too-few-items",
    summary="A section with fewer list items than its page type's `min-items`.",
    severity=Severity.WARNING,
    why="A concept linked to one other page is barely part of the wiki; a minimum makes "
    "thin pages visible.",
    bad="## Connections\n\n- [[leverage]] — framing",
    good="## Connections\n\n- [[leverage]] — framing\n- [[judgment]] — what stays scarce",
    check_note=_too_few,
)


def configuration_warnings(types: dict[str, PageType], obsidian: dict[str, str]) -> list[str]:
    """Page-type fields that `.obsidian/types.json` types differently: the page type wins,
    and the disagreement is worth one line per field (not one finding per note)."""
    by_field: dict[tuple[str, str, str], list[PageType]] = {}
    for page_type in types.values():
        for key, spec in page_type.fields.items():
            if key in obsidian and disagrees(spec, obsidian[key]):
                by_field.setdefault((key, expected(spec), page_type.origin), []).append(page_type)
    found = []
    for (key, words, origin), declaring in by_field.items():
        names = ", ".join(f"'{page_type.name}'" for page_type in declaring)
        found.append(
            f"{origin}: page type{'s' if len(declaring) > 1 else ''} {names} declare"
            f"{'' if len(declaring) > 1 else 's'} '{key}' as {words}, but "
            f".obsidian/types.json makes it a {obsidian[key]} property; the page type wins"
        )
    return found


RULES = [
    MISSING_SECTION,
    EMPTY_SECTION,
    SECTION_ORDER,
    DUPLICATE_SECTION,
    HEADING_SPELLING,
    MISSING_FIELD,
    INVALID_FIELD,
    UNKNOWN_FIELD,
    UNKNOWN_TYPE,
    ITEM_WITHOUT_LINK,
    ITEM_WITHOUT_EXPLANATION,
    UNCITED,
    WRONG_CITATION,
    TOO_FEW_ITEMS,
]
