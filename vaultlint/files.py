"""Reading one note from disk without ever crashing on what is there.

Every way a file can be unusable (not a regular file, unreadable, not UTF-8, binary, too
large) becomes a `ReadProblem` that the engine reports as a finding; the run goes on.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class ReadProblem:
    code: str  # the VLT rule that reports it
    message: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True)
class ReadResult:
    text: str | None
    problem: ReadProblem | None = None


def read_note(path: Path, max_bytes: int) -> ReadResult:
    """Read a note as UTF-8. Non-regular files are never opened (a FIFO would block)."""
    try:
        info = os.stat(path)
    except OSError as error:
        return ReadResult(None, ReadProblem("VLT001", _unreadable(error)))
    if not stat.S_ISREG(info.st_mode):
        return ReadResult(
            None,
            ReadProblem(
                "VLT001",
                "not a regular file (a FIFO, device or socket named .md); it was not read: "
                "remove it from the vault or rename it",
            ),
        )
    if info.st_size > max_bytes:
        return ReadResult(
            None,
            ReadProblem(
                "VLT006",
                f"note is {_size(info.st_size)}, over the limit of {_size(max_bytes)} "
                "(max-file-size); it was not checked: split it, or raise the limit",
            ),
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        return ReadResult(None, ReadProblem("VLT001", _unreadable(error)))
    return decode_note(data)


def decode_note(data: bytes) -> ReadResult:
    """Decode UTF-8 (a BOM is kept as U+FEFF); NUL bytes mean a binary file."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _line_column(data, nul)
        return ReadResult(
            None,
            ReadProblem(
                "VLT002",
                "binary content (NUL byte); a note must be UTF-8 text: "
                "rename the file if it is not a note",
                line,
                column,
            ),
        )
    try:
        return ReadResult(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line, column = _line_column(data, error.start)
        return ReadResult(
            None,
            ReadProblem(
                "VLT002",
                f"not valid UTF-8 (byte 0x{data[error.start]:02x}); re-save the note as UTF-8",
                line,
                column,
            ),
        )


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column of a byte offset; lines end at LF, CRLF or a lone CR."""
    breaks = list(_LINE_BREAK.finditer(data, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    prefix = data[line_start:offset]
    if line_start == 0 and prefix.startswith(b"\xef\xbb\xbf"):
        prefix = prefix[3:]
    return len(breaks) + 1, len(prefix.decode("utf-8", "replace")) + 1


def _unreadable(error: OSError) -> str:
    reason = (error.strerror or str(error)).lower()
    if isinstance(error, PermissionError):
        return f"cannot read file: {reason}: give the user running vaultlint read access"
    return f"cannot read file: {reason}: check the disk and the file, then run again"


def _size(count: int) -> str:
    if count < 10 * 1024:
        return f"{count:,} bytes"
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count / 1024:.0f} KB"
