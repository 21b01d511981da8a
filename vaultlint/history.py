"""What git remembers about renamed notes, for "did you mean" suggestions.

Read once per run, and only when some link is unresolved: one `git log` call listing
renames. Outside a git repository (or without git) there is simply no history.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from vaultlint.resolve import fold


def renamed_notes(root: Path) -> dict[str, str]:
    """Folded old file name -> current vault path, newest rename first wins."""
    try:
        top = subprocess.run(
            ["git", "-c", "core.quotePath=false", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=false",
                "log",
                "--diff-filter=R",
                "--name-status",
                "--format=",
                "-M",
                "--",
                ".",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    renames: dict[str, str] = {}
    for line in log.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0].startswith("R"):
            continue
        old, new = parts[1], parts[2]
        if not (old.startswith(prefix) and new.startswith(prefix)):
            continue
        old_name = fold(old[len(prefix) :].rsplit("/", 1)[-1])
        renames.setdefault(old_name, new[len(prefix) :])
    return renames


def staged_removals(root: Path) -> list[str]:
    """Vault paths that the staged change deletes, or renames away (their old names)."""
    try:
        top = subprocess.run(
            ["git", "-c", "core.quotePath=false", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=false",
                "diff",
                "--cached",
                "--name-status",
                "--diff-filter=DR",
                "-M",
                "--",
                ".",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    removed = []
    for line in status.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0][:1] in ("D", "R") and parts[1].startswith(prefix):
            removed.append(parts[1][len(prefix) :])
    return removed
