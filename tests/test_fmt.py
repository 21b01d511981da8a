"""The FMT rules: what they report, where, and that their fixes touch nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import make_vault, run_cli


def fmt(capsys, vault: Path, *args: str):
    result = run_cli(
        capsys, "check", "--select", "FMT", "--output-format", "json", *args, cwd=vault
    )
    return [(f["line"], f["column"], f["code"]) for f in result.json()]


NOTE = (
    "# Title  \n"  # 1: a heading cannot hold a hard break: reported
    "Line with hard break  \n"  # 2: kept
    "next line\t \n"  # 3: reported
    "\n\n\n"  # 4-6: a run of three blank lines
    "##Background\n"  # 7: a heading without its space
    "#tag stays text\n"  # 8: a tag, never a heading
    "\n```\ncode   \n\n\n\n##x\n```\n\n"  # code: untouched
    "%% note   \n\n\n %%\n"  # comment: untouched
    "last"  # no final newline
)


def test_findings_and_positions(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": NOTE})
    assert fmt(capsys, vault) == [
        (1, 8, "FMT001"),
        (3, 10, "FMT001"),
        (5, 1, "FMT002"),
        (7, 1, "FMT004"),
        (22, 5, "FMT003"),
    ]


def test_fix_changes_only_what_the_rules_name(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": NOTE})
    run_cli(capsys, "check", "--select", "FMT", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == (
        "# Title\nLine with hard break  \nnext line\n\n## Background\n#tag stays text\n"
        "\n```\ncode   \n\n\n\n##x\n```\n\n%% note   \n\n\n %%\nlast\n"
    )
    assert fmt(capsys, vault) == []


def test_crlf_notes_keep_crlf(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "one  \r\n\r\n\r\n\r\ntwo"})
    run_cli(capsys, "check", "--select", "FMT", "--fix", cwd=vault)
    assert (vault / "a.md").read_bytes() == b"one\r\n\r\ntwo\r\n"


@pytest.mark.parametrize("text", ["---\ntitle: x   \n---\n", "$$\nx   \n$$\n", "<div>  \n</div>\n"])
def test_frontmatter_math_and_html_are_untouched(tmp_path: Path, capsys, text):
    vault = make_vault(tmp_path, {"a.md": text})
    assert [c for c in fmt(capsys, vault) if c[2] == "FMT001"] == []


def test_heading_increment_is_reported_with_an_unsafe_fix(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "## Start\n\n#### Deep\n\n##### Deeper\n\n# Top\n"})
    assert fmt(capsys, vault) == [(3, 1, "FMT005")]
    run_cli(capsys, "check", "--select", "FMT", "--fix", cwd=vault)
    assert (vault / "a.md").read_text().startswith("## Start\n\n#### Deep")  # unsafe: not applied
    run_cli(capsys, "check", "--select", "FMT", "--fix", "--unsafe-fixes", cwd=vault)
    assert (vault / "a.md").read_text() == "## Start\n\n### Deep\n\n#### Deeper\n\n# Top\n"


def test_heading_punctuation_is_opt_in(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "## Background:\n\n## Why?\n\n## Q&A: part 1.\n"})
    default = run_cli(capsys, "check", "--output-format", "json", cwd=vault).json()
    assert [f["code"] for f in default] == []
    assert fmt(capsys, vault) == [(1, 14, "FMT006"), (5, 15, "FMT006")]
    run_cli(capsys, "check", "--select", "FMT006", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == "## Background\n\n## Why?\n\n## Q&A: part 1\n"
