"""The vault index: every note and attachment, and what the links between them reach.

Built once per run from the documents of *all* notes, also when only some are linted (as
under pre-commit), so that cross-note rules see the whole vault. Link resolution is memoised
by (linkpath, folder of the linking note), which is all Obsidian's algorithm depends on.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from vaultlint.document import Document, Link
from vaultlint.resolve import Outcome, Resolution, Resolver, fold


@dataclass(frozen=True)
class LinkStyle:
    """How the vault writes new links (`.obsidian/app.json`): fixes write links the same way."""

    markdown: bool = False  # useMarkdownLinks
    format: str = "shortest"  # newLinkFormat: shortest, relative or absolute


@dataclass(frozen=True)
class ResolvedLink:
    source: str
    link: Link
    resolution: Resolution


@dataclass
class LinkGraph:
    """Every internal link of the vault with its resolution, and the inbound view of it."""

    outbound: dict[str, list[ResolvedLink]] = field(default_factory=dict)
    inbound: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    unresolved: list[ResolvedLink] = field(default_factory=list)


class LazyDocuments(MutableMapping[str, Document]):
    """Note path -> parsed document, parsed on first access.

    A run that checks a few notes (pre-commit) parses those notes and the ones their links
    point into, not the whole vault; rules that need every note (orphans, the graph)
    iterate, which parses the rest. A note that cannot be read or parsed is absent.
    """

    def __init__(self, paths: Iterable[str], load: Callable[[str], Document | None]) -> None:
        self._paths = list(dict.fromkeys(paths))
        self._known = set(self._paths)
        self._load = load
        self._loaded: dict[str, Document | None] = {}

    def _get(self, path: str) -> Document | None:
        if path not in self._loaded:
            self._loaded[path] = self._load(path) if path in self._known else None
        return self._loaded[path]

    def __getitem__(self, path: str) -> Document:
        document = self._get(path)
        if document is None:
            raise KeyError(path)
        return document

    def __setitem__(self, path: str, document: Document) -> None:
        if path not in self._known:
            self._known.add(path)
            self._paths.append(path)
        self._loaded[path] = document

    def __delitem__(self, path: str) -> None:
        raise TypeError("notes are not removed from the index")

    def __iter__(self) -> Iterator[str]:
        return (path for path in list(self._paths) if self._get(path) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self._get(path) is not None

    def forget(self, path: str) -> None:
        """Drop a parsed note (read again on next access): for a process that hands its
        notes on and should not hold them all."""
        self._loaded.pop(path, None)

    def mark_unparsed(self, path: str) -> None:
        """Record that a note yields no document (another process found it unreadable or
        its parse failing, and said so): do not read it again."""
        self._loaded[path] = None

    def parsed(self) -> list[str]:
        """The notes parsed so far (for measuring what a run had to read)."""
        return sorted(path for path, document in self._loaded.items() if document is not None)


@dataclass
class VaultIndex:
    """Notes, attachments and link resolution for one vault."""

    documents: MutableMapping[str, Document] = field(default_factory=dict)  # parsed notes
    unreadable: set[str] = field(default_factory=set)  # notes that exist but were not parsed
    attachments: list[str] = field(default_factory=list)
    note_files: list[str] = field(default_factory=list)  # every note path, parsed or not
    link_style: LinkStyle = field(default_factory=LinkStyle)
    root: Path | None = None
    memo: dict[str, object] = field(default_factory=dict, repr=False)  # rules' shared lookups
    _memo: dict[str, Resolution] = field(default_factory=dict, repr=False)
    _memo_by_folder: dict[tuple[str, str], Resolution] = field(default_factory=dict, repr=False)

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver([*self.all_notes, *self.attachments])

    @property
    def all_notes(self) -> list[str]:
        """Every note's path, without parsing anything."""
        return self.note_files or sorted({*self.documents, *self.unreadable})

    @property
    def note_paths(self) -> list[str]:
        return sorted(self.all_notes)

    def resolve(self, link: Link, source: str) -> Resolution:
        """Where `link`, written in the note `source`, leads (external links: unresolved)."""
        linkpath = link.linkpath
        if linkpath == "":
            return Resolution(Outcome.RESOLVED, source)
        found = self._memo.get(linkpath)
        if found is not None:
            return found
        key = (linkpath, source.rpartition("/")[0])
        found = self._memo_by_folder.get(key)
        if found is None:
            found = self.resolver.resolve(linkpath, source)
            if found.depends_on_source:
                self._memo_by_folder[key] = found
            else:
                self._memo[linkpath] = found
        return found

    @cached_property
    def graph(self) -> LinkGraph:
        graph = LinkGraph()
        for source, document in self.documents.items():
            resolved = []
            for link in document.links:
                if link.is_external:
                    continue
                item = ResolvedLink(source, link, self.resolve(link, source))
                resolved.append(item)
                if item.resolution.outcome is Outcome.UNRESOLVED:
                    graph.unresolved.append(item)
                elif item.resolution.target is not None and item.resolution.target != source:
                    graph.inbound[item.resolution.target].add(source)
            graph.outbound[source] = resolved
        return graph

    @cached_property
    def renames(self) -> dict[str, str]:
        """Folded old file name -> current path, from git history (read on first use)."""
        from vaultlint.history import renamed_notes

        return renamed_notes(self.root) if self.root is not None else {}

    @cached_property
    def titles(self) -> dict[str, list[str]]:
        """Folded frontmatter title -> note paths (for suggestions, never resolution)."""
        found: dict[str, list[str]] = defaultdict(list)
        for path, document in self.documents.items():
            if document.title:
                found[fold(document.title.strip())].append(path)
        return found

    @cached_property
    def aliases(self) -> dict[str, list[str]]:
        """Folded alias -> note paths (aliases never resolve a link in Obsidian)."""
        found: dict[str, list[str]] = defaultdict(list)
        for path, document in self.documents.items():
            for alias in document.aliases:
                found[fold(alias.strip())].append(path)
        return found

    def link_text(self, target: str, source: str) -> str:
        """The linkpath Obsidian would write for `target` from `source` (without `.md`)."""
        stem = target[:-3] if target.lower().endswith(".md") else target
        if self.link_style.format == "absolute":
            return stem
        if self.link_style.format == "relative":
            relative = posixpath.relpath(stem, posixpath.dirname(source) or ".")
            # A bare name would be resolved from the vault root first: mark it relative.
            return relative if relative.startswith("../") else f"./{relative}"
        name = stem.rsplit("/", 1)[-1]
        resolution = self.resolver.resolve(name, source)
        if resolution.outcome is Outcome.RESOLVED and resolution.target == target:
            return name
        return stem


def build_index(
    documents: MutableMapping[str, Document],
    unreadable: set[str],
    attachments: list[str],
    link_style: LinkStyle | None = None,
    root: Path | None = None,
    note_files: list[str] | None = None,
) -> VaultIndex:
    return VaultIndex(
        documents=documents,
        unreadable=unreadable,
        attachments=attachments,
        link_style=link_style or LinkStyle(),
        root=root,
        note_files=note_files or [],
    )
