"""The `vaultlint` command as a user runs it: output formats, options and exit codes."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from support import codes, make_vault, run_cli, run_process

CLEAN = "# Leverage\n\nLeverage multiplies judgment.\n"
EMPTY = ""
BAD_YAML = "---\ntitle: x\nsummary: Scaling laws: bigger\n---\nBody.\n"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_vault(
        tmp_path / "vault",
        {"clean.md": CLEAN, "notes/empty.md": EMPTY, "notes/bad.md": BAD_YAML},
    )


def test_text_report_lists_each_finding_with_position_and_summary(vault: Path, capsys):
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0].startswith("notes/bad.md:3:22: VLT003 invalid YAML in frontmatter")
    assert lines[1] == (
        "notes/empty.md:1:1: VLT004 note is empty: write its content, or delete the note"
    )
    assert lines[-1] == "Found 2 problems in 2 notes."


def test_clean_vault_passes_with_exit_zero(tmp_path: Path, capsys):
    vault = make_vault(tmp_path / "v", {"a.md": CLEAN, "b.md": CLEAN})
    result = run_cli(capsys, "check", vault)
    assert result.code == 0
    assert result.out == "All checks passed (2 notes checked).\n"


def test_json_report_has_exactly_the_documented_keys(vault: Path, capsys):
    result = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    findings = result.json()
    assert [set(f) for f in findings] == [
        {
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "name",
            "severity",
            "message",
            "fix",
        }
    ] * 2
    first = findings[0]
    assert (first["path"], first["line"], first["column"]) == ("notes/bad.md", 3, 22)
    assert (first["code"], first["name"], first["severity"], first["fix"]) == (
        "VLT003",
        "frontmatter-syntax",
        "error",
        None,
    )


def test_paths_are_relative_to_the_current_directory_when_inside_it(vault: Path, capsys):
    result = run_cli(capsys, "check", "--output-format", "json", ".", cwd=vault / "notes")
    assert {f["path"] for f in result.json()} == {"bad.md", "empty.md"}
    elsewhere = vault.parent / "elsewhere"
    elsewhere.mkdir()
    outside = run_cli(capsys, "check", "--output-format", "json", vault / "notes", cwd=elsewhere)
    assert {f["path"] for f in outside.json()} == {
        (vault / "notes/bad.md").as_posix(),
        (vault / "notes/empty.md").as_posix(),
    }


def test_select_and_ignore(vault: Path, capsys):
    only_empty = run_cli(
        capsys, "check", "--select", "VLT004", "--output-format", "json", cwd=vault
    )
    assert {f["code"] for f in only_empty.json()} == {"VLT004"}
    by_name = run_cli(
        capsys, "check", "--ignore", "empty-note", "--output-format", "json", cwd=vault
    )
    assert {f["code"] for f in by_name.json()} == {"VLT003"}
    unknown = run_cli(capsys, "check", "--select", "NOPE1", cwd=vault)
    assert unknown.code == 2
    assert "unknown rule selector 'NOPE1'" in unknown.err


def test_fail_on_and_exit_zero(vault: Path, capsys):
    (vault / "notes/bad.md").unlink()  # leave one warning
    assert run_cli(capsys, "check", cwd=vault).code == 1
    assert run_cli(capsys, "check", "--fail-on", "error", cwd=vault).code == 0
    assert run_cli(capsys, "check", "--exit-zero", cwd=vault).code == 0


def test_info_findings_never_fail_by_default(vault: Path, capsys):
    (vault / "notes/bad.md").unlink()
    (vault / "vaultlint.toml").write_text('[severity]\nVLT004 = "info"\n')
    result = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    assert [f["severity"] for f in result.json()] == ["info"]
    assert result.code == 0
    assert run_cli(capsys, "check", "--fail-on", "info", cwd=vault).code == 1


def test_output_file_statistics_and_quiet(vault: Path, capsys, tmp_path: Path):
    report = tmp_path / "report.txt"
    result = run_cli(capsys, "check", "-o", report, cwd=vault)
    assert result.out == ""
    assert report.read_text().endswith("Found 2 problems in 2 notes.\n")
    stats = run_cli(capsys, "check", "--statistics", cwd=vault)
    assert stats.out.splitlines()[:2] == [
        "     1  VLT003      frontmatter-syntax",
        "     1  VLT004      empty-note",
    ]
    quiet = run_cli(capsys, "check", "--quiet", cwd=vault)
    assert len(quiet.out.splitlines()) == 2
    assert "Found" not in quiet.out


def test_no_path_means_the_whole_vault_around_the_current_directory(vault: Path, capsys):
    result = run_cli(capsys, "check", "--show-files", cwd=vault / "notes")
    # Inside the current directory: relative; elsewhere in the vault: absolute.
    assert result.out.splitlines() == [(vault / "clean.md").as_posix(), "bad.md", "empty.md"]


def test_broken_symlink_and_link_loop_paths_are_usage_errors(tmp_path: Path, capsys):
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    for name in ("dangling", "loop-a"):
        result = run_cli(capsys, "check", tmp_path / name)
        assert result.code == 2
        assert "broken symbolic link or symbolic link loop" in result.err


def test_no_command_prints_help_and_is_a_usage_error(capsys):
    result = run_cli(capsys)
    assert result.code == 2
    assert "usage: vaultlint" in result.err


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys):
    result = run_cli(capsys, "check", tmp_path / "nope")
    assert result.code == 2
    assert result.err.strip().endswith("nope: no such file or folder")
    assert len(result.err.strip().splitlines()) == 1


def test_bad_today_is_a_usage_error(vault: Path, capsys):
    for bad in ("2026-13-01", "20261125", "2026W481"):
        result = run_cli(capsys, "check", "--today", bad, cwd=vault)
        assert result.code == 2
        assert "expected a date as YYYY-MM-DD" in result.err


def test_stdin_filename_checks_text_from_standard_input(vault: Path):
    result = run_process(
        "check",
        "--stdin-filename",
        "notes/new.md",
        "--output-format",
        "json",
        cwd=vault,
        stdin="---\na: [\n---\n",
    )
    assert result.code == 1
    assert codes(result) == [("notes/new.md", 2, 1, "VLT003")]
    clean = run_process("check", "--stdin-filename", "notes/empty.md", cwd=vault, stdin=CLEAN)
    assert clean.code == 0, clean.out + clean.err


def test_show_files_and_show_settings(vault: Path, capsys):
    (vault / ".hidden").mkdir()
    (vault / ".hidden/x.md").write_text(CLEAN)
    files = run_cli(capsys, "check", "--show-files", cwd=vault)
    assert files.out.splitlines() == ["clean.md", "notes/bad.md", "notes/empty.md"]
    settings = run_cli(capsys, "check", "--show-settings", cwd=vault)
    assert '"fail-on": "warning"' in settings.out
    assert '"VLT003"' in settings.out


def test_rule_and_rules_commands(capsys):
    doc = run_cli(capsys, "rule", "VLT003")
    assert doc.out.startswith("# VLT003 frontmatter-syntax\n")
    assert "## Example" in doc.out and "## Use instead" in doc.out
    assert run_cli(capsys, "rule", "empty-note").out.startswith("# VLT004 empty-note")
    missing = run_cli(capsys, "rule", "XYZ999")
    assert missing.code == 2 and "unknown rule" in missing.err
    listing = run_cli(capsys, "rules").out.splitlines()
    assert any(line.startswith("VLT001") for line in listing)
    as_json = run_cli(capsys, "rules", "--output-format", "json")
    assert {"code", "name", "summary", "severity", "fix", "why", "bad", "good"} <= set(
        as_json.json()[0]
    )


def test_version_and_module_entry_point(tmp_path: Path):
    result = run_process("--version", cwd=tmp_path)
    assert result.code == 0
    assert result.out.startswith("vaultlint ")


def test_version_does_not_import_the_parser_or_rules(tmp_path: Path):
    probe = (
        "import sys\n"
        "from vaultlint.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pyromark', 'yaml', 'pydantic', 'vaultlint.registry',"
        " 'vaultlint.parse') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=True
    ).stdout
    assert "HEAVY []" in out


def _run_in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "vaultlint", *args],
        cwd=cwd,
        env=env,
        stdout=follower,
        stderr=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_colour_only_on_a_terminal_and_never_with_no_color(vault: Path, capsys):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert "\x1b[" in _run_in_terminal(["check"], vault, env)
    assert "\x1b[" not in _run_in_terminal(["check"], vault, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in run_cli(capsys, "check", cwd=vault).out
