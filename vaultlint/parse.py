"""Build a `Document` from the text of a note: one walk over pyromark's events.

Steps: split off the frontmatter (own splitter, see `frontmatter`); find `%% comments %%`
and template syntax and mask them with spaces of the same length (pulldown-cmark knows
neither, and a `# line` inside a comment would otherwise become a heading); parse the
masked text once with ranges; walk the events with an explicit stack (no recursion, so a
10,000-level nested list is fine), collecting every construct with character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyromark

from vaultlint import linktext
from vaultlint.document import (
    BlockId,
    Callout,
    Comment,
    Document,
    Heading,
    Link,
    LinkKind,
    ListItem,
    Section,
    Span,
    Tag,
)
from vaultlint.frontmatter import find_frontmatter, property_link_values
from vaultlint.source import SourceText

_O = pyromark.Options
OPTIONS = (
    _O.ENABLE_WIKILINKS
    | _O.ENABLE_TABLES
    | _O.ENABLE_MATH
    | _O.ENABLE_FOOTNOTES
    | _O.ENABLE_STRIKETHROUGH
    | _O.ENABLE_TASKLISTS
)

_TEMPLATE = re.compile(r"<%.*?%>|\{\{[^\r\n]*?\}\}", re.DOTALL)
_CALLOUT = re.compile(r"[ \t]*>[ \t]?\[!([^\]\s]+)\]([+-]?)[ \t]*([^\r\n]*)")
_LIST_MARKER = re.compile(r"[-+*]|[0-9]{1,9}[.)]")
# A tag: '#' then letters, digits, '_', '-', '/', or any non-ASCII character.
_TAG = re.compile(r"#([^\s!-,.:-@\[-\^`{-~]+)")
# An ATX heading line: indentation, #s, then the text up to an optional closing run of #s.
_ATX = re.compile(r"[ \t]*#{1,6}(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*(?:\r\n|\r|\n|$)")
_BLOCK_ID_AT_END = re.compile(r"(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$", re.MULTILINE)
_BLOCKS = frozenset(
    {"Paragraph", "Heading", "List", "BlockQuote", "CodeBlock", "HtmlBlock", "Table"}
)
_BLOCK_ID_ALONE = re.compile(r"[ \t]*\^([A-Za-z0-9-]+)[ \t]*")


def parse_document(path: str, text: str, *, links_in_comments: bool = True) -> Document:
    """Parse the decoded text of the note at vault path `path`."""
    source = SourceText.from_text(text)
    body = source.text
    document = Document(path=path, source=source)
    document.frontmatter = find_frontmatter(body)

    masks: list[Span] = []
    if document.frontmatter is not None:
        masks.append(document.frontmatter.span)
    start = document.body_start
    if "%%" in body or "<%" in body or "{{" in body:
        code = _code_spans(body, start, masks)
        document.comments.extend(_find_comments(body, start, code))
        masks.extend(comment.span for comment in document.comments)
        masks.extend(_find_templates(body, start, code))
    masked = _mask(body, masks) if masks else body
    parse_source = source if masked is body else SourceText(masked)

    walker = _Walker(document, parse_source, masked)
    walker.walk(masked)
    _add_property_links(document)
    _add_frontmatter_tags(document)
    if "$$" in masked:
        _protect_display_math(document, masked)
    if links_in_comments:
        for comment in document.comments:
            if not comment.html:  # HTML comments hide links; %% comments do not
                document.links.extend(_comment_links(body, comment))
    document.links.sort(key=lambda link: link.span)
    document.tags.sort(key=lambda tag: tag.span)
    document.sections = _sections(document)
    return document


def _protect_display_math(document: Document, text: str) -> None:
    """A `$$` block over several lines is math in Obsidian even when a line inside it reads
    like a list item (`+ x`) or a heading (`# x`), which the Markdown parser then makes of
    it: the whole block becomes code for every rule, and nothing inside it is an item,
    heading, tag or prose."""
    blocks: list[Span] = []
    position = document.body_start
    while True:
        opening = text.find("$$", position)
        if opening < 0:
            break
        line_start = text.rfind("\n", 0, opening) + 1
        line_end = text.find("\n", opening)
        if text[line_start:opening].strip() or line_end < 0 or "$$" in text[opening + 2 : line_end]:
            position = opening + 2
            continue
        closing = text.find("$$", line_end)
        if closing < 0:
            break
        span = (line_start, closing + 2)
        if not any(start <= span[0] and span[1] <= end for start, end in document.code_spans):
            blocks.append(span)
        position = closing + 2
    if not blocks:
        return

    def outside(offset: int) -> bool:
        return not any(start <= offset < end for start, end in blocks)

    document.code_spans.extend(blocks)
    document.code_spans.sort()
    document.list_items = [item for item in document.list_items if outside(item.span[0])]
    document.headings = [heading for heading in document.headings if outside(heading.span[0])]
    document.prose_blocks = [block for block in document.prose_blocks if outside(block[0])]
    document.tags = [tag for tag in document.tags if tag.in_frontmatter or outside(tag.span[0])]
    document.block_ids = [block for block in document.block_ids if outside(block.span[0])]


def _mask(text: str, spans: list[Span]) -> str:
    """Replace each span by spaces, keeping line breaks so that lines and offsets hold.

    Where a masked span opens a line and text follows it on its last line, the first
    character becomes a no-break space: four plain spaces would turn the rest of the line
    into an indented code block (`%% c %% see [[x]]`), and a no-break space is not
    indentation to CommonMark.
    """
    pieces: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if end <= start:
            continue
        pieces.append(text[last:start])
        masked = re.sub(r"[^\r\n]", " ", text[start:end])
        line_end = len(text) if (stop := _line_end(text, end)) < 0 else stop
        if not masked.endswith(("\n", "\r")) and text[end:line_end].strip():
            # Text follows the mask on its last line: if that line is blank up to the text,
            # CommonMark would read the text as indented code.
            last_break = max(masked.rfind("\n"), masked.rfind("\r"))
            if last_break >= 0:
                masked = masked[: last_break + 1] + "\u00a0" + masked[last_break + 2 :]
            else:
                line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
                if not text[line_start:start].strip(" \t"):
                    masked = "\u00a0" + masked[1:]
        pieces.append(masked)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _line_end(text: str, offset: int) -> int:
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return min(ends) if ends else -1


def _code_spans(text: str, start: int, masks: list[Span]) -> list[Span]:
    """Code, math and HTML spans of a preliminary parse: where `%%` is not a comment."""
    masked = _mask(text, masks) if masks else text
    source = SourceText(masked)
    spans: list[Span] = []
    depth = 0
    block_start = 0
    for event, rng in pyromark.events_with_range(masked, options=OPTIONS):
        if isinstance(event, dict):
            if "Start" in event and _is_code_block(event["Start"]):
                if depth == 0:
                    block_start = rng["start"]
                depth += 1
                continue
            if "End" in event and _is_code_block(event["End"]):
                depth -= 1
                if depth == 0:
                    spans.append((source.char_offset(block_start), source.char_offset(rng["end"])))
                continue
            if depth == 0 and any(k in event for k in ("Code", "InlineMath", "DisplayMath")):
                spans.append((source.char_offset(rng["start"]), source.char_offset(rng["end"])))
    return spans


def _is_code_block(tag: Any) -> bool:
    return tag in ("CodeBlock", "HtmlBlock") or (isinstance(tag, dict) and "CodeBlock" in tag)


def _inside(offset: int, spans: list[Span]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _find_comments(text: str, start: int, code: list[Span]) -> list[Comment]:
    """`%% ... %%` pairs outside code; an unclosed `%%` comments out the rest of the note."""
    comments: list[Comment] = []
    position = start
    while True:
        opening = text.find("%%", position)
        if opening < 0:
            return comments
        if _inside(opening, code):
            position = opening + 2
            continue
        closing = text.find("%%", opening + 2)
        while closing >= 0 and _inside(closing, code):
            closing = text.find("%%", closing + 2)
        if closing < 0:
            comments.append(Comment((opening, len(text)), (opening + 2, len(text))))
            return comments
        comments.append(Comment((opening, closing + 2), (opening + 2, closing)))
        position = closing + 2


def _find_templates(text: str, start: int, code: list[Span]) -> list[Span]:
    return [
        match.span()
        for match in _TEMPLATE.finditer(text, start)
        if not _inside(match.start(), code)
    ]


def _add_property_links(document: Document) -> None:
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is not None:
        return
    for key, value, span in property_link_values(frontmatter, document.text):
        if "<%" in value or "{{" in value:
            continue  # template syntax, filled in when the note is created
        parsed = linktext.read_wikilink(value[2:-2])
        document.links.append(
            Link(
                kind=LinkKind.PROPERTY,
                span=span,
                raw=value,
                target=parsed.target,
                linkpath=parsed.linkpath,
                subpath=parsed.subpath,
                display=parsed.display,
                property_key=key,
            )
        )


def _add_frontmatter_tags(document: Document) -> None:
    """The `tags` property: a list (or a comma-separated text) of tags written without `#`.

    Entries containing spaces are dropped, as Obsidian drops them.
    """
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is not None:
        return
    for entry in frontmatter.entries:
        if entry.key.lower() != "tags":
            continue
        items: list[tuple[str, Span]] = []
        if isinstance(entry.value, list):
            for number, item in enumerate(entry.value):
                span = frontmatter.value_spans.get(f"{entry.key}.{number}")
                if isinstance(item, str) and span is not None:
                    items.append((item, span))
        elif isinstance(entry.value, str):
            start = entry.value_span[0]
            for part in re.finditer(r"[^,\s][^,]*", document.text[start : entry.value_span[1]]):
                text = part.group().rstrip()
                items.append((text, (start + part.start(), start + part.start() + len(text))))
        for raw, span in items:
            name = raw.strip().removeprefix("#")
            if name and not any(ch.isspace() for ch in name) and not name.isdigit():
                document.tags.append(Tag(name, span, in_frontmatter=True))


def _comment_links(text: str, comment: Comment) -> list[Link]:
    """Links inside a comment: Obsidian parses the comment body inline and indexes them."""
    body = comment.body(text)
    if "[" not in body:
        return []
    body_source = SourceText(body)
    base = comment.body_span[0]
    links: list[Link] = []
    for event, rng in pyromark.events_with_range(body, options=OPTIONS):
        if isinstance(event, dict) and "Start" in event:
            tag = event["Start"]
            if isinstance(tag, dict) and ("Link" in tag or "Image" in tag):
                span = (
                    base + body_source.char_offset(rng["start"]),
                    base + body_source.char_offset(rng["end"]),
                )
                link = _make_link(text, span, tag, in_comment=True)
                if link is not None:
                    links.append(link)
    return links


def _make_link(text: str, span: Span, tag: Any, *, in_comment: bool) -> Link | None:
    is_embed = "Image" in tag
    info = tag["Image"] if is_embed else tag["Link"]
    link_type = info["link_type"]
    raw = text[span[0] : span[1]]
    if isinstance(link_type, dict) and "WikiLink" in link_type:
        if "\n" in raw or "\r" in raw:
            return None  # the inside of a wikilink cannot span a line
        inner_start = raw.index("[[") + 2
        wikilink = linktext.read_wikilink(raw[inner_start:-2])
        return Link(
            LinkKind.WIKILINK,
            span,
            raw,
            wikilink.target,
            wikilink.linkpath,
            wikilink.subpath,
            wikilink.display,
            is_embed=is_embed,
            in_comment=in_comment,
        )
    destination: str = info["dest_url"]
    if link_type in ("Autolink", "Email") or linktext.is_external(destination):
        return Link(
            LinkKind.MARKDOWN,
            span,
            raw,
            destination,
            destination,
            "",
            None,
            is_embed=is_embed,
            is_external=True,
            in_comment=in_comment,
        )
    if link_type != "Inline":
        return None  # reference-style links are not counted as links by Obsidian
    parsed = linktext.read_markdown_destination(destination)
    if parsed is None:
        return None
    return Link(
        LinkKind.MARKDOWN,
        span,
        raw,
        parsed.target,
        parsed.linkpath,
        parsed.subpath,
        None,
        is_embed=is_embed,
        in_comment=in_comment,
    )


@dataclass
class _TextBlock:
    """A paragraph, tight list item, heading or table cell whose inline text we track."""

    kind: str
    start: int = -1
    end: int = -1
    prose: list[Span] = field(default_factory=list)

    def extend(self, start: int, end: int) -> None:
        if self.start < 0:
            self.start = start
        self.end = max(self.end, end)


class _Walker:
    """One pass over the events; state lives here instead of in a recursive descent."""

    def __init__(self, document: Document, source: SourceText, masked: str) -> None:
        self.document = document
        self.source = source
        self.text = document.source.text
        self.masked = masked  # differs from text where comments and templates were masked
        self.quote_depth = 0
        self.list_depth = 0
        self.footnote_depth = 0
        self.code_depth = 0
        self.link_depth = 0
        self.ordered: list[bool] = []
        self.blocks: list[_TextBlock] = []
        self.heading: tuple[int, int, bool] | None = None  # level, start, top level
        self.html_block_start: int | None = None
        self.previous_block: Span = (0, 0)  # the last block that ended, for a lone ^id

    def walk(self, masked: str) -> None:
        table = self.source.byte_table()
        for event, rng in pyromark.events_with_range(masked, options=OPTIONS):
            if table is None:
                start, end = rng["start"], rng["end"]
            else:
                start, end = table[rng["start"]], table[rng["end"]]
            if isinstance(event, str):
                self._leaf_break(event, start, end)
            elif "Text" in event:
                self._text(start, end)
            elif "Start" in event:
                self._start(event["Start"], start, end)
            elif "End" in event:
                self._end(event["End"], start, end)
            else:
                self._leaf(event, start, end)

    # -- leaves ------------------------------------------------------------------------

    def _text(self, start: int, end: int) -> None:
        if self.code_depth:
            return
        if self.blocks:
            block = self.blocks[-1]
            block.extend(start, end)
            if not self.link_depth and end > start:
                if block.prose and block.prose[-1][1] == start:
                    block.prose[-1] = (block.prose[-1][0], end)
                else:
                    block.prose.append((start, end))

    def _leaf(self, event: Any, start: int, end: int) -> None:
        if any(key in event for key in ("Code", "InlineMath", "DisplayMath", "InlineHtml")):
            self.document.code_spans.append((start, end))
            if self.blocks:
                self.blocks[-1].extend(start, end)
            if "InlineHtml" in event:
                self._html_comment(start, end)
        elif "Html" in event and self.html_block_start is None:
            self._html_comment(start, end)
        elif "FootnoteReference" in event:
            self.document.footnote_refs.append((str(event["FootnoteReference"]), (start, end)))
            if self.blocks:
                self.blocks[-1].extend(start, end)
        elif "TaskListMarker" in event:
            self._task_marker(start)

    def _leaf_break(self, event: str, start: int, end: int) -> None:
        if self.blocks and event in ("SoftBreak", "HardBreak"):
            self.blocks[-1].extend(start, start)

    def _html_comment(self, start: int, end: int) -> None:
        raw = self.text[start:end]
        opening = raw.find("<!--")
        while opening >= 0:
            closing = raw.find("-->", opening + 4)
            stop = len(raw) if closing < 0 else closing
            self.document.comments.append(
                Comment(
                    (start + opening, start + (stop + 3 if closing >= 0 else stop)),
                    (start + opening + 4, start + stop),
                    html=True,
                )
            )
            opening = -1 if closing < 0 else raw.find("<!--", closing + 3)

    def _task_marker(self, start: int) -> None:
        items = self.document.list_items
        if items:
            item = items[-1]
            mark = self.text[start + 1 : start + 2] if start + 1 < len(self.text) else " "
            items[-1] = ListItem(
                item.span,
                item.marker,
                item.marker_span,
                item.depth,
                item.ordered,
                item.in_quote,
                task=mark,
            )

    # -- containers --------------------------------------------------------------------

    def _start(self, tag: Any, start: int, end: int) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in ("Link", "Image"):
            if self.blocks:
                self.blocks[-1].extend(start, end)
            # A link with template syntax or a comment inside it (`[[<% x %>]]`) is not one.
            if self.link_depth == 0 and self.masked[start:end] == self.text[start:end]:
                link = _make_link(self.text, (start, end), tag, in_comment=False)
                if link is not None:
                    self.document.links.append(link)
            self.link_depth += 1
        elif name == "Paragraph":
            self.blocks.append(_TextBlock("paragraph"))
        elif name == "Heading":
            level = int(tag["Heading"]["level"][1:])
            top = not (self.quote_depth or self.list_depth or self.footnote_depth)
            self.heading = (level, start, top)
            self.blocks.append(_TextBlock("heading"))
        elif name == "TableCell":
            self.blocks.append(_TextBlock("cell"))
        elif name == "Item":
            self._item(start, end)
        elif name == "List":
            self.ordered.append(tag["List"] is not None)
            self.list_depth += 1
            self._close_item_text()
        elif name == "BlockQuote":
            self.quote_depth += 1
            self._callout(start, end)
        elif name == "Table":
            if not (self.quote_depth or self.list_depth or self.footnote_depth):
                self.document.tables.append((start, end))
        elif name in ("CodeBlock", "HtmlBlock"):
            self.code_depth += 1
            self.document.code_spans.append((start, end))
            fenced = (
                name == "CodeBlock" and isinstance(tag, dict) and tag["CodeBlock"] != "Indented"
            )
            if fenced and not (self.quote_depth or self.list_depth or self.footnote_depth):
                self.document.fences.append((start, end))
            if name == "HtmlBlock":
                self.html_block_start = start  # its lines come as separate Html events
        elif name == "FootnoteDefinition":
            self.footnote_depth += 1
            self.document.footnote_defs.append((str(tag["FootnoteDefinition"]), (start, end)))

    def _end(self, tag: Any, start: int, end: int) -> None:
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in ("Link", "Image"):
            self.link_depth -= 1
        elif name in ("Paragraph", "TableCell"):
            self._finish_block(self.blocks.pop())
        elif name == "Heading":
            block = self.blocks.pop()
            self._finish_heading(block, end)
            self._finish_block(block)
        elif name == "Item":
            self._close_item_text()
        elif name == "List":
            self.ordered.pop()
            self.list_depth -= 1
        elif name == "BlockQuote":
            self.quote_depth -= 1
        elif name in ("CodeBlock", "HtmlBlock"):
            self.code_depth -= 1
            if name == "HtmlBlock" and self.html_block_start is not None:
                self._html_comment(self.html_block_start, end)
                self.html_block_start = None
        elif name == "FootnoteDefinition":
            self.footnote_depth -= 1
        if name in _BLOCKS:
            self.previous_block = (start, end)

    def _item(self, start: int, end: int) -> None:
        self._close_item_text()
        # pyromark may start a nested item's range at its indentation or at the previous
        # line break; the item starts at its marker.
        while start < end and self.text[start] in " \t\r\n":
            start += 1
        match = _LIST_MARKER.match(self.text, start)
        marker = match.group() if match else self.text[start : start + 1]
        self.document.list_items.append(
            ListItem(
                span=(start, end),
                marker=marker,
                marker_span=(start, start + len(marker)),
                depth=self.list_depth - 1,
                ordered=bool(self.ordered and self.ordered[-1]),
                in_quote=self.quote_depth > 0,
            )
        )
        self.blocks.append(_TextBlock("item"))

    def _close_item_text(self) -> None:
        """A tight item's own text ends where its nested list (or the item) begins."""
        if self.blocks and self.blocks[-1].kind == "item":
            self._finish_block(self.blocks.pop())

    def _callout(self, start: int, end: int) -> None:
        match = _CALLOUT.match(self.text, start)
        if match is None:
            return
        type_start = self.text.index("[!", start)
        self.document.callouts.append(
            Callout(
                kind=match.group(1).split("|", 1)[0].lower(),  # '[!type|meta]' styles it
                fold=match.group(2),
                title=match.group(3).strip(),
                span=(start, end),
                type_span=(type_start, type_start + len(match.group(1)) + 3),
            )
        )

    # -- finishing blocks --------------------------------------------------------------

    def _finish_heading(self, block: _TextBlock, end: int) -> None:
        assert self.heading is not None
        level, start, top = self.heading
        self.heading = None
        text_span = _heading_text_span(self.text, start, end, block)
        text = self.text[text_span[0] : text_span[1]]
        self.document.headings.append(Heading(level, text, (start, end), text_span, top))

    def _finish_block(self, block: _TextBlock) -> None:
        if block.start < 0:
            return
        document = self.document
        text = self.text
        for prose_start, prose_end in block.prose:
            if text.find("#", prose_start, prose_end) >= 0:  # most text has no tag
                self._tags(prose_start, prose_end)
        if block.kind in ("paragraph", "item") and text.find("^", block.start, block.end) >= 0:
            self._block_id(block)
        document.prose_blocks.append((block.start, block.end))

    def _tags(self, start: int, end: int) -> None:
        text = self.text
        for match in _TAG.finditer(text, start, end):
            begin = match.start()
            if begin > 0 and not text[begin - 1].isspace():
                continue
            name = match.group(1)
            if name.isdigit():
                continue  # '#1984' is not a tag: a tag needs one character that is not a digit
            self.document.tags.append(Tag(name, (begin, match.end())))

    def _block_id(self, block: _TextBlock) -> None:
        text = self.text
        line_start = text.rfind("\n", block.start, block.end) + 1 or block.start
        line_start = max(line_start, block.start)
        whole = text[block.start : block.end]
        alone = _BLOCK_ID_ALONE.fullmatch(whole)
        if alone is not None and block.kind == "paragraph":
            name_start = block.start + alone.start(1) - 1
            self.document.block_ids.append(
                BlockId(
                    alone.group(1),
                    (name_start, name_start + len(alone.group(1)) + 1),
                    self.previous_block,
                )
            )
            return
        match = _BLOCK_ID_AT_END.search(text, line_start, block.end)
        if match is not None:
            name_start = match.start(1) - 1
            self.document.block_ids.append(
                BlockId(match.group(1), (name_start, match.end(1)), (block.start, block.end))
            )


def _heading_text_span(text: str, start: int, end: int, block: _TextBlock) -> Span:
    """The heading's source text without its markers: `## _Italic_ ##` -> `_Italic_`.

    Obsidian matches links against this raw text (emphasis markers included), so it is
    cut from the source, not assembled from the parser's text events.
    """
    match = _ATX.match(text, start, end)
    if match is not None:
        return match.span(1) if match.group(1) is not None else (start, start)
    if block.start < 0:  # an empty setext heading cannot exist; keep a sane span
        return start, start
    return block.start, block.end  # setext: the text lines, without the underline


def _sections(document: Document) -> list[Section]:
    """Each top-level heading owns the text up to the next heading of the same or higher level."""
    headings = document.headings
    ends: dict[int, int] = {}
    parents: dict[int, int | None] = {}
    order: list[int] = []
    open_headings: list[int] = []  # indexes into headings, levels strictly increasing
    for index, heading in enumerate(headings):
        if not heading.top_level:
            continue
        while open_headings and headings[open_headings[-1]].level >= heading.level:
            ends[open_headings.pop()] = heading.span[0]
        parents[index] = open_headings[-1] if open_headings else None
        open_headings.append(index)
        order.append(index)
    position = {heading_index: number for number, heading_index in enumerate(order)}
    sections = []
    for heading_index in order:
        parent = parents[heading_index]
        sections.append(
            Section(
                heading_index,
                (headings[heading_index].span[1], ends.get(heading_index, len(document.text))),
                None if parent is None else position[parent],
            )
        )
    return sections
