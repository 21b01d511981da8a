"""Recognising dates in prose: what counts as a date, and what only looks like one.

Understood: ISO dates and months (2026-01-15, 2026-01), month and year ("January 2026",
"Jan 2026", "15 January 2026", "January 15, 2026"), years in context ("in 2023",
"since 2023", "(2026)", "(2016-2017)"), quarters ("Q3 2025"), and numeric dates with three
parts (03/04/2025). Not dates: decades ("the 1990s"), ratios and fractions ("80/20",
"3/4"), version numbers ("v2.0", "3.11.7"), bare numbers.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from vaultlint.document import Span


class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class DateMention:
    span: Span
    precision: Precision
    year: int
    month: int = 1  # for a quarter: its first month
    day: int = 1
    valid: bool = True  # False: no such day (2026-02-30) or month (2026-13)
    ambiguous: bool = False  # 03/04/2025: day-first and month-first disagree
    numeric: tuple[int, int] | None = None  # the two leading parts of 03/04/2025

    def last_day(self) -> datetime.date:
        """The latest day the mention can mean (a month means its last day)."""
        if self.precision is Precision.DAY:
            return datetime.date(self.year, self.month, self.day)
        if self.precision is Precision.MONTH:
            return datetime.date(
                self.year, self.month, calendar.monthrange(self.year, self.month)[1]
            )
        if self.precision is Precision.QUARTER:
            month = self.month + 2
            return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])
        return datetime.date(self.year, 12, 31)

    def first_day(self) -> datetime.date:
        if self.precision is Precision.DAY:
            return datetime.date(self.year, self.month, self.day)
        return datetime.date(self.year, self.month, 1)


MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:1[5-9]|2[0-9])[0-9]{2})"
# A year standing alone (no month or day) is only read as one in 1900-2099: "pp. 2148-2156",
# "2405 tokens" and "ISSN 2835-8856" are numbers.
_YEAR_PLAIN = r"(?P<year>(?:19|20)[0-9]{2})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso-day",
        re.compile(
            r"(?<![\w./-])(?P<year>(?:1[5-9]|2[0-9])\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w/-]|\.\d)"
        ),
    ),
    (
        "iso-month",
        re.compile(r"(?<![\w./-])(?P<year>(?:1[5-9]|2[0-9])\d{2})-(?P<month>\d{2})(?![\w/-]|\.\d)"),
    ),
    (
        "numeric",
        re.compile(
            r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:1[5-9]|2[0-9])\d{2})"
            r"(?![\w/-]|\.\d)"
        ),
    ),
    (
        "day-month-year",
        re.compile(
            r"(?i)\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"
        ),
    ),
    (
        "month-day-year",
        re.compile(
            r"(?i)\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b"
        ),
    ),
    ("month-year", re.compile(r"(?i)\b" + _MONTH + r",?\s+" + _YEAR + r"\b")),
    ("quarter", re.compile(r"(?i)\bQ(?P<quarter>[1-4])\s*(?:of\s+)?" + _YEAR + r"\b")),
    ("year-quarter", re.compile(r"(?i)\b" + _YEAR + r"[\s-]?Q(?P<quarter>[1-4])\b")),
    # Years only in context: after a preposition, in parentheses, or as a range.
    (
        "year-context",
        re.compile(
            r"(?i)\b(?:in|since|by|from|until|till|during|after|before|around|circa|c\.|"
            r"as of|early|mid|late|end of|start of|through|between)\s+"
            + _YEAR_PLAIN
            + r"(?![\w/-]|\.\d|s\b)"
        ),
    ),
    (
        "year-parenthesis",
        re.compile(
            r"\((?:[^()\d]{0,20}\s)?"
            + _YEAR_PLAIN
            + r"(?:\s*[\u2013\u2014-]\s*(?:\d{2,4}|present|now))?\)"
        ),
    ),
    (
        "year-range",
        re.compile(
            r"(?<![\w./:-])"
            + _YEAR_PLAIN
            + r"\s*[\u2013\u2014-]\s*(?:(?:19|20)\d{2}|present)(?![\w/-]|\.\d)"
        ),
    ),
]


_YEAR_DIGITS = re.compile(r"(?<!\d)(?:1[5-9]|2[0-9])[0-9]{2}(?![\d.]\d)")
# How far a date reaches around its year: "15th of September, 2026" before, "-02-30)" after.
_BEFORE, _AFTER = 40, 16


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    ranges: Iterable[Span] | None = None,
    keep: Callable[[int], bool] | None = None,
) -> list[DateMention]:
    """Every date mentioned in `text[start:end]` (or in each of `ranges`), in order.

    Every form contains a four-digit year, so the text is scanned for those first and the
    date patterns run only in a small window around each: notes are mostly prose without
    years, and a dozen case-insensitive patterns over all of it would dominate a run.
    `keep` can refuse a year by its offset (a number in code, say).
    """
    windows: list[list[int]] = []
    spans = ranges if ranges is not None else [(start, len(text) if end is None else end)]
    for range_start, range_end in spans:
        for year in _YEAR_DIGITS.finditer(text, range_start, range_end):
            if keep is not None and not keep(year.start()):
                continue
            window_start = max(range_start, year.start() - _BEFORE)
            window_end = min(range_end, year.end() + _AFTER)
            if windows and window_start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], window_end)
            else:
                windows.append([window_start, window_end])
    if not windows:
        return []
    found: list[DateMention] = []
    for window_start, window_end in windows:
        for match in _COMBINED.finditer(text, window_start, window_end):
            number = _KIND_OF_GROUP[match.lastindex or 0]
            kind = _PATTERNS[number][0]
            groups = {
                name: value
                for name, group in _GROUP_NAMES[number]
                if (value := match.group(group)) is not None
            }
            year_span = match.span(f"year_{number}")
            mention = _mention(kind, groups, match.span(), year_span)
            if mention is not None:
                found.append(mention)
    return found


def _combine(patterns: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
    """One alternation of all forms, in priority order, so each window is scanned once."""
    parts = []
    for number, (_, pattern) in enumerate(patterns):
        source = pattern.pattern
        flags = ""
        if source.startswith("(?i)"):
            source, flags = source[4:], "i"
        source = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{number}>", source)
        source = re.sub(r"\(\?P=(\w+)\)", rf"(?P=\1_{number})", source)
        parts.append(
            f"(?P<form_{number}>(?{flags}:{source}))" if flags else f"(?P<form_{number}>{source})"
        )
    return re.compile("|".join(parts))


_COMBINED = _combine(_PATTERNS)
_GROUP_NAMES = [
    [(name, f"{name}_{number}") for name in pattern.groupindex]
    for number, (_, pattern) in enumerate(_PATTERNS)
]
_KIND_OF_GROUP = {
    _COMBINED.groupindex[f"form_{number}"]: number for number in range(len(_PATTERNS))
}


def _mention(kind: str, groups: dict[str, str], span: Span, year_span: Span) -> DateMention | None:
    year = int(groups["year"])
    if kind == "iso-day":
        month, day = int(groups["month"]), int(groups["day"])
        return DateMention(span, Precision.DAY, year, month, day, _valid(year, month, day))
    if kind == "iso-month":
        month = int(groups["month"])
        if month > 12 and month > year % 100:
            return DateMention(span, Precision.YEAR, year)  # a range: 2016-17, 2015-18
        if not 1 <= month <= 12:
            return DateMention(span, Precision.MONTH, year, 1, valid=False)
        return DateMention(span, Precision.MONTH, year, month)
    if kind == "numeric":
        first, second = int(groups["a"]), int(groups["b"])
        day_first = _valid(year, second, first)
        month_first = _valid(year, first, second)
        if not day_first and not month_first:
            return DateMention(
                span, Precision.DAY, year, 1, 1, valid=False, numeric=(first, second)
            )
        ambiguous = day_first and month_first and first != second
        month, day = (second, first) if day_first else (first, second)
        return DateMention(
            span,
            Precision.DAY,
            year,
            month,
            day,
            ambiguous=ambiguous,
            numeric=(first, second),
        )
    if kind in ("day-month-year", "month-day-year"):
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
        return DateMention(span, Precision.DAY, year, month, day, _valid(year, month, day))
    if kind == "month-year":
        return DateMention(span, Precision.MONTH, year, MONTHS[groups["month"].lower()])
    if kind in ("quarter", "year-quarter"):
        quarter = int(groups["quarter"])
        return DateMention(span, Precision.QUARTER, year, 3 * quarter - 2)
    return DateMention(year_span if kind == "year-context" else span, Precision.YEAR, year)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def parse_iso(value: object) -> datetime.date | None:
    """A frontmatter date: a YYYY-MM-DD string (or datetime text starting with one)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value.startswith("[[") and value.endswith("]]"):
        value = value[2:-2]  # a link to a daily note: created: "[[2026-01-01]]"
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", value.strip())
    if match is None:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
