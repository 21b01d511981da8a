"""What a citation points at: a source page, a raw file, a URL, or another wiki page.

Shared by the Sources-section contract (SCH) and the provenance rules, so that both judge a
citation the same way. Only resolved targets are classified: whether a link resolves at all
is the links family's finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from vaultlint.document import Document, Link, Span
from vaultlint.index import VaultIndex
from vaultlint.pagetypes import PageType, choose_type
from vaultlint.resolve import Outcome

_URL = re.compile(r"\bhttps?://[^\s<>()\[\]]+")


@dataclass(frozen=True)
class Citation:
    span: Span
    kind: str | None  # "source", "raw", "url", "page"; None when the target is unresolved
    target: str  # the resolved path, or the URL


def citations_in(
    document: Document,
    span: Span,
    index: VaultIndex,
    types: dict[str, PageType],
    type_key: str,
    raw_folder: str,
) -> Iterator[Citation]:
    """Every link, URL and raw-file path written inside `span` of `document`, classified."""
    start, end = span
    covered: list[Span] = []
    for link in document.links:
        if not start <= link.span[0] < end:
            continue
        covered.append(link.span)
        yield _classify_link(document, link, index, types, type_key, raw_folder)
    text = document.text
    for match in _URL.finditer(text, start, end):
        if not any(s <= match.start() < e for s, e in covered):
            yield Citation(match.span(), "url", match.group())
    prefix = raw_folder.strip("/") + "/"
    raw_path = re.compile(rf"(?<![\w/]){re.escape(prefix)}[^\s`'\"<>|\]]+")
    for match in raw_path.finditer(text, start, end):
        if any(s <= match.start() < e for s, e in covered):
            continue
        yield Citation(match.span(), "raw", match.group())


def _classify_link(
    document: Document,
    link: Link,
    index: VaultIndex,
    types: dict[str, PageType],
    type_key: str,
    raw_folder: str,
) -> Citation:
    if link.is_external:
        return Citation(link.span, "url", link.target)
    resolution = index.resolve(link, document.path)
    target = resolution.target
    if resolution.outcome is not Outcome.RESOLVED or target is None:
        return Citation(link.span, None, link.target)
    return Citation(link.span, target_kind(target, index, types, type_key, raw_folder), target)


def target_kind(
    target: str, index: VaultIndex, types: dict[str, PageType], type_key: str, raw_folder: str
) -> str:
    """ "raw" for a file under the raw folder or any file that is not a note (a PDF is a
    captured source), "source" for a note of the source page type, else "page"."""
    folder = raw_folder.strip("/") + "/"
    if target.startswith(folder) or not target.lower().endswith(".md"):
        return "raw"
    document = index.documents.get(target)
    if document is None:
        return "page"
    page_type = choose_type(document, types, type_key).page_type
    if page_type is not None and is_source_type(page_type):
        return "source"
    if document.frontmatter is not None:
        value = document.frontmatter.data.get(type_key)
        if isinstance(value, str) and value.strip().casefold() == "source":
            return "source"
    return "page"


def is_source_type(page_type: PageType) -> bool:
    return page_type.name == "source" or any(n.casefold() == "source" for n in page_type.type_names)
