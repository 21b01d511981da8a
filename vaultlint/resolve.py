"""Obsidian's link resolution (links spec, section 2), and nothing else.

`Resolver.resolve(linkpath, source)` answers what `MetadataCache.getFirstLinkpathDest` would
answer: the file a link reaches, no file, or (where Obsidian's pick depends on its internal
file order) an ambiguous tie. Candidates are found by file name in a dict, so a link costs a
dictionary look-up plus work proportional to the files sharing its name.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Outcome(Enum):
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Resolution:
    outcome: Outcome
    target: str | None = None  # the vault path reached (for ambiguous: Obsidian's likely pick)
    tied: tuple[str, ...] = ()  # for ambiguous: every path in the tie
    # False when the same linkpath resolves the same from every note (memoised once).
    depends_on_source: bool = field(default=True, compare=False)


UNRESOLVED = Resolution(Outcome.UNRESOLVED, depends_on_source=False)


def fold(text: str) -> str:
    """How Obsidian compares paths: NFC, then lower case."""
    return unicodedata.normalize("NFC", text).lower()


class Resolver:
    """Resolves link paths against a fixed set of vault files (POSIX paths from the root)."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for path in paths:
            folded = fold(path)
            self._by_name[folded.rsplit("/", 1)[-1]].append((folded, path))

    def candidates(self, name: str) -> list[str]:
        """Paths of files whose folded file name (with extension) is `name`."""
        return [path for _, path in self._by_name.get(fold(name), ())]

    def resolve(self, linkpath: str, source: str) -> Resolution:
        """Resolve the linkpath of a link written in the note at vault path `source`."""
        if linkpath == "":
            return Resolution(Outcome.RESOLVED, source)
        lowered = fold(linkpath)
        name = lowered.rsplit("/", 1)[-1]
        candidates: list[tuple[str, str]] = []
        if "." in name:
            candidates = self._by_name.get(name, [])
        if not candidates:
            lowered += ".md"
            candidates = self._by_name.get(name + ".md", [])
        if not candidates:
            return UNRESOLVED
        if "/" not in lowered and len(candidates) == 1:
            return Resolution(Outcome.RESOLVED, candidates[0][1], depends_on_source=False)
        folder = fold(source.rpartition("/")[0])
        relative = lowered.startswith(("./", "../"))
        if relative:
            wanted = posixpath.normpath(posixpath.join(folder, lowered))
            for folded, path in candidates:
                if folded == wanted:
                    return Resolution(Outcome.RESOLVED, path)
        absolute = lowered[1:] if lowered.startswith("/") else lowered
        for folded, path in candidates:
            if folded == absolute:
                return Resolution(Outcome.RESOLVED, path, depends_on_source=relative)
        if lowered.startswith("/"):
            return UNRESOLVED
        matching = [(folded, path) for folded, path in candidates if folded.endswith(lowered)]
        if not matching:
            return Resolution(Outcome.UNRESOLVED, depends_on_source=relative)
        near = [item for item in matching if item[0].startswith(folder)]
        group = near or matching
        shortest = min(len(folded) for folded, _ in group)
        tied = sorted(path for folded, path in group if len(folded) == shortest)
        if len(tied) > 1:
            return Resolution(Outcome.AMBIGUOUS, tied[0], tuple(tied))
        return Resolution(Outcome.RESOLVED, tied[0])
