"""Documentation that is generated or promised stays true."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from vaultlint.registry import ALL_RULES, rules_markdown

REPO = Path(__file__).resolve().parent.parent


def test_rules_doc_is_generated_from_the_registry():
    assert (REPO / "docs/rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "run: python scripts/generate_docs.py"
    )


def test_every_rule_is_documented_with_examples():
    for rule in ALL_RULES:
        assert re.fullmatch(r"(VLT|LNK|SCH|DAT|FMT|WIKI)\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert rule.summary and rule.why and rule.bad and rule.good
        assert rule.bad != rule.good


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.search(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    assert commands is not None and readme.index("```sh") < 20
    first, second = commands.group(1).splitlines()
    assert "vaultlint check examples/" in first
    assert "pytest" in second
    assert second in (REPO / ".ci/run").read_text(encoding="utf-8")


def test_readme_shows_the_real_output_of_the_main_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(.*?)```", readme, re.DOTALL)
    assert shown is not None
    actual = subprocess.run(
        ["vaultlint", "check", "examples/"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": str(Path(__import__("sys").executable).parent), "NO_COLOR": "1"},
    )
    # DAT001 suggests "as of <this month>": the month is the one the README was written in.
    month = re.compile(r"as of \d{4}-\d{2}")
    assert month.sub("as of YYYY-MM", shown.group(1)) == month.sub("as of YYYY-MM", actual.stdout)


def test_ci_jobs_in_the_docs_are_valid_yaml_and_use_formats_that_exist():
    import yaml

    from vaultlint.cli import _parser

    text = (REPO / "docs/ci.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]
    github, gitlab = blocks
    steps = github["jobs"]["vaultlint"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    used = re.findall(r"--output-format (\S+)", runs + " ".join(gitlab["vaultlint"]["script"]))
    assert set(used) == {"github", "sarif", "gitlab"}
    for output_format in used:  # the command line accepts each
        assert _parser().parse_args(["check", "--output-format", output_format])
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action"))
    assert upload["with"]["sarif_file"] in runs  # the file the sarif step writes
    assert github["jobs"]["vaultlint"]["permissions"]["security-events"] == "write"
