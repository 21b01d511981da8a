"""The parsed form of one note, read by every rule.

A `Document` is built once per note (see `vaultlint.parse`) and never changes. All ranges
are half-open character offsets `(start, end)` into `source.text`; `Document.position`
turns an offset into the line and column a user sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from vaultlint.source import Position, SourceText

Span = tuple[int, int]


class LinkKind(Enum):
    WIKILINK = "wikilink"
    MARKDOWN = "markdown"
    PROPERTY = "property"  # a whole quoted "[[...]]" value in frontmatter


@dataclass(frozen=True)
class Link:
    """An internal or external link as written.

    `target` is the cleaned link target (alias removed, NBSP replaced, trimmed, NFC);
    `linkpath` and `subpath` are its split at the first `#` (the subpath keeps its `#`).
    `span` covers the whole link syntax, e.g. `[[a|b]]`; for a property link, the value.
    """

    kind: LinkKind
    span: Span
    raw: str
    target: str
    linkpath: str
    subpath: str
    display: str | None
    is_embed: bool = False
    is_external: bool = False
    in_comment: bool = False
    property_key: str | None = None

    @property
    def is_block_ref(self) -> bool:
        return self.subpath.startswith("#^")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # the heading's source text without markers, trimmed
    span: Span  # the whole heading line(s)
    text_span: Span
    top_level: bool  # not inside a list, quote or callout: only these are link anchors


@dataclass(frozen=True)
class Section:
    """A heading and the body it owns, up to the next heading of the same or higher level."""

    heading_index: int
    body: Span
    parent: int | None  # index into Document.sections


@dataclass(frozen=True)
class Tag:
    name: str  # without '#'
    span: Span
    in_frontmatter: bool = False


@dataclass(frozen=True)
class BlockId:
    name: str
    span: Span  # the '^id' text
    block: Span  # the block it names


@dataclass(frozen=True)
class ListItem:
    span: Span
    marker: str  # '-', '*', '+', or the ordered marker such as '1.' / '1)'
    marker_span: Span
    depth: int  # 0 for a top-level list
    ordered: bool
    in_quote: bool
    task: str | None = None  # the character inside [ ] for task items


@dataclass(frozen=True)
class Callout:
    kind: str  # lower-cased callout type, e.g. 'note', 'question'
    fold: str  # '', '+' or '-'
    title: str
    span: Span  # the whole quote
    type_span: Span  # the '[!type]' marker


@dataclass(frozen=True)
class Comment:
    """A `%% ... %%` Obsidian comment (or an HTML comment, `html=True`)."""

    span: Span
    body_span: Span
    html: bool = False

    def body(self, text: str) -> str:
        return text[self.body_span[0] : self.body_span[1]]


@dataclass(frozen=True)
class Sentence:
    """A sentence of prose, with the inline spans inside it that are not prose."""

    span: Span
    block: Span  # the paragraph, list item, heading or table cell it belongs to


@dataclass(frozen=True)
class FrontmatterError:
    message: str
    offset: int  # character offset in the note


@dataclass(frozen=True)
class FrontmatterEntry:
    """One top-level key of the frontmatter, with where its key and value stand."""

    key: str
    key_span: Span
    value_span: Span
    value: Any


@dataclass
class Frontmatter:
    """The `---` block at the top of a note.

    `data` is the mapping built from YAML nodes with YAML 1.2 core typing (so `no` stays the
    string "no"); `entries` keeps every top-level key in order, duplicates included.
    """

    span: Span  # from the opening '---' to the end of the closing line
    content_span: Span  # the YAML text between the fences
    start_line: int
    end_line: int
    data: dict[str, Any] = field(default_factory=dict)
    entries: list[FrontmatterEntry] = field(default_factory=list)
    value_spans: dict[str, Span] = field(default_factory=dict)  # dotted key -> value span
    error: FrontmatterError | None = None

    def entry(self, key: str) -> FrontmatterEntry | None:
        for item in self.entries:
            if item.key == key:
                return item
        return None


@dataclass
class Document:
    """Everything rules need to know about one note, from a single parse."""

    path: str  # POSIX path relative to the vault root
    source: SourceText
    frontmatter: Frontmatter | None = None
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    block_ids: list[BlockId] = field(default_factory=list)
    list_items: list[ListItem] = field(default_factory=list)
    callouts: list[Callout] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    prose_blocks: list[Span] = field(default_factory=list)  # paragraphs, items, cells, headings
    code_spans: list[Span] = field(default_factory=list)  # code, math, HTML: never prose
    fences: list[Span] = field(default_factory=list)  # fenced code blocks outside lists/quotes
    tables: list[Span] = field(default_factory=list)  # tables outside lists and quotes
    footnote_refs: list[tuple[str, Span]] = field(default_factory=list)
    footnote_defs: list[tuple[str, Span]] = field(default_factory=list)
    # Derived values rules share (built on first use by the rule family that needs them).
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.source.text

    def forget_derived(self) -> None:
        """Drop what rules built from this note (rebuilt on demand): once a note is
        checked, only vault-wide rules may read it again, and a whole vault of memos is
        most of a run's memory."""
        self.memo.clear()
        self.__dict__.pop("sentences", None)
        self.source.forget_derived()

    def position(self, offset: int) -> Position:
        return self.source.position(offset)

    @property
    def body_start(self) -> int:
        """Offset of the first character after the frontmatter block."""
        return self.frontmatter.span[1] if self.frontmatter else 0

    @property
    def title(self) -> str | None:
        value = self.frontmatter.data.get("title") if self.frontmatter else None
        return value if isinstance(value, str) and value.strip() else None

    @property
    def aliases(self) -> list[str]:
        """Obsidian's `aliases` property: a string or a list; non-strings are dropped."""
        if not self.frontmatter:
            return []
        for key, value in self.frontmatter.data.items():
            if key.lower() == "aliases":
                if isinstance(value, str):
                    return [value]
                if isinstance(value, list):
                    return [item for item in value if isinstance(item, str)]
        return []

    @property
    def visible_body(self) -> str:
        """The text after the frontmatter without its comments: what a reader sees."""
        body = self.text[self.body_start :]
        for comment in reversed(self.comments):
            start, end = comment.span[0] - self.body_start, comment.span[1] - self.body_start
            body = body[:start] + body[end:]
        return body

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences of prose, split on demand: only the dated-claims rules need them."""
        from vaultlint.sentences import split_sentences

        return [
            Sentence(span, block)
            for block in self.prose_blocks
            for span in split_sentences(self.source.text, block)
        ]

    @property
    def anchor_headings(self) -> list[Heading]:
        return [h for h in self.headings if h.top_level]
