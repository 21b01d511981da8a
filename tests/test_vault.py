"""The vault: its root, what is linted, and what links can resolve to."""

from __future__ import annotations

import json
from pathlib import Path

from support import make_vault, run_cli

from vaultlint.config import Settings
from vaultlint.engine import CheckRequest, check
from vaultlint.vault import discover, find_vault_root

NOTE = "# A note\n\nText.\n"


def test_root_is_nearest_folder_with_obsidian_or_config(tmp_path: Path):
    make_vault(tmp_path / "vault", {"a/b/c.md": NOTE})
    assert find_vault_root(tmp_path / "vault/a/b/c.md", tmp_path) == (tmp_path / "vault").resolve()
    make_vault(tmp_path / "plain", {"x/y.md": NOTE, "vaultlint.toml": ""}, obsidian=False)
    assert find_vault_root(tmp_path / "plain/x", tmp_path) == (tmp_path / "plain").resolve()


def test_root_falls_back_to_the_current_directory(tmp_path: Path):
    make_vault(tmp_path, {"x/y.md": NOTE}, obsidian=False)
    assert find_vault_root(tmp_path / "x", tmp_path) == tmp_path.resolve()


def test_linted_and_resolvable_sets_are_kept_apart(tmp_path: Path):
    vault = make_vault(
        tmp_path,
        {
            "a.md": NOTE,
            "img/pic.png": b"\x89PNG",
            ".trash/old.md": NOTE,
            ".obsidian/app.json": json.dumps({"userIgnoreFilters": ["Archive/", "/^Scratch/"]}),
            ".obsidian/templates.json": json.dumps({"folder": "Templates"}),
            ".obsidian/plugins/templater-obsidian/data.json": json.dumps(
                {"templates_folder": "Tpl"}
            ),
            "Archive/arch.md": NOTE,
            "Scratch pad.md": NOTE,
            "Templates/daily.md": NOTE,
            "Tpl/t.md": NOTE,
            "node_modules/pkg/readme.md": NOTE,
            "build/out.md": NOTE,
            "drafts/d.md": NOTE,
            ".gitignore": "build/\n",
            "drafts/.gitignore": "d.md\n",
            "skip/s.md": NOTE,
        },
    )
    files = discover(vault, Settings(exclude=["skip/"]))
    assert sorted(files.lintable) == ["a.md"]
    assert ".trash/old.md" not in files.notes  # dot-folders are outside the vault
    assert {
        "Archive/arch.md",
        "Templates/daily.md",
        "Tpl/t.md",
        "build/out.md",
        "drafts/d.md",
        "skip/s.md",
        "Scratch pad.md",
    } <= set(files.notes)
    assert "img/pic.png" in files.attachments


def test_gitignore_can_be_turned_off(tmp_path: Path):
    vault = make_vault(tmp_path, {"build/out.md": NOTE, ".gitignore": "build/\n"})
    assert discover(vault, Settings(respect_gitignore=False)).lintable == {"build/out.md"}


def test_gitignore_of_an_enclosing_repository_applies(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("wiki/private/\n")
    vault = make_vault(tmp_path / "wiki", {"private/p.md": NOTE, "public.md": NOTE})
    assert discover(vault, Settings()).lintable == {"public.md"}


def test_checking_some_files_still_indexes_the_whole_vault(tmp_path: Path):
    vault = make_vault(
        tmp_path,
        {
            "a.md": NOTE,
            "sub/b.md": NOTE,
            "Templates/t.md": NOTE,
            ".obsidian/templates.json": '{"folder": "Templates"}',
        },
    )
    (run,) = check(CheckRequest(targets=(vault / "sub/b.md",), cwd=tmp_path))
    assert run.linted == ["sub/b.md"]
    assert sorted(run.files.notes) == ["Templates/t.md", "a.md", "sub/b.md"]


def test_explicit_excluded_file_is_not_linted(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"skip/e.md": "", "vaultlint.toml": 'exclude = ["skip/"]\n'})
    result = run_cli(capsys, "check", "skip/e.md", cwd=vault)
    assert result.code == 0
    assert result.out == "All checks passed (0 notes checked).\n"


def test_bad_obsidian_settings_are_a_notice_not_a_crash(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": NOTE, ".obsidian/app.json": "{not json"})
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 0
    assert ".obsidian/app.json: cannot read Obsidian settings" in result.err


def test_notes_are_parsed_on_first_use_only():
    from vaultlint.index import LazyDocuments
    from vaultlint.parse import parse_document

    loads: list[str] = []

    def load(path: str):
        loads.append(path)
        return None if path == "bad.md" else parse_document(path, "# T\n")

    documents = LazyDocuments(["a.md", "b.md", "bad.md"], load)
    assert documents.get("a.md") is not None and loads == ["a.md"]
    assert documents.get("a.md") is not None and loads == ["a.md"]  # parsed once
    assert "bad.md" not in documents and "elsewhere.md" not in documents
    assert sorted(documents) == ["a.md", "b.md"]  # iterating reads the rest
    assert loads == ["a.md", "bad.md", "b.md"]


def test_checking_one_note_reads_only_what_it_needs(tmp_path: Path):
    from vaultlint.index import LazyDocuments

    vault = make_vault(
        tmp_path,
        {
            "a.md": "See [[b#Head]].\n",
            "b.md": "# Head\n",
            "c.md": "Unrelated [[d]].\n",
            "d.md": "x",
        },
    )
    (run,) = check(CheckRequest(targets=(vault / "a.md",), cwd=tmp_path, today="2026-11-25"))
    assert run.findings == []
    assert isinstance(run.index.documents, LazyDocuments)
    assert run.index.documents.parsed() == ["a.md", "b.md"]
