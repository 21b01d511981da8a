"""Asking git about the vault: one place for the subprocess, quoting and path prefixes.

Every caller treats "no git, not a repository, git failed" as "no history": the answer is
None and the rule that asked degrades gracefully.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def run_git(root: Path, *args: str, timeout: float = 60) -> str | None:
    """git's standard output, or None when git is missing or fails. Paths come unquoted."""
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def vault_prefix(root: Path) -> str | None:
    """The vault's folder inside its repository ('' at the top, 'wiki/' below), or None."""
    top = run_git(root, "rev-parse", "--show-toplevel", timeout=10)
    if top is None:
        return None
    prefix = Path(root).resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    return "" if prefix == "." else prefix + "/"
