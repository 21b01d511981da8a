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


# The official SARIF 2.1.0 schema (rtm.5, the final one) as Microsoft ships it in an npm
# package; fetched from the registry and checked against the registry's own integrity hash.
SARIF_PACKAGE = "https://registry.npmjs.org/@microsoft/jest-sarif/-/jest-sarif-1.0.0-beta.0.tgz"
SARIF_INTEGRITY = (
    "A1fOhPd6Ic5iDk4F9YPw1qNB4XF+7+IviR7xl8r2F6QzQkx5cpY9LsGk2rExiFIEcBbjpVnSmwWGBukASkiQ9A=="
)
SARIF_MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="session")
def sarif_schema() -> dict[str, object]:
    import base64
    import hashlib
    import io
    import tarfile
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(SARIF_PACKAGE, timeout=30) as response:
            tarball = response.read()
    except (urllib.error.URLError, OSError) as error:
        pytest.skip(f"the npm registry is not reachable for the SARIF schema: {error}")
    digest = base64.b64encode(hashlib.sha512(tarball).digest()).decode()
    assert digest == SARIF_INTEGRITY, "the registry served another tarball"
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile(SARIF_MEMBER)
        assert member is not None
        schema: dict[str, object] = json.load(member)
    assert str(schema["title"]).endswith("(SARIF) Version 2.1.0-rtm.5 JSON Schema")
    return schema


def test_sarif_is_valid_against_the_official_schema(repo: Path, capsys, sarif_schema):
    import jsonschema

    log = json.loads(report(capsys, repo, "sarif"))
    validator = jsonschema.Draft4Validator(
        sarif_schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    # A log the schema rejects is noticed (the check is not vacuous).
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not validator.is_valid(broken)


def test_sarif_results_rules_and_help(repo: Path, capsys):
    log = json.loads(report(capsys, repo, "sarif"))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    rules = run["tool"]["driver"]["rules"]
    first, second = run["results"]
    assert first["ruleId"] == "LNK001" and first["level"] == "error"
    assert rules[first["ruleIndex"]]["id"] == "LNK001"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "wiki/a.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 16},
    }
    assert second["ruleId"] == "DAT001" and second["level"] == "warning"
    lnk001 = rules[first["ruleIndex"]]
    assert lnk001["shortDescription"]["text"].startswith("A link")
    assert "[[" in lnk001["help"]["text"] and "## Why" in lnk001["help"]["markdown"]
    assert lnk001["defaultConfiguration"] == {"level": "error"}
    # Only the rules that ran: every default rule, no opt-in rule such as orphan-note.
    ids = [rule["id"] for rule in rules]
    assert "LNK007" not in ids and "DAT001" in ids
    # Fingerprints survive edits above the finding; the region moves.
    (repo / "wiki/a.md").write_text("New first line.\n\n" + NOTE)
    moved = json.loads(report(capsys, repo, "sarif"))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in moved] == [
        first["partialFingerprints"],
        second["partialFingerprints"],
    ]
    assert moved[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5


def test_sarif_names_files_with_spaces_as_uri_references(tmp_path: Path, capsys):
    vault = make_vault(tmp_path / "my wiki", {"a b.md": "See [[missing]].\n"})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = run_cli(capsys, "check", "--output-format", "sarif", cwd=vault)
    (found,) = json.loads(result.out)["runs"][0]["results"]
    uri = found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20wiki/a%20b.md"


def test_sarif_outside_git_names_a_vault_elsewhere_by_file_uri(tmp_path: Path, capsys):
    vault = make_vault(tmp_path / "vault", {"a.md": "See [[missing]].\n"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli(capsys, "check", "--output-format", "sarif", vault, cwd=elsewhere)
    (found,) = json.loads(result.out)["runs"][0]["results"]
    location = found["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (vault / "a.md").resolve().as_uri()}


def test_sarif_warns_above_what_github_accepts(tmp_path: Path, capsys):
    # 25,001 unresolved links in one note: more results than a code scanning run takes.
    note = "".join(f"[[missing {number}]]\n" for number in range(25_001))
    vault = make_vault(tmp_path / "vault", {"a.md": note})
    result = run_cli(capsys, "check", "--output-format", "sarif", "--select", "LNK001", vault)
    assert len(json.loads(result.out)["runs"][0]["results"]) == 25_001
    assert "25,001 results: GitHub code scanning rejects a SARIF run of more than 25,000" in (
        result.err
    )
    fewer = run_cli(
        capsys,
        "check",
        "--output-format",
        "sarif",
        "--select",
        "LNK001",
        vault,
        "--ignore",
        "LNK001",
    )
    assert "GitHub" not in fewer.err
