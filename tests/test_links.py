"""The LNK rules through the CLI: messages, positions, suggestions, fixes and the graph."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from support import make_vault, run_cli


def findings(capsys, vault: Path, *args: str):
    result = run_cli(capsys, "check", "--output-format", "json", *args, cwd=vault)
    assert result.code in (0, 1), result.err
    return result.json()


def brief(items):
    return [(f["path"], f["line"], f["column"], f["code"]) for f in items]


def test_every_kind_of_unresolved_link_at_its_first_character(tmp_path: Path, capsys):
    note = (
        "---\n"
        'up: "[[Ghost1]]"\n'
        'related: ["[[Real]]", "[[Ghost2]]"]\n'
        "---\n"
        "Café — [[Ghost3]] and ![[ghost4.png]]\n"
        "\t- [md](Ghost5.md) and [ok](Real) and [web](https://example.com)\n"
        "%% [[Ghost6]] %%\n"
    )
    vault = make_vault(tmp_path, {"a.md": note, "Real.md": "[[a]]\n"})
    result = findings(capsys, vault, "--select", "LNK001")
    assert brief(result) == [
        ("a.md", 2, 6, "LNK001"),
        ("a.md", 3, 24, "LNK001"),
        ("a.md", 5, 8, "LNK001"),
        ("a.md", 5, 23, "LNK001"),
        ("a.md", 6, 4, "LNK001"),
        ("a.md", 7, 4, "LNK001"),
    ]
    assert result[3]["message"].startswith(
        "unresolved embed ![[ghost4.png]]: no note or file in the vault is named 'ghost4.png'"
    )
    assert result[4]["message"].startswith("unresolved link [md](Ghost5.md)")


def test_links_in_comments_can_be_skipped(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path, {"a.md": "%% [[Ghost]] %%\n", "vaultlint.toml": "links-in-comments = false\n"}
    )
    assert findings(capsys, vault, "--select", "LNK001") == []


def test_title_match_suggests_file_name_with_an_unsafe_fix(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "people/andrej-karpathy.md": "---\ntitle: Andrej Karpathy\n---\nText\n",
            "a.md": "See [[Andrej Karpathy]].\n",
        },
    )
    (finding,) = findings(capsys, vault, "--select", "LNK001")
    assert finding["fix"] == "unsafe"
    assert finding["message"].endswith(
        "'Andrej Karpathy' is the title of people/andrej-karpathy.md, but Obsidian links by "
        "file name: write [[andrej-karpathy|Andrej Karpathy]]"
    )


def test_fix_follows_the_vault_link_format(tmp_path: Path, capsys):
    files = {
        ".obsidian/app.json": json.dumps({"useMarkdownLinks": True, "newLinkFormat": "absolute"}),
        "people/andrej-karpathy.md": "---\naliases: [Karpathy]\n---\nText\n",
        "a.md": "See [[Karpathy]].\n",
    }
    vault = make_vault(tmp_path, files)
    (finding,) = findings(capsys, vault, "--select", "LNK001")
    assert "is the alias of people/andrej-karpathy.md" in finding["message"]
    assert finding["message"].endswith("write [Karpathy](people/andrej-karpathy.md)")


def test_relative_link_format(tmp_path: Path, capsys):
    files = {
        ".obsidian/app.json": json.dumps({"newLinkFormat": "relative"}),
        "people/k.md": "---\ntitle: K Person\n---\nText\n",
        "notes/a.md": "See [[K Person]].\n",
    }
    (finding,) = findings(capsys, make_vault(tmp_path, files), "--select", "LNK001")
    assert finding["message"].endswith("write [[../people/k|K Person]]")


def test_other_spacing_and_similar_names_are_suggested_not_asserted(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "concepts/large-language-models.md": "x\n",
            "concepts/leverage.md": "x\n",
            "a.md": "[[Large Language Models]] [[leverag]] [[zzz]]\n",
        },
    )
    spacing, similar, nothing = findings(capsys, vault, "--select", "LNK001")
    assert spacing["message"].endswith(
        "did you mean [[large-language-models]] (concepts/large-language-models.md)?"
    )
    assert similar["message"].endswith(
        "create the note, or fix the link (a similar name exists: concepts/leverage.md)"
    )
    assert nothing["message"].endswith("create the note, or fix the link")


def _git(vault: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=vault,
        check=True,
        capture_output=True,
    )


def test_rename_in_git_history_is_suggested(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"old-name.md": "Some text here.\n", "a.md": "[[old-name]]\n"})
    _git(vault, "init", "-q")
    _git(vault, "add", "-A")
    _git(vault, "commit", "-qm", "one")
    _git(vault, "mv", "old-name.md", "new-name.md")
    _git(vault, "commit", "-qm", "rename")
    (finding,) = findings(capsys, vault, "--select", "LNK001")
    assert finding["message"].endswith(
        "git history shows 'old-name.md' was renamed to new-name.md: link [[new-name]]"
    )


def test_ambiguous_link_names_the_tie(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"p/Dup.md": "x\n", "q/Dup.md": "x\n", "z.md": "[[Dup]]\n"})
    (finding,) = findings(capsys, vault, "--select", "LNK002")
    assert (finding["path"], finding["severity"]) == ("z.md", "warning")
    assert "p/Dup.md and q/Dup.md tie" in finding["message"]
    assert finding["message"].endswith("write the path, e.g. [[p/Dup]]")


def test_missing_heading_and_block(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "t.md": "# Kinds of Leverage\n\nPara ^real\n",
            "a.md": "[[t#Kinds of leverag]] [[t#^fake]] [[t#^REAL]] [[t#kinds-of-leverage]]\n",
        },
    )
    heading, block, heading2 = findings(capsys, vault, "--select", "LNK003,LNK004")
    assert heading["code"] == "LNK003" and heading["column"] == 1
    assert heading["message"].endswith("did you mean #Kinds of Leverage?")
    assert (block["code"], block["column"]) == ("LNK004", 24)
    assert "t.md has no block '^fake'" in block["message"]
    assert (heading2["code"], heading2["column"]) == ("LNK003", 48)


def test_anchors_on_other_files_are_not_checked(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path, {"Doc.pdf": b"%PDF", "a.md": "![[Doc.pdf#page=3]] [[Doc.pdf#Missing]]\n"}
    )
    assert findings(capsys, vault, "--select", "LNK001,LNK002,LNK003,LNK004") == []


def test_case_mismatch_is_off_by_default_and_carries_a_safe_fix(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path, {"notes/Solo.md": "x\n", "a.md": "[[solo]] [[NOTES/solo|s]] [[Solo]]\n"}
    )
    assert findings(capsys, vault) == []
    first, second = findings(capsys, vault, "--select", "LNK005")
    assert (first["column"], first["fix"]) == (1, "safe")
    assert first["message"] == (
        "[[solo]] differs in case from the file notes/Solo.md: write 'Solo' so the link also "
        "works where paths are case-sensitive"
    )
    assert "write 'notes/Solo'" in second["message"]


def test_case_collision(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"Leverage.md": "[[a]]\n", "leverage.md": "[[a]]\n", "a.md": "x"})
    result = findings(capsys, vault, "--select", "LNK006")
    assert brief(result) == [("Leverage.md", 1, 1, "LNK006"), ("leverage.md", 1, 1, "LNK006")]
    assert "differs only in case from leverage.md" in result[0]["message"]


def test_orphans_with_exemptions(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "index.md": "[[listed]]\n",
            "listed.md": "Self link [[listed]] does not count for [[embedded]].\n",
            "embedded.md": "x\n",
            "by-property.md": "x\n",
            "props.md": '---\nup: "[[by-property]]"\n---\n![[embedded]]\n',
            "raw/source.md": "x\n",
            "daily/2026-01-01.md": "x\n",
            "vaultlint.toml": 'orphan-exempt = ["daily/*"]\n',
        },
    )
    result = findings(capsys, vault, "--select", "LNK007")
    assert brief(result) == [("props.md", 1, 1, "LNK007")]
    assert result[0]["message"].startswith("no other note links to this note")


def test_orphans_only_in_the_checked_notes(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "x\n", "b.md": "x\n"})
    result = run_cli(
        capsys, "check", "--select", "LNK007", "--output-format", "json", "a.md", cwd=vault
    )
    assert [f["path"] for f in result.json()] == ["a.md"]


def test_dead_ends_and_unused_attachments(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "a.md": "![[used.png]] [[b]]\n",
            "b.md": "No links.\n",
            "used.png": b"\x89PNG",
            "unused.png": b"\x89PNG",
        },
    )
    result = findings(capsys, vault, "--select", "LNK008,LNK009")
    assert brief(result) == [("b.md", 1, 1, "LNK008"), ("unused.png", 1, 1, "LNK009")]


@pytest.fixture
def graph_vault(tmp_path: Path) -> Path:
    return make_vault(
        tmp_path,
        {
            "hub.md": "[[a]] [[b]] [[Missing Page]]\n",
            "a.md": "[[hub]] [[missing page]] [[Other Gap]]\n",
            "b.md": "[[hub]] [[Missing Page]]\n",
            "lonely.md": "[[Other Gap]]\n",
        },
    )


def test_graph_json(graph_vault: Path, capsys):
    result = run_cli(capsys, "graph", "--output-format", "json", cwd=graph_vault)
    data = json.loads(result.out)
    assert (data["notes"], data["links"], data["broken_links"]) == (4, 9, 5)
    assert data["notes_with_broken_links"] == 4
    assert data["wanted_pages"][0] == {
        "name": "Missing Page",
        "notes": 3,
        "links": 3,
        "linked_from": ["a.md", "b.md", "hub.md"],
    }
    assert data["wanted_pages"][1]["name"] == "Other Gap"
    assert data["most_linked"][0] == {"path": "hub.md", "inbound": 2}
    assert data["orphans"] == ["lonely.md"]


def test_graph_text_and_markdown(graph_vault: Path, capsys, tmp_path: Path):
    text = run_cli(capsys, "graph", cwd=graph_vault).out
    assert text.startswith("4 notes, 0 attachments, 9 links\nbroken links: 5 in 4 notes;")
    assert "      3 notes      3 links  Missing Page" in text
    out = tmp_path / "graph.md"
    assert (
        run_cli(capsys, "graph", "--output-format", "markdown", "-o", out, cwd=graph_vault).code
        == 0
    )
    markdown = out.read_text()
    assert "- [[Missing Page]] — linked from 3 notes ([[a]], [[b]], [[hub]])" in markdown
    assert "## Orphans\n\n- [[lonely]]\n" in markdown


def test_title_containing_a_bar_is_matched_whole(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "concepts/the-toolkit-principle.md": "---\ntitle: The Toolkit Principle\n---\nx\n",
            "sources/toolkit-10.md": "---\ntitle: The Toolkit Principle | 10 Principles\n---\nx\n",
            "a.md": "[[The Toolkit Principle | 10 Principles]]\n",
        },
    )
    (finding,) = findings(capsys, vault, "--select", "LNK001")
    assert finding["message"].endswith(
        "'The Toolkit Principle | 10 Principles' is the title of sources/toolkit-10.md, but "
        "Obsidian links by file name: write [[toolkit-10|The Toolkit Principle | 10 Principles]]"
    )


def test_folder_links_and_shared_titles_get_the_right_advice(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "wiki/sources/x.md": "---\ntitle: Same\n---\n",
            "wiki/concepts/x.md": "---\ntitle: Same\n---\n",
            "a.md": "[folder](docs/) [[Same]]\n",
        },
    )
    folder, shared = findings(capsys, vault, "--select", "LNK001")
    assert folder["message"].endswith("a folder cannot be a link target: link a note inside it")
    assert shared["message"].endswith(
        "'Same' is the title or alias of wiki/concepts/x.md, wiki/sources/x.md: link the one "
        "meant by its path, e.g. [[wiki/concepts/x|Same]]"
    )


def test_heading_suggestion_for_markdown_links_is_encoded(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path, {"t.md": "## Input automation\n", "a.md": "[x](t.md#input-automation)\n"}
    )
    (finding,) = findings(capsys, vault, "--select", "LNK003")
    assert finding["message"].endswith("did you mean #Input%20automation?")


def test_review_edge_cases_of_links(tmp_path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "other/x.md": "[[self-only]]\n",
            "self-only.md": "[[#H]] [[self-only]]\n\n# H\n",
            "a.md": "[[notes/x]] [[self-only#]] [[self-only#^]]\n",
            "vaultlint.toml": "",
            "board.canvas": "{}",
        },
    )
    result = findings(capsys, vault, "--select", "LNK001,LNK003,LNK004,LNK008,LNK009")
    assert [(f["path"], f["code"]) for f in result] == [
        ("a.md", "LNK001"),
        ("self-only.md", "LNK008"),
    ]
    first = result[0]
    assert first["message"] == (
        "unresolved link [[notes/x]]: the path does not lead to it; a file of that name exists "
        "at other/x.md, which this path does not reach: write [[other/x]]"
    )


def test_staged_deletion_reports_the_notes_it_breaks(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "See [[b]].\n", "b.md": "B.\n", "c.md": "[[z]]\n"})
    _git(vault, "init", "-q")
    _git(vault, "add", "-A")
    _git(vault, "commit", "-qm", "one")
    assert run_cli(capsys, "check", "--staged", cwd=vault).out == (
        "All checks passed (0 notes checked).\n"
    )
    _git(vault, "rm", "-q", "b.md")
    result = run_cli(capsys, "check", "--staged", "--output-format", "json", cwd=vault)
    assert [(f["path"], f["code"]) for f in result.json()] == [("a.md", "LNK001")]
    _git(vault, "reset", "-q", "HEAD", "b.md")
    _git(vault, "checkout", "-q", "--", "b.md")
    _git(vault, "mv", "b.md", "renamed.md")
    renamed = run_cli(capsys, "check", "--staged", "--output-format", "json", cwd=vault)
    assert [(f["path"], f["code"]) for f in renamed.json()] == [("a.md", "LNK001")]
