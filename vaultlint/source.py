"""The text of one note and the arithmetic of positions in it.

Everything in a `Document` is addressed by *character offsets into `SourceText.text`*, the
decoded file without its byte-order mark. This module turns those offsets into the 1-based
line and column that a user sees (the BOM is invisible in editors, so it never counts as a
column), and turns the UTF-8 byte offsets that pyromark reports into character offsets.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field

BOM = "\ufeff"

# CommonMark ends a line at LF, CRLF or a lone CR; pyromark does too, so lines are counted
# the same way here or line numbers drift in old Mac-style files.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
    _byte_line_starts: list[int] | None = field(init=False, default=None)
    _encoded: bytes | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        self.line_starts = starts

    @classmethod
    def from_text(cls, text: str) -> SourceText:
        """Build from decoded text, remembering and removing a leading BOM."""
        if text.startswith(BOM):
            return cls(text[1:], has_bom=True)
        return cls(text)

    @property
    def is_ascii(self) -> bool:
        return self.text.isascii()

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
    def line_count(self) -> int:
        return len(self.line_starts)

    def char_offset(self, byte_offset: int) -> int:
        """Character offset for a UTF-8 byte offset into `text` (pyromark's unit)."""
        if self._encoded is None:
            if self.text.isascii():
                return byte_offset
            self._encoded = self.text.encode("utf-8", "surrogatepass")
            byte_starts = [0]
            starts = self.line_starts
            for previous, start in itertools.pairwise(starts):
                chunk = self.text[previous:start]
                width = len(chunk.encode("utf-8", "surrogatepass"))
                byte_starts.append(byte_starts[-1] + width)
            self._byte_line_starts = byte_starts
        assert self._byte_line_starts is not None
        index = bisect_right(self._byte_line_starts, byte_offset) - 1
        line_byte_start = self._byte_line_starts[index]
        prefix = self._encoded[line_byte_start:byte_offset]
        return self.line_starts[index] + len(prefix.decode("utf-8", "surrogatepass"))
