"""The FMT rules: what they report, where, and that their fixes touch nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import make_vault, run_cli

from vaultlint.registry import ALL_RULES

DEFAULT_FMT = ",".join(rule.code for rule in ALL_RULES if rule.family == "FMT" and rule.default)


def fmt(capsys, vault: Path, *args: str):
    """The FMT findings of a run (the default selection unless `args` select)."""
    result = run_cli(capsys, "check", "--output-format", "json", *args, cwd=vault)
    return [(f["line"], f["column"], f["code"]) for f in result.json() if f["code"][:3] == "FMT"]


NOTE = (
    "# Title  \n"  # 1: a heading cannot hold a hard break: reported
    "Line with hard break  \n"  # 2: kept
    "next line\t \n"  # 3: reported
    "\n\n\n"  # 4-6: a run of three blank lines
    "##Background\n"  # 7: a heading without its space
    "#tag stays text\n"  # 8: a tag, never a heading
    "\n```\ncode   \n\n\n\n##x\n```\n\n"  # code: untouched
    "%% note   \n\n\n %%\n"  # comment: untouched
    "last"  # no final newline
)


def test_findings_and_positions(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": NOTE})
    assert fmt(capsys, vault) == [
        (1, 8, "FMT001"),
        (3, 10, "FMT001"),
        (5, 1, "FMT002"),
        (7, 1, "FMT004"),
        (22, 5, "FMT003"),
    ]


def test_fix_changes_only_what_the_rules_name(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": NOTE})
    run_cli(capsys, "check", "--select", DEFAULT_FMT, "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == (
        "# Title\nLine with hard break  \nnext line\n\n## Background\n#tag stays text\n"
        "\n```\ncode   \n\n\n\n##x\n```\n\n%% note   \n\n\n %%\nlast\n"
    )
    assert fmt(capsys, vault) == []


def test_crlf_notes_keep_crlf(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "one  \r\n\r\n\r\n\r\ntwo"})
    run_cli(capsys, "check", "--select", DEFAULT_FMT, "--fix", cwd=vault)
    assert (vault / "a.md").read_bytes() == b"one\r\n\r\ntwo\r\n"


@pytest.mark.parametrize("text", ["---\ntitle: x   \n---\n", "$$\nx   \n$$\n", "<div>  \n</div>\n"])
def test_frontmatter_math_and_html_are_untouched(tmp_path: Path, capsys, text):
    vault = make_vault(tmp_path, {"a.md": text})
    assert [c for c in fmt(capsys, vault) if c[2] == "FMT001"] == []


def test_heading_increment_is_reported_with_an_unsafe_fix(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "## Start\n\n#### Deep\n\n##### Deeper\n\n# Top\n"})
    assert fmt(capsys, vault) == [(3, 1, "FMT005")]
    run_cli(capsys, "check", "--select", DEFAULT_FMT, "--fix", cwd=vault)
    assert (vault / "a.md").read_text().startswith("## Start\n\n#### Deep")  # unsafe: not applied
    run_cli(capsys, "check", "--select", DEFAULT_FMT, "--fix", "--unsafe-fixes", cwd=vault)
    assert (vault / "a.md").read_text() == "## Start\n\n### Deep\n\n#### Deeper\n\n# Top\n"


def test_heading_punctuation_is_opt_in(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "## Background:\n\n## Why?\n\n## Q&A: part 1.\n"})
    default = run_cli(capsys, "check", "--output-format", "json", cwd=vault).json()
    assert [f["code"] for f in default] == []
    assert fmt(capsys, vault, "--select", "FMT006") == [(1, 14, "FMT006"), (5, 15, "FMT006")]
    run_cli(capsys, "check", "--select", "FMT006", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == "## Background\n\n## Why?\n\n## Q&A: part 1\n"


# --- block layout -------------------------------------------------------------------------

LAYOUT = (
    "Text.\n"  # 1
    "## Heading\n"  # 2: no blank line before or after
    "More.\n"  # 3
    "```sh\n"  # 4: fence glued to text
    "code\n"
    "```\n"
    "After.\n"  # 7
    "| a | b |\n"  # 8: table after text
    "|---|---|\n"
    "\n"
    "> ## In a quote\n"  # 11: inside a quote: left alone
    "> text\n"
)


def test_blank_lines_around_blocks_are_opt_in(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": LAYOUT})
    assert fmt(capsys, vault) == []  # off by default
    assert fmt(capsys, vault, "--select", "FMT007,FMT008,FMT009") == [
        (2, 1, "FMT007"),
        (4, 1, "FMT008"),
        (8, 1, "FMT009"),
    ]
    run_cli(capsys, "check", "--select", "FMT007,FMT008,FMT009", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == (
        "Text.\n\n## Heading\n\nMore.\n\n```sh\ncode\n```\n\nAfter.\n\n| a | b |\n|---|---|\n"
        "\n> ## In a quote\n> text\n"
    )


def test_blank_line_rules_keep_crlf_and_skip_the_line_after_frontmatter(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "---\r\nt: 1\r\n---\r\n# Title\r\nText\r\n"})
    run_cli(capsys, "check", "--select", "FMT007", "--fix", cwd=vault)
    assert (vault / "a.md").read_bytes() == b"---\r\nt: 1\r\n---\r\n# Title\r\n\r\nText\r\n"


def test_a_line_of_no_break_spaces_is_not_blank(tmp_path: Path, capsys):
    text = "# Title\n\n\u00a0\n\nText\n\n\n\nEnd\n"
    vault = make_vault(tmp_path, {"a.md": text})
    result = run_cli(capsys, "check", "--select", "FMT002", "--output-format", "json", cwd=vault)
    assert [(f["line"], f["code"]) for f in result.json()] == [(7, "FMT002")]
    run_cli(capsys, "check", "--select", "FMT002", "--fix", cwd=vault)
    assert (vault / "a.md").read_text(encoding="utf-8") == text.replace("\n\n\n\n", "\n\n")


LISTS = (
    "-   one\n"  # 1: three spaces
    "*  two\n"  # 2: other marker, two spaces
    "+ three\n"  # 3: other marker
    "-   kept\n"  # 4: its continuation is aligned to the text: not touched
    "    continued\n"
    "\n"
    "1.  first\n"  # 7
    "\n"
    "*emphasis* and +40% stay text\n"  # 9
    "-   parent\n"  # 10: later lines are its nested items only
    "    - child\n"
)


def test_list_marker_space_and_style(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": LISTS})
    assert fmt(capsys, vault) == [
        (1, 2, "FMT010"),
        (2, 1, "FMT011"),
        (2, 2, "FMT010"),
        (3, 1, "FMT011"),
        (7, 3, "FMT010"),
        (10, 2, "FMT010"),
    ]
    run_cli(capsys, "check", "--select", DEFAULT_FMT, "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == (
        "- one\n- two\n- three\n-   kept\n    continued\n\n1. first\n\n"
        "*emphasis* and +40% stay text\n- parent\n    - child\n"
    )


# --- frontmatter ----------------------------------------------------------------------------


def test_frontmatter_tags_hash_and_duplicates_block_and_flow(tmp_path: Path, capsys):
    block = "---\ntags:\n  - '#ai'\n  - llm\n  - AI\n  - \"#x\"\n---\ntext\n"
    flow = "---\ntags: [ai, '#llm', Ai, x]\n---\ntext\n"
    vault = make_vault(tmp_path, {"a.md": block, "b.md": flow})
    result = run_cli(capsys, "check", "--select", "FMT012", "--output-format", "json", cwd=vault)
    assert [(f["path"], f["line"], f["column"]) for f in result.json()] == [
        ("a.md", 3, 5),
        ("a.md", 5, 5),
        ("a.md", 6, 5),
        ("b.md", 2, 12),
        ("b.md", 2, 20),
    ]
    run_cli(capsys, "check", "--select", "FMT012", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == "---\ntags:\n  - 'ai'\n  - llm\n  - \"x\"\n---\ntext\n"
    assert (vault / "b.md").read_text() == "---\ntags: [ai, 'llm', x]\n---\ntext\n"


@pytest.mark.parametrize(
    ("order", "value", "fixed"),
    [
        ("dmy", "01/02/2026", "2026-02-01"),
        ("mdy", "01/02/2026", "2026-01-02"),
        ("", "25/02/2026", "2026-02-25"),
        ("", "2026/2/5", "2026-02-05"),
        ("", "Jan 5, 2026", "2026-01-05"),
        ("", "5 January 2026", "2026-01-05"),
    ],
)
def test_frontmatter_dates_become_iso(tmp_path: Path, capsys, order, value, fixed):
    config = f'date-order = "{order}"\n' if order else ""
    vault = make_vault(
        tmp_path, {"vaultlint.toml": config, "a.md": f"---\ncreated: {value}\n---\ntext\n"}
    )
    result = run_cli(capsys, "check", "--output-format", "json", "--today", "2026-11-25", cwd=vault)
    assert [(f["code"], f["line"], f["column"]) for f in result.json()] == [("FMT013", 2, 10)]
    run_cli(capsys, "check", "--fix", "--today", "2026-11-25", cwd=vault)
    assert (vault / "a.md").read_text() == f"---\ncreated: {fixed}\n---\ntext\n"


def test_ambiguous_frontmatter_date_is_reported_without_a_fix(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "---\ncreated: 01/02/2026\n---\ntext\n"})
    result = run_cli(capsys, "check", "--output-format", "json", "--today", "2026-11-25", cwd=vault)
    (finding,) = result.json()
    assert finding["code"] == "FMT013" and finding["fix"] is None
    assert "date-order" in finding["message"]


def test_without_fmt013_dat006_reports_a_non_iso_date(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "---\ncreated: Jan 5, 2026\n---\ntext\n"})
    result = run_cli(
        capsys,
        "check",
        "--output-format",
        "json",
        "--ignore",
        "FMT013",
        "--today",
        "2026-11-25",
        cwd=vault,
    )
    assert [f["code"] for f in result.json()] == ["DAT006"]


def test_frontmatter_key_order_follows_the_page_type(tmp_path: Path, capsys):
    config = (
        '[page-types.note]\npaths = ["**"]\n'
        '[page-types.note.fields]\ntitle = "text"\ncreated = "date"\ntags = "list"\n'
    )
    note = "---\ntags:\n  - a\n# a comment\ncreated: 2026-01-01\nextra: x\ntitle: T\n---\nbody\n"
    vault = make_vault(tmp_path, {"vaultlint.toml": config, "a.md": note})
    result = run_cli(capsys, "check", "--output-format", "json", "--select", "FMT014", cwd=vault)
    assert [(f["line"], f["column"]) for f in result.json()] == [(2, 1)]
    run_cli(capsys, "check", "--select", "FMT014", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == (
        "---\ntitle: T\n# a comment\ncreated: 2026-01-01\nextra: x\ntags:\n  - a\n---\nbody\n"
    )


def test_hard_breaks_are_kept_unless_configured(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "one  \ntwo\n"})
    assert fmt(capsys, vault) == []
    (vault / "vaultlint.toml").write_text("keep-hard-breaks = false\n")
    assert fmt(capsys, vault) == [(1, 4, "FMT001")]


# --- review findings: each of these once went wrong -----------------------------------------


@pytest.mark.parametrize(
    "front",
    [
        "---\nupdated: |\n  Jan 5, 2026\ntitle: Keep me\n---\n",
        "---\nupdated: >-\n  Jan 5, 2026\n---\n",
    ],
)
def test_a_date_in_a_block_scalar_is_never_rewritten(tmp_path: Path, capsys, front):
    vault = make_vault(tmp_path, {"a.md": front + "text\n"})
    run_cli(capsys, "check", "--fix", "--today", "2026-11-25", cwd=vault)
    assert (vault / "a.md").read_text() == front + "text\n"


def test_display_math_over_several_lines_is_never_a_list_or_heading(tmp_path: Path, capsys):
    note = "- item\n\n$$\nE = mc^2\n+ \\Delta\n# x\n$$\n\n* other\n"
    vault = make_vault(tmp_path, {"a.md": note})
    run_cli(capsys, "check", "--select", "FMT", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == note.replace("* other", "- other")


def test_heading_after_heading_gets_one_blank_line(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "# Title\n## Section\nText\n"})
    run_cli(capsys, "check", "--select", "FMT007", "--fix", cwd=vault)
    assert (vault / "a.md").read_text() == "# Title\n\n## Section\n\nText\n"


def test_key_order_moves_property_links_and_leaves_anchors_alone(tmp_path: Path, capsys):
    config = (
        '[page-types.note]\npaths = ["**"]\n'
        '[page-types.note.fields]\ntitle = "text"\nsuperseded_by = "link"\nupdated = "date"\n'
    )
    moved = '---\nupdated: 2026-01-01\nsuperseded_by: "[[b]]"\ntitle: T\n---\nx\n'
    anchored = "---\nupdated: &d 2026-01-01\ntitle: T\n---\nx\n"
    literal = "---\ntitle: |\n  line1\n  # not a comment\nupdated: 2026-01-01\n---\nx\n"
    vault = make_vault(
        tmp_path,
        {"vaultlint.toml": config, "a.md": moved, "c.md": anchored, "d.md": literal, "b.md": "x\n"},
    )
    result = run_cli(capsys, "check", "--select", "FMT014", "--fix", cwd=vault)
    assert "please report" not in result.err
    assert (vault / "a.md").read_text() == (
        '---\ntitle: T\nsuperseded_by: "[[b]]"\nupdated: 2026-01-01\n---\nx\n'
    )
    assert (vault / "c.md").read_text() == anchored
    assert (vault / "d.md").read_text() == literal


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["\n", "\r\n", "\r", " ", "\t", "a", "\u00a0"]), max_size=14))
@example(["\t", "a", "\r", "\r\n", "\n", "a"])  # an indented code block keeps its blank lines
def test_multiple_blank_lines_found_wherever_two_blank_lines_precede_another_line(pieces):
    """The one-scan shortcut never skips a note that has a run to report."""
    import re

    from vaultlint.checks.fmt import MULTIPLE_BLANK_LINES
    from vaultlint.config import Settings
    from vaultlint.index import VaultIndex
    from vaultlint.parse import parse_document
    from vaultlint.rule import NoteContext

    text = "".join(pieces)
    document = parse_document("a.md", text)
    starts = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]
    blank = [not line.strip(" \t") for line in re.split(r"\r\n|\r|\n", text)]
    # A run of two or more blank lines with a line of text after it (blank lines that end
    # the note are another rule's), outside code (an indented code block keeps its own).
    expected = False
    first = 0
    while first < len(blank):
        last = first
        while blank[first] and last + 1 < len(blank) and blank[last + 1]:
            last += 1
        if last > first and last + 1 < len(blank):
            begin, end = starts[first], starts[last + 1]
            expected |= not any(s < end and begin < e for s, e in document.code_spans)
        first = last + 1
    context = NoteContext(VaultIndex(), "2026-11-25", Settings())
    assert MULTIPLE_BLANK_LINES.check_note is not None
    found = list(MULTIPLE_BLANK_LINES.check_note(document, context))
    assert bool(found) == expected
