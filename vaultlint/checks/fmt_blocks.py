"""FMT, block layout: blank lines around headings, code fences and tables; list markers.

Every fix inserts or removes whitespace, or swaps one list marker character for another;
nothing else of the note changes. Only blocks outside lists, quotes and callouts are
touched for blank lines: inside those a blank line can end the container.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.checks.fmt import Lines
from vaultlint.document import Document, ListItem, Span
from vaultlint.rule import Edit, Finding, Fix, NoteContext, Rule, Severity

_MARKER_SPACES = re.compile(r" {2,4}(?=[^ \t\r\n])")


def _surrounding_edits(document: Document, span: Span, what: str) -> tuple[str, tuple[Edit, ...]]:
    """Line breaks to insert before and after the block `span`, where a neighbour line
    is not blank; the block's first line may not be the note's first body line."""
    lines = Lines.of(document)
    eol = document.source.line_break
    first = document.position(span[0]).line - 1
    last = document.position(max(span[0], span[1] - 1)).line - 1
    edits = []
    sides = []
    line_start = lines.spans[first][0]
    before = first > 0 and line_start > document.body_start and not lines.blank(first - 1)
    if before and not lines.touches_protected(*lines.spans[first - 1]):
        edits.append(Edit((line_start, line_start), eol))
        sides.append("before")
    if last + 1 < len(lines.spans) and not lines.blank(last + 1):
        following = lines.spans[last + 1][0]
        if not lines.touches_protected(following, lines.spans[last + 1][1]):
            edits.append(Edit((following, following), eol))
            sides.append("after")
    if not edits:
        return "", ()
    return f"add a blank line {' and '.join(sides)} the {what}", tuple(edits)


def _heading_blank_lines(document: Document, context: NoteContext) -> Iterator[Finding]:
    for heading in document.headings:
        if not heading.top_level:
            continue
        advice, edits = _surrounding_edits(document, heading.span, "heading")
        if edits:
            yield HEADING_BLANK_LINES.at(
                document, (heading.span[0], heading.text_span[1]), advice, Fix.SAFE, edits
            )


HEADING_BLANK_LINES = Rule(
    code="FMT007",
    name="blank-lines-around-headings",
    summary="A heading without a blank line before and after it.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    default=False,
    why="Headings stand out in the source, and some Markdown tools (and Obsidian's own "
    "reading of a line after a paragraph) need the separation. Off by default: Obsidian "
    "renders `## H` directly under text correctly, and many vaults write it that way.",
    bad="Text.\n## Background\nMore text.",
    good="Text.\n\n## Background\n\nMore text.",
    check_note=_heading_blank_lines,
)


def _fence_blank_lines(document: Document, context: NoteContext) -> Iterator[Finding]:
    for fence in document.fences:
        advice, edits = _surrounding_edits(document, fence, "code block")
        if edits:
            yield FENCE_BLANK_LINES.at(document, (fence[0], fence[0] + 3), advice, Fix.SAFE, edits)


FENCE_BLANK_LINES = Rule(
    code="FMT008",
    name="blank-lines-around-fences",
    summary="A fenced code block without a blank line before and after it.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    default=False,
    why="A fence glued to a paragraph is hard to see in the source and is read differently "
    "by some Markdown renderers. Off by default, as in the Obsidian Linter. Fences inside "
    "lists and callouts are left alone.",
    bad="Run this:\n```sh\nvaultlint check\n```\nThen read the report.",
    good="Run this:\n\n```sh\nvaultlint check\n```\n\nThen read the report.",
    check_note=_fence_blank_lines,
)


def _table_blank_lines(document: Document, context: NoteContext) -> Iterator[Finding]:
    for table in document.tables:
        advice, edits = _surrounding_edits(document, table, "table")
        if edits:
            yield TABLE_BLANK_LINES.at(document, (table[0], table[0] + 1), advice, Fix.SAFE, edits)


TABLE_BLANK_LINES = Rule(
    code="FMT009",
    name="blank-lines-around-tables",
    summary="A table without a blank line before and after it.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    default=False,
    why="Several renderers (and Obsidian's editor in some versions) do not start a table "
    "on the line after a paragraph, and a line right after a table can be read as a row. "
    "Off by default.",
    bad="Scores:\n| team | points |\n|---|---|\n| a | 3 |",
    good="Scores:\n\n| team | points |\n|---|---|\n| a | 3 |",
    check_note=_table_blank_lines,
)


def _marker_space(document: Document, context: NoteContext) -> Iterator[Finding]:
    text = document.text
    children = _children(document)
    for item in document.list_items:
        match = _MARKER_SPACES.match(text, item.marker_span[1])
        if match is None or not _first_line_only(document, item, children):
            continue
        yield MARKER_SPACE.at(
            document,
            match.span(),
            f"{len(match.group())} spaces after the list marker '{item.marker}': keep one",
            Fix.SAFE,
            (Edit(match.span(), " "),),
        )


def _children(document: Document) -> list[Span]:
    return [item.span for item in document.list_items if item.depth > 0]


def _first_line_only(document: Document, item: ListItem, children: list[Span]) -> bool:
    """Whether the item's later lines all belong to nested items: continuation lines and
    code are indented relative to the text after the marker, so moving that text would
    change them."""
    text = document.text
    first_end = text.find("\n", item.span[0], item.span[1])
    if first_end < 0:
        return True
    position = first_end + 1
    while position < item.span[1]:
        line_end = text.find("\n", position, item.span[1])
        line_end = item.span[1] if line_end < 0 else line_end
        line = text[position:line_end]
        if line.strip():
            inside_child = any(
                start <= position + len(line) - len(line.lstrip()) < end
                for start, end in children
                if start > item.span[0]
            )
            if not inside_child:
                return False
        position = line_end + 1
    return True


MARKER_SPACE = Rule(
    code="FMT010",
    name="list-marker-space",
    summary="More than one space between a list marker and the item's text.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    why="`-   item` renders like `- item` but misaligns nested items and diffs. Only real "
    "list items are reported: `*emphasis*` and `+40%` are text. Items whose later lines are "
    "aligned to the text (continuations, code) are left alone, since the fix would move it.",
    bad="-   First item\n-  Second item",
    good="- First item\n- Second item",
    check_note=_marker_space,
)


def _marker_style(document: Document, context: NoteContext) -> Iterator[Finding]:
    text = document.text
    style = None
    for item in document.list_items:
        if item.ordered:
            continue
        marker = text[item.marker_span[0] : item.marker_span[1]]
        if marker not in ("-", "*", "+"):
            continue
        if style is None:
            style = marker
            continue
        if marker != style:
            yield MARKER_STYLE.at(
                document,
                item.marker_span,
                f"list marker '{marker}' where this note's first list uses '{style}': "
                f"use '{style}'",
                Fix.SAFE,
                (Edit(item.marker_span, style),),
            )


MARKER_STYLE = Rule(
    code="FMT011",
    name="list-marker-style",
    summary="Unordered list markers that differ from the first one used in the note.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    why="Mixed `-`, `*` and `+` markers make diffs noisy; in Markdown a change of marker "
    "also starts a new list, so two adjacent lists with different markers render as two. "
    "The note's first marker wins, as markdownlint's `consistent` style.",
    bad="- one\n* two\n+ three",
    good="- one\n- two\n- three",
    check_note=_marker_style,
)

RULES = [HEADING_BLANK_LINES, FENCE_BLANK_LINES, TABLE_BLANK_LINES, MARKER_SPACE, MARKER_STYLE]
