"""Matching a page's headings against the sections its page type declares.

A page's top sections are its headings of the shallowest level, not counting a lone `#`
title heading (LLM wikis write `# Title` and then `## Background`, or start at `##` under a
title kept in frontmatter). Headings match a declared section case-insensitively, ignoring
trailing punctuation, under the section's name or one of its other accepted spellings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vaultlint.document import Document, Heading, Section, Span
from vaultlint.pagetypes import PageType, SectionSpec, normalize_heading


@dataclass(frozen=True)
class PageSection:
    heading: Heading
    section: Section

    @property
    def body(self) -> Span:
        return self.section.body


@dataclass
class SectionMatch:
    """How the page's sections line up with its type's declared sections."""

    level: int | None  # the page's top section level (None: the page has no headings)
    found: dict[str, PageSection] = field(default_factory=dict)  # declared heading -> first
    duplicates: list[tuple[SectionSpec, PageSection]] = field(default_factory=list)
    near_misses: list[tuple[SectionSpec, PageSection]] = field(default_factory=list)
    missing: list[SectionSpec] = field(default_factory=list)  # required and absent


def outline(document: Document) -> tuple[PageSection | None, list[PageSection]]:
    """The page's title heading (if any) and its other top-level headings, in order.

    A first `#` heading is the title when it is the only `#` heading, or when it repeats
    the frontmatter title or the file name (pasted excerpts add more `#` headings later).
    """
    pairs = [
        PageSection(document.headings[s.heading_index], s)
        for s in document.sections
        if document.headings[s.heading_index].top_level
    ]
    if pairs and pairs[0].heading.level == 1 and _is_title(document, pairs):
        return pairs[0], pairs[1:]
    return None, pairs


def _is_title(document: Document, pairs: list[PageSection]) -> bool:
    if sum(1 for pair in pairs if pair.heading.level == 1) == 1:
        return True
    text = normalize_heading(pairs[0].heading.text)
    stem = document.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    names = {normalize_heading(stem), normalize_heading(stem.replace("-", " "))}
    if document.title:
        names.add(normalize_heading(document.title))
    return text in names


def match_sections(document: Document, page_type: PageType) -> SectionMatch:
    """Declared sections are found at whatever level the page writes them (the shallowest
    match wins); near misses and the level of inserted headings follow the level the
    page's declared sections use."""
    _title, rest = outline(document)
    match = SectionMatch(None)
    if not page_type.sections:
        return match
    normal = [normalize_heading(pair.heading.text) for pair in rest]
    claimed: set[int] = set()  # positions in `rest` matched by some declared section
    for spec in page_type.sections:
        wanted = {normalize_heading(spelling) for spelling in spec.spellings}
        hits = [
            number
            for number, pair in enumerate(rest)
            if normal[number] in wanted and (spec.level is None or pair.heading.level == spec.level)
        ]
        if not hits:
            continue
        level = min(rest[number].heading.level for number in hits)
        hits = [number for number in hits if rest[number].heading.level == level]
        claimed.update(hits)
        match.found[spec.heading] = rest[hits[0]]
        match.duplicates.extend((spec, rest[number]) for number in hits[1:])
    match.level = _section_level(match, rest)
    for spec in page_type.sections:
        if spec.heading in match.found:
            continue
        level = spec.level or match.level
        pool = [
            (number, pair)
            for number, pair in enumerate(rest)
            if number not in claimed and pair.heading.level == level
        ]
        near = _near_miss(spec, pool, normal, page_type)
        if near is not None:
            claimed.add(near)
            match.found[spec.heading] = rest[near]
            match.near_misses.append((spec, rest[near]))
        elif spec.required:
            match.missing.append(spec)
    return match


def _section_level(match: SectionMatch, rest: list[PageSection]) -> int:
    """The level the page writes its declared sections at: the most common level of
    those found, else its shallowest heading level below the title, else 2."""
    levels = [pair.heading.level for pair in match.found.values()]
    if levels:
        return max(set(levels), key=lambda level: (levels.count(level), -level))
    if rest:
        return min(pair.heading.level for pair in rest)
    return 2


def _near_miss(
    spec: SectionSpec,
    pool: list[tuple[int, PageSection]],
    normal: list[str],
    page_type: PageType,
) -> int | None:
    """An unclaimed heading that is a misspelling of `spec` and of no other declared section:
    at most two letters off, same first letter, letters only (so `## 2. Sources` or
    `## Resources` are other headings, not misspellings)."""
    others = {
        normalize_heading(s)
        for other in page_type.sections
        if other is not spec
        for s in other.spellings
    }
    for number, _pair in pool:
        text = normal[number]
        if not text or text in others or not _words_only(text):
            continue
        if any(_close(text, normalize_heading(s)) for s in spec.spellings) and not any(
            _close(text, other) for other in others
        ):
            return number
    return None


def _words_only(text: str) -> bool:
    return all(character.isalpha() or character in " -'" for character in text)


def _close(text: str, wanted: str) -> bool:
    if not text or not wanted or text[0] != wanted[0] or len(wanted) < 5:
        return False
    return _distance(text, wanted) <= (1 if len(wanted) < 8 else 2)


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment)."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def out_of_order(
    match: SectionMatch, page_type: PageType
) -> list[tuple[SectionSpec, SectionSpec | None]]:
    """The fewest declared sections to move so that the rest stand in the declared order
    (those outside a longest in-order run): (the section to move, the declared section it
    should follow, or None when it belongs first)."""
    if not page_type.ordered:
        return []
    found = [spec for spec in page_type.sections if spec.heading in match.found]
    positions = [match.found[spec.heading].heading.span[0] for spec in found]
    keep = _longest_increasing(positions)
    moves: list[tuple[SectionSpec, SectionSpec | None]] = []
    for number, spec in enumerate(found):
        if number in keep:
            continue
        before = [found[k] for k in sorted(keep) if k < number]
        moves.append((spec, before[-1] if before else None))
    return moves


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (n is small: O(n^2))."""
    if not values:
        return set()
    length = [1] * len(values)
    parent = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and length[j] + 1 > length[i]:
                length[i], parent[i] = length[j] + 1, j
    best = max(range(len(values)), key=lambda i: length[i])
    chosen = set()
    while best >= 0:
        chosen.add(best)
        best = parent[best]
    return chosen


def insertion_point(
    document: Document, match: SectionMatch, page_type: PageType, missing: SectionSpec
) -> tuple[int, SectionSpec | None, SectionSpec | None]:
    """Where a missing section belongs: (offset, the section it follows, the one it precedes).

    After the nearest declared section before it that the page has (at the end of that
    section's body); else before the nearest declared section after it; else at the end.
    """
    declared = list(page_type.sections)
    position = declared.index(missing)
    for spec in reversed(declared[:position]):
        pair = match.found.get(spec.heading)
        if pair is not None:
            return pair.body[1], spec, None
    for spec in declared[position + 1 :]:
        pair = match.found.get(spec.heading)
        if pair is not None:
            return pair.heading.span[0], None, spec
    return len(document.text), None, None


def section_is_empty(document: Document, pair: PageSection) -> bool:
    """No visible content: only blank lines, comments and headings of empty subsections."""
    start, end = pair.body
    text = document.text
    pieces = []
    last = start
    for comment in document.comments:
        if comment.span[1] <= start or comment.span[0] >= end:
            continue
        pieces.append(text[last : max(last, comment.span[0])])
        last = max(last, comment.span[1])
    pieces.append(text[last:end])
    hidden = {h.span for h in document.headings if start <= h.span[0] < end}
    body = "".join(pieces)
    for heading_start, heading_end in hidden:
        body = body.replace(text[heading_start:heading_end], "", 1)
    return not body.strip()
