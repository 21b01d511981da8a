"""Bad input never crashes the run and never stops the rest of the vault being checked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import codes, make_vault, run_cli

GOOD = "# Fine\n\nA fine note.\n"
EMPTY_OTHER = ""  # a note with a finding, to prove the rest of the vault is still checked


def check_json(capsys, vault: Path, *extra: str):
    result = run_cli(capsys, "check", "--output-format", "json", *extra, cwd=vault)
    assert "Traceback" not in result.err
    assert result.code in (0, 1), result.err
    return result


def test_invalid_utf8_is_reported_at_the_bad_byte(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"latin.md": b"line one\ncaf\xe9 au lait\n", "e.md": ""})
    result = check_json(capsys, vault)
    assert codes(result) == [("e.md", 1, 1, "VLT004"), ("latin.md", 2, 4, "VLT002")]
    assert "not valid UTF-8 (byte 0xe9)" in result.json()[1]["message"]


def test_nul_bytes_and_binary_files_named_md(tmp_path: Path, capsys):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    vault = make_vault(tmp_path, {"image.md": png, "nul.md": b"text\x00more\n", "e.md": ""})
    result = check_json(capsys, vault)
    assert codes(result) == [
        ("e.md", 1, 1, "VLT004"),
        ("image.md", 3, 1, "VLT002"),
        ("nul.md", 1, 5, "VLT002"),
    ]
    assert "binary content" in result.json()[1]["message"]


def test_fifo_named_md_is_never_opened(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"e.md": ""})
    os.mkfifo(vault / "pipe.md")
    result = check_json(capsys, vault)  # would block forever if the FIFO were opened
    assert codes(result) == [("e.md", 1, 1, "VLT004"), ("pipe.md", 1, 1, "VLT001")]
    assert "not a regular file" in result.json()[1]["message"]


def test_huge_note_is_reported_not_parsed(tmp_path: Path, capsys):
    big = ("A line of prose with [[link]] and #tag.\n" * 1_300_000).encode()  # ~50 MB
    vault = make_vault(tmp_path, {"huge.md": big, "e.md": ""})
    result = check_json(capsys, vault)
    assert codes(result) == [("e.md", 1, 1, "VLT004"), ("huge.md", 1, 1, "VLT006")]
    assert "over the limit of 10.0 MB" in result.json()[1]["message"]


def test_deeply_nested_lists_and_quotes_are_checked(tmp_path: Path, capsys):
    nested_list = "- " * 10_000 + "item [[e]]\n"  # 10,000 levels on one line
    indented = "".join("  " * level + "- item\n" for level in range(1_000))
    nested_quote = "> " * 10_000 + "deep [[e]]\n"
    vault = make_vault(
        tmp_path,
        {"list.md": nested_list, "indented.md": indented, "quote.md": nested_quote, "e.md": ""},
    )
    result = check_json(capsys, vault)
    assert codes(result) == [("e.md", 1, 1, "VLT004")]


def test_deeply_nested_frontmatter_is_a_finding(tmp_path: Path, capsys):
    deep = "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\nBody.\n"
    vault = make_vault(tmp_path, {"deep.md": deep})
    result = check_json(capsys, vault)
    assert [c[3] for c in codes(result)] == ["VLT003"]


def test_symlink_loop_is_skipped_with_a_message(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a/note.md": GOOD, "e.md": ""})
    os.symlink(vault / "a", vault / "a" / "loop")
    result = check_json(capsys, vault)
    assert codes(result) == [("e.md", 1, 1, "VLT004")]
    assert "a/loop: symbolic link loop (it points at a folder that contains it)" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_symlinked_folder_inside_the_vault_does_not_hide_the_real_one(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"alpha/e.md": ""})
    os.symlink(vault / "alpha", vault / "zeta")
    result = check_json(capsys, vault)
    assert codes(result) == [("alpha/e.md", 1, 1, "VLT004")]
    assert result.err == ""


def test_symlinked_folder_outside_the_vault_is_followed(tmp_path: Path, capsys):
    vault = make_vault(tmp_path / "vault", {"a.md": "[[shared-note]]\n"})
    make_vault(tmp_path / "elsewhere", {"shared-note.md": ""}, obsidian=False)
    os.symlink(tmp_path / "elsewhere", vault / "shared")
    result = check_json(capsys, vault)
    assert codes(result) == [("shared/shared-note.md", 1, 1, "VLT004")]


def test_broken_symlink_is_skipped_with_a_message(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"e.md": ""})
    os.symlink(vault / "missing.md", vault / "dangling.md")
    result = check_json(capsys, vault)
    assert codes(result) == [("e.md", 1, 1, "VLT004")]
    assert "dangling.md: broken symbolic link" in result.err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"secret.md": GOOD, "e.md": ""})
    (vault / "secret.md").chmod(0)
    try:
        result = check_json(capsys, vault)
    finally:
        (vault / "secret.md").chmod(0o644)
    assert codes(result) == [("e.md", 1, 1, "VLT004"), ("secret.md", 1, 1, "VLT001")]


def test_malformed_yaml_points_at_the_error_line(tmp_path: Path, capsys):
    note = "---\ntitle: Ok\nsummary: Karpathy: researcher\ntags: [a]\n---\nBody.\n"
    vault = make_vault(tmp_path, {"m.md": note})
    result = check_json(capsys, vault)
    assert codes(result) == [("m.md", 3, 18, "VLT003")]
    assert "mapping values are not allowed" in result.json()[0]["message"]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("---\n- a\n- b\n---\nBody\n", (2, 1, "not a mapping")),
        ("---\ntitle: a\ntitle: b\n---\nBody\n", (3, 1, "duplicate property 'title'")),
        ("---\ntitle: a\n\nBody without a closing fence\n", (1, 1, "never closed")),
    ],
)
def test_frontmatter_shapes_obsidian_rejects(tmp_path: Path, capsys, note, expected):
    vault = make_vault(tmp_path, {"f.md": note})
    finding = check_json(capsys, vault).json()[0]
    assert (finding["line"], finding["column"]) == expected[:2]
    assert expected[2] in finding["message"]


def test_crlf_and_bom_positions_in_findings(tmp_path: Path, capsys):
    note = "\ufeff---\r\ntitle: a\r\nsummary: x: y\r\n---\r\nBody\r\n"
    vault = make_vault(tmp_path, {"w.md": note})
    assert codes(check_json(capsys, vault)) == [("w.md", 3, 11, "VLT003")]


def test_bad_configuration_is_one_clear_line_and_exit_2(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": GOOD, "vaultlint.toml": "selct = ['VLT']\n"})
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "vaultlint.toml: unknown key 'selct'" in result.err
    (vault / "vaultlint.toml").write_text("fail-on = 3\n")
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 2 and "key 'fail-on'" in result.err
    (vault / "vaultlint.toml").write_text("select = [\n")
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 2 and "invalid TOML" in result.err
    assert "Traceback" not in result.err


def test_yaml_alias_expansion_is_bounded(tmp_path: Path, capsys):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        levels.append(f"a{level}: &a{level} [{refs}]")
    note = "---\n" + "\n".join(levels) + "\n---\nBody.\n"
    vault = make_vault(tmp_path, {"bomb.md": note})
    result = check_json(capsys, vault)  # 10^9 values if expanded
    (finding,) = result.json()
    assert finding["code"] == "VLT003"
    assert "expands to more than 100,000 values" in finding["message"]
