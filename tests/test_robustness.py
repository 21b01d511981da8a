"""Every rule on generated notes: no rule may raise, whatever the note holds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import make_vault

from vaultlint.engine import CheckRequest, check

PIECES = st.sampled_from(
    [
        "[[a]]",
        "[[b#H]]",
        "[[b#^x]]",
        "![[img.png|100]]",
        "[[a|A]]",
        "[x](a.md)",
        "[[",
        "]]",
        "# H\n",
        "## 2026-02-30 (2027)\n",
        "- item ^x\n",
        "> [!note] t\n> y\n",
        "| a | [[b\\|c]] |\n|---|---|\n",
        "%% [[c]] %%",
        "%%",
        "<!-- x -->",
        "`code`",
        "```\n[[d]]\n```\n",
        "$x$",
        "$$\ny\n$$\n",
        "currently ",
        "now ",
        "as of 2024-01 ",
        "03/04/2025 ",
        "Q3 2031 ",
        "\r\n",
        "\n",
        "\n\n",
        "\t",
        " ",
        "é",
        "😀",
        "#tag ",
        "---\n",
        "title: x\n",
        "<% tp %>",
        "{{t}}",
        "^id",
        "\u00a0",
        "\u2028",
        "\\|",
        "## Sources\n",
        "## Source:\n",
        "## Conections\n",
        "## Background\n",
        "# Title\n",
        "- [[a]] — why\n",
        "- [[a]]\n",
        "- plain item\n",
        "- https://x.org\n",
        "- raw/x.md\n",
        "-   spaced\n",
        "* star\n",
        "+ plus\n",
        "1.  one\n",
        "  continued\n",
        "| a | b |\n|---|---|\n",
        "```py\nx = 1\n```",
        "text\n",
    ]
)

FRONT = st.sampled_from(
    [
        "",
        "---\ntitle: T\ncreated: 2026-01-01\nupdated: 2025-01-01\n---\n",
        '---\nup: "[[a]]"\ntags: [x, "y z"]\n---\n',
        "---\na: [\n---\n",
        "---\nvaultlint-disable: [LNK]\n---\n",
        "---\ntitle: T\ntype: entity\ncreated: 2026-01-01\nupdated: 2026-01-02\nsources: []\n---\n",
        "---\ntype: source\nurl: nope\n---\n",
        "---\ntype: entitty\n---\n",
        "---\ntags: ['#a', b, A, \"#c\"]\ncreated: 01/02/2026\nupdated: Jan 5, 2026\n---\n",
        "---\ntags:\n  - '#a'\n  - a\n  - b\ndate: 3 March 2026\n---\n",
    ]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(front=FRONT, body=st.lists(PIECES, max_size=30).map("".join))
def test_all_rules_on_generated_notes_never_fail(tmp_path_factory, front: str, body: str):
    root: Path = tmp_path_factory.mktemp("vault")
    make_vault(
        root,
        {
            "n.md": front + body,
            "a.md": "[[n]]\n",
            "b.md": "# H\n\ntext ^x\n",
            "vaultlint.toml": 'extends = "llm-wiki"\n',
            ".obsidian/types.json": '{"types": {"title": "number", "tags": "tags"}}',
        },
    )
    request = CheckRequest(
        targets=(root,),
        cwd=root,
        select=("ALL",),
        today="2026-11-25",
        fix=True,
        unsafe_fixes=True,
    )
    (run,) = check(request)
    assert run.internal_errors == []
    again = check(request)[0]
    assert again.fixed == {}  # a second fix changes nothing


# What each fix may remove and insert: anything else would be a change it does not name.
_WHITESPACE = set(" \t\r\n")
_ALLOWED = {
    "FMT001": lambda old, new: set(old) <= {" ", "\t"} and new == "",
    "FMT002": lambda old, new: set(old) <= _WHITESPACE and new == "",
    "FMT003": lambda old, new: old == "" and new in ("\n", "\r\n", "\r"),
    "FMT004": lambda old, new: old == "" and new == " ",
    "FMT005": lambda old, new: set(old) == set(new) == {"#"},
    "FMT006": lambda old, new: set(old) <= set(".,;:!") and new == "",
    "FMT007": lambda old, new: old == "" and new in ("\n", "\r\n", "\r"),
    "FMT008": lambda old, new: old == "" and new in ("\n", "\r\n", "\r"),
    "FMT009": lambda old, new: old == "" and new in ("\n", "\r\n", "\r"),
    "FMT010": lambda old, new: set(old) == {" "} and new == " ",
    "FMT011": lambda old, new: old in "-*+" and new in "-*+",
    "FMT012": lambda old, new: new == "" and (old == "#" or "," in old or "- " in old),
    "FMT013": lambda old, new: len(new) == 10 and new[4] == new[7] == "-",
    "FMT014": lambda old, new: sorted(old) == sorted(new),
    "SCH001": lambda old, new: old == "" and new.strip().startswith("#"),
    "SCH005": lambda old, new: "\n" not in old + new,
}


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(front=FRONT, body=st.lists(PIECES, max_size=30).map("".join))
def test_every_fix_changes_only_what_it_names(tmp_path_factory, front: str, body: str):
    root: Path = tmp_path_factory.mktemp("vault")
    text = front + body
    make_vault(
        root,
        {
            "n.md": text,
            "a.md": "[[n]]\n",
            "vaultlint.toml": 'extends = "llm-wiki"\ndate-order = "dmy"\n',
        },
    )
    request = CheckRequest(targets=(root,), cwd=root, select=("ALL",), today="2026-11-25")
    (run,) = check(request)
    for finding in run.findings:
        if finding.path != "n.md" or not finding.edits or finding.code not in _ALLOWED:
            continue
        for edit in finding.edits:
            old = text[edit.span[0] : edit.span[1]]
            assert _ALLOWED[finding.code](old, edit.text), (finding.code, old, edit.text)
