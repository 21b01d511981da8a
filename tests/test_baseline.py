"""Baselines and --changed-since: adopting vaultlint on a large vault, checking only a
pull request's notes; with real files and a real git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from support import make_vault, run_cli


def _codes(result) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["code"]) for f in result.json()]


def test_baselined_findings_survive_edits_above_them(tmp_path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "a.md": "# A\n\nSee [[missing]].\n",
            "b.md": "# B\n\nAlso [[gone]].\n",
        },
    )
    baseline = tmp_path / "baseline.json"
    written = run_cli(capsys, "check", "--write-baseline", baseline, cwd=vault)
    assert written.code == 0 and "Wrote 2 findings" in written.err
    assert json.loads(baseline.read_text())["version"] == 1
    clean = run_cli(capsys, "check", "--baseline", baseline, cwd=vault)
    assert clean.code == 0, clean.out
    # Lines added above the known finding move it; it stays known. A new problem is reported.
    (vault / "a.md").write_text("# A\n\nNew intro.\n\nMore text.\n\nSee [[missing]].\n[[new]]\n")
    result = run_cli(capsys, "check", "--output-format", "json", "--baseline", baseline, cwd=vault)
    assert _codes(result) == [("a.md", 8, "LNK001")]
    # A second copy of the same problem on another line is new too.
    (vault / "b.md").write_text("# B\n\nAlso [[gone]].\n\nAlso [[gone]].\n")
    result = run_cli(capsys, "check", "--output-format", "json", "--baseline", baseline, cwd=vault)
    assert ("b.md", 5, "LNK001") in _codes(result) and ("b.md", 3, "LNK001") not in _codes(result)


def test_a_bad_baseline_file_is_a_usage_error(tmp_path, capsys):
    vault = make_vault(tmp_path, {"a.md": "x\n", "bad.json": "{not json"})
    result = run_cli(capsys, "check", "--baseline", vault / "bad.json", cwd=vault)
    assert result.code == 2 and "not a baseline file" in result.err


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@e", "-c", "user.name=t", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_changed_since_checks_only_changed_notes_with_the_whole_index(tmp_path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "old.md": "[[missing-one]]\n",
            "target.md": "# Target\n",
            "changed.md": "[[target]]\n",
        },
    )
    _git(vault, "init", "-q")
    _git(vault, "add", "-A")
    _git(vault, "commit", "-qm", "base")
    (vault / "changed.md").write_text("[[target]] and [[missing-two]]\n")
    (vault / "new.md").write_text("[[target#Target]] [[missing-three]]\n")
    result = run_cli(
        capsys, "check", "--output-format", "json", "--changed-since", "HEAD", cwd=vault
    )
    assert [(p, c) for p, _l, c in _codes(result)] == [
        ("changed.md", "LNK001"),
        ("new.md", "LNK001"),
    ]
    bad = run_cli(capsys, "check", "--changed-since", "no-such-ref", cwd=vault)
    assert bad.code == 2 and "not a git revision" in bad.err


def test_a_baselined_finding_whose_numbers_change_stays_known(tmp_path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "vaultlint.toml": 'extends = "llm-wiki"\n',
            "a.md": "---\ntitle: A\ntype: concept\ncreated: 2025-01-01\n"
            "updated: 2025-01-02\n---\nx\n",
        },
    )
    baseline = tmp_path / "b.json"
    args = ("--select", "WIKI016", "--output-format", "json")
    run_cli(
        capsys, "check", *args, "--today", "2026-01-01", "--write-baseline", baseline, cwd=vault
    )
    later = run_cli(
        capsys, "check", *args, "--today", "2026-01-02", "--baseline", baseline, cwd=vault
    )
    assert later.json() == []
