"""FMT: formatting that drifts in generated notes, each with a safe fix.

Only what no maintainer would object to is here and on by default: trailing whitespace
(an intended two-space hard break is kept), runs of blank lines, a missing final newline,
and `##Heading` without its space. Never inside code, math, HTML blocks, comments or
frontmatter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from vaultlint.document import Document, Span
from vaultlint.rule import Edit, Finding, Fix, NoteContext, Rule, Severity

_TRAILING = re.compile(r"[ \t]+(?=\r\n|\r|\n|\Z)")  # at the end of a line
# Two blank lines in a row, the second ending in a line break (so a line follows). It may
# also match where there are none ("\r" and "\n" of one CRLF taken apart): it only rules
# notes out.
_TWO_BLANK_LINES = re.compile(r"(?:\A|\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_HEADING_WITHOUT_SPACE = re.compile(r"[ ]{0,3}(#{2,6})(?=[^#\s])")


class Lines:
    """The note's lines (without line breaks) and the spans no formatting rule may touch."""

    def __init__(self, document: Document) -> None:
        self.document = document
        source = document.source
        starts = source.line_starts
        text = source.text
        if "\r" in text:
            spans = [source.line_span(number) for number in range(1, source.line_count + 1)]
        else:  # each line ends one character before the next starts (most notes)
            spans = list(zip(starts, [*map((-1).__add__, starts[1:]), len(text)], strict=True))
        self.spans: list[tuple[int, int]] = spans
        protected = [*document.code_spans, *(c.span for c in document.comments)]
        if document.frontmatter is not None:
            protected.append(document.frontmatter.span)
        protected.sort()
        self.protected: list[Span] = protected
        self.starts = [span[0] for span in protected]

    @classmethod
    def of(cls, document: Document) -> Lines:
        cached = document.memo.get("lines")
        if not isinstance(cached, Lines):
            cached = cls(document)
            document.memo["lines"] = cached
        return cached

    def touches_protected(self, start: int, end: int) -> bool:
        """Whether `start:end` overlaps code, math, HTML, a comment or the frontmatter."""
        index = bisect_right(self.starts, end)
        return any(s0 < max(end, start + 1) and start < s1 for s0, s1 in self.protected[:index])

    def blank(self, number: int) -> bool:
        """Only spaces and tabs, as CommonMark defines a blank line: a line holding a
        no-break space is a paragraph (some notes use one for vertical space)."""
        start, end = self.spans[number]
        return not self.document.text[start:end].strip(" \t")


def _trailing_whitespace(document: Document, context: NoteContext) -> Iterator[Finding]:
    text = document.text
    if " \n" not in text and "\t\n" not in text and "\r" not in text and text[-1:] not in " \t":
        return  # nothing trails any line (most notes): no need to look line by line
    lines = Lines.of(document)
    starts = document.source.line_starts
    for match in _TRAILING.finditer(text):
        number = bisect_right(starts, match.start()) - 1
        start = starts[number]
        content = text[start : match.start()]
        following = number + 1 < len(lines.spans) and not lines.blank(number + 1)
        hard_break = match.group() == "  " and content.strip() and following
        if (
            hard_break
            and context.settings.keep_hard_breaks
            and not content.lstrip().startswith("#")
        ):
            continue  # two spaces before a next line: a Markdown hard line break
        if lines.touches_protected(match.start(), match.end()):
            continue
        yield TRAILING_WHITESPACE.at(
            document,
            match.span(),
            f"trailing whitespace on line {number + 1}: remove it",
            Fix.SAFE,
            (Edit(match.span(), ""),),
        )


TRAILING_WHITESPACE = Rule(
    code="FMT001",
    name="trailing-whitespace",
    summary="Spaces or tabs at the end of a line (a two-space hard line break is kept).",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    why="Invisible trailing whitespace makes noisy diffs and is easily turned into an "
    "unintended hard line break. Exactly two spaces after text are a deliberate hard break "
    "in Markdown and are kept (`keep-hard-breaks = false` reports them too). Code, math, "
    "comments and frontmatter are never touched.",
    bad="A line with trailing spaces.   ",
    good="A line with trailing spaces.",
    check_note=_trailing_whitespace,
)


def _blank_lines(document: Document, context: NoteContext) -> Iterator[Finding]:
    if _TWO_BLANK_LINES.search(document.text) is None:
        return  # one scan in C rules out most notes
    lines = Lines.of(document)
    count = len(lines.spans)
    number = 0
    while number < count:
        if not lines.blank(number):
            number += 1
            continue
        run_end = number
        while run_end + 1 < count and lines.blank(run_end + 1):
            run_end += 1
        extra_start = lines.spans[number + 1][0] if run_end > number else None
        if extra_start is not None and run_end + 1 < count:
            extra_end = lines.spans[run_end + 1][0]
            if not lines.touches_protected(lines.spans[number][0], extra_end):
                yield MULTIPLE_BLANK_LINES.at(
                    document,
                    (extra_start, extra_start),
                    f"{run_end - number + 1} blank lines in a row: keep one",
                    Fix.SAFE,
                    (Edit((extra_start, extra_end), ""),),
                )
        number = run_end + 1


MULTIPLE_BLANK_LINES = Rule(
    code="FMT002",
    name="multiple-blank-lines",
    summary="Two or more blank lines in a row (one separates blocks; more changes nothing).",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    why="Markdown treats any number of blank lines as one; runs of them are leftovers of "
    "edits and make diffs noisy. Blank lines inside code blocks and comments are kept.",
    bad="First paragraph.\n\n\n\nSecond paragraph.",
    good="First paragraph.\n\nSecond paragraph.",
    check_note=_blank_lines,
)


def _final_newline(document: Document, context: NoteContext) -> Iterator[Finding]:
    text = document.text
    if not text or text.endswith(("\n", "\r")):
        return
    newline = document.source.line_break
    end = len(text)
    yield MISSING_FINAL_NEWLINE.at(
        document,
        (end, end),
        "the note does not end with a line break: add one",
        Fix.SAFE,
        (Edit((end, end), newline),),
    )


MISSING_FINAL_NEWLINE = Rule(
    code="FMT003",
    name="missing-final-newline",
    summary="The note does not end with a line break.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    fix_changes=frozenset({"code"}),  # a code block left open runs to the end of the note
    why="Tools that append to a note (agents writing logs, `cat >>`) glue their first line "
    "to the last line of a note without a final newline; git marks it in every diff. The "
    "fix adds the note's own line ending (LF or CRLF).",
    bad="Last line.<no line break>",
    good="Last line.\n",
    check_note=_final_newline,
)


def _heading_space(document: Document, context: NoteContext) -> Iterator[Finding]:
    lines = Lines.of(document)
    text = document.text
    for number, (start, end) in enumerate(lines.spans):
        match = _HEADING_WITHOUT_SPACE.match(text, start, end)
        if match is None or lines.touches_protected(start, end):
            continue
        marks_end = match.end(1)
        yield HEADING_SPACE.at(
            document,
            (match.start(1), marks_end),
            f"'{match.group(1)}' is not a heading without a space after it: write "
            f"'{match.group(1)} ' (line {number + 1})",
            Fix.SAFE,
            (Edit((marks_end, marks_end), " "),),
        )


HEADING_SPACE = Rule(
    code="FMT004",
    name="heading-missing-space",
    summary="`##Heading`: two or more `#` open a line without the space a heading needs.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    fix_changes=frozenset({"headings"}),
    why="Without the space the line is plain text, not a heading, so it is missing from the "
    "outline and links to it do not resolve. Only lines opened by two or more `#` are "
    "reported: `#word` is a tag in Obsidian, never a heading to fix.",
    bad="##Background",
    good="## Background",
    check_note=_heading_space,
)

RULES = [TRAILING_WHITESPACE, MULTIPLE_BLANK_LINES, MISSING_FINAL_NEWLINE, HEADING_SPACE]


def _heading_increment(document: Document, context: NoteContext) -> Iterator[Finding]:
    previous = 0
    for heading in document.headings:
        if not heading.top_level:
            continue
        if previous and heading.level > previous + 1:
            wanted = previous + 1
            text = document.text
            start = (
                heading.span[0]
                + len(text[heading.span[0] :])
                - len(text[heading.span[0] :].lstrip(" "))
            )
            marks = text[start : start + heading.level]
            edits: tuple[Edit, ...] = ()
            if marks == "#" * heading.level:  # an ATX heading: the fix rewrites its marks
                edits = (Edit((start, start + heading.level), "#" * wanted),)
            yield HEADING_INCREMENT.at(
                document,
                (start, start + heading.level),
                f"heading level {heading.level} follows level {previous}: make it level "
                f"{wanted} ({'#' * wanted}), or add the missing level above it",
                Fix.UNSAFE,
                edits,
            )
        previous = heading.level


HEADING_INCREMENT = Rule(
    code="FMT005",
    name="heading-increment",
    summary="A heading more than one level deeper than the heading before it (# then ###).",
    severity=Severity.WARNING,
    fix=Fix.UNSAFE,
    fix_changes=frozenset({"headings"}),
    why="Skipped levels break the outline and the section tree that page schemas read. The "
    "fix is unsafe: changing a level changes what a nested `[[note#A#B]]` link reaches. A "
    "page's first heading may be of any level.",
    bad="# Title\n### Details",
    good="# Title\n## Details",
    check_note=_heading_increment,
)

_CLOSING_PUNCTUATION = ".,;:!"


def _heading_punctuation(document: Document, context: NoteContext) -> Iterator[Finding]:
    for heading in document.headings:
        text = heading.text
        stripped = text.rstrip(_CLOSING_PUNCTUATION)
        if not text or stripped == text or not stripped.strip():
            continue
        end = heading.text_span[1]
        start = end - (len(text) - len(stripped))
        yield HEADING_PUNCTUATION.at(
            document,
            (start, end),
            f"heading ends with '{text[len(stripped) :]}': remove it",
            Fix.SAFE,
            (Edit((start, end), ""),),
        )


HEADING_PUNCTUATION = Rule(
    code="FMT006",
    name="heading-trailing-punctuation",
    summary="A heading that ends with . , ; : or ! (a question mark is kept).",
    severity=Severity.INFO,
    fix=Fix.SAFE,
    fix_changes=frozenset({"headings"}),
    default=False,
    why="Headings are titles, not sentences. Off by default: some vaults write 'Summary:' "
    "on purpose. Links to the heading keep working: Obsidian ignores this punctuation when "
    "matching headings.",
    bad="## Background:",
    good="## Background",
    check_note=_heading_punctuation,
)

RULES += [HEADING_INCREMENT, HEADING_PUNCTUATION]
