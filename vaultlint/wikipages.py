"""What the wiki-maintenance rules share: which notes are content pages, their types.

A content page is a note an agent writes as part of the wiki: not a raw source, not a
system file (index, log, README, agent instructions), not a note of a system page type
(`system-types`: index, meta, log, raw by default).
"""

from __future__ import annotations

from vaultlint.checks.lnk import ORPHAN_EXEMPT_NAMES, orphan_exempt
from vaultlint.config import Settings
from vaultlint.document import Document
from vaultlint.index import VaultIndex
from vaultlint.pagetypes import PageType, choose_type, page_types
from vaultlint.resolve import fold


def type_of(document: Document, index: VaultIndex, settings: Settings) -> PageType | None:
    types = page_types(settings, index.memo)
    return choose_type(document, types, settings.type_key).page_type


def is_system_file(path: str, settings: Settings) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    return name in ORPHAN_EXEMPT_NAMES or path == settings.index_file or path == settings.log_file


def is_content_page(document: Document, index: VaultIndex, settings: Settings) -> bool:
    if orphan_exempt(document.path, settings) or is_system_file(document.path, settings):
        return False
    page_type = type_of(document, index, settings)
    return page_type is None or page_type.name not in settings.system_types


def content_pages(index: VaultIndex, settings: Settings) -> list[Document]:
    """Every content page of the vault (parsing each note on first use), memoised."""
    key = "wiki-content-pages"
    found = index.memo.get(key)
    if not isinstance(found, list):
        found = [
            document
            for path in index.all_notes
            if (document := index.documents.get(path)) is not None
            and is_content_page(document, index, settings)
        ]
        index.memo[key] = found
    return found


def file_exists(index: VaultIndex, path: str) -> bool:
    """Whether a file (note or attachment) is at `path`, case-insensitively as Obsidian
    finds it; the set of every file is built once per run."""
    key = "wiki-files"
    files = index.memo.get(key)
    if not isinstance(files, set):
        files = {fold(p) for p in (*index.all_notes, *index.attachments)}
        index.memo[key] = files
    return fold(path.strip().removeprefix("./")) in files
