"""Writers that turn findings into the formats people and CI systems read."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from vaultlint.rule import Finding


@dataclass(frozen=True)
class Shown:
    """A finding with the path as the user should see it."""

    path: str
    finding: Finding


def count(number: int, noun: str) -> str:
    """'1 note', '2 notes'."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def display_path(root: Path, relative: str, cwd: Path) -> str:
    """POSIX path, relative to the current directory when the note is inside it."""
    # The vault root is already a real path; the note's own path inside it is kept as the
    # vault sees it (a note under a symlinked folder is shown under that folder).
    if os.sep != "/":  # Windows: drive letters and case-insensitive names, leave to pathlib
        absolute = Path(os.path.abspath(Path(_real(str(root))) / relative))
        try:
            return absolute.relative_to(_real(str(cwd))).as_posix()
        except ValueError:
            return absolute.as_posix()
    # Plain strings: this runs once per finding, and pathlib objects cost 60 µs each time.
    path = os.path.normpath(os.path.join(_real(str(root)), relative))
    here = _real(str(cwd))
    if path == here:
        return "."
    inside = here if here.endswith("/") else here + "/"
    return path[len(inside) :] if path.startswith(inside) else path


@functools.lru_cache(maxsize=64)
def _real(path: str) -> str:
    """realpath walks every component with a system call: once per run is enough."""
    return os.path.realpath(path)
