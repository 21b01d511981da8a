"""The vault index: every note and attachment, and what links can reach in them.

Built once per run from the documents of *all* notes, also when only some are linted (as
under pre-commit), so that cross-note rules see the whole vault.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from vaultlint.document import Document


def name_key(name: str) -> str:
    """How Obsidian compares file names: NFC, then lower case."""
    return unicodedata.normalize("NFC", name).lower()


@dataclass
class VaultIndex:
    """Notes by path, plus lookups by lower-cased file name (with extension)."""

    documents: dict[str, Document] = field(default_factory=dict)  # parsed notes
    unreadable: set[str] = field(default_factory=set)  # notes that exist but could not be read
    attachments: list[str] = field(default_factory=list)
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add_file(self, path: str) -> None:
        self.by_name[name_key(path.rsplit("/", 1)[-1])].append(path)

    @property
    def note_paths(self) -> list[str]:
        return sorted({*self.documents, *self.unreadable})

    def titles(self) -> dict[str, list[str]]:
        """Lower-cased frontmatter title -> note paths (for suggestions, never resolution)."""
        found: dict[str, list[str]] = defaultdict(list)
        for path, document in self.documents.items():
            if document.title:
                found[name_key(document.title)].append(path)
        return found

    def aliases(self) -> dict[str, list[str]]:
        """Lower-cased alias -> note paths (aliases never resolve a link in Obsidian)."""
        found: dict[str, list[str]] = defaultdict(list)
        for path, document in self.documents.items():
            for alias in document.aliases:
                found[name_key(alias)].append(path)
        return found


def build_index(
    documents: dict[str, Document], unreadable: set[str], attachments: list[str]
) -> VaultIndex:
    index = VaultIndex(documents=documents, unreadable=unreadable, attachments=attachments)
    for path in sorted({*documents, *unreadable, *attachments}):
        index.add_file(path)
    return index
