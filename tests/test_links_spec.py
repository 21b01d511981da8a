"""The links spec (/work/shared/obsidian-links-spec.md), section 4: all 56 cases.

Each case is checked through the real pipeline against the spec's fixture vault V, built once
per module as real files: the note holding the link is written at the source path the case
names, `check()` runs the LNK001-LNK004 rules on it, and the `VaultIndex` the engine built
for that run resolves the note's links (the index is captured, not rebuilt by the test).

Test ids are `case-NN` (with a label where a case has several links). Cases marked with a
dagger in the spec's Source column rest on the spec alone: their tests carry
`@pytest.mark.spec_only` and say "(spec only: not yet confirmed against the Obsidian app)".
Where vaultlint disagrees with the spec, the test asserts the spec's result and is a strict
xfail whose reason starts with "BUG:".

Note on the spec's table: a `\\|` inside its cells is the Markdown table escape, so case 25
is the link `[[T|AI]]`, case 54 `[[Solo|]]`, case 53 `![[Pic.png|100x200]]`; only case 39,
which is about tables, keeps `\\|` inside the link, as a table row needs it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support import SHARED, make_vault

from vaultlint import anchors, engine
from vaultlint.document import BlockId, Document, Heading, Link, LinkKind
from vaultlint.engine import CheckRequest, check
from vaultlint.index import VaultIndex
from vaultlint.resolve import Outcome, Resolution
from vaultlint.rule import Finding

SPEC = SHARED / "obsidian-links-spec.md"
SPEC_ONLY = "(spec only: not yet confirmed against the Obsidian app)"
LNK_RULES = ("LNK001", "LNK002", "LNK003", "LNK004")
SOURCE = "a/x.md"  # the linking note unless a case names another
CAFE_NFD = unicodedata.normalize("NFD", "Café.md")

H_MD = """\
# A
## Dup
# C
## Dup
### D
## Q&A: Part 1
## **Bold** text
## _Italic_
### `move`
## Foo-Bar

> ## Inside

para text ^blk-1

- item ^Li
"""

spec_only = pytest.mark.spec_only


def vault_v() -> dict[str, str | bytes]:
    """Fixture V of the spec, section 4 (c/Solo.md gets the heading case 34 links to)."""
    notes = [
        "Note.md",
        "a/Note.md",
        "b/Note.md",
        "a/x.md",
        "a/sub/Other.md",
        "Other.md",
        "d/e/Deep.md",
        "xb/Thing.md",
        "p/Dup.md",
        "q/Dup.md",
        "r/s/Long.md",
        "t/Long.md",
        "My.Note.md",
        "My Note.md",
        "Projects/Plan.md",
        ".hidden/Secret.md",
        ".trash/Old.md",
        "Archive/Arch.md",
    ]
    files: dict[str, str | bytes] = {path: f"Text of {path}.\n" for path in notes}
    files.update(
        {
            "c/Solo.md": "# Solo\n\n## Heading Two\n\nText.\n",
            "img/Pic.png": b"\x89PNG\r\n\x1a\n",
            "Doc.pdf": b"%PDF-1.4\n",
            "Board.canvas": '{"nodes": [], "edges": []}\n',
            "Tasks.base": "views:\n  - type: table\n    name: View\n",
            CAFE_NFD: "Café, stored with an NFD file name.\n",
            "T.md": "---\naliases: [AI]\n---\nArtificial intelligence.\n",
            "H.md": H_MD,
            ".obsidian/app.json": json.dumps({"userIgnoreFilters": ["Archive/"]}),
        }
    )
    return files


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_vault(tmp_path_factory.mktemp("V"), vault_v())


# -- running the pipeline -------------------------------------------------------------------


@dataclass
class Linted:
    """One `check()` run on one note: its findings and the index the engine built."""

    source: str
    document: Document
    index: VaultIndex
    findings: list[Finding]

    @property
    def codes(self) -> list[str]:
        return [finding.code for finding in self.findings]

    @property
    def links(self) -> list[Link]:
        return self.document.links

    def only_link(self) -> Link:
        assert len(self.links) == 1, [link.raw for link in self.links]
        return self.links[0]

    def resolve(self, link: Link) -> Resolution:
        return self.index.resolve(link, self.source)

    def note(self, path: str) -> Document:
        return self.index.documents[path]


def lint_all(vault: Path, notes: dict[str, str], sources: tuple[str, ...]) -> dict[str, Linted]:
    """Write `notes` (vault path -> text), check `sources` in one run, restore every file."""
    saved: dict[Path, bytes | None] = {}
    captured: list[VaultIndex] = []

    def capture(*args: Any, **kwargs: Any) -> VaultIndex:
        index = build_index(*args, **kwargs)
        captured.append(index)
        return index

    build_index = engine.build_index
    try:
        for relative, content in notes.items():
            path = vault / relative
            saved[path] = path.read_bytes() if path.exists() else None
            path.write_bytes(content.encode("utf-8"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(engine, "build_index", capture)
            targets = tuple(vault / source for source in sources)
            runs = check(CheckRequest(targets=targets, cwd=vault, select=LNK_RULES))
    finally:
        for path, content in saved.items():
            if content is None:
                path.unlink()
            else:
                path.write_bytes(content)
    assert len(runs) == 1 and len(captured) == 1
    run = runs[0]
    assert run.internal_errors == []
    assert run.linted == sorted(sources)
    index = captured[0]
    return {
        source: Linted(
            source,
            index.documents[source],
            index,
            [finding for finding in run.findings if finding.path == source],
        )
        for source in sources
    }


def lint(
    vault: Path, text: str, source: str = SOURCE, others: dict[str, str] | None = None
) -> Linted:
    """Write `text` at `source` (and the `others` files), check that note, restore."""
    return lint_all(vault, {source: text, **(others or {})}, (source,))[source]


def assert_resolves(vault: Path, text: str, expected: str | None, source: str = SOURCE) -> Link:
    """The note's one link reaches `expected` (None: unresolved, reported by LNK001 only)."""
    linted = lint(vault, text, source)
    link = linted.only_link()
    assert not link.is_external
    resolution = linted.resolve(link)
    if expected is None:
        assert (resolution.outcome, resolution.target) == (Outcome.UNRESOLVED, None)
        assert linted.codes == ["LNK001"]
    else:
        assert (resolution.outcome, resolution.target) == (Outcome.RESOLVED, expected)
        assert linted.codes == []
    return link


def line_of(document: Document, offset: int) -> tuple[int, str]:
    """1-based line number and text of the line holding `offset`."""
    number = document.position(offset).line
    return number, document.text.splitlines()[number - 1]


def heading_reached(vault: Path, text: str, source: str = SOURCE) -> Any:
    """(linted run, heading of H.md the one link reaches or None) for a link into H.md."""
    linted = lint(vault, text, source)
    link = linted.only_link()
    resolution = linted.resolve(link)
    assert (resolution.outcome, resolution.target) == (Outcome.RESOLVED, "H.md")
    assert not link.is_block_ref
    return linted, anchors.find_heading(linted.note("H.md"), link.subpath)


def assert_heading(linted: Linted, heading: Heading | None, line: int, level: int) -> None:
    """`heading` is the H.md heading on `line` (1-based) of `level`, and nothing is reported."""
    assert heading is not None, "heading not found"
    document = linted.note("H.md")
    expected = H_MD.splitlines()[line - 1]
    assert line_of(document, heading.span[0]) == (line, expected)
    assert heading.level == level == len(expected) - len(expected.lstrip("#"))
    assert heading.top_level
    assert anchors.strip_heading(heading.text) == anchors.strip_heading(expected.lstrip("# "))
    assert linted.codes == []


def assert_heading_missing(linted: Linted, heading: Heading | None) -> None:
    """The file resolves, the heading does not: LNK003 only (Obsidian itself says nothing)."""
    assert heading is None, f"found {heading}"
    assert linted.codes == ["LNK003"]


def block_reached(linted: Linted, link: Link) -> BlockId | None:
    """The block of H.md a `#^id` link names (the later definition wins, as in Obsidian)."""
    document = linted.note("H.md")
    wanted = link.subpath[2:].lower()
    found = [block for block in document.block_ids if block.name.lower() == wanted]
    assert anchors.has_block(document, link.subpath[2:]) == bool(found)
    return found[-1] if found else None


def case(number: int, *values: Any, label: str = "", marks: Any = ()) -> Any:
    name = f"case-{number:02d}" + (f"-{label}" if label else "")
    return pytest.param(*values, id=name, marks=marks)


# -- 1-7: basenames, duplicates -------------------------------------------------------------


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(1, "[[Solo]]", "c/Solo.md")])
def test_case_01_unique_basename(vault: Path, text: str, expected: str) -> None:
    """A unique basename resolves from anywhere.

    (spec only: not yet confirmed against the Obsidian app)
    """
    assert_resolves(vault, text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(2, "[[solo]]", "c/Solo.md", label="lower"),
        case(2, "[[SOLO.MD]]", "c/Solo.md", label="upper-with-extension"),
    ],
)
def test_case_02_case_insensitive(vault: Path, text: str, expected: str) -> None:
    assert_resolves(vault, text, expected)


@pytest.mark.parametrize(("text", "expected"), [case(3, "[[Solo.md]]", "c/Solo.md")])
def test_case_03_md_extension_optional(vault: Path, text: str, expected: str) -> None:
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(4, "[[Note]]", "Note.md")])
def test_case_04_root_file_wins(vault: Path, text: str, expected: str) -> None:
    """Root Note.md beats a/Note.md, even from a/x.md.

    (spec only: not yet confirmed against the Obsidian app)
    """
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(("text", "source", "expected"), [case(5, "[[Dup]]", "p/z.md", "p/Dup.md")])
def test_case_05_same_folder_wins(vault: Path, text: str, source: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected, source)


@spec_only
@pytest.mark.parametrize(("text", "source"), [case(6, "[[Dup]]", "z.md")])
def test_case_06_equal_length_tie_is_ambiguous(vault: Path, text: str, source: str) -> None:
    """p/Dup.md and q/Dup.md tie on path length: ambiguous, reported by LNK002.

    (spec only: not yet confirmed against the Obsidian app)
    """
    linted = lint(vault, text, source)
    resolution = linted.resolve(linted.only_link())
    assert resolution.outcome is Outcome.AMBIGUOUS
    assert set(resolution.tied) == {"p/Dup.md", "q/Dup.md"}
    assert resolution.target in resolution.tied
    assert linted.codes == ["LNK002"]


@spec_only
@pytest.mark.parametrize(("text", "source", "expected"), [case(7, "[[Long]]", "z.md", "t/Long.md")])
def test_case_07_shortest_path_wins(vault: Path, text: str, source: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected, source)


@spec_only
@pytest.mark.parametrize(
    "expected",
    [
        case(
            6,
            {
                "z.md": ("ambiguous", "t/Long.md"),
                "p/z.md": ("p/Dup.md", "t/Long.md"),
                "q/z.md": ("q/Dup.md", "t/Long.md"),
                "r/s/z.md": ("ambiguous", "r/s/Long.md"),
            },
            label="with-cases-05-07-from-four-notes-in-one-run",
        )
    ],
)
def test_case_06_same_links_from_several_notes(vault: Path, expected: dict[str, Any]) -> None:
    """Cases 5-7 together: `[[Dup]] [[Long]]` in four notes, checked in one run.

    The answer depends on the linking note's folder; one run must not reuse one note's
    answer for another's. (spec only: not yet confirmed against the Obsidian app)
    """
    notes = dict.fromkeys(expected, "[[Dup]] and [[Long]]\n")
    runs = lint_all(vault, notes, tuple(expected))
    for source, wanted in expected.items():
        linted = runs[source]
        found = []
        for link in linted.links:
            resolution = linted.resolve(link)
            ambiguous = resolution.outcome is Outcome.AMBIGUOUS
            found.append("ambiguous" if ambiguous else resolution.target)
        assert tuple(found) == wanted, source
        assert linted.codes == (["LNK002"] if "ambiguous" in wanted else []), source


# -- 8-14: paths --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(8, "[[a/Note]]", "a/Note.md", label="as-written"),
        case(8, "[[A/NOTE]]", "a/Note.md", label="other-case"),
    ],
)
def test_case_08_folder_path(vault: Path, text: str, expected: str) -> None:
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(9, "[[/a/Note]]", "a/Note.md", label="in-folder"),
        case(9, "[[/Note]]", "Note.md", label="at-root"),
    ],
)
def test_case_09_vault_absolute_path(vault: Path, text: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize("text", [case(10, "[[/Solo]]")])
def test_case_10_leading_slash_means_vault_root(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, None)


@spec_only
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(11, "[[./Note]]", "a/Note.md", label="same-folder"),
        case(11, "[[../Note]]", "Note.md", label="parent"),
        case(11, "[[../b/Note]]", "b/Note.md", label="sibling-folder"),
    ],
)
def test_case_11_relative_path(vault: Path, text: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(12, "[[sub/Other]]", "a/sub/Other.md")])
def test_case_12_partial_path_suffix(vault: Path, text: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(13, "[[e/Deep]]", "d/e/Deep.md", label="suffix"),
        case(13, "[[d/Deep]]", None, label="not-a-suffix"),
    ],
)
def test_case_13_suffix_must_be_contiguous(vault: Path, text: str, expected: str | None) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(14, "[[b/Thing]]", "xb/Thing.md")])
def test_case_14_plain_string_suffix_quirk(vault: Path, text: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected)


# -- 15-24: extensions, hidden and excluded files, folders, aliases --------------------------


@pytest.mark.parametrize("text", [case(15, "[[Pic]]")])
def test_case_15_attachment_needs_extension(vault: Path, text: str) -> None:
    assert_resolves(vault, text, None)


@spec_only
@pytest.mark.parametrize(
    "text",
    [case(16, "[[Pic.png]]", label="link"), case(16, "![[pic.PNG]]", label="embed-other-case")],
)
def test_case_16_attachment_with_extension(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    link = assert_resolves(vault, text, "img/Pic.png")
    assert link.is_embed == text.startswith("!")


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(17, "[[My.Note]]", "My.Note.md")])
def test_case_17_dotted_note_name(vault: Path, text: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected)


@pytest.mark.parametrize("text", [case(18, "![[Doc.pdf#page=3]]")])
def test_case_18_pdf_subpath_not_checked(vault: Path, text: str) -> None:
    link = assert_resolves(vault, text, "Doc.pdf")  # also: no LNK003 for "#page=3"
    assert (link.linkpath, link.subpath, link.is_embed) == ("Doc.pdf", "#page=3", True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        case(19, "![[Board.canvas]]", "Board.canvas", label="with-extension"),
        case(19, "[[Board]]", None, label="without-extension"),
    ],
)
def test_case_19_canvas(vault: Path, text: str, expected: str | None) -> None:
    assert_resolves(vault, text, expected)


@pytest.mark.parametrize("text", [case(20, "![[Tasks.base#View]]")])
def test_case_20_base_view_is_not_a_heading(vault: Path, text: str) -> None:
    link = assert_resolves(vault, text, "Tasks.base")  # also: no LNK003 for "#View"
    assert link.subpath == "#View"


@pytest.mark.parametrize(
    "text", [case(21, "[[Secret]]", label="dot-folder"), case(21, "[[Old]]", label="trash")]
)
def test_case_21_dot_folders_are_outside_the_vault(vault: Path, text: str) -> None:
    assert_resolves(vault, text, None)


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(22, "[[Arch]]", "Archive/Arch.md")])
def test_case_22_excluded_files_still_resolve(vault: Path, text: str, expected: str) -> None:
    """Archive/ is in "Excluded files" (userIgnoreFilters), which does not block resolution.

    (spec only: not yet confirmed against the Obsidian app)
    """
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(
    "text",
    [case(23, "[[Projects]]", label="wikilink"), case(23, "[x](Projects/)", label="markdown")],
)
def test_case_23_folders_are_not_targets(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, None)


@pytest.mark.parametrize("text", [case(24, "[[AI]]")])
def test_case_24_aliases_do_not_resolve(vault: Path, text: str) -> None:
    assert_resolves(vault, text, None)


# -- 25-29: display text, spaces, Unicode ----------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [case(25, "[[T|AI]]", "T.md")])
def test_case_25_alias_as_display_text(vault: Path, text: str, expected: str) -> None:
    link = assert_resolves(vault, text, expected)
    assert (link.target, link.display) == ("T", "AI")


@pytest.mark.parametrize(
    ("text", "display"),
    [
        case(26, "[[ Solo ]]", None, label="padded"),
        case(26, "[[Solo |x]]", "x", label="space-before-pipe"),
    ],
)
def test_case_26_target_is_trimmed(vault: Path, text: str, display: str | None) -> None:
    link = assert_resolves(vault, text, "c/Solo.md")
    assert (link.target, link.display) == ("Solo", display)


@spec_only
@pytest.mark.parametrize("text", [case(27, "[[Solo #H]]")])
def test_case_27_linkpath_not_trimmed_after_split(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    link = assert_resolves(vault, text, None)
    assert (link.linkpath, link.subpath) == ("Solo ", "#H")


@spec_only
@pytest.mark.parametrize(
    "text",
    [
        case(28, unicodedata.normalize("NFC", "[[Café]]"), label="written-nfc"),
        case(28, unicodedata.normalize("NFD", "[[Café]]"), label="written-nfd"),
    ],
)
def test_case_28_nfc_link_reaches_nfd_file_name(vault: Path, text: str) -> None:
    """Café.md is stored with an NFD file name; the link is compared in NFC.

    (spec only: not yet confirmed against the Obsidian app)
    """
    assert CAFE_NFD != "Café.md" and (vault / CAFE_NFD).is_file()
    linted = lint(vault, text)
    link = linted.only_link()
    assert link.linkpath == unicodedata.normalize("NFC", "Café")
    resolution = linted.resolve(link)
    assert resolution.outcome is Outcome.RESOLVED
    assert resolution.target is not None
    assert unicodedata.normalize("NFC", resolution.target) == "Café.md"
    assert (vault / resolution.target).is_file()
    assert linted.codes == []


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(29, "[[My\u00a0Note]]", "My Note.md")])
def test_case_29_nbsp_becomes_space(vault: Path, text: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    link = assert_resolves(vault, text, expected)
    assert link.linkpath == "My Note"


# -- 30-36: Markdown links -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        case(30, "[x](My%20Note.md)", label="percent-20"),
        case(30, "[x](<My Note.md>)", label="angle"),
    ],
)
def test_case_30_markdown_link_with_space(vault: Path, text: str) -> None:
    link = assert_resolves(vault, text, "My Note.md")
    assert link.kind is LinkKind.MARKDOWN


@pytest.mark.parametrize("text", [case(30, "[x](My Note.md)", label="bare-space")])
def test_case_30_bare_space_is_not_a_link(vault: Path, text: str) -> None:
    linted = lint(vault, text)
    assert linted.links == []
    assert linted.codes == []


@pytest.mark.parametrize(("text", "expected"), [case(31, "[x](Solo)", "c/Solo.md")])
def test_case_31_markdown_md_optional(vault: Path, text: str, expected: str) -> None:
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(32, "[x](Note.md)", "Note.md")])
def test_case_32_markdown_link_not_relative(vault: Path, text: str, expected: str) -> None:
    """Same resolver as wikilinks: the root Note.md, not a/Note.md next to a/x.md.

    (spec only: not yet confirmed against the Obsidian app)
    """
    assert_resolves(vault, text, expected)


@spec_only
@pytest.mark.parametrize(("text", "expected"), [case(33, "[x](../b/Note.md)", "b/Note.md")])
def test_case_33_markdown_relative_path(vault: Path, text: str, expected: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    assert_resolves(vault, text, expected)


@pytest.mark.parametrize("text", [case(34, "[x](Solo.md#Heading%20Two)")])
def test_case_34_markdown_link_to_heading(vault: Path, text: str) -> None:
    linted = lint(vault, text)
    link = linted.only_link()
    assert (link.linkpath, link.subpath) == ("Solo.md", "#Heading Two")
    resolution = linted.resolve(link)
    assert (resolution.outcome, resolution.target) == (Outcome.RESOLVED, "c/Solo.md")
    heading = anchors.find_heading(linted.note("c/Solo.md"), link.subpath)
    assert heading is not None
    assert (heading.level, heading.text) == (2, "Heading Two")
    assert linted.codes == []


@pytest.mark.parametrize(
    "text",
    [
        case(35, "[x](https://e.com)", label="https"),
        case(35, "[x](obsidian://open?vault=V&file=Solo)", label="obsidian-uri"),
    ],
)
def test_case_35_external_links_not_checked(vault: Path, text: str) -> None:
    linted = lint(vault, text)
    link = linted.only_link()
    assert link.is_external
    assert linted.codes == []
    assert all(item.link is not link for item in linted.index.graph.unresolved)


@spec_only
@pytest.mark.parametrize("text", [case(36, "[x](#Dup)")])
def test_case_36_markdown_link_to_own_heading(vault: Path, text: str) -> None:
    """In H.md: the current file, first `## Dup`.

    (spec only: not yet confirmed against the Obsidian app)
    """
    linted, heading = heading_reached(vault, f"{H_MD}\n{text}\n", source="H.md")
    assert linted.only_link().linkpath == ""
    assert_heading(linted, heading, line=2, level=2)


# -- 37-42: where links are (not) recognised, tables, frontmatter ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        case(37, "Code `[[Ghost]]` here.\n", label="inline-code"),
        case(37, "```\n[[Ghost]]\n```\n", label="fenced"),
        case(37, "Math $[[Ghost]]$ here.\n", label="inline-math"),
    ],
)
def test_case_37_no_links_in_code_or_math(vault: Path, text: str) -> None:
    linted = lint(vault, text)
    assert linted.links == []
    assert linted.codes == []


@pytest.mark.parametrize("text", [case(38, "%%[[Ghost]]%%\n", label="obsidian-comment")])
def test_case_38_links_in_percent_comments_count(vault: Path, text: str) -> None:
    """Source column has no dagger, but section 1 marks this claim as resting on [APP]."""
    link = assert_resolves(vault, text, None)
    assert (link.target, link.in_comment) == ("Ghost", True)


@pytest.mark.parametrize("text", [case(38, "<!-- [[Ghost]] -->\n", label="html-comment")])
def test_case_38_no_links_in_html_comments(vault: Path, text: str) -> None:
    linted = lint(vault, text)
    assert linted.links == []
    assert linted.codes == []


@pytest.mark.parametrize("text", [case(39, "| a | b |\n|---|---|\n| [[Solo\\|S]] | x |\n")])
def test_case_39_escaped_pipe_in_table(vault: Path, text: str) -> None:
    link = assert_resolves(vault, text, "c/Solo.md")
    assert (link.target, link.display) == ("Solo", "S")


@spec_only
@pytest.mark.parametrize("text", [case(40, '---\nup: "[[Solo]]"\n---\nBody.\n', label="quoted")])
def test_case_40_quoted_property_is_a_link(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    link = assert_resolves(vault, text, "c/Solo.md")
    assert (link.kind, link.property_key) == (LinkKind.PROPERTY, "up")


@spec_only
@pytest.mark.parametrize("text", [case(40, "---\nup: [[Solo]]\n---\nBody.\n", label="unquoted")])
def test_case_40_unquoted_property_is_not_a_link(vault: Path, text: str) -> None:
    """`up: [[Solo]]` is a nested YAML list.

    (spec only: not yet confirmed against the Obsidian app)
    """
    linted = lint(vault, text)
    assert linted.document.frontmatter is not None
    assert linted.document.frontmatter.data["up"] == [["Solo"]]
    assert linted.links == []
    assert linted.codes == []


@pytest.mark.parametrize("text", [case(41, '---\nl: ["[[Solo]]","[[Ghost]]"]\n---\nBody.\n')])
def test_case_41_property_list_of_links(vault: Path, text: str) -> None:
    linted = lint(vault, text)
    assert [(link.kind, link.property_key, link.target) for link in linted.links] == [
        (LinkKind.PROPERTY, "l.0", "Solo"),
        (LinkKind.PROPERTY, "l.1", "Ghost"),
    ]
    solo, ghost = (linted.resolve(link) for link in linted.links)
    assert (solo.outcome, solo.target) == (Outcome.RESOLVED, "c/Solo.md")
    assert (ghost.outcome, ghost.target) == (Outcome.UNRESOLVED, None)
    assert linted.codes == ["LNK001"]
    assert "[[Ghost]]" in linted.findings[0].message


@spec_only
@pytest.mark.parametrize("text", [case(42, '---\ns: "[[Solo]] and [[Other]]"\n---\nBody.\n')])
def test_case_42_property_with_two_links_is_one_link(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    link = assert_resolves(vault, text, None)
    assert (link.kind, link.target) == (LinkKind.PROPERTY, "Solo]] and [[Other")


# -- 43-52: heading anchors and block references --------------------------------------------


@spec_only
@pytest.mark.parametrize(
    ("text", "line"),
    [
        case(43, "[[H#Dup]]", 2, label="first-duplicate"),
        case(43, "[[H#C#Dup]]", 4, label="parent-picks-second"),
        case(43, "[[H#dup]]", 2, label="case-insensitive"),
    ],
)
def test_case_43_duplicate_headings(vault: Path, text: str, line: int) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    linted, heading = heading_reached(vault, text)
    assert_heading(linted, heading, line=line, level=2)


@spec_only
@pytest.mark.parametrize(
    "text",
    [case(44, "[[H#Q A Part 1]]", label="spaces"), case(44, "[[H#q.a part 1]]", label="dot")],
)
def test_case_44_punctuation_stripped(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    linted, heading = heading_reached(vault, text)
    assert_heading(linted, heading, line=6, level=2)


@spec_only
@pytest.mark.parametrize("text", [case(45, "[[H#Foo Bar]]")])
def test_case_45_dash_is_kept(vault: Path, text: str) -> None:
    """No slugging: `#Foo Bar` does not match `## Foo-Bar`.

    (spec only: not yet confirmed against the Obsidian app)
    """
    assert_heading_missing(*heading_reached(vault, text))


@spec_only
@pytest.mark.parametrize(
    ("text", "line"),
    [
        case(46, "[[H#Bold text]]", 7, label="bold-matches"),
        case(46, "[[H#Italic]]", None, label="italic-missing"),
        case(46, "[[H#_Italic_]]", 8, label="italic-with-underscores-matches"),
    ],
)
def test_case_46_emphasis_in_headings(vault: Path, text: str, line: int | None) -> None:
    """`*` is stripped, `_` is kept: `#Bold text` matches `## **Bold** text`, `#Italic`
    misses `## _Italic_` (which needs `#_Italic_`).

    (spec only: not yet confirmed against the Obsidian app)
    """
    linted, heading = heading_reached(vault, text)
    if line is None:
        assert_heading_missing(linted, heading)
    else:
        assert_heading(linted, heading, line=line, level=2)


@pytest.mark.parametrize(
    "text",
    [
        case(47, "[[#move]]", label="plain"),
        case(47, "[[#`move`]]", label="backticks"),
        case(47, "[[#`move`|move]]", label="help-vault-form"),
    ],
)
def test_case_47_own_heading_with_code(vault: Path, text: str) -> None:
    """In H.md: ``### `move` `` (backticks are stripped on both sides)."""
    linted, heading = heading_reached(vault, f"{H_MD}\n{text}\n", source="H.md")
    assert linted.only_link().linkpath == ""
    assert_heading(linted, heading, line=9, level=3)


@spec_only
@pytest.mark.parametrize("text", [case(48, "[[H#A#D]]")])
def test_case_48_nesting_quirk(vault: Path, text: str) -> None:
    """`### D` sits under `# C`, yet `#A#D` finds it.

    (spec only: not yet confirmed against the Obsidian app)
    """
    linted, heading = heading_reached(vault, text)
    assert_heading(linted, heading, line=5, level=3)


@spec_only
@pytest.mark.parametrize("text", [case(49, "[[H#Inside]]")])
def test_case_49_heading_in_quote_not_indexed(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    linted, heading = heading_reached(vault, text)
    assert_heading_missing(linted, heading)
    quoted = [h for h in linted.note("H.md").headings if h.text == "Inside"]
    assert [h.top_level for h in quoted] == [False]


@spec_only
@pytest.mark.parametrize("text", [case(50, "[[H#Missing]]")])
def test_case_50_missing_heading_is_not_unresolved(vault: Path, text: str) -> None:
    """The file resolves (no LNK001); the missing anchor is LNK003's alone.

    (spec only: not yet confirmed against the Obsidian app)
    """
    linted, heading = heading_reached(vault, text)
    assert_heading_missing(linted, heading)
    assert linted.index.graph.unresolved == []


@spec_only
@pytest.mark.parametrize(
    ("text", "block"),
    [
        case(51, "[[H#^blk-1]]", "para text ^blk-1", label="paragraph"),
        case(51, "[[H#^BLK-1]]", "para text ^blk-1", label="other-case"),
        case(51, "[[H#^li]]", "item ^Li", label="list-item"),
    ],
)
def test_case_51_block_ids(vault: Path, text: str, block: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    linted = lint(vault, text)
    link = linted.only_link()
    assert link.is_block_ref
    resolution = linted.resolve(link)
    assert (resolution.outcome, resolution.target) == (Outcome.RESOLVED, "H.md")
    found = block_reached(linted, link)
    assert found is not None
    start, end = found.block
    assert linted.note("H.md").text[start:end] == block
    assert linted.codes == []


@pytest.mark.parametrize("text", [case(52, "[[H#^my_id]]")])
def test_case_52_underscore_is_not_a_block_id(vault: Path, text: str) -> None:
    """H.md gets a paragraph `x ^my_id` (restored afterwards); `_` is not an id character."""
    linted = lint(vault, text, others={"H.md": f"{H_MD}\nx ^my_id\n"})
    target = linted.note("H.md")
    assert target.text.endswith("x ^my_id\n")
    assert [block.name for block in target.block_ids] == ["blk-1", "Li"]
    link = linted.only_link()
    resolution = linted.resolve(link)
    assert (resolution.outcome, resolution.target) == (Outcome.RESOLVED, "H.md")
    assert block_reached(linted, link) is None
    assert linted.codes == ["LNK004"]


# -- 53-56: embeds with size, empty display, nested brackets, tags -------------------------


@pytest.mark.parametrize(
    ("text", "display"),
    [
        case(53, "![[Pic.png|100x200]]", "100x200", label="width-height"),
        case(53, "![[Pic.png|alt|100]]", "alt|100", label="alt-width"),
    ],
)
def test_case_53_embed_size_keeps_target(vault: Path, text: str, display: str) -> None:
    link = assert_resolves(vault, text, "img/Pic.png")
    assert (link.is_embed, link.target, link.display) == (True, "Pic.png", display)


@pytest.mark.parametrize("text", [case(54, "[[Solo|]]")])
def test_case_54_empty_display_text(vault: Path, text: str) -> None:
    link = assert_resolves(vault, text, "c/Solo.md")
    assert (link.target, link.display) == ("Solo", "")


@spec_only
@pytest.mark.parametrize("text", [case(55, "[[a [[Solo]] b]]")])
def test_case_55_inner_wikilink_only(vault: Path, text: str) -> None:
    """(spec only: not yet confirmed against the Obsidian app)"""
    link = assert_resolves(vault, text, "c/Solo.md")
    assert (link.raw, link.target) == ("[[Solo]]", "Solo")


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        case(56, "#tag/sub", ["tag/sub"], label="nested-tag"),
        case(56, "#1984", [], label="digits-only"),
        case(56, "x#y", [], label="no-space-before"),
    ],
)
def test_case_56_tags_are_not_links(vault: Path, text: str, tags: list[str]) -> None:
    linted = lint(vault, f"{text}\n")
    assert [tag.name for tag in linted.document.tags] == tags
    assert linted.document.headings == []
    assert linted.links == []
    assert linted.codes == []


# -- the cases themselves ----------------------------------------------------------------


def _case_tests() -> Iterator[tuple[str, list[str], bool, str]]:
    """(function name, parameter ids, has spec_only, docstring) of every case test here."""
    for name, function in sorted(globals().items()):
        if not name.startswith("test_case_"):
            continue
        marks = getattr(function, "pytestmark", [])
        ids = [param.id for mark in marks if mark.name == "parametrize" for param in mark.args[1]]
        spec = any(mark.name == "spec_only" for mark in marks)
        yield name, ids, spec, function.__doc__ or ""


def _case_number(test_id: str) -> int:
    match = re.fullmatch(r"case-(\d\d)(?:-[a-z0-9-]+)?", test_id)
    assert match, test_id
    return int(match.group(1))


def test_every_spec_case_has_a_test() -> None:
    numbers: list[int] = []
    for name, ids, _, _ in _case_tests():
        assert ids, f"{name} is not parametrized with case ids"
        for test_id in ids:
            number = _case_number(test_id)
            assert name.startswith(f"test_case_{number:02d}_"), (name, test_id)
            numbers.append(number)
    assert sorted(set(numbers)) == list(range(1, 57))
    all_ids = [test_id for _, ids, _, _ in _case_tests() for test_id in ids]
    assert len(all_ids) == len(set(all_ids)) == len(numbers)


def test_spec_only_marks_match_the_daggers_of_the_spec() -> None:
    """The dagger column of the spec's table and the spec_only marks agree, case by case."""
    if not SPEC.is_file():
        pytest.skip(f"{SPEC} not found")
    rows = re.findall(r"^\| (\d+) \|(.*)$", SPEC.read_text("utf-8"), re.MULTILINE)
    daggers = {int(number) for number, row in rows if "\u2020" in row}
    assert len(rows) == 56
    marked: set[int] = set()
    for name, ids, spec, doc in _case_tests():
        number = int(name.split("_")[2])
        assert spec == (SPEC_ONLY in doc), name
        if spec:
            marked.add(number)
        else:
            assert number not in daggers, f"{name}: dagger case without spec_only"
        assert {_case_number(test_id) for test_id in ids} == {number}
    assert marked == daggers
