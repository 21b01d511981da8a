"""The fix engine: what --fix, --unsafe-fixes, --diff, --fix-only and --show-fixes do, and
that nothing outside an edit ever changes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import LABS_WIKI, make_vault, needs_labs_wiki, run_cli

from vaultlint import fix
from vaultlint.checks.lnk import LINK_CASE_MISMATCH
from vaultlint.config import Settings
from vaultlint.engine import CheckRequest, check
from vaultlint.index import build_index
from vaultlint.parse import parse_document
from vaultlint.registry import BY_CODE
from vaultlint.rule import Edit, Finding, Fix, NoteContext
from vaultlint.source import Position

SELECT = ("--select", "LNK001,LNK005")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make_vault(
        tmp_path,
        {
            "Solo.md": "Solo note.\n",
            "big-idea.md": "---\ntitle: Big Idea\n---\nText [[solo]]\n",
            # CRLF, a BOM, a tab, trailing spaces and no final newline: all must survive.
            "a.md": "\ufeff# Title  \r\nSee\t[[solo]] and [[Big Idea]].   \r\nlast [[SOLO|s]]",
        },
    )


def read(vault: Path, name: str) -> bytes:
    return (vault / name).read_bytes()


def test_fix_applies_safe_fixes_only_and_keeps_every_other_byte(vault: Path, capsys):
    result = run_cli(capsys, "check", *SELECT, "--fix", cwd=vault)
    assert (
        read(vault, "a.md")
        == ("\ufeff# Title  \r\nSee\t[[Solo]] and [[Big Idea]].   \r\nlast [[Solo|s]]").encode()
    )
    assert read(vault, "big-idea.md") == b"---\ntitle: Big Idea\n---\nText [[Solo]]\n"
    assert result.code == 1  # the unsafe LNK001 fix remains
    assert result.out.splitlines()[-1] == (
        "Fixed 3 problems. Found 1 remaining problem in 1 note (1 more with --unsafe-fixes)."
    )


def test_unsafe_fixes_and_exit_zero_when_all_fixed(vault: Path, capsys):
    result = run_cli(capsys, "check", *SELECT, "--fix", "--unsafe-fixes", cwd=vault)
    assert result.code == 0
    assert (
        read(vault, "a.md")
        == (
            "\ufeff# Title  \r\nSee\t[[Solo]] and [[big-idea|Big Idea]].   \r\nlast [[Solo|s]]"
        ).encode()
    )
    assert result.out.endswith("Fixed 4 problems. All checks passed (3 notes checked).\n")


def test_fixing_twice_changes_nothing_the_second_time(vault: Path, capsys):
    run_cli(capsys, "check", *SELECT, "--fix", "--unsafe-fixes", cwd=vault)
    before = {name: read(vault, name) for name in ("a.md", "big-idea.md", "Solo.md")}
    again = run_cli(capsys, "check", *SELECT, "--fix", "--unsafe-fixes", cwd=vault)
    assert again.out == "All checks passed (3 notes checked).\n"
    assert {name: read(vault, name) for name in before} == before


def test_diff_writes_nothing(vault: Path, capsys):
    before = read(vault, "a.md")
    result = run_cli(capsys, "check", *SELECT, "--diff", cwd=vault)
    assert result.code == 1
    assert read(vault, "a.md") == before
    assert "--- a/a.md\t\n+++ b/a.md\t\n" in result.out
    assert "-last [[SOLO|s]]\n\\ No newline at end of file\n" in result.out
    assert "+last [[Solo|s]]\n\\ No newline at end of file\n" in result.out
    clean = make_vault(vault / "clean", {"x.md": "Fine.\n"})
    assert run_cli(capsys, "check", "--diff", cwd=clean).code == 0


def test_fix_only_and_show_fixes(vault: Path, capsys):
    result = run_cli(capsys, "check", *SELECT, "--fix-only", "--show-fixes", cwd=vault)
    assert result.code == 0
    assert result.err == "Fixed 3 problems.\n"
    assert result.out == (
        "Fixed 3 problems:\n- a.md:\n    2 x LNK005 (link-case-mismatch)\n"
        "- big-idea.md:\n    1 x LNK005 (link-case-mismatch)\n"
    )


def test_suppressed_findings_are_not_fixed(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {"Solo.md": "x [[a]]\n", "a.md": "[[solo]] %% vaultlint-disable-line LNK005 %%\n"},
    )
    run_cli(capsys, "check", "--select", "LNK005", "--fix", cwd=vault)
    assert read(vault, "a.md") == b"[[solo]] %% vaultlint-disable-line LNK005 %%\n"


def test_permissions_are_kept(vault: Path, capsys):
    os.chmod(vault / "a.md", 0o640)
    run_cli(capsys, "check", *SELECT, "--fix", cwd=vault)
    assert stat.S_IMODE(os.stat(vault / "a.md").st_mode) == 0o640
    assert not [p for p in vault.iterdir() if p.name.endswith(".vaultlint-tmp")]


def test_a_file_changed_on_disk_is_not_overwritten(tmp_path: Path):
    note = tmp_path / "n.md"
    note.write_text("new content\n")
    problem = fix.write_atomically(note, "old content\n", "fixed content\n")
    assert problem == (
        "the file changed on disk while it was being checked; it was not overwritten"
    )
    assert note.read_text() == "new content\n"
    assert fix.write_atomically(note, "new content\n", "fixed\n") is None
    assert note.read_text() == "fixed\n"


def test_a_fix_that_would_change_more_than_it_declares_is_refused():
    document = parse_document("n.md", "# Heading\n\nText [[link]]\n")

    def check(note):
        if "# Heading" not in note.text:
            return []
        position = Position(1, 1)
        # Declares it changes links, but rewrites the heading's level.
        return [
            Finding(
                "LNK005", "m", note.path, position, position, Fix.SAFE, edits=(Edit((0, 1), "##"),)
            )
        ]

    outcome = fix.fix_document(document, check, lambda f: frozenset({"links"}), unsafe=False)
    assert not outcome.changed
    assert outcome.refused == (
        "the fixes of LNK005 would also change headings; nothing was written (please report this)"
    )
    assert outcome.document is document


def test_overlapping_edits_are_applied_one_per_round():
    position = Position(1, 1)
    first = Finding("X", "m", "n", position, position, Fix.SAFE, edits=(Edit((0, 4), "ab"),))
    second = Finding("Y", "m", "n", position, position, Fix.SAFE, edits=(Edit((2, 6), "cd"),))
    assert fix.choose([first, second], unsafe=False) == [first]
    with pytest.raises(ValueError, match="overlapping"):
        fix.apply_edits("abcdefgh", [*first.edits, *second.edits])


# -- property: fixing only ever changes what the rule names ---------------------------------

_PIECES = st.sampled_from(
    [
        "[[solo]]",
        "[[SOLO|x]]",
        "![[Solo]]",
        "[[solo#Head]]",
        "`[[solo]]`",
        "%% [[solo]] %%",
        "# Heading\n",
        "- item [[sOlO]]\n",
        "> [!note] t\n> [[solo]]\n",
        "\r\n",
        "\n",
        "\t",
        "  ",
        "é",
        "text",
        "$[[solo]]$",
        "```\n[[solo]]\n```\n",
        "| a | [[solo\\|S]] |\n",
        "<!-- [[solo]] -->",
        "---",
        "**b**",
        "[md](solo.md)",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_fixing_changes_only_link_case_and_is_idempotent(text: str):
    solo = parse_document("Solo.md", "x\n")
    document = parse_document("n.md", text)
    index = build_index({"Solo.md": solo, "n.md": document}, set(), [])
    context = NoteContext(index, "2026-11-25", Settings())

    def check(note):
        return list(LINK_CASE_MISMATCH.check_note(note, context))

    outcome = fix.fix_document(document, check, lambda f: frozenset({"links"}), unsafe=False)
    fixed = outcome.document.text
    assert len(fixed) == len(text) and fixed.lower() == text.lower()
    changed = [i for i, (a, b) in enumerate(zip(text, fixed, strict=True)) if a != b]
    spans = [link.span for link in document.links]
    assert all(any(start <= i < end for start, end in spans) for i in changed)
    again = fix.fix_document(outcome.document, check, lambda f: frozenset({"links"}), unsafe=False)
    assert not again.applied


def test_diff_applies_with_patch_and_matches_fix(tmp_path: Path, capsys):
    files = {
        "Solo.md": "x\n",
        "my note.md": "a [[solo]]\u2028still line one\nlast [[SOLO|s]]",
        "crlf.md": "one [[solo]]\r\ntwo\r\n",
    }
    diffed = make_vault(tmp_path / "d", files)
    fixed = make_vault(tmp_path / "f", files)
    diff = run_cli(capsys, "check", "--select", "LNK005", "--diff", cwd=diffed).out
    patch = subprocess.run(
        ["patch", "-p1", "--binary"], input=diff.encode(), cwd=diffed, capture_output=True
    )
    assert patch.returncode == 0, patch.stdout + patch.stderr
    run_cli(capsys, "check", "--select", "LNK005", "--fix", cwd=fixed)
    for name in files:
        assert (diffed / name).read_bytes() == (fixed / name).read_bytes(), name


def test_unsafe_fixes_alone_writes_nothing(vault: Path, capsys):
    before = read(vault, "a.md")
    run_cli(capsys, "check", *SELECT, "--unsafe-fixes", cwd=vault)
    assert read(vault, "a.md") == before


def test_per_file_ignores_also_hold_for_fixes(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "Solo.md": "x [[daily/d]]\n",
            "daily/d.md": "[[solo]]\n",
            "vaultlint.toml": '[per-file-ignores]\n"daily/*" = ["LNK005"]\n',
        },
    )
    run_cli(capsys, "check", "--select", "LNK005", "--fix", cwd=vault)
    assert read(vault, "daily/d.md") == b"[[solo]]\n"


def test_symlinked_notes_are_written_through_and_read_only_notes_left_alone(tmp_path: Path, capsys):
    vault = make_vault(tmp_path / "v", {"Solo.md": "x\n", "ro.md": "[[solo]]\n"})
    outside = tmp_path / "outside.md"
    outside.write_text("[[solo]]\n")
    os.symlink(outside, vault / "linked.md")
    os.chmod(vault / "ro.md", 0o444)
    result = run_cli(capsys, "check", "--select", "LNK005", "--fix", cwd=vault)
    assert (vault / "linked.md").is_symlink()
    assert outside.read_text() == "[[Solo]]\n"
    if os.geteuid() != 0:  # root may write anything
        assert read(vault, "ro.md") == b"[[solo]]\n"
        assert "ro.md: the file is read-only; it was not fixed" in result.err


def test_link_fixes_keep_text_and_tables(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "notes/my-title.md": "---\ntitle: My Title\n---\nx\n",
            "a.md": "See [the page](My%20Title).\n\n| [[My Title]] | x |\n|---|---|\n",
        },
    )
    run_cli(capsys, "check", "--select", "LNK001", "--fix", "--unsafe-fixes", cwd=vault)
    assert (vault / "a.md").read_text() == (
        "See [[my-title|the page]].\n\n| [[my-title\\|My Title]] | x |\n|---|---|\n"
    )


def test_case_fix_targets_the_link_not_its_display_text(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"Solo note.md": "x\n", "a.md": "[[solo\u00a0note|solo note]]\n"})
    run_cli(capsys, "check", "--select", "LNK005", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == "[[solo\u00a0note|solo note]]\n"


# -- a real wiki: what --fix keeps -------------------------------------------------------------


def _meaning(document) -> dict[str, object]:
    """What a formatting fix must not change, read independently of the fix engine."""
    text = document.text
    frontmatter = document.frontmatter
    return {
        "links": sorted((link.linkpath, link.subpath, link.is_embed) for link in document.links),
        "headings": [heading.text for heading in document.headings],
        "code and math": [text[start:end] for start, end in document.code_spans],
        "tags": sorted(tag.name for tag in document.tags),
        "frontmatter": None if frontmatter is None else frontmatter.data,
    }


@needs_labs_wiki
def test_fix_on_every_note_of_labs_wiki_keeps_its_meaning(tmp_path: Path):
    vault = tmp_path / "labs-wiki"
    shutil.copytree(LABS_WIKI, vault)
    notes = sorted(p.relative_to(vault).as_posix() for p in vault.rglob("*.md"))
    before_bytes = {path: (vault / path).read_bytes() for path in notes}
    before = {
        path: _meaning(parse_document(path, data.decode("utf-8")))
        for path, data in before_bytes.items()
    }
    request = CheckRequest(targets=(vault,), cwd=vault, today="2026-11-25", fix=True)
    (run,) = check(request)
    assert run.internal_errors == []
    assert run.fixed  # the corpus has things to fix
    for path in notes:
        data = (vault / path).read_bytes()
        if path not in run.fixed:
            assert data == before_bytes[path], f"{path} changed but no fix was recorded"
            continue
        after = _meaning(parse_document(path, data.decode("utf-8")))
        codes = sorted({finding.code for finding in run.fixed[path]})
        for category, value in after.items():
            if value == before[path][category]:
                continue
            declared = {"code and math": "code"}.get(category, category)
            meant = [code for code in codes if declared in BY_CODE[code].fix_changes]
            assert meant, f"{path}: the fixes of {codes} changed its {category}"


def test_rules_sharing_one_check_run_it_once_per_note():
    from vaultlint.rule import findings_of

    calls = []
    position = Position(1, 1)

    def produce(document, context):
        calls.append(document.path)
        yield Finding("A1", "a", document.path, position, position)
        yield Finding("B1", "b", document.path, position, position)

    first, second = findings_of("A1", produce, "k"), findings_of("B1", produce, "k")
    document = parse_document("n.md", "x\n")
    assert [f.code for f in first(document, None)] == ["A1"]
    assert [f.code for f in second(document, None)] == ["B1"]
    assert calls == ["n.md"]
