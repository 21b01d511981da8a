"""Matching a page's headings against the sections its page type declares.

A page's top sections are its headings of the shallowest level, not counting a lone `#`
title heading (LLM wikis write `# Title` and then `## Background`, or start at `##` under a
title kept in frontmatter). Headings match a declared section case-insensitively, ignoring
trailing punctuation, under the section's name or one of its other accepted spellings.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from vaultlint.document import Document, Heading, Section, Span
from vaultlint.pagetypes import PageType, SectionSpec, normalize_heading

NEAR_MISS_RATIO = 0.8


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


def top_sections(document: Document) -> tuple[int | None, list[PageSection]]:
    """The page's top section level and its sections at that level, in order.

    A first `#` heading is the page's title when it is the only one, or when it repeats
    the frontmatter title or the file name (pasted excerpts add more `#` headings later).
    The level of the first heading after the title is the page's section level.
    """
    pairs = [
        PageSection(document.headings[s.heading_index], s)
        for s in document.sections
        if document.headings[s.heading_index].top_level
    ]
    if not pairs:
        return None, []
    rest = pairs
    if pairs[0].heading.level == 1 and len(pairs) > 1 and _is_title(document, pairs):
        rest = pairs[1:]
    level = rest[0].heading.level
    return level, [pair for pair in rest if pair.heading.level == level]


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
    level, tops = top_sections(document)
    match = SectionMatch(level)
    if not page_type.sections:
        return match
    by_level: dict[int | None, list[PageSection]] = {level: tops}

    def candidates(spec: SectionSpec) -> list[PageSection]:
        if spec.level is None:
            return by_level[level]
        if spec.level not in by_level:
            by_level[spec.level] = [
                PageSection(document.headings[s.heading_index], s)
                for s in document.sections
                if document.headings[s.heading_index].top_level
                and document.headings[s.heading_index].level == spec.level
            ]
        return by_level[spec.level]

    claimed: set[int] = set()  # heading indexes matched by some declared section
    for spec in page_type.sections:
        wanted = {normalize_heading(spelling) for spelling in spec.spellings}
        hits = [pair for pair in candidates(spec) if normalize_heading(pair.heading.text) in wanted]
        for pair in hits:
            claimed.add(pair.section.heading_index)
        if hits:
            match.found[spec.heading] = hits[0]
            match.duplicates.extend((spec, pair) for pair in hits[1:])
    for spec in page_type.sections:
        if spec.heading in match.found:
            continue
        near = _near_miss(spec, candidates(spec), claimed, page_type)
        if near is not None:
            claimed.add(near.section.heading_index)
            match.found[spec.heading] = near
            match.near_misses.append((spec, near))
        elif spec.required:
            match.missing.append(spec)
    return match


def _near_miss(
    spec: SectionSpec, candidates: list[PageSection], claimed: set[int], page_type: PageType
) -> PageSection | None:
    """An unclaimed heading that is a misspelling of `spec` and of no other declared section."""
    others = {
        normalize_heading(s)
        for other in page_type.sections
        if other is not spec
        for s in other.spellings
    }
    for pair in candidates:
        if pair.section.heading_index in claimed:
            continue
        text = normalize_heading(pair.heading.text)
        if not text or text in others:
            continue
        if any(_close(text, normalize_heading(s)) for s in spec.spellings) and not any(
            _close(text, other) for other in others
        ):
            return pair
    return None


def _close(text: str, wanted: str) -> bool:
    return difflib.SequenceMatcher(None, text, wanted).ratio() >= NEAR_MISS_RATIO


def out_of_order(match: SectionMatch, page_type: PageType) -> list[tuple[SectionSpec, SectionSpec]]:
    """Declared sections that stand before a section declared ahead of them:
    (the misplaced section, the section it should follow)."""
    if not page_type.ordered:
        return []
    found: list[tuple[SectionSpec, PageSection]] = [
        (spec, match.found[spec.heading])
        for spec in page_type.sections
        if spec.heading in match.found
    ]
    wrong = []
    latest: tuple[SectionSpec, PageSection] | None = None
    for spec, pair in found:
        if latest is not None and pair.heading.span[0] < latest[1].heading.span[0]:
            wrong.append((spec, latest[0]))
            continue
        latest = (spec, pair)
    return wrong


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
