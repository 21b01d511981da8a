"""Reading a frontmatter date written in a form other than ISO 8601, and writing it as ISO.

Shared by the formatting rule that rewrites such dates (FMT013) and the dated-claims rule
that checks `created` and `updated` (DAT006), so that both agree on which values are dates.
Numeric dates with the year last (03/04/2025) are read with the vault's `date-order`; when it
is not set and both numbers could be the month, the value is ambiguous and left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MONTH_FIRST = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Reading:
    iso: str | None  # the date in ISO form; None when ambiguous
    ambiguous: bool = False  # day and month could be swapped and no date-order says which


def read_date(text: str, date_order: str = "") -> Reading | None:
    """The date a non-ISO text names, or None when the text is not a recognisable date
    (an ISO date, a datetime or prose are None: there is nothing to rewrite)."""
    text = text.strip()
    if ISO.fullmatch(text):
        return None
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    match = _YEAR_LAST.fullmatch(text)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first > 12 >= second or date_order == "dmy":
            return _checked(year, second, first)
        if second > 12 >= first or date_order == "mdy":
            return _checked(year, first, second)
        if first == second:
            return _checked(year, first, second)
        return Reading(None, ambiguous=True)
    match = _MONTH_FIRST.fullmatch(text)
    if match and match[1].lower() in _MONTHS:
        return _checked(int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    match = _DAY_FIRST.fullmatch(text)
    if match and match[2].lower() in _MONTHS:
        return _checked(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    return None


def _checked(year: int, month: int, day: int) -> Reading | None:
    try:
        return Reading(dt.date(year, month, day).isoformat())
    except ValueError:
        return None  # not a real date: DAT006 says so
