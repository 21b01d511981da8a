"""A cache of parsed notes, so that a second run reads what the first one built.

Parsing (the walk over pyromark's events) is most of a run's time. Each note's `Document` is
stored as JSON (never pickle: a vault can come from anyone, and loading a cache must not run
code) in `.vaultlint_cache/` at the vault root, which holds a `.gitignore` of `*`.

An entry is used when the note's size, modification and change times and inode are the ones
it was built from (a change time cannot be set back, so an edit that restores the old
modification time still shows), or, when those differ (a checkout resets times), when the
text's SHA-256 is. The folder name
carries vaultlint's version, a fingerprint of the parser's own source files and the settings
that change a parse, so a new release or a changed setting never reads an old entry. A
corrupt or foreign entry is ignored and rebuilt; a cache that cannot be written gives one
notice and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vaultlint import __version__
from vaultlint.document import (
    BlockId,
    Callout,
    Comment,
    Document,
    Frontmatter,
    FrontmatterEntry,
    FrontmatterError,
    Heading,
    Link,
    LinkKind,
    ListItem,
    Section,
    Tag,
)
from vaultlint.source import SourceText

DEFAULT_FOLDER = ".vaultlint_cache"
_PARSER_MODULES = (
    "parse.py",
    "document.py",
    "frontmatter.py",
    "linktext.py",
    "source.py",
    "cache.py",
)


def _parser_fingerprint() -> str:
    here = Path(__file__).parent
    parts = [__version__]
    for name in _PARSER_MODULES:
        try:
            info = (here / name).stat()
            parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
        except OSError:
            parts.append(name)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


@dataclass
class DocumentCache:
    folder: Path  # this configuration's entries
    notices: list[str]
    root: str = ""  # the vault: one --cache-dir may serve several
    writable: bool = True

    @classmethod
    def open(
        cls, root: Path, cache_dir: Path | None, links_in_comments: bool, notices: list[str]
    ) -> DocumentCache:
        base = cache_dir if cache_dir is not None else root / DEFAULT_FOLDER
        key = f"{_parser_fingerprint()}-{'c' if links_in_comments else 'n'}"
        return cls(base / key, notices, root=str(root.resolve()))

    @staticmethod
    def stamp(info: os.stat_result) -> str:
        """What says a file may have changed without reading it."""
        return f"{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"

    def _entry(self, path: str) -> Path:
        name = hashlib.sha256(f"{self.root}\0{path}".encode()).hexdigest()[:32]
        return self.folder / f"{name}.json"

    def get(
        self, path: str, size: int, stamp: str
    ) -> tuple[Document | None, dict[str, Any] | None]:
        """The cached document when size and stamp (modification and change times, inode)
        match; else the raw entry (for the content-hash check), or None."""
        try:
            entry = json.loads(self._entry(path).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("path") != path:
                return None, None
            if entry.get("size") == size and entry.get("stamp") == stamp:
                document = decode(entry["document"])
                return document, entry
            return None, entry
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None, None

    def by_content(self, entry: dict[str, Any] | None, text: str) -> Document | None:
        if entry is None or entry.get("sha256") != _digest(text):
            return None
        try:
            document = decode(entry["document"])
        except (ValueError, KeyError, TypeError, IndexError):
            return None
        return document

    def put(self, path: str, size: int, stamp: str, document: Document) -> None:
        if not self.writable:
            return
        text = document.source.text
        data = {
            "path": path,
            "size": size,
            "stamp": stamp,
            "sha256": _digest(("\ufeff" if document.source.has_bom else "") + text),
            "document": encode(document),
        }
        target = self._entry(path)
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, exist_ok=True)
                ignore = self.folder.parent / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# vaultlint's cache: never committed\n*\n", encoding="utf-8")
            temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            temporary.replace(target)
        except OSError as error:
            self.writable = False
            self.notices.append(
                f"{self.folder.parent}: cannot write the cache ({error.strerror}); continuing "
                "without it (--no-cache turns it off)"
            )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --- Document <-> JSON ---------------------------------------------------------------------


def _span(value: Any) -> tuple[int, int]:
    start, end = value
    return int(start), int(end)


def _spans(values: Any) -> list[tuple[int, int]]:
    return [_span(value) for value in values]


def encode(document: Document) -> dict[str, Any]:
    frontmatter = document.frontmatter
    return {
        "path": document.path,
        "text": document.source.text,
        "bom": document.source.has_bom,
        "frontmatter": None
        if frontmatter is None
        else [
            frontmatter.span,
            frontmatter.content_span,
            frontmatter.start_line,
            frontmatter.end_line,
            frontmatter.data,
            [[e.key, e.key_span, e.value_span, e.value] for e in frontmatter.entries],
            frontmatter.value_spans,
            None
            if frontmatter.error is None
            else [frontmatter.error.message, frontmatter.error.offset],
        ],
        "headings": [
            [h.level, h.text, h.span, h.text_span, h.top_level] for h in document.headings
        ],
        "sections": [[s.heading_index, s.body, s.parent] for s in document.sections],
        "links": [
            [
                link.kind.value,
                link.span,
                link.raw,
                link.target,
                link.linkpath,
                link.subpath,
                link.display,
                link.is_embed,
                link.is_external,
                link.in_comment,
                link.property_key,
            ]
            for link in document.links
        ],
        "tags": [[t.name, t.span, t.in_frontmatter] for t in document.tags],
        "block_ids": [[b.name, b.span, b.block] for b in document.block_ids],
        "list_items": [
            [i.span, i.marker, i.marker_span, i.depth, i.ordered, i.in_quote, i.task]
            for i in document.list_items
        ],
        "callouts": [[c.kind, c.fold, c.title, c.span, c.type_span] for c in document.callouts],
        "comments": [[c.span, c.body_span, c.html] for c in document.comments],
        "prose_blocks": document.prose_blocks,
        "code_spans": document.code_spans,
        "fences": document.fences,
        "tables": document.tables,
        "footnote_refs": document.footnote_refs,
        "footnote_defs": document.footnote_defs,
    }


def decode(data: dict[str, Any]) -> Document:
    """A Document equal to the one encoded (spans back as tuples, enums back as enums)."""
    source = SourceText(data["text"], has_bom=bool(data["bom"]))
    frontmatter = None
    if data["frontmatter"] is not None:
        span, content, start_line, end_line, values, entries, value_spans, error = data[
            "frontmatter"
        ]
        frontmatter = Frontmatter(
            _span(span),
            _span(content),
            start_line,
            end_line,
            values,
            [FrontmatterEntry(k, _span(ks), _span(vs), v) for k, ks, vs, v in entries],
            {key: _span(value) for key, value in value_spans.items()},
            None if error is None else FrontmatterError(error[0], error[1]),
        )
    return Document(
        path=data["path"],
        source=source,
        frontmatter=frontmatter,
        headings=[
            Heading(lv, tx, _span(sp), _span(ts), top) for lv, tx, sp, ts, top in data["headings"]
        ],
        sections=[Section(i, _span(body), parent) for i, body, parent in data["sections"]],
        links=[
            Link(LinkKind(k), _span(sp), raw, tgt, lp, sub, disp, emb, ext, com, key)
            for k, sp, raw, tgt, lp, sub, disp, emb, ext, com, key in data["links"]
        ],
        tags=[Tag(name, _span(sp), fm) for name, sp, fm in data["tags"]],
        block_ids=[BlockId(name, _span(sp), _span(block)) for name, sp, block in data["block_ids"]],
        list_items=[
            ListItem(_span(sp), marker, _span(ms), depth, ordered, quote, task)
            for sp, marker, ms, depth, ordered, quote, task in data["list_items"]
        ],
        callouts=[
            Callout(kind, fold, title, _span(sp), _span(ts))
            for kind, fold, title, sp, ts in data["callouts"]
        ],
        comments=[Comment(_span(sp), _span(body), html) for sp, body, html in data["comments"]],
        prose_blocks=_spans(data["prose_blocks"]),
        code_spans=_spans(data["code_spans"]),
        fences=_spans(data["fences"]),
        tables=_spans(data["tables"]),
        footnote_refs=[(name, _span(sp)) for name, sp in data["footnote_refs"]],
        footnote_defs=[(name, _span(sp)) for name, sp in data["footnote_defs"]],
    )
