"""CI report formats, each read back the way its consumer reads it."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from support import make_vault, run_cli

NOTE = "Intro.\n\nSee [[missing]], 100% sure: now.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose vault is a subfolder, as CI checks it."""
    make_vault(tmp_path / "wiki", {"a.md": NOTE, "b.md": "[[a]]\n"})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    return tmp_path


def report(capsys, repo: Path, output_format: str) -> str:
    result = run_cli(capsys, "check", "--output-format", output_format, cwd=repo / "wiki")
    assert result.code == 1, result.err
    return result.out


def test_github_workflow_commands(repo: Path, capsys):
    lines = report(capsys, repo, "github").splitlines()
    assert lines[0] == (
        "::error file=wiki/a.md,line=3,col=5,endLine=3,endColumn=16,"
        "title=LNK001 unresolved-link::unresolved link [[missing]]: no note or file in the "
        "vault is named 'missing.md'; create the note, or fix the link"
    )
    assert lines[1].startswith("::warning file=wiki/a.md,line=3,col=29,")


def test_json_lines(repo: Path, capsys):
    records = [json.loads(line) for line in report(capsys, repo, "json-lines").splitlines()]
    assert [(r["path"], r["line"], r["column"], r["code"]) for r in records] == [
        ("wiki/a.md", 3, 5, "LNK001"),
        ("wiki/a.md", 3, 29, "DAT001"),
    ]


def test_junit_reads_as_xml_with_one_case_per_note(repo: Path, capsys):
    root = ElementTree.fromstring(report(capsys, repo, "junit"))
    cases = root.findall("./testsuite/testcase")
    assert [case.get("name") for case in cases] == ["wiki/a.md", "wiki/b.md"]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("message") == "2 problems"
    assert cases[1].find("failure") is None
    assert root.get("tests") == "2" and root.get("failures") == "1"


def test_gitlab_fingerprints_survive_edits_above(repo: Path, capsys):
    before = json.loads(report(capsys, repo, "gitlab"))
    assert before[0]["location"] == {
        "path": "wiki/a.md",
        "positions": {"begin": {"line": 3, "column": 5}, "end": {"line": 3, "column": 16}},
    }
    assert {issue["severity"] for issue in before} == {"major", "minor"}
    (repo / "wiki/a.md").write_text("New first line.\n\n" + NOTE)
    after = json.loads(report(capsys, repo, "gitlab"))
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert after[0]["location"]["positions"]["begin"]["line"] == 5
