"""Suppression comments and the unused-suppression rule (VLT005)."""

from __future__ import annotations

from pathlib import Path

from support import codes, make_vault, run_cli

from vaultlint.parse import parse_document
from vaultlint.suppress import find_directives


def findings(capsys, vault: Path):
    result = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    assert result.code in (0, 1), result.err
    return codes(result)


def test_unused_file_level_key_is_reported(tmp_path: Path, capsys):
    note = "---\nvaultlint-disable: VLT004\n---\nBody text.\n"
    vault = make_vault(tmp_path, {"whole-file.md": note})
    # The file-level key suppresses nothing here (the note is not empty): reported.
    assert findings(capsys, vault) == [("whole-file.md", 2, 20, "VLT005")]


def test_file_level_key_suppresses_the_whole_note(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"e.md": "---\nvaultlint-disable: [empty-note]\n---\n"})
    assert findings(capsys, vault) == []


def test_disable_line_suppresses_the_finding_on_its_line(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "by-code.md": "%% vaultlint-disable-line VLT004 %%\n",
            "by-name.md": "<!-- vaultlint-disable-line empty-note -->\n",
            "by-family.md": "%% vaultlint-disable-line VLT %%\n",
            "all.md": "%% vaultlint-disable-line %%\n",
            "other-code.md": "%% vaultlint-disable-line VLT003 %%\n",
        },
    )
    assert findings(capsys, vault) == [
        ("other-code.md", 1, 1, "VLT004"),
        ("other-code.md", 1, 1, "VLT005"),
    ]


def _directives(text: str):
    return find_directives(parse_document("n.md", text))


def test_directive_line_ranges():
    text = (
        "one\n"
        "two %% vaultlint-disable-line VLT004 %%\n"
        "%% vaultlint-disable-next-line VLT003, empty-note %%\n"
        "four\n"
        "<!-- vaultlint-disable LNK -->\n"
        "six\n"
        "<!-- vaultlint-enable LNK -->\n"
        "%% vaultlint-disable %%\n"
        "nine\n"
    )
    line, next_line, block, rest = _directives(text)
    assert (line.kind, line.first_line, line.last_line, line.selectors) == (
        "line",
        2,
        2,
        ("VLT004",),
    )
    assert (next_line.first_line, next_line.last_line) == (4, 4)
    assert next_line.selectors == ("VLT003", "empty-note")
    assert next_line.covers("VLT004", "empty-note", 4)
    assert not next_line.covers("VLT004", "empty-note", 3)
    assert not next_line.covers("VLT005", "unused-suppression", 4)
    assert (block.first_line, block.last_line) == (5, 7)
    assert block.covers("LNK001", "unresolved-link", 6)
    assert not block.covers("LNK001", "unresolved-link", 8)
    assert rest.first_line == 8 and rest.covers("FMT001", "anything", 9) and not rest.selectors


def test_directives_inside_code_are_not_directives():
    text = "`%% vaultlint-disable-line %%`\n\n```\n<!-- vaultlint-disable -->\n```\n"
    assert _directives(text) == []


def test_unknown_code_in_suppression(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "Text %% vaultlint-disable-line NOPE999 %%\n"})
    result = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    (finding,) = result.json()
    assert (finding["code"], finding["line"], finding["column"]) == ("VLT005", 1, 6)
    assert "unknown rule NOPE999" in finding["message"]


def test_unused_suppression_can_be_ignored(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "Text %% vaultlint-disable-line VLT004 %%\n"})
    result = run_cli(capsys, "check", "--ignore", "VLT005", cwd=vault)
    assert result.code == 0


def test_reason_after_double_dash(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path, {"a.md": "%% vaultlint-disable-line VLT004 -- placeholder kept on purpose %%\n"}
    )
    assert findings(capsys, vault) == []


def test_suppression_of_a_rule_not_run_is_not_called_unused(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "Text %% vaultlint-disable-line VLT004 %%\n"})
    result = run_cli(capsys, "check", "--ignore", "VLT004", "--output-format", "json", cwd=vault)
    assert result.json() == []
    assert findings(capsys, vault) == [("a.md", 1, 6, "VLT005")]
