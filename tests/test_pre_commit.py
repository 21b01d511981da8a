"""The real pre-commit program running this checkout's hooks on a vault repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import make_vault

REPO = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )


def checkout_commit() -> str | None:
    """The commit of this checkout that holds the hooks (pre-commit installs from git)."""
    try:
        head = git(REPO, "rev-parse", "HEAD").stdout.strip()
        git(REPO, "cat-file", "-e", f"{head}:.pre-commit-hooks.yaml")
    except (subprocess.CalledProcessError, OSError):
        return None
    return head


@pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed")
def test_hooks_through_real_pre_commit(tmp_path: Path):
    head = checkout_commit()
    if head is None:
        pytest.skip("this checkout is not a git repository with the hooks committed")
    vault = make_vault(
        tmp_path / "vault",
        {"a.md": "Alpha links to [[b]].\n", "b.md": "Beta.\n"},
    )
    (vault / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {head}\n    hooks:\n"
        "      - id: vaultlint\n      - id: vaultlint-fix\n        stages: [manual]\n"
    )
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    git(vault, "init", "-q")
    git(vault, "add", "-A")
    git(vault, "commit", "-qm", "vault", "--no-verify")

    def run_hook(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PRE_COMMIT), "run", *extra],
            cwd=vault,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    # A good note: the hook passes.
    (vault / "c.md").write_text("Gamma, see [[a]].\n")
    git(vault, "add", "c.md")
    good = run_hook()
    assert good.returncode == 0, good.stdout + good.stderr
    git(vault, "commit", "-qm", "good", "--no-verify")

    # A note with a broken link: the hook fails and names it.
    (vault / "d.md").write_text("Delta, see [[missing-page]] and [[a]].\n")
    git(vault, "add", "d.md")
    broken = run_hook()
    assert broken.returncode == 1
    assert "d.md:1:12: LNK001 unresolved link [[missing-page]]" in broken.stdout
    git(vault, "rm", "-q", "--cached", "d.md")
    (vault / "d.md").unlink()

    # Only deleting a note that an unchanged note links to: the hook still fails.
    git(vault, "rm", "-q", "b.md")
    deleted = run_hook()
    assert deleted.returncode == 1, deleted.stdout
    assert "a.md:1:16: LNK001 unresolved link [[b]]" in deleted.stdout
    git(vault, "reset", "-q", "HEAD", "b.md")
    git(vault, "checkout", "-q", "--", "b.md")

    # The fix hook fixes the staged note and says so.
    (vault / "e.md").write_text("Epsilon [[a]].   \n\n\n\nEnd")
    git(vault, "add", "e.md")
    fixed = run_hook("--hook-stage", "manual", "vaultlint-fix")
    assert fixed.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixed.stdout
    assert (vault / "e.md").read_text() == "Epsilon [[a]].\n\nEnd\n"
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
