"""DAT: dated claims and freshness.

A wiki that says "currently" is wrong a year later and nobody notices. These rules find
time-relative statements without a date, dates that cannot exist, dates in the future,
"as of" claims gone stale, inconsistent frontmatter dates, and pages whose sources changed
in git after the page did.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from vaultlint.config import Settings, rules_dir
from vaultlint.dates import DateMention, Precision, find_dates, parse_iso
from vaultlint.datetext import read_date
from vaultlint.document import Document, Span
from vaultlint.index import VaultIndex
from vaultlint.rule import Edit, Finding, Fix, NoteContext, Rule, Scope, Severity, VaultContext
from vaultlint.sentences import split_sentences


@dataclass(frozen=True)
class Words:
    time: re.Pattern[str]
    future: re.Pattern[str]
    determiners: frozenset[str]
    modals: frozenset[str]
    conditionals: re.Pattern[str]
    moment_nouns: frozenset[str]
    latest_nouns: frozenset[str]
    past_markers: frozenset[str]
    today_concepts: frozenset[str]
    current_nouns: frozenset[str]
    still_next: frozenset[str]
    still_before: frozenset[str]


@cache
def _base_words(language: str) -> dict[str, list[str]]:
    data = tomllib.loads((rules_dir() / "words" / f"{language}.toml").read_text("utf-8"))
    return {key: list(value) for key, value in data.items()}


def _alternation(words: list[str]) -> str:
    """Longest first (Python's re takes the first alternative that matches), grouped by
    first letter: `c(?:urrently|urrent)|n(?:ow)` is scanned three times faster than a flat
    list of two dozen words, and matches the same (only words with the same first letter
    can match at one place, and each group keeps the longest-first order)."""
    bodies = []
    for word in sorted(set(words), key=len, reverse=True):
        stem = word.rstrip("*")
        body = r"\s+".join(re.escape(piece) for piece in stem.split())
        bodies.append(body + (r"\w*" if word.endswith("*") else ""))
    if not all(body[:1].isascii() and body[:1].isalnum() for body in bodies):
        # re's case-insensitive matching pairs some letters across groups (U+017F long s
        # and s, U+212A Kelvin sign and k, U+0131 dotless i and i): with such a word the
        # flat list keeps the order exact.
        return "|".join(bodies)
    groups: dict[str, list[str]] = {}
    for body in bodies:
        groups.setdefault(body[0].lower(), []).append(body[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


@cache
def _compiled(language: str, extra_time: tuple[str, ...], extra_future: tuple[str, ...]) -> Words:
    base = _base_words(language)
    time_words = [*base["time-words"], *extra_time]
    future_words = [*base["future-words"], *extra_future]
    return Words(
        re.compile(rf"(?i)\b(?:{_alternation(time_words)})\b"),
        re.compile(rf"(?i)\b(?:{_alternation(future_words)})\b"),
        frozenset(base.get("current-determiners", [])),
        frozenset(base.get("modals", [])),
        re.compile(rf"(?i)\b(?:{_alternation(base.get('conditionals', ['if']))})\b"),
        frozenset(base.get("current-moment-nouns", [])),
        frozenset(base.get("latest-nouns", [])),
        frozenset(base.get("past-markers", [])),
        frozenset(base.get("today-concepts", [])),
        frozenset(base.get("current-time-nouns", [])),
        frozenset(base.get("still-concessive-next", [])),
        frozenset(base.get("still-concessive-before", [])),
    )


def words(settings: Settings) -> Words:
    return _compiled(
        settings.date_language,
        tuple(settings.extend_time_words),
        tuple(settings.extend_future_words),
    )


_MONTH_DAY = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\b"
)


class _Prose:
    """Where prose is in a note (its blocks minus code, math, links and comments), its
    sentences and dates; built once per note and shared by the DAT rules."""

    def __init__(self, document: Document) -> None:
        excluded = [*document.code_spans, *(link.span for link in document.links)]
        excluded += [tag.span for tag in document.tags]
        excluded += [comment.span for comment in document.comments]
        excluded.sort()
        self.starts = [span[0] for span in excluded]
        self.excluded = excluded
        self.document = document
        # Sentences are split per block on demand: most blocks hold no time word.
        self.blocks = sorted(document.prose_blocks)
        self.block_starts = [block[0] for block in self.blocks]
        self._sentences: dict[Span, list[Span]] = {}
        # One scan for year digits; the date patterns run only around years in prose (code
        # blocks are full of numbers).
        self.dates = [
            mention
            for mention in find_dates(
                document.text,
                ranges=self.blocks,
                keep=lambda at: self.is_prose(at, at + 1),
            )
            if self.block_of(*mention.span) is not None and self.is_prose(*mention.span)
        ]
        self.date_starts = [mention.span[0] for mention in self.dates]
        self._dated_sections: list[Span] | None = None

    @classmethod
    def of(cls, document: Document) -> _Prose:
        cached = document.memo.get("prose")
        if not isinstance(cached, _Prose):
            cached = cls(document)
            document.memo["prose"] = cached
        return cached

    def is_prose(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start) - 1
        for span in self.excluded[max(0, index - 2) : index + 3]:
            if span[0] < end and start < span[1]:
                return False
        return True

    def block_of(self, start: int, end: int) -> Span | None:
        """The prose block holding `start:end` whole (the innermost where blocks nest)."""
        index = bisect_right(self.block_starts, start) - 1
        while index >= 0:
            block = self.blocks[index]
            if block[0] <= start and end <= block[1]:
                return block
            if index and self.blocks[index - 1][1] < start:
                return None
            index -= 1
        return None

    def sentence_of(self, offset: int) -> Span:
        block = self.block_of(offset, offset + 1)
        if block is None:
            return (offset, offset)
        sentences = self._sentences.get(block)
        if sentences is None:
            sentences = split_sentences(self.document.text, block)
            self._sentences[block] = sentences
        for sentence in sentences:
            if sentence[0] <= offset < sentence[1]:
                return sentence
        return block

    def dated(self, span: Span) -> bool:
        """A valid date (or a month and day) inside `span`."""
        index = bisect_right(self.date_starts, span[0] - 1)
        for mention in self.dates[index:]:
            if mention.span[0] >= span[1]:
                break
            if mention.valid and mention.span[1] <= span[1]:
                return True
        return _MONTH_DAY.search(self.document.text, *span) is not None

    def in_example_section(self, offset: int) -> bool:
        document = self.document
        for section in document.sections:
            if section.body[0] <= offset < section.body[1] and _EXAMPLE_HEADING.match(
                document.headings[section.heading_index].text
            ):
                return True
        return False

    def under_dated_heading(self, offset: int) -> bool:
        if self._dated_sections is None:  # built on first need: most notes never ask
            document = self.document
            self._dated_sections = [
                section.body
                for section in document.sections
                if _dated_text(document.headings[section.heading_index].text)
            ]
        return any(start <= offset < end for start, end in self._dated_sections)


def _dated_text(text: str) -> bool:
    return any(mention.valid for mention in find_dates(text))


def _month(today: str) -> str:
    return today[:7]


# -- DAT001 undated-claim ------------------------------------------------------------------


_DATED_NAME = re.compile(r"(?:^|/)\d{4}-\d{2}-\d{2}[^/]*$")


def is_snapshot(document: Document, settings: Settings) -> bool:
    """A note dated as a whole: a captured source, a session checkpoint, a dated log entry.

    Its claims are true as of that date, so time words in it are anchored by it: notes in
    the raw-sources folder, notes whose file name starts with a date, notes with one of the
    `snapshot-date-keys` in their frontmatter, and notes of a `snapshot-types` page type
    (by default `source`: a summary of one dated source).
    """
    raw = settings.raw_folder.strip("/")
    if raw and (document.path == raw or document.path.startswith(raw + "/")):
        return True
    if _DATED_NAME.search(document.path):
        return True
    frontmatter = document.frontmatter
    if frontmatter is None:
        return False
    keys = {key.lower() for key in frontmatter.data}
    if any(key.lower() in keys for key in settings.snapshot_date_keys):
        return True
    page_type = frontmatter.data.get(settings.type_key)
    return isinstance(page_type, str) and page_type.lower() in settings.snapshot_types


def _undated(document: Document, context: NoteContext) -> Iterator[Finding]:
    if is_snapshot(document, context.settings):
        return
    vocabulary = words(context.settings)
    text = document.text
    reported: set[Span] = set()
    prose = None  # built at the first time word: many notes have none
    for match in vocabulary.time.finditer(text, document.body_start):
        if prose is None:
            prose = _Prose.of(document)
        start, end = match.span()
        if prose.block_of(start, end) is None or not prose.is_prose(start, end):
            continue
        if not _claims_the_present(text, match, vocabulary):
            continue
        if prose.in_example_section(start):
            continue
        sentence = prose.sentence_of(start)
        if sentence in reported or text[sentence[0] : sentence[1]].rstrip().endswith("?"):
            continue  # one finding per sentence; a question claims nothing
        if prose.dated(sentence) or prose.under_dated_heading(start):
            continue
        reported.add(sentence)
        if _in_table_row_with_date(text, start, prose):
            continue
        word = " ".join(match.group().split())
        yield UNDATED_CLAIM.at(
            document,
            (start, end),
            f"'{word}' makes this statement time-relative, but nothing dates it: add a "
            f"date, e.g. 'as of {_month(context.today)}', or rephrase without '{word}'",
        )


_IRREGULAR_PAST = frozenset(
    {"had", "was", "were", "did", "went", "got", "made", "took", "came", "left", "kept", "ran"}
)
_INDIRECT_QUESTION = re.compile(r"(?i)\b(?:which|what)\s+(?:[\w']+\s+){1,3}(?:is|are)\s*$")
# Sections that illustrate rather than report: their time words belong to the example.
_EXAMPLE_HEADING = re.compile(r"(?i)^\W*(?:worked\s+)?examples?\b")
_EXAMPLE = re.compile(r"(?i)\b(?:e\.g\.|for example|for instance|such as)")
_QUOTES = re.compile(r"[\"\u201c\u201d]")
_LATEX = re.compile(r"\\(?:text|frac|propto|mathrm|sum|prod)\b")


def _claims_the_present(text: str, match: re.Match[str], vocabulary: Words) -> bool:
    """Filter the uses of a time word that state no claim about the present."""
    word = " ".join(match.group().lower().split())
    start, end = match.span()
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 300) : start]
    words_before = re.findall(r"[\w']+", before.lower())
    words_after = re.findall(r"[\w']+", text[end : end + 60].lower())
    previous_word = words_before[-1] if words_before else ""
    next_word = words_after[0] if words_after else ""
    if text[end : end + 1] in ("-", "_") or text[max(0, start - 1) : start] in ("-", "_", "@"):
        return False  # part of a compound or an identifier: today-only, mcp@latest
    line_end = text.find("\n", end)
    if _LATEX.search(text, line_start, len(text) if line_end < 0 else line_end):
        return False  # formula text written without $ delimiters
    if len(_QUOTES.findall(before)) % 2 == 1:
        return False  # inside a quotation: someone's words at some moment
    if _EXAMPLE.search(re.split(r"[.;:!?]\s", before)[-1]):
        return False  # "(e.g., last week's conversation)": an illustration, not a claim
    if words_before[-3:-1] in (["not", "just"], ["not", "only"]) or words_before[-2:] in (
        ["not", "just"],
        ["not", "only"],
    ):
        return False  # "not just today", "not just the current one": a contrast, not a claim
    opening = not before.strip() or before.rstrip().endswith((".", ":", ";", "!", "?"))
    if word == "current":
        head = words_after[:2]
        return (
            previous_word in vocabulary.determiners
            and not any(noun in vocabulary.moment_nouns for noun in head)
            and any(noun in vocabulary.current_nouns for noun in head)
        )
    if word == "soon" and previous_word == "as":
        return False  # "as soon as"
    if word == "recently" and (
        previous_word in ("how", "most", "more", "less", "least")
        or (next_word.endswith("ed") and len(next_word) > 4)
    ):
        return False  # "how recently", "recently added episodes": a measure, not a claim
    if word == "today" and (
        previous_word == "default"
        or re.search(r"(?i)\b(?:tomorrow|yesterday)\b", text[start : start + 120])
    ):
        return False  # "(default: today)", "blocked today may work tomorrow"
    if word == "to date" and previous_word == "up":
        return False  # "kept up to date"
    if word == "at the moment" and next_word in ("of", "it", "when", "that", "a", "the"):
        return False  # "at the moment of execution"
    if match.group() == "Now" and (not before.strip() or before.rstrip().endswith((".", "!", "?"))):
        return False  # a sentence opening with "Now" turns the argument ("Now the operator...")
    if word in ("currently", "current"):
        clause = re.split(r"[.;:!?()\u2014\u2013]|, (?:but|and|so) ", before)[-1]
        if vocabulary.conditionals.search(clause) or _INDIRECT_QUESTION.search(clause):
            return False  # "whether it currently exposes", "which stage is currently active"
    if word in ("latest", "newest"):
        return next_word in vocabulary.latest_nouns or not next_word
    if word == "today":
        rest = re.match(r"(?:'s|\u2019s)?\s+([\w-]+)", text[end : end + 40])
        return (rest.group(1).lower() if rest else "") not in vocabulary.today_concepts
    if word in ("still", "no longer", "now"):
        if word in ("still", "now") and opening and text[end : end + 1] == ",":
            return False  # "Still, ..." concedes and "Now, ..." turns; neither dates anything
        clause_words = re.findall(r"[\w']+", re.split(r",|\band\b", before.lower())[-1])
        if word != "now" and vocabulary.modals & set(clause_words):
            return False  # "can still be", "may ... yet still lose": a possibility
        if word == "now" and previous_word == "right":
            return False  # "right now" is an optional time word: real-time, not a dated claim
        if word == "now" and _PHASES.match(text, end):
            return False  # "what can ship now and what should be deferred": a plan's phases
        if word == "now" and (
            previous_word in vocabulary.modals
            or previous_word in ("has", "have", "needs", "need")
            or words_after[:1] in (["must"], ["should"])
            or words_after[:2] in (["has", "to"], ["have", "to"], ["needs", "to"], ["need", "to"])
        ):
            return False  # "must now solve", "now has to support": what follows, not a state
        if word == "still" and (
            next_word in vocabulary.still_next or vocabulary.still_before & set(words_before[-2:])
        ):
            return False  # "still a heuristic", "but still": nevertheless, not a date
        if previous_word in vocabulary.past_markers or (
            next_word in _IRREGULAR_PAST or (next_word.endswith("ed") and len(next_word) > 4)
        ):
            return False  # a past state, told as part of a story: "was still", "still needed"
        clause = re.split(r"[.;:!?()\u2014\u2013]|, (?:but|and|so) ", before)[-1]
        if vocabulary.conditionals.search(clause):
            return False
    return True


# "ship now and what should be deferred", "simplicity now, flexibility later": now against
# later in one breath is a plan's phases, not a claim about the present.
_PHASES = re.compile(
    r"(?:\s+and\s+(?:what|which)\b[^.;]{0,40}\b(?:deferred|later|postponed)\b"
    r"|,\s+[^.;,]{0,50}\blater\b)",
    re.IGNORECASE,
)


def _in_table_row_with_date(text: str, offset: int, prose: _Prose) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:line_end].lstrip().startswith("|"):
        return False
    return prose.dated((line_start, line_end))


UNDATED_CLAIM = Rule(
    code="DAT001",
    name="undated-claim",
    summary="A time-relative statement (currently, now, recently, latest, ...) with no date.",
    severity=Severity.WARNING,
    why="'Currently' is true on the day it is written and wrong a year later, and nobody "
    "notices. A date in the sentence, in its section's heading ('(2026)') or an 'as of' "
    "phrase keeps the claim checkable. Prose only: code, math, links and comments are "
    "skipped. The word lists live in rules/words/<language>.toml and can be extended.",
    bad="OpenAI is currently the leading lab.",
    good="As of 2026-11, OpenAI is the leading lab.",
    check_note=_undated,
)


# -- DAT002 impossible-date, DAT004 ambiguous-date -----------------------------------------


def _impossible(document: Document, context: NoteContext) -> Iterator[Finding]:
    prose = _Prose.of(document)
    for mention in prose.dates:
        if mention.valid:
            continue
        written = document.text[mention.span[0] : mention.span[1]]
        yield IMPOSSIBLE_DATE.at(
            document,
            mention.span,
            f"'{written}' is not a date ({_why_impossible(mention)}): correct it",
        )


def _why_impossible(mention: DateMention) -> str:
    if mention.numeric is not None:
        return "neither day/month nor month/day exists"
    if mention.precision is Precision.MONTH or not 1 <= mention.month <= 12:
        return "there is no such month"
    return f"{datetime.date(mention.year, mention.month, 1):%B %Y} has no day {mention.day}"


IMPOSSIBLE_DATE = Rule(
    code="DAT002",
    name="impossible-date",
    summary="A date that cannot exist: 2026-02-30, month 13.",
    severity=Severity.ERROR,
    why="An impossible date is a typo or an invented fact; either way the claim it dates "
    "cannot be checked.",
    bad="Founded on 2015-02-30.",
    good="Founded on 2015-12-11.",
    check_note=_impossible,
)


def _ambiguous(document: Document, context: NoteContext) -> Iterator[Finding]:
    prose = _Prose.of(document)
    order = context.settings.date_order
    for mention in prose.dates:
        if not mention.ambiguous or mention.numeric is None:
            continue
        first, second = mention.numeric
        written = document.text[mention.span[0] : mention.span[1]]
        day_first = datetime.date(mention.year, second, first)
        month_first = datetime.date(mention.year, first, second)
        if order in ("dmy", "mdy"):
            meant = day_first if order == "dmy" else month_first
            yield AMBIGUOUS_DATE.at(
                document,
                mention.span,
                f"'{written}' reads as {_long(day_first)} or {_long(month_first, True)}; with "
                f'date-order = "{order}" it is {meant.isoformat()}: write that',
                Fix.SAFE,
                (Edit(mention.span, meant.isoformat()),),
            )
        else:
            yield AMBIGUOUS_DATE.at(
                document,
                mention.span,
                f"'{written}' reads as {_long(day_first)} or {_long(month_first, True)}: write "
                f"it as {day_first.isoformat()} or {month_first.isoformat()} (or set date-order "
                "in vaultlint.toml to make --fix do it)",
            )


def _long(day: datetime.date, month_first: bool = False) -> str:
    return f"{day:%B} {day.day}" if month_first else f"{day.day} {day:%B}"


AMBIGUOUS_DATE = Rule(
    code="DAT004",
    name="ambiguous-date",
    summary="A numeric date that means different days day-first and month-first (03/04/2025).",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    why="03/04/2025 is 3 April in most of the world and March 4 in the US; readers and agents "
    "guess. With `date-order` set for the vault, the safe fix writes the ISO date.",
    bad="Released 03/04/2025.",
    good="Released 2025-04-03.",
    fix_changes=frozenset({"headings"}),  # a date may stand in a heading
    check_note=_ambiguous,
)


# -- DAT003 future-date, DAT005 stale-claim ------------------------------------------------


def _future(document: Document, context: NoteContext) -> Iterator[Finding]:
    today = datetime.date.fromisoformat(context.today)
    vocabulary = words(context.settings)
    prose = _Prose.of(document)
    text = document.text
    for mention in prose.dates:
        if not mention.valid or mention.first_day() <= today:
            continue
        if mention.precision is Precision.YEAR and mention.year > today.year + 10:
            continue  # a bare number far ahead ("by 2090") is rarely a dated claim
        sentence = prose.sentence_of(mention.span[0])
        if vocabulary.future.search(text, *sentence):
            continue
        written = text[mention.span[0] : mention.span[1]]
        yield FUTURE_DATE.at(
            document,
            mention.span,
            f"'{written}' is after today ({today.isoformat()}) but the sentence does not speak "
            "of the future: correct the date, or say what is planned or expected",
        )


FUTURE_DATE = Rule(
    code="DAT003",
    name="future-date",
    summary="A date after today in a statement that is not about the future.",
    severity=Severity.WARNING,
    why="Generated pages invent dates; a past event dated next year is the commonest sign. "
    "Sentences about the future (will, plans, scheduled, expected, due, forecast, ...) may "
    "carry future dates. 'Today' is --today or the clock, so runs are reproducible.",
    bad="The paper was published in March 2031.",
    good="The paper is expected in March 2031.",
    check_note=_future,
)

_AS_OF = re.compile(r"(?i)\bas\s+of\s+")


def _stale(document: Document, context: NoteContext) -> Iterator[Finding]:
    if is_snapshot(document, context.settings):
        return  # a captured source's "as of" is the source's own claim
    today = datetime.date.fromisoformat(context.today)
    months = context.settings.stale_after_months
    limit = _months_before(today, months)
    prose = _Prose.of(document)
    text = document.text
    for mention in prose.dates:
        if not mention.valid:
            continue
        phrase = _AS_OF.search(text, max(0, mention.span[0] - 10), mention.span[0])
        if phrase is None or phrase.end() != mention.span[0]:
            continue
        written = " ".join(text[mention.span[0] : mention.span[1]].split())
        years = [int(year) for year in re.findall(r"\d{4}", written)]
        if mention.last_day() >= limit or (len(years) > 1 and max(years) >= limit.year):
            continue  # "as of 2024-2026": the range reaches into the review window
        yield STALE_CLAIM.at(
            document,
            (phrase.start(), mention.span[1]),
            f"'as of {written}' is more than {months} months old: check the claim and update "
            "it (with a new 'as of' date), or make it a dated past statement",
        )


def _months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    if month_index < 12:
        return datetime.date.min
    year, month = divmod(month_index, 12)
    return datetime.date(year, month + 1, 1)


STALE_CLAIM = Rule(
    code="DAT005",
    name="stale-claim",
    summary="An 'as of <date>' claim older than `stale-after-months` (12 by default).",
    severity=Severity.INFO,
    why="'As of' marks a claim that was true then and may not be now: after a while it is "
    "due for review. Info severity: it drives review, it does not fail a commit.",
    bad="As of 2024-03, the model leads the benchmark.   (checked 2026-11)",
    good="As of 2026-10, the model leads the benchmark.",
    check_note=_stale,
)


# -- DAT006 frontmatter-dates --------------------------------------------------------------


def _frontmatter_dates(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is not None:
        return
    settings = context.settings
    today = datetime.date.fromisoformat(context.today)
    found: dict[str, datetime.date] = {}
    for key in (settings.created_key, settings.updated_key):
        entry = frontmatter.entry(key)
        if entry is None or entry.value in (None, ""):
            continue
        day = parse_iso(entry.value)
        rewritten = "FMT013" in context.selected and isinstance(entry.value, str)
        if day is None and rewritten and read_date(entry.value, settings.date_order) is not None:
            continue  # a date in another form: FMT013 reports it and rewrites it as ISO
        if day is None:
            yield FRONTMATTER_DATES.at(
                document,
                entry.value_span,
                f"'{key}' is {entry.value!r}, not a date: write it as YYYY-MM-DD",
            )
            continue
        found[key] = day
        if day > today:
            yield FRONTMATTER_DATES.at(
                document,
                entry.value_span,
                f"'{key}' is {day.isoformat()}, after today ({today.isoformat()}): use the day "
                "the note was really written or changed",
            )
    created, updated = found.get(settings.created_key), found.get(settings.updated_key)
    if created and updated and created > updated:
        entry = frontmatter.entry(settings.updated_key)
        assert entry is not None
        yield FRONTMATTER_DATES.at(
            document,
            entry.value_span,
            f"'{settings.updated_key}' ({updated.isoformat()}) is before "
            f"'{settings.created_key}' ({created.isoformat()}): a note cannot change before "
            "it exists; correct one of them",
        )


FRONTMATTER_DATES = Rule(
    code="DAT006",
    name="frontmatter-dates",
    summary="`created` and `updated` are dates, with created <= updated <= today.",
    severity=Severity.ERROR,
    why="Agents invent dates: a page 'updated' before it was created, or next month. The keys "
    "are configurable (`created-key`, `updated-key`). A date written in another form "
    "(`Jan 5, 2026`) is FMT013's finding when that rule runs, so it is reported once.",
    bad="---\ncreated: 2026-03-01\nupdated: 2026-02-01\n---",
    good="---\ncreated: 2026-02-01\nupdated: 2026-03-01\n---",
    check_note=_frontmatter_dates,
)


# -- DAT007 stale-source (git) -------------------------------------------------------------


def _stale_sources(index: VaultIndex, context: VaultContext) -> Iterator[Finding]:
    from vaultlint.freshness import stale_sources

    yield from stale_sources(index, context, STALE_SOURCE)


STALE_SOURCE = Rule(
    code="DAT007",
    name="stale-source",
    summary="A note whose sources have git commits newer than the note's own last commit.",
    severity=Severity.INFO,
    scope=Scope.VAULT,
    why="When a raw source or a cited page changes after the page built from it, the page "
    "may be out of date. Read from git history, not file times (a checkout resets those). "
    "On when the vault is the top of a git work tree; `git-freshness = true` turns it on for "
    "a vault inside a larger repository. Needs full history (not a shallow clone).",
    bad="raw/paper.md changed 2026-05-02; concepts/paper.md last changed 2026-04-01",
    good="concepts/paper.md updated after its source changed",
    check_vault=_stale_sources,
)

RULES = [
    UNDATED_CLAIM,
    IMPOSSIBLE_DATE,
    FUTURE_DATE,
    AMBIGUOUS_DATE,
    STALE_CLAIM,
    FRONTMATTER_DATES,
    STALE_SOURCE,
]
