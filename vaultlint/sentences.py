"""Split a block of prose into sentences.

A sentence ends at `.`, `!` or `?` followed by white space and a character that is not a
lower-case letter, except after common abbreviations ("e.g.", "Dr.") and single capitals
("J. R. R. Tolkien"). Good enough to anchor a dated claim to its sentence.
"""

from __future__ import annotations

import re

from vaultlint.document import Span

_END = re.compile(r"[.!?]+(?=\s+[^\sa-z])")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "cf", "dr", "mr", "mrs", "ms", "st", "no"})


def split_sentences(text: str, block: Span) -> list[Span]:
    start, end = block
    spans: list[Span] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _after_abbreviation(text, cursor, match.start()):
            continue
        _add(spans, text, cursor, match.end())
        cursor = match.end()
    _add(spans, text, cursor, end)
    return spans


def _after_abbreviation(text: str, start: int, stop: int) -> bool:
    word_start = stop
    while word_start > start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
