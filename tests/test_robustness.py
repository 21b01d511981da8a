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
