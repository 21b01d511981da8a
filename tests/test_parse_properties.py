"""Property tests for `parse_document`: it never fails, and its spans always make sense."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultlint.document import Document, LinkKind, Span
from vaultlint.parse import parse_document

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of Obsidian and Markdown syntax, mixed with arbitrary text.
# fmt: off
TOKENS = [
    "[[", "]]", "![[", "[", "]", "(", ")", "|", "\\", "%%", "#", "# ", "## ", "#tag", "#1984",
    ">", "> ", "> [!note]- ", "-", "- ", "  - ", "    - ", "\t- ", "1. ", "- [ ] ", "`", "```",
    "~~~", "$", "$$", "^", "^blk-1", "[x](y.md)", "<https://a.b/#c>", "<!--", "-->", "<div>",
    "<%", "%>", "{{", "}}", "---", "...", ": ", "\n", "\n\n", "\r\n", "\r", "\t", "    ", " ",
    "\u00e9", "\u4e2d\u6587", "\U0001f600", "\u00a0", "\ufeff", "e\u0301", "|---|", "| a |",
    "[[Note|alias]]", "[[a\\|b]]", "%% [[c]] %%",
    # the same, at the start of a line, where block syntax takes effect
    "\n# H ", "\n## H ", "\n- ", "\n  - ", "\n\t- ", "\n1. ", "\n> ", "\n> [!tip]+ T\n> ",
    "\n```\n", "\n$$\n", "\n%%\n", "\n    ", "\n| a | b |\n|---|---|\n| ", " #tag ",
    "\n#tag ", " ^blk-1\n", "\n^id\n", "\nline\n===\n", "\n<!--\n",
]
PREFIXES = [
    "", "---\n", "---\ntitle: x\n---\n", '---\nl: ["[[A]]", "[[B|b]]"]\n---\n',
    "---\r\nk: v\r\n---\r\n", "\ufeff", "\ufeff---\nk: 1\n---\n", "---\n- a\n---\n",
]
# fmt: on

texts = st.builds(
    lambda prefix, pieces: prefix + "".join(pieces),
    st.sampled_from(PREFIXES),
    st.lists(st.one_of(st.text(max_size=6), st.sampled_from(TOKENS)), max_size=40),
)

_BREAK = re.compile(r"\r\n|\r|\n")


def all_spans(doc: Document) -> list[tuple[str, Span]]:
    spans: list[tuple[str, Span]] = []
    spans += [("link", link.span) for link in doc.links]
    for heading in doc.headings:
        spans += [("heading", heading.span), ("heading text", heading.text_span)]
    spans += [("section", section.body) for section in doc.sections]
    spans += [("tag", tag.span) for tag in doc.tags]
    for comment in doc.comments:
        spans += [("comment", comment.span), ("comment body", comment.body_span)]
    for block in doc.block_ids:
        spans += [("block id", block.span), ("block", block.block)]
    for item in doc.list_items:
        spans += [("item", item.span), ("marker", item.marker_span)]
    for callout in doc.callouts:
        spans += [("callout", callout.span), ("callout type", callout.type_span)]
    spans += [("code", span) for span in doc.code_spans]
    spans += [("sentence", sentence.span) for sentence in doc.sentences]
    if doc.frontmatter is not None:
        spans += [("frontmatter", doc.frontmatter.span)]
        spans += [("content", doc.frontmatter.content_span)]
    return spans


@SETTINGS
@given(texts)
def test_spans_lie_inside_the_text(text: str) -> None:
    doc = parse_document("note.md", text)
    assert doc.text == (text[1:] if text.startswith("\ufeff") else text)
    assert doc.source.has_bom == text.startswith("\ufeff")
    size = len(doc.text)
    for kind, (start, end) in all_spans(doc):
        assert 0 <= start <= end <= size, (kind, start, end)
    for section in doc.sections:
        assert 0 <= section.heading_index < len(doc.headings)
        assert section.parent is None or 0 <= section.parent < len(doc.sections)
    if doc.frontmatter is not None and doc.frontmatter.error is not None:
        assert 0 <= doc.frontmatter.error.offset <= size


@SETTINGS
@given(texts)
def test_construct_spans_cut_out_their_syntax(text: str) -> None:
    doc = parse_document("note.md", text)
    source = doc.text
    for link in doc.links:
        written = source[link.span[0] : link.span[1]]
        if link.kind is LinkKind.WIKILINK:
            assert written.startswith(("[[", "![[")), written
            assert written.endswith("]]"), written
            assert written.startswith("!") is link.is_embed
            assert link.raw == written
        elif link.kind is LinkKind.MARKDOWN:
            assert written.startswith(("[", "![", "<")), written
            assert link.raw == written
        assert link.linkpath + link.subpath == link.target or link.is_external
    for tag in doc.tags:
        assert source[tag.span[0] : tag.span[1]] == "#" + tag.name
        assert not tag.name.isdigit()
    for block in doc.block_ids:
        assert source[block.span[0] : block.span[1]] == "^" + block.name
    for comment in doc.comments:
        start, end = comment.span
        body_start, body_end = comment.body_span
        assert start <= body_start <= body_end <= end
        opening = "<!--" if comment.html else "%%"
        assert source.startswith(opening, start)
    for link in doc.links:
        if link.in_comment:
            assert any(
                c.body_span[0] <= link.span[0] and link.span[1] <= c.body_span[1]
                for c in doc.comments
            )
    for callout in doc.callouts:
        assert source[callout.type_span[0] : callout.type_span[1]].lower() == (f"[!{callout.kind}]")
    assert [link.span for link in doc.links] == sorted(link.span for link in doc.links)


@SETTINGS
@given(texts)
def test_positions_agree_with_the_lines_of_the_text(text: str) -> None:
    doc = parse_document("note.md", text)
    source = doc.text
    lines = _BREAK.split(source)
    assert doc.source.line_count == len(lines)
    last = doc.position(len(source))
    assert (last.line, last.column) == (len(lines), len(lines[-1]) + 1)
    for kind, (start, _end) in all_spans(doc):
        position = doc.position(start)
        assert 1 <= position.line <= len(lines), kind
        line = lines[position.line - 1]
        assert 1 <= position.column <= len(line) + 1, kind
        if start < len(source) and source[start] not in "\r\n":
            assert line[position.column - 1] == source[start], (kind, start, position)
        # the position is where the text before the offset leaves off
        before = _BREAK.split(source[:start])
        if not source[:start].endswith("\r") or source[start : start + 1] != "\n":
            assert (position.line, position.column) == (len(before), len(before[-1]) + 1)


# -- generated notes: the links that go in are the links that come out ---------------------

NAMES = (
    st.text(alphabet="abcdefgXYZ0189 -_.\u00e9\u4e2d", min_size=1, max_size=10)
    .map(str.strip)
    .filter(lambda name: bool(name) and not name.startswith("."))
)
WORDS = st.text(alphabet="abcxyz\u00e9\U0001f600", min_size=1, max_size=6)


@st.composite
def notes(draw: st.DrawFn) -> tuple[str, list[tuple[int, str, bool]]]:
    """A note from a small grammar; returns the text and (offset, target, in comment)."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    parts: list[str] = []
    expected: list[tuple[int, str, bool]] = []

    def size() -> int:
        return sum(len(part) for part in parts)

    def inline(in_comment: bool = False) -> None:
        count = draw(st.integers(min_value=1, max_value=4))
        for index in range(count):
            if index:
                parts.append(" ")
            if draw(st.booleans()):
                name = draw(NAMES)
                expected.append((size(), name, in_comment))
                parts.append(f"[[{name}]]")
            else:
                parts.append(draw(WORDS))

    if draw(st.booleans()):
        parts.append(f"---{newline}title: t{newline}---{newline}")
    for number in range(draw(st.integers(min_value=1, max_value=8))):
        if number:
            parts.append(newline * 2)
        kind = draw(st.sampled_from(["paragraph", "heading", "list", "quote", "code", "comment"]))
        if kind == "paragraph":
            inline()
        elif kind == "heading":
            parts.append("#" * draw(st.integers(min_value=1, max_value=6)) + " ")
            inline()
        elif kind == "list":
            depth = 0
            marker = draw(st.sampled_from(["-", "*", "+"]))
            for index in range(draw(st.integers(min_value=1, max_value=5))):
                if index:
                    parts.append(newline)
                    depth = draw(st.integers(min_value=0, max_value=depth + 1))
                parts.append("  " * depth + marker + " ")
                inline()
        elif kind == "quote":
            parts.append("> ")
            inline()
        elif kind == "code":
            hidden = draw(NAMES)
            if draw(st.booleans()):
                parts.append(f"text `[[{hidden}]]` text")
            else:
                parts.append(f"```{newline}[[{hidden}]]{newline}```")
        else:
            parts.append("%% ")
            inline(in_comment=True)
            parts.append(" %%")
    return "".join(parts), expected


@SETTINGS
@given(notes())
def test_generated_notes_give_back_exactly_the_inserted_links(
    note: tuple[str, list[tuple[int, str, bool]]],
) -> None:
    text, expected = note
    doc = parse_document("note.md", text)
    found = [(link.span[0], link.target, link.in_comment) for link in doc.links]
    assert found == sorted(expected)
    assert {target for _, target, _ in found} == {target for _, target, _ in expected}
    for link in doc.links:
        assert link.kind is LinkKind.WIKILINK
        assert doc.text[link.span[0] : link.span[1]] == f"[[{link.target}]]"
        position = doc.position(link.span[0])
        line = _BREAK.split(doc.text)[position.line - 1]
        assert line[position.column - 1 :].startswith(f"[[{link.target}]]")


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.text(max_size=4),
            st.sampled_from(["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\x1c"]),
        ),
        max_size=30,
    )
)
def test_lines_end_only_at_cr_lf_and_crlf(pieces):
    """The fast path (`str.splitlines`) and the slow one agree with the definition: other
    characters Python counts as line breaks start no line."""
    from vaultlint.source import line_starts

    text = "".join(pieces)
    expected = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]
    assert line_starts(text) == expected
