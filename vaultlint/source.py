"""The text of one note and the arithmetic of positions in it.

Everything in a `Document` is addressed by *character offsets into `SourceText.text`*, the
decoded file without its byte-order mark. This module turns those offsets into the 1-based
line and column that a user sees (the BOM is invisible in editors, so it never counts as a
column), and turns the UTF-8 byte offsets that pyromark reports into character offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

BOM = "\ufeff"

# CommonMark ends a line at LF, CRLF or a lone CR; pyromark does too, so lines are counted
# the same way here or line numbers drift in old Mac-style files.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OTHER_LINE_BREAKS = re.compile("[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# 1 for a byte that starts a UTF-8 character, 0 for a continuation byte (0b10xxxxxx).
_CHARACTER_STARTS = bytes(0 if 0x80 <= byte < 0xC0 else 1 for byte in range(256))


def line_starts(text: str) -> list[int]:
    """Offsets where lines start; lines end at CRLF, CR or LF and nowhere else.

    `str.splitlines` does this in C but also breaks at form feeds, vertical tabs, U+0085,
    U+2028 and the like; a note holding any of those takes the regular expression.
    """
    if _OTHER_LINE_BREAKS.search(text) is not None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        return starts
    starts = list(accumulate(map(len, text.splitlines(keepends=True)), initial=0))
    if len(starts) > 1 and text[-1] not in "\r\n":
        starts.pop()  # the end of a last line without a line break starts nothing
    return starts


@dataclass(frozen=True)
class Position:
    """A 1-based line and column (columns count characters, a tab is one character)."""

    line: int
    column: int


@dataclass
class SourceText:
    """Decoded note text plus the tables needed to map offsets to positions."""

    text: str
    has_bom: bool = False
    line_starts: list[int] = field(init=False)
    # Derived tables: built on demand, never part of equality (the text decides that).
    _byte_table: list[int] | None = field(init=False, default=None, compare=False, repr=False)
    _is_ascii: bool = field(init=False, default=True, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.line_starts = line_starts(self.text)
        self._is_ascii = self.text.isascii()

    @classmethod
    def from_text(cls, text: str) -> SourceText:
        """Build from decoded text, remembering and removing a leading BOM."""
        if text.startswith(BOM):
            return cls(text[1:], has_bom=True)
        return cls(text)

    def position(self, offset: int) -> Position:
        """The line and column of the character at `offset` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return Position(index + 1, offset - self.line_starts[index] + 1)

    def line_span(self, line: int) -> tuple[int, int]:
        """Character range of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        content = self.text[start:end]
        return start, start + len(content.rstrip("\r\n"))

    @property
    def line_break(self) -> str:
        """The note's own line ending, for text a fix inserts: CRLF when most lines end so,
        a lone CR in old Mac-style notes, else LF."""
        text = self.text
        crlf = text.count("\r\n")
        lf = text.count("\n") - crlf
        cr = text.count("\r") - crlf
        if crlf > lf and crlf >= cr:
            return "\r\n"
        return "\r" if cr > lf and cr > crlf else "\n"

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def char_offset(self, byte_offset: int) -> int:
        """Character offset for a UTF-8 byte offset into `text` (pyromark's unit)."""
        table = self.byte_table()
        return byte_offset if table is None else table[byte_offset]

    def forget_derived(self) -> None:
        """Drop the byte table (a list as long as the note's UTF-8 text, rebuilt on demand)."""
        self._byte_table = None

    def byte_table(self) -> list[int] | None:
        """byte offset -> character offset, or None when they are equal (ASCII text).

        Called for every parser event, so it is one list built once per note by C-level
        loops: a character starts at every byte that is not a UTF-8 continuation byte, and
        the running count of those starts is the character offset.
        """
        if self._byte_table is None and not self._is_ascii:
            encoded = self.text.encode("utf-8", "surrogatepass")
            starts = encoded.translate(_CHARACTER_STARTS)
            self._byte_table = list(accumulate(starts, initial=0))
        return self._byte_table
