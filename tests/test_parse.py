"""`parse_document` on small notes: every construct, and above all where it stands.

Positions are the heart of these tests: for each construct the reported span must cut
exactly the construct's source out of `doc.text`, and `doc.position` must give the 1-based
line and column (counted in characters) a user sees in an editor.
"""

from __future__ import annotations

import math

import pytest

from vaultlint.document import Document, Link, LinkKind, Span
from vaultlint.parse import parse_document


def parse(text: str, **options: bool) -> Document:
    return parse_document("folder/note.md", text, **options)


def pos(doc: Document, offset: int) -> tuple[int, int]:
    position = doc.position(offset)
    return position.line, position.column


def src(doc: Document, span: Span) -> str:
    return doc.text[span[0] : span[1]]


def at(doc: Document, span: Span) -> tuple[str, tuple[int, int]]:
    """The source a span cuts out and where it starts: the pair every test checks."""
    return src(doc, span), pos(doc, span[0])


def targets(doc: Document) -> list[str]:
    return [link.target for link in doc.links]


def only_link(doc: Document) -> Link:
    assert len(doc.links) == 1, doc.links
    return doc.links[0]


# == wikilinks and embeds ==================================================================


def test_wikilink_fields_and_position() -> None:
    doc = parse("See [[a|b]] here.")
    link = only_link(doc)
    assert link.kind is LinkKind.WIKILINK
    assert at(doc, link.span) == ("[[a|b]]", (1, 5))
    assert link.raw == "[[a|b]]"
    assert (link.target, link.linkpath, link.subpath, link.display) == ("a", "a", "", "b")
    assert not link.is_embed
    assert not link.is_external
    assert not link.in_comment
    assert link.property_key is None


@pytest.mark.parametrize(
    ("written", "target", "linkpath", "subpath", "display"),
    [
        ("[[Note]]", "Note", "Note", "", None),
        ("[[a|b|c]]", "a", "a", "", "b|c"),
        ("[[a\\|b]]", "a", "a", "", "b"),
        ("[[Note|]]", "Note", "Note", "", ""),
        ("[[Note #H]]", "Note #H", "Note ", "#H", None),
        ("[[#Heading]]", "#Heading", "", "#Heading", None),
        ("[[#^blk-1]]", "#^blk-1", "", "#^blk-1", None),
        ("[[a#H1#H2]]", "a#H1#H2", "a", "#H1#H2", None),
        ("[[ spaced ]]", "spaced", "spaced", "", None),
        ("[[a\u00a0b\u00a0]]", "a b", "a b", "", None),
        ("[[Cafe\u0301]]", "Caf\u00e9", "Caf\u00e9", "", None),  # NFD written, NFC target
        ("[[folder/Note.md|Shown Text]]", "folder/Note.md", "folder/Note.md", "", "Shown Text"),
    ],
)
def test_wikilink_forms(
    written: str, target: str, linkpath: str, subpath: str, display: str | None
) -> None:
    doc = parse(f"x {written} y")
    link = only_link(doc)
    assert at(doc, link.span) == (written, (1, 3))
    assert (link.target, link.linkpath, link.subpath, link.display) == (
        target,
        linkpath,
        subpath,
        display,
    )


def test_block_reference_flag() -> None:
    doc = parse("[[Note#^abc]] [[Note#H]]")
    assert [link.is_block_ref for link in doc.links] == [True, False]


@pytest.mark.parametrize(
    ("written", "target", "subpath", "display"),
    [
        ("![[img.png]]", "img.png", "", None),
        ("![[img.png|100x200]]", "img.png", "", "100x200"),
        ("![[img.png|alt|100]]", "img.png", "", "alt|100"),
        ("![[Doc.pdf#page=3]]", "Doc.pdf#page=3", "#page=3", None),
        ("![[Note#Section]]", "Note#Section", "#Section", None),
    ],
)
def test_embeds(written: str, target: str, subpath: str, display: str | None) -> None:
    doc = parse(f"Look: {written}")
    link = only_link(doc)
    assert link.is_embed
    assert link.kind is LinkKind.WIKILINK
    assert at(doc, link.span) == (written, (1, 7))
    assert (link.target, link.subpath, link.display) == (target, subpath, display)


@pytest.mark.parametrize("text", ["[[]]", "[[x]", "[x]]", "[ [x]]", "[[x] ]"])
def test_not_wikilinks(text: str) -> None:
    assert parse(f"a {text} b").links == []


def test_nested_brackets_give_only_the_inner_link() -> None:
    doc = parse("[[a [[b]] c]]")
    link = only_link(doc)
    assert link.target == "b"
    assert at(doc, link.span) == ("[[b]]", (1, 5))


def test_wikilink_cannot_span_a_line() -> None:
    assert parse("a [[x\ny]] b").links == []


@pytest.mark.xfail(
    strict=True,
    reason="BUG (low): spec 1 makes [[|x]] a link with target '|x' (a leading '|' does not "
    "split), but pyromark emits no WikiLink for it, so parse_document finds no link",
)
def test_wikilink_with_leading_bar_is_a_link() -> None:
    doc = parse("a [[|x]] b")
    link = only_link(doc)
    assert at(doc, link.span) == ("[[|x]]", (1, 3))
    assert link.target == "|x"


def test_wikilink_in_table_cell_with_escaped_bar() -> None:
    doc = parse("| a | b |\n|---|---|\n| [[Solo\\|S]] | x |\n")
    link = only_link(doc)
    assert at(doc, link.span) == ("[[Solo\\|S]]", (3, 3))
    assert (link.target, link.display) == ("Solo", "S")


# == markdown links ========================================================================


@pytest.mark.parametrize(
    ("written", "target", "linkpath", "subpath", "is_embed"),
    [
        ("[t](Note.md)", "Note.md", "Note.md", "", False),
        ("[t](Note%20x.md#Some%20H)", "Note x.md#Some H", "Note x.md", "#Some H", False),
        ("[t](<My Note.md>)", "My Note.md", "My Note.md", "", False),
        (
            "[t](Three%20laws%20of%20motion)",
            "Three laws of motion",
            "Three laws of motion",
            "",
            False,
        ),
        ("[t](#Heading)", "#Heading", "", "#Heading", False),
        ("[t](a%2Fb%23c.md)", "a%2Fb%23c.md", "a%2Fb%23c.md", "", False),
        ("[t](%C3%A9t%C3%A9.md)", "\u00e9t\u00e9.md", "\u00e9t\u00e9.md", "", False),
        ("![alt](img.png)", "img.png", "img.png", "", True),
        ("![alt|100](img.png)", "img.png", "img.png", "", True),
    ],
)
def test_markdown_links(
    written: str, target: str, linkpath: str, subpath: str, is_embed: bool
) -> None:
    doc = parse(f"go {written}.")
    link = only_link(doc)
    assert link.kind is LinkKind.MARKDOWN
    assert at(doc, link.span) == (written, (1, 4))
    assert (link.target, link.linkpath, link.subpath) == (target, linkpath, subpath)
    assert link.display is None
    assert link.is_embed is is_embed
    assert not link.is_external


@pytest.mark.parametrize(
    ("written", "destination"),
    [
        ("[w](https://obsidian.md/help)", "https://obsidian.md/help"),
        ("[m](mailto:someone@example.com)", "mailto:someone@example.com"),
        ("[o](obsidian://open?vault=V&file=F)", "obsidian://open?vault=V&file=F"),
        ("[f](file:///home/me/x.md)", "file:///home/me/x.md"),
        ("<https://example.com/#frag>", "https://example.com/#frag"),
        ("![i](https://example.com/i.png)", "https://example.com/i.png"),
    ],
)
def test_external_links(written: str, destination: str) -> None:
    doc = parse(f"go {written}")
    link = only_link(doc)
    assert link.is_external
    assert at(doc, link.span) == (written, (1, 4))
    assert link.target == destination


@pytest.mark.parametrize(
    "text",
    [
        "[x](My Note.md)",  # a space needs %20 or <...>
        "[x](100%.md)",  # decodeURI throws: not indexed
        "[x](%C3%28.md)",  # invalid UTF-8 escape
        "[a][r]\n\n[r]: Note.md",  # reference-style: not counted
        "[r]\n\n[r]: Note.md",  # shortcut reference
        "[a][]\n\n[a]: Note.md",  # collapsed reference
    ],
)
def test_markdown_links_obsidian_does_not_index(text: str) -> None:
    assert parse(text).links == []


# == where no link is recognised ===========================================================


@pytest.mark.parametrize(
    "noise",
    [
        "`[[code]]`",
        "``[[code]] ` ``",
        "```\n[[fenced]]\n```",
        "~~~md\n[[tilde]]\n~~~",
        "    [[indented]]",
        "$[[math]]$",
        "$$\n[[display]]\n$$",
        "$$[[display]]$$",
        "<div>\n[[html block]]\n</div>",
        "text <% [[tpl]] %> text",
        "text {{ [[tpl]] }} text",
        "text <%* tR += '[[tpl]]' %> and {{date}} text",
    ],
)
def test_no_links_from_code_math_html_or_templates(noise: str) -> None:
    doc = parse(f"para [[ok]]\n\n{noise}\n\nend [[ok2]]\n")
    assert targets(doc) == ["ok", "ok2"]


@pytest.mark.parametrize(
    "noise",
    [
        "<!-- [[hidden]] -->",
        "inline <!-- [[hidden]] --> text",
        "inline <!--\n[[hidden]]\n--> text",
    ],
)
def test_no_links_from_html_comments(noise: str) -> None:
    doc = parse(f"para [[ok]]\n\n{noise}\n\nend [[ok2]]\n")
    assert targets(doc) == ["ok", "ok2"]


def test_no_links_or_headings_from_a_multiline_html_comment_block() -> None:
    doc = parse("para [[ok]]\n\n<!--\n# Not a heading\n[[hidden]]\n-->\n\n# Real\n")
    assert targets(doc) == ["ok"]
    assert [h.text for h in doc.headings] == ["Real"]


def test_multiline_html_comment_block_span() -> None:
    doc = parse("para\n\n<!--\n# Not a heading\n[[hidden]]\n-->\n\nafter\n")
    (comment,) = doc.comments
    assert comment.html
    assert at(doc, comment.span) == ("<!--\n# Not a heading\n[[hidden]]\n-->", (3, 1))
    assert comment.body(doc.text) == "\n# Not a heading\n[[hidden]]\n"


def test_single_line_html_comment_span() -> None:
    doc = parse("a <!-- note --> b\n\n<!-- block -->\n")
    assert [(c.html, *at(doc, c.span), c.body(doc.text)) for c in doc.comments] == [
        (True, "<!-- note -->", (1, 3), " note "),
        (True, "<!-- block -->", (3, 1), " block "),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "%% c %% see [[x]] #tag",
        "<% tp.date.now() %> see [[x]] #tag",
        "{{date}} see [[x]] #tag",
    ],
)
def test_comment_or_template_at_line_start_keeps_the_rest_of_the_line(text: str) -> None:
    doc = parse(text)
    link = only_link(doc)
    assert at(doc, link.span) == ("[[x]]", (1, text.index("[[x]]") + 1))
    assert [tag.name for tag in doc.tags] == ["tag"]


# == property links (frontmatter) ==========================================================

FRONTMATTER_LINKS = """\
---
l: ["[[Solo]]","[[Ghost]]"]
up: [[Solo]]
s: "[[Solo]] and [[Other]]"
q: '[[Single|One]]'
nest:
  a:
    - "[[Deep#H]]"
plain: see [[X]]
md: "[x](Y.md)"
partial: "see [[Z]]"
---
body [[Body]]
"""


def test_property_links() -> None:
    doc = parse(FRONTMATTER_LINKS)
    assert doc.frontmatter is not None
    assert doc.frontmatter.error is None
    props = [link for link in doc.links if link.kind is LinkKind.PROPERTY]
    found = {link.property_key: (link.target, *at(doc, link.span), link.display) for link in props}
    assert found == {
        "l.0": ("Solo", "[[Solo]]", (2, 6), None),
        "l.1": ("Ghost", "[[Ghost]]", (2, 17), None),
        "s": ("Solo]] and [[Other", "[[Solo]] and [[Other]]", (4, 5), None),
        "q": ("Single", "[[Single|One]]", (5, 5), "One"),
        "nest.a.0": ("Deep#H", "[[Deep#H]]", (8, 8), None),
    }
    deep = next(link for link in props if link.property_key == "nest.a.0")
    assert (deep.linkpath, deep.subpath) == ("Deep", "#H")
    # unquoted [[Solo]] is a nested YAML list, not a link
    assert doc.frontmatter.data["up"] == [["Solo"]]
    body = [link for link in doc.links if link.kind is not LinkKind.PROPERTY]
    assert [(link.target, *at(doc, link.span)) for link in body] == [("Body", "[[Body]]", (13, 6))]
    # links are sorted by position
    assert [link.span for link in doc.links] == sorted(link.span for link in doc.links)


def test_no_property_links_when_the_frontmatter_is_rejected() -> None:
    doc = parse('---\na: "[[X]]"\na: 2\n---\nbody [[B]]\n')
    assert doc.frontmatter is not None and doc.frontmatter.error is not None
    assert targets(doc) == ["B"]


@pytest.mark.parametrize(
    ("yaml_line", "value"),
    [
        ('a: "[[Caf\\u00e9]]"', "[[Caf\\u00e9]]"),
        ("a: '[[it''s]]'", "[[it''s]]"),
        ("a: |-\n  [[Block]]", "[[Block]]"),
    ],
)
def test_property_link_span_with_escapes_or_block_scalars(yaml_line: str, value: str) -> None:
    doc = parse(f"---\n{yaml_line}\n---\n")
    link = only_link(doc)
    assert src(doc, link.span) == value


# == frontmatter ============================================================================


def test_frontmatter_entries_and_spans() -> None:
    doc = parse("---\ntitle: My Title\ntags: [a, b]\n---\n# H\n")
    fm = doc.frontmatter
    assert fm is not None and fm.error is None
    assert fm.data == {"title": "My Title", "tags": ["a", "b"]}
    assert src(doc, fm.span) == "---\ntitle: My Title\ntags: [a, b]\n---\n"
    assert src(doc, fm.content_span) == "title: My Title\ntags: [a, b]\n"
    assert (fm.start_line, fm.end_line) == (1, 4)
    assert doc.body_start == fm.span[1]
    title = fm.entry("title")
    assert title is not None
    assert at(doc, title.key_span) == ("title", (2, 1))
    assert at(doc, title.value_span) == ("My Title", (2, 8))
    assert at(doc, fm.value_spans["tags.1"]) == ("b", (3, 11))
    assert doc.title == "My Title"
    # the frontmatter is not Markdown: its closing '---' makes no setext heading
    assert [h.text for h in doc.headings] == ["H"]
    assert pos(doc, doc.headings[0].span[0]) == (5, 1)


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("---\na: 1\n  b: [\n---\nx", 3, 4, "mapping values"),
        ("---\na: b: c\n---\n", 2, 5, "mapping values"),
        ("---\ntitle: [unclosed\n---\n", 2, 1, "flow sequence"),
        ('---\nx: 1\ny: "open\n---\n', 3, 1, ""),
        ("---\ntitle: x\n\tbad: 1\n---\n", 3, 1, "tab"),
    ],
)
def test_invalid_yaml_points_at_the_right_line(
    text: str, line: int, column: int, words: str
) -> None:
    doc = parse(text)
    fm = doc.frontmatter
    assert fm is not None and fm.error is not None
    assert fm.error.message.startswith("invalid YAML in frontmatter")
    assert words in fm.error.message
    assert pos(doc, fm.error.offset) == (line, column)
    assert fm.data == {}


@pytest.mark.parametrize(
    "text", ["---\n- a\n- b\n---\n", '---\n"just a string"\n---\n', "---\n42\n---\n"]
)
def test_frontmatter_that_is_not_a_mapping(text: str) -> None:
    doc = parse(text)
    fm = doc.frontmatter
    assert fm is not None and fm.error is not None
    assert "not a mapping" in fm.error.message
    assert pos(doc, fm.error.offset) == (2, 1)
    assert fm.data == {}


def test_duplicate_keys() -> None:
    doc = parse("---\na: 1\nb: 2\na: 3\n---\n")
    fm = doc.frontmatter
    assert fm is not None and fm.error is not None
    assert "duplicate property 'a'" in fm.error.message
    assert "line 2" in fm.error.message
    assert at(doc, (fm.error.offset, fm.error.offset + 1)) == ("a", (4, 1))
    assert [entry.key for entry in fm.entries] == ["a", "b", "a"]


def test_unclosed_frontmatter() -> None:
    doc = parse("---\na: 1\n\nbody [[B]]\n")
    fm = doc.frontmatter
    assert fm is not None and fm.error is not None
    assert "never closed" in fm.error.message
    assert pos(doc, fm.error.offset) == (1, 1)
    assert src(doc, fm.span) == "---\n"
    assert targets(doc) == ["B"]


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("---\n---\nbody", {}),
        ("---\ntitle: x\n...\nbody", {"title": "x"}),
        ("---  \ntitle: x\n---  \nbody", {"title": "x"}),
        ("---\r\ntitle: x\r\n---\r\nbody", {"title": "x"}),
    ],
)
def test_frontmatter_fences(text: str, data: dict[str, str]) -> None:
    doc = parse(text)
    assert doc.frontmatter is not None
    assert doc.frontmatter.error is None
    assert doc.frontmatter.data == data
    assert doc.text[doc.body_start :] == "body"


@pytest.mark.parametrize(
    "text", ["text\n---\na: 1\n---\n", "\n---\na: 1\n---\n", "--- x\na: 1\n---"]
)
def test_no_frontmatter_unless_line_one_is_the_fence(text: str) -> None:
    assert parse(text).frontmatter is None


def test_frontmatter_with_lone_cr_line_breaks() -> None:
    doc = parse("---\rtitle: x\r---\r# H\r")
    fm = doc.frontmatter
    assert fm is not None
    assert fm.error is None
    assert fm.data == {"title": "x"}
    assert fm.end_line == 3
    assert [(h.text, pos(doc, h.span[0])) for h in doc.headings] == [("H", (4, 1))]


def test_yaml_12_typing_keeps_yaml_11_booleans_as_text() -> None:
    doc = parse(
        "---\n"
        "draft: no\nok: yes\nlight: on\ndark: off\nshort: y\nnope: n\n"
        "t: true\nf: false\ncap: True\n"
        "n: 012\nneg: -7\nfl: 1.5\nexp: 1e3\n"
        "null1: ~\nnull2:\nnull3: null\n"
        "quoted: \"12\"\nsingle: 'true'\nday: 2024-01-02\nver: 1.2.3\n"
        "---\n"
    )
    assert doc.frontmatter is not None and doc.frontmatter.error is None
    data = doc.frontmatter.data
    assert data["draft"] == "no"
    assert data["ok"] == "yes"
    assert data["light"] == "on"
    assert data["dark"] == "off"
    assert data["short"] == "y"
    assert data["nope"] == "n"
    assert data["t"] is True
    assert data["f"] is False
    assert data["cap"] is True
    assert data["n"] == 12 and isinstance(data["n"], int)  # decimal under YAML 1.2, not octal
    assert data["neg"] == -7
    assert data["fl"] == 1.5
    assert data["exp"] == 1000.0 and isinstance(data["exp"], float)
    assert data["null1"] is None and data["null2"] is None and data["null3"] is None
    assert data["quoted"] == "12"
    assert data["single"] == "true"
    assert data["day"] == "2024-01-02"  # no datetime conversion
    assert data["ver"] == "1.2.3"


def test_yaml_12_core_hex_octal_and_inf() -> None:
    doc = parse("---\nh: 0x1F\no: 0o17\ninf: .inf\n---\n")
    assert doc.frontmatter is not None
    data = doc.frontmatter.data
    assert (data["h"], data["o"]) == (31, 15)
    assert math.isinf(data["inf"])


# == headings and sections ==================================================================

HEADINGS = """\
# A
text
## B
b
### C
c
## D
d
# E
- # in list
> ## in quote
Setext
===
#### closing ##
"""


def test_headings() -> None:
    doc = parse(HEADINGS)
    found = [
        (h.level, h.text, src(doc, h.text_span), pos(doc, h.span[0]), h.top_level)
        for h in doc.headings
    ]
    assert found == [
        (1, "A", "A", (1, 1), True),
        (2, "B", "B", (3, 1), True),
        (3, "C", "C", (5, 1), True),
        (2, "D", "D", (7, 1), True),
        (1, "E", "E", (9, 1), True),
        (1, "in list", "in list", (10, 3), False),
        (2, "in quote", "in quote", (11, 3), False),
        (1, "Setext", "Setext", (12, 1), True),
        (4, "closing", "closing", (14, 1), True),
    ]
    assert src(doc, doc.headings[0].span).rstrip("\n") == "# A"
    assert src(doc, doc.headings[7].span).rstrip("\n") == "Setext\n==="
    assert [h.text for h in doc.anchor_headings] == ["A", "B", "C", "D", "E", "Setext", "closing"]


def test_sections_parents_and_bodies() -> None:
    doc = parse(HEADINGS)
    heading_text = [doc.headings[s.heading_index].text for s in doc.sections]
    assert heading_text == ["A", "B", "C", "D", "E", "Setext", "closing"]
    parents = [None if s.parent is None else heading_text[s.parent] for s in doc.sections]
    assert parents == [None, "A", "B", "A", None, None, "Setext"]
    bodies = [src(doc, s.body) for s in doc.sections]
    assert bodies == [
        "text\n## B\nb\n### C\nc\n## D\nd\n",
        "b\n### C\nc\n",
        "c\n",
        "d\n",
        "- # in list\n> ## in quote\n",
        "#### closing ##\n",
        "",
    ]


def test_heading_text_keeps_inline_source_and_tags() -> None:
    doc = parse("## See [[Note]] and `code` #tag ##\n")
    heading = doc.headings[0]
    assert heading.text == "See [[Note]] and `code` #tag"
    assert [(link.target, *at(doc, link.span)) for link in doc.links] == [
        ("Note", "[[Note]]", (1, 8))
    ]
    assert [(tag.name, *at(doc, tag.span)) for tag in doc.tags] == [("tag", "#tag", (1, 28))]


def test_heading_after_a_callout_is_top_level() -> None:
    doc = parse("> [!note] T\n> body\n\n# After\n")
    assert [(h.text, h.top_level) for h in doc.headings] == [("After", True)]
    assert pos(doc, doc.headings[0].span[0]) == (4, 1)


@pytest.mark.parametrize("text", ["#tag line", "#not-heading", "\\# escaped", "####### seven"])
def test_not_headings(text: str) -> None:
    assert parse(text).headings == []


def test_empty_heading() -> None:
    doc = parse("#\n\ntext\n")
    (heading,) = doc.headings
    assert (heading.level, heading.text) == (1, "")
    assert src(doc, heading.span).rstrip("\n") == "#"


# == tags ===================================================================================


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("#tag", ["tag"]),
        ("a #tag b", ["tag"]),
        ("#1984", []),
        ("#y1984 #1984y", ["y1984", "1984y"]),
        ("x#y", []),
        ("a#b #c", ["c"]),
        ("#a/b/c", ["a/b/c"]),
        ("#a-b_c", ["a-b_c"]),
        ("#end.", ["end"]),
        ("(#paren)", []),
        (
            "#\u00e9t\u00e9 #\u4e2d\u6587 #emoji\U0001f600",
            ["\u00e9t\u00e9", "\u4e2d\u6587", "emoji\U0001f600"],
        ),
        ("`#code`", []),
        ("$#math$", []),
        ("[[Note|#alias]]", []),
        ("[[Note#Heading]]", []),
        ("[text #t](u.md)", []),
        ("<https://example.com/#frag>", []),
        ("```\n#fenced\n```", []),
        ("    #indented", []),
        ("%% #incomment %%", []),
        ("<div>\n#html\n</div>", []),
    ],
)
def test_tags(text: str, names: list[str]) -> None:
    doc = parse(text)
    assert [tag.name for tag in doc.tags] == names
    for tag in doc.tags:
        assert src(doc, tag.span) == "#" + tag.name
        assert not tag.in_frontmatter


def test_tag_positions_in_blocks() -> None:
    doc = parse("- item #li\n\n> quote #q\n\n| #cell | x |\n|---|---|\n| y | #c2 |\n")
    assert [(tag.name, *at(doc, tag.span)) for tag in doc.tags] == [
        ("li", "#li", (1, 8)),
        ("q", "#q", (3, 9)),
        ("cell", "#cell", (5, 3)),
        ("c2", "#c2", (7, 7)),
    ]


# == block ids ==============================================================================


def test_block_id_at_end_of_paragraph() -> None:
    doc = parse("Intro.\n\nSome para text ^blk-1\n")
    (block,) = doc.block_ids
    assert block.name == "blk-1"
    assert at(doc, block.span) == ("^blk-1", (3, 16))
    assert src(doc, block.block) == "Some para text ^blk-1"


def test_block_ids_on_list_items() -> None:
    doc = parse("- first ^li-1\n- second\n- third\n  ^li-3\n")
    assert [(b.name, *at(doc, b.span), src(doc, b.block)) for b in doc.block_ids] == [
        ("li-1", "^li-1", (1, 9), "first ^li-1"),
        ("li-3", "^li-3", (4, 3), "third\n  ^li-3"),
    ]


def test_block_id_alone_on_a_line_after_a_table() -> None:
    doc = parse("| a |\n|---|\n| b |\n\n^tbl\n")
    (block,) = doc.block_ids
    assert block.name == "tbl"
    assert at(doc, block.span) == ("^tbl", (5, 1))


def test_block_id_alone_names_the_preceding_block() -> None:
    doc = parse("| a |\n|---|\n| b |\n\n^tbl\n")
    (block,) = doc.block_ids
    named = src(doc, block.block)
    assert named.strip() == "| a |\n|---|\n| b |"


def test_block_id_alone_on_the_next_line_of_a_paragraph() -> None:
    doc = parse("Intro.\n\nline one\n^next-line\n")
    (block,) = doc.block_ids
    assert block.name == "next-line"
    assert at(doc, block.span) == ("^next-line", (4, 1))
    assert src(doc, block.block) == "line one\n^next-line"


@pytest.mark.parametrize(
    "text", ["bad ^my_id", "mid ^x text", "x^y", "^", "`code ^c`", "- item ^bad!"]
)
def test_not_block_ids(text: str) -> None:
    assert parse(text).block_ids == []


# == list items =============================================================================


def test_list_items_markers_depth_and_tasks() -> None:
    doc = parse(
        "- a [[L0]]\n"
        "  - b [[L1]]\n"
        "    - c [[L2]]\n"
        "\n"
        "1. one\n"
        "2. two\n"
        "\n"
        "3) three\n"
        "\n"
        "* star\n"
        "\n"
        "+ plus\n"
        "\n"
        "- [ ] todo\n"
        "- [x] done\n"
        "\n"
        "> - quoted\n"
    )
    found = [
        (
            item.marker,
            *at(doc, item.marker_span),
            item.depth,
            item.ordered,
            item.in_quote,
            item.task,
        )
        for item in doc.list_items
    ]
    assert found == [
        ("-", "-", (1, 1), 0, False, False, None),
        ("-", "-", (2, 3), 1, False, False, None),
        ("-", "-", (3, 5), 2, False, False, None),
        ("1.", "1.", (5, 1), 0, True, False, None),
        ("2.", "2.", (6, 1), 0, True, False, None),
        ("3)", "3)", (8, 1), 0, True, False, None),
        ("*", "*", (10, 1), 0, False, False, None),
        ("+", "+", (12, 1), 0, False, False, None),
        ("-", "-", (14, 1), 0, False, False, " "),
        ("-", "-", (15, 1), 0, False, False, "x"),
        ("-", "-", (17, 3), 0, False, True, None),
    ]
    for item in doc.list_items:
        assert src(doc, item.span).startswith(item.marker)
    assert [(link.target, pos(doc, link.span[0])) for link in doc.links] == [
        ("L0", (1, 5)),
        ("L1", (2, 7)),
        ("L2", (3, 9)),
    ]


@pytest.mark.parametrize(
    "text",
    ["- a\n    - b [[B]]\n        - c [[C]]\n", "- a\n\t- b [[B]]\n\t\t- c [[C]]\n"],
    ids=["four-spaces", "tabs"],
)
def test_nested_list_items_indented_with_four_spaces_or_tabs(text: str) -> None:
    doc = parse(text)
    lines = text.splitlines()
    expected = [("-", "-", (n + 1, lines[n].index("-") + 1), n) for n in range(3)]
    assert [
        (item.marker, *at(doc, item.marker_span), item.depth) for item in doc.list_items
    ] == expected
    for item in doc.list_items:
        assert src(doc, item.span).startswith("- ")


def test_links_in_nested_lists_with_four_spaces_or_tabs() -> None:
    # link positions do not depend on the item ranges
    doc = parse(
        "- a\n    - b [[B]]\n        - c [[C]]\n\n---\n\n- a\n\t- b [[TB]]\n\t\t- c [[TC]]\n"
    )
    assert [(link.target, *at(doc, link.span)) for link in doc.links] == [
        ("B", "[[B]]", (2, 9)),
        ("C", "[[C]]", (3, 13)),
        ("TB", "[[TB]]", (8, 6)),
        ("TC", "[[TC]]", (9, 7)),
    ]


# == callouts ===============================================================================


def test_callouts() -> None:
    doc = parse(
        "> [!question]- Title here\n> body [[Q]]\n\n"
        "> [!NOTE]\n> x\n\n"
        "> [!tip]+\n> y\n\n"
        "> plain quote [[P]]\n\n"
        ">[!custom-type] T\n"
    )
    found = [(c.kind, c.fold, c.title, *at(doc, c.type_span)) for c in doc.callouts]
    assert found == [
        ("question", "-", "Title here", "[!question]", (1, 3)),
        ("note", "", "", "[!NOTE]", (4, 3)),
        ("tip", "+", "", "[!tip]", (7, 3)),
        ("custom-type", "", "T", "[!custom-type]", (12, 2)),
    ]
    assert src(doc, doc.callouts[0].span).rstrip("\n") == "> [!question]- Title here\n> body [[Q]]"
    assert [(link.target, *at(doc, link.span)) for link in doc.links] == [
        ("Q", "[[Q]]", (2, 8)),
        ("P", "[[P]]", (10, 15)),
    ]


def test_callout_content_positions() -> None:
    doc = parse("> [!note] T\n> - [[InCallout]]\n>   - deeper #tg\n> ## Inner\n")
    assert [(link.target, *at(doc, link.span)) for link in doc.links] == [
        ("InCallout", "[[InCallout]]", (2, 5))
    ]
    assert [(tag.name, *at(doc, tag.span)) for tag in doc.tags] == [("tg", "#tg", (3, 14))]
    assert [(i.depth, i.in_quote, pos(doc, i.span[0])) for i in doc.list_items] == [
        (0, True, (2, 3)),
        (1, True, (3, 5)),
    ]
    assert [(h.text, h.top_level, pos(doc, h.span[0])) for h in doc.headings] == [
        ("Inner", False, (4, 3))
    ]
    assert doc.sections == []


# == %% comments %% ==========================================================================


def test_inline_comment() -> None:
    doc = parse("a %%[[c1]]%% b [[out]]")
    (comment,) = doc.comments
    assert not comment.html
    assert at(doc, comment.span) == ("%%[[c1]]%%", (1, 3))
    assert comment.body(doc.text) == "[[c1]]"
    assert [(link.target, link.in_comment, *at(doc, link.span)) for link in doc.links] == [
        ("c1", True, "[[c1]]", (1, 5)),
        ("out", False, "[[out]]", (1, 16)),
    ]


def test_multiline_comment_hides_headings_but_not_links() -> None:
    text = (
        "# Real\n\n%% start\n# Not a heading\n- see [[InC]] and ![[Emb]]\n%%\n\n## After [[Out]]\n"
    )
    doc = parse(text)
    assert [(h.text, pos(doc, h.span[0])) for h in doc.headings] == [
        ("Real", (1, 1)),
        ("After [[Out]]", (8, 1)),
    ]
    (comment,) = doc.comments
    assert at(doc, comment.span) == (
        "%% start\n# Not a heading\n- see [[InC]] and ![[Emb]]\n%%",
        (3, 1),
    )
    assert doc.list_items == []
    assert [
        (link.target, link.is_embed, link.in_comment, *at(doc, link.span)) for link in doc.links
    ] == [
        ("InC", False, True, "[[InC]]", (5, 7)),
        ("Emb", True, True, "![[Emb]]", (5, 19)),
        ("Out", False, False, "[[Out]]", (8, 10)),
    ]


def test_markdown_link_in_comment() -> None:
    doc = parse("%% [md](Note.md) %%")
    link = only_link(doc)
    assert link.kind is LinkKind.MARKDOWN
    assert link.in_comment
    assert at(doc, link.span) == ("[md](Note.md)", (1, 4))


def test_links_in_comments_can_be_switched_off() -> None:
    doc = parse("x %% [[hidden]] %% [[shown]]", links_in_comments=False)
    assert targets(doc) == ["shown"]
    assert len(doc.comments) == 1


def test_unclosed_comment_runs_to_the_end() -> None:
    doc = parse("before [[A]]\n\n%% open\n# no heading\n[[B]]\n")
    (comment,) = doc.comments
    assert comment.span == (doc.text.index("%%"), len(doc.text))
    assert doc.headings == []
    assert [(link.target, link.in_comment) for link in doc.links] == [("A", False), ("B", True)]


def test_percent_signs_in_code_are_not_comments() -> None:
    doc = parse("`%%` [[a]] `%%`\n\n```\n%%\n```\n[[b]]\n")
    assert doc.comments == []
    assert [(link.target, link.in_comment) for link in doc.links] == [("a", False), ("b", False)]


# == positions in every kind of place ========================================================


def test_positions_after_frontmatter() -> None:
    doc = parse("---\ntitle: x\ntags: [a]\n---\n\n# Head\n\nSee [[A]] #t ^b1\n")
    assert at(doc, doc.headings[0].span)[1] == (6, 1)
    assert at(doc, doc.links[0].span) == ("[[A]]", (8, 5))
    assert [at(doc, tag.span) for tag in doc.tags] == [("a", (3, 8)), ("#t", (8, 11))]
    assert at(doc, doc.block_ids[0].span) == ("^b1", (8, 14))


def test_positions_in_nested_lists_three_levels() -> None:
    doc = parse("- one [[A]]\n  - two [[B]] #tb\n    - three [[C]] ^c3\n")
    assert [at(doc, link.span) for link in doc.links] == [
        ("[[A]]", (1, 7)),
        ("[[B]]", (2, 9)),
        ("[[C]]", (3, 13)),
    ]
    assert at(doc, doc.tags[0].span) == ("#tb", (2, 15))
    assert at(doc, doc.block_ids[0].span) == ("^c3", (3, 19))
    assert [at(doc, item.span)[1] for item in doc.list_items] == [(1, 1), (2, 3), (3, 5)]


def test_positions_in_blockquotes() -> None:
    doc = parse("> one [[A]]\n> > two [[B]] #t\n>\n> # Quoted heading\n")
    assert [at(doc, link.span) for link in doc.links] == [("[[A]]", (1, 7)), ("[[B]]", (2, 9))]
    assert at(doc, doc.tags[0].span) == ("#t", (2, 15))
    assert [(h.text, pos(doc, h.span[0]), h.top_level) for h in doc.headings] == [
        ("Quoted heading", (4, 3), False)
    ]


def test_positions_in_tables() -> None:
    doc = parse("| k | v |\n|---|---|\n| [[A]] | ![[B.png]] #t |\n| `[[no]]` | [m](M.md) |\n")
    assert [at(doc, link.span) for link in doc.links] == [
        ("[[A]]", (3, 3)),
        ("![[B.png]]", (3, 11)),
        ("[m](M.md)", (4, 14)),
    ]
    assert at(doc, doc.tags[0].span) == ("#t", (3, 22))


def test_positions_in_crlf_file() -> None:
    text = '---\r\ntitle: x\r\nl: "[[P]]"\r\n---\r\n# H\r\n\r\n- a [[A]]\r\n  - b #t ^id\r\n'
    doc = parse(text)
    assert doc.frontmatter is not None and doc.frontmatter.error is None
    assert doc.frontmatter.end_line == 4
    assert [(link.target, *at(doc, link.span)) for link in doc.links] == [
        ("P", "[[P]]", (3, 5)),
        ("A", "[[A]]", (7, 5)),
    ]
    assert [(h.text, pos(doc, h.span[0])) for h in doc.headings] == [("H", (5, 1))]
    assert at(doc, doc.tags[0].span) == ("#t", (8, 7))
    assert at(doc, doc.block_ids[0].span) == ("^id", (8, 10))
    assert [(i.marker, at(doc, i.marker_span)[1]) for i in doc.list_items] == [
        ("-", (7, 1)),
        ("-", (8, 3)),
    ]


def test_positions_with_bom() -> None:
    doc = parse("\ufeff# T\n\nSee [[A]] #t\n")
    assert doc.source.has_bom
    assert not doc.text.startswith("\ufeff")
    (heading,) = doc.headings
    assert heading.text == "T"
    assert heading.level == 1
    assert at(doc, heading.span)[1] == (1, 1)
    assert at(doc, doc.links[0].span) == ("[[A]]", (3, 5))
    assert at(doc, doc.tags[0].span) == ("#t", (3, 11))


def test_positions_with_bom_and_frontmatter_and_non_ascii() -> None:
    doc = parse("\ufeff---\ntitle: x\n---\n\u00e9 [[A]] #t ^b1\n")
    assert doc.source.has_bom
    assert doc.frontmatter is not None and doc.frontmatter.data == {"title": "x"}
    assert at(doc, doc.links[0].span) == ("[[A]]", (4, 3))
    assert at(doc, doc.tags[0].span) == ("#t", (4, 9))
    assert at(doc, doc.block_ids[0].span) == ("^b1", (4, 12))


def test_columns_count_characters_not_bytes() -> None:
    text = (
        "\u00e9 \u4e2d\u6587 \U0001f600 [[Uni]] #tag\n"
        "- \U0001f600\U0001f600 [[Li]]\n"
        "> \u4e2d\u6587 [[Q]]\n"
        "\n"
        "| \u00e9 | [[Cell]] |\n"
        "|---|---|\n"
        "| \U0001f600 | ![[E]] |\n"
        "\n"
        "## \u00e9t\u00e9 \U0001f600 [m](M.md)\n"
    )
    doc = parse(text)
    assert [at(doc, link.span) for link in doc.links] == [
        ("[[Uni]]", (1, 8)),
        ("[[Li]]", (2, 6)),
        ("[[Q]]", (3, 6)),
        ("[[Cell]]", (5, 7)),
        ("![[E]]", (7, 7)),
        ("[m](M.md)", (9, 10)),
    ]
    assert at(doc, doc.tags[0].span) == ("#tag", (1, 16))
    assert [(h.text, pos(doc, h.span[0])) for h in doc.headings] == [
        ("\u00e9t\u00e9 \U0001f600 [m](M.md)", (9, 1))
    ]


def test_positions_in_lone_cr_file() -> None:
    doc = parse("# H\r\rpara [[CR]] #t\r- item [[I]]\r")
    assert [(h.text, pos(doc, h.span[0])) for h in doc.headings] == [("H", (1, 1))]
    assert [at(doc, link.span) for link in doc.links] == [("[[CR]]", (3, 6)), ("[[I]]", (4, 8))]
    assert at(doc, doc.tags[0].span) == ("#t", (3, 13))
    assert [at(doc, item.marker_span) for item in doc.list_items] == [("-", (4, 1))]


# == review fixes ==========================================================================


def test_frontmatter_tags_with_positions() -> None:
    doc = parse('---\ntags: [ai, "#ml", "two words", 1984]\nother: x\n---\nBody #inline\n')
    found = [(tag.name, src(doc, tag.span), tag.in_frontmatter) for tag in doc.tags]
    assert found == [("ai", "ai", True), ("ml", '"#ml"', True), ("inline", "#inline", False)]
    listed = parse("---\ntags:\n  - person\n  - ai/agents\n---\n")
    assert [(t.name, pos(listed, t.span[0])) for t in listed.tags] == [
        ("person", (3, 5)),
        ("ai/agents", (4, 5)),
    ]
    text = parse("---\ntags: a,  b \n---\n")
    assert [(t.name, src(text, t.span)) for t in text.tags] == [("a", "a"), ("b", "b")]


def test_template_syntax_inside_a_link_is_not_a_link() -> None:
    doc = parse(
        '---\nup: "[[<% tp.file.folder() %>]]"\n---\n'
        "[[<% tp.date.now() %>]] [[{{title}}]] [[real]]\n"
    )
    assert [link.target for link in doc.links] == ["real"]


def test_callout_metadata_is_not_part_of_its_type() -> None:
    doc = parse("> [!custom-type|wide] Title\n> body\n")
    assert [(c.kind, c.title) for c in doc.callouts] == [("custom-type", "Title")]


def test_text_after_a_multi_line_comment_stays_prose() -> None:
    doc = parse("%% TODO\n\nlater %% See [[z]] #tag\n\n%%\nx\n%% # Not a heading\n")
    assert [link.target for link in doc.links] == ["z"]
    assert [tag.name for tag in doc.tags] == ["tag"]
    assert doc.headings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\ntwo\n", "\n"),
        ("one\r\ntwo\r\n", "\r\n"),
        ("one\rtwo\r", "\r"),
        ("a\r\nb\r\nc\nd\r\n", "\r\n"),  # most lines decide
        ("a\nb\nc\r\n", "\n"),
        ("no break at all", "\n"),
    ],
)
def test_line_break_is_the_one_most_lines_use(text: str, expected: str) -> None:
    """Every fix that inserts lines writes this one: one definition for the whole project."""
    assert parse_document("a.md", text).source.line_break == expected


def test_visible_body_leaves_out_frontmatter_and_comments() -> None:
    document = parse_document("a.md", "---\nt: 1\n---\nA %% hidden %% B <!-- x -->\n")
    assert document.visible_body == "A  B \n"
