"""What git remembers about renamed notes, for "did you mean" suggestions.

Read once per run, and only when some link is unresolved: one `git log` call listing
renames. Outside a git repository (or without git) there is simply no history.
"""

from __future__ import annotations

from pathlib import Path

from vaultlint.git import run_git, vault_prefix
from vaultlint.resolve import fold


def renamed_notes(root: Path) -> dict[str, str]:
    """Folded old file name -> current vault path, newest rename first wins."""
    prefix = vault_prefix(root)
    log = run_git(root, "log", "--diff-filter=R", "--name-status", "--format=", "-M", "--", ".")
    if prefix is None or log is None:
        return {}
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
    prefix = vault_prefix(root)
    status = run_git(root, "diff", "--cached", "--name-status", "--diff-filter=DR", "-M", "--", ".")
    if prefix is None or status is None:
        return []
    removed = []
    for line in status.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0][:1] in ("D", "R") and parts[1].startswith(prefix):
            removed.append(parts[1][len(prefix) :])
    return removed


def changed_since(root: Path, ref: str) -> list[str] | None:
    """Vault paths of notes added, changed or renamed since `ref` (committed, staged or not,
    and new untracked files); None when `ref` is not a revision of this repository."""
    prefix = vault_prefix(root)
    if (
        prefix is None
        or run_git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") is None
    ):
        return None
    diff = run_git(root, "diff", "-z", "--name-only", "--diff-filter=ACMR", "-M", ref, "--", ".")
    untracked = run_git(
        root, "ls-files", "-z", "--others", "--exclude-standard", "--full-name", "--", "."
    )
    if diff is None or untracked is None:
        return None
    # -z: names with quotes or backslashes come as they are, not quoted
    paths = {name for name in (diff + untracked).split("\0") if name.startswith(prefix) and name}
    return sorted(path[len(prefix) :] for path in paths)
