"""Writers that turn findings into the formats people and CI systems read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from vaultlint.rule import Finding


@dataclass(frozen=True)
class Shown:
    """A finding with the path as the user should see it."""

    path: str
    finding: Finding


def display_path(root: Path, relative: str, cwd: Path) -> str:
    """POSIX path, relative to the current directory when the note is inside it."""
    absolute = root / relative
    try:
        return absolute.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return Path(os.path.abspath(absolute)).as_posix()
