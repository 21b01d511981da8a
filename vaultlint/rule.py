"""What a rule is, and what it reports.

A rule is data (code, name, summary, severity, fix availability, documentation) plus one
small function. Rules never print and never touch files: they read a `Document` (or the
vault index) and yield `Finding`s; the engine decides what is selected, suppressed, shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from vaultlint.document import Document, Span
from vaultlint.source import Position

if TYPE_CHECKING:
    from vaultlint.config import Settings
    from vaultlint.index import VaultIndex


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Fix(StrEnum):
    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


class Scope(StrEnum):
    FILE = "file"  # reported by the engine while reading a file
    NOTE = "note"  # looks at one document at a time
    VAULT = "vault"  # looks at the whole vault index


@dataclass(frozen=True)
class Edit:
    """Replace the characters of `span` (offsets into the note's text) with `text`."""

    span: Span
    text: str


@dataclass(frozen=True)
class Finding:
    """One problem at one place. `path` is the note's POSIX path relative to the vault root."""

    code: str
    message: str
    path: str
    start: Position
    end: Position
    fix: Fix = Fix.NONE
    severity: Severity | None = None  # filled in by the engine from the rule and config
    edits: tuple[Edit, ...] = ()  # what the fix changes, when `fix` is not NONE


NoteCheck = Callable[[Document, "NoteContext"], Iterator[Finding]]


def findings_of(code: str, produce: NoteCheck, key: str) -> NoteCheck:
    """The check of one rule whose findings come from a check several rules share (they
    read the same items): `produce` runs once per note, kept in the note's memo under
    `key`, and each rule keeps the findings of its own code."""

    def check(document: Document, context: NoteContext) -> Iterator[Finding]:
        found = document.memo.get(key)
        if not isinstance(found, list):
            found = list(produce(document, context))
            document.memo[key] = found
        return (finding for finding in found if finding.code == code)

    return check


VaultCheck = Callable[["VaultIndex", "VaultContext"], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    why: str
    bad: str
    good: str
    fix: Fix = Fix.NONE
    scope: Scope = Scope.NOTE
    default: bool = True  # on without configuration
    fix_changes: frozenset[str] = frozenset()  # what its fix may change (see vaultlint.fix)
    check_note: NoteCheck | None = field(default=None, compare=False, repr=False)
    check_vault: VaultCheck | None = field(default=None, compare=False, repr=False)

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def at(
        self,
        document: Document,
        span: Span,
        message: str,
        fix: Fix = Fix.NONE,
        edits: tuple[Edit, ...] = (),
    ) -> Finding:
        """A finding for `span` of `document`, with the edits of its fix if it has one."""
        return Finding(
            self.code,
            message,
            document.path,
            document.position(span[0]),
            document.position(max(span[0], span[1])),
            fix if edits or fix is Fix.NONE else Fix.NONE,
            edits=edits,
        )

    def on_file(self, path: str, message: str) -> Finding:
        """A finding about a whole file (a note or an attachment): line 1, column 1."""
        start = Position(1, 1)
        return Finding(self.code, message, path, start, start)

    @property
    def fix_advice(self) -> str:
        """One sentence on whether and how its findings are fixed."""
        return {
            Fix.NONE: "No automatic fix.",
            Fix.SAFE: "Fixable with --fix (safe: it changes only what this rule names).",
            Fix.UNSAFE: "Fixable with --unsafe-fixes (unsafe: review the change).",
        }[self.fix]

    def documentation(self) -> str:
        """The text `vaultlint rule CODE` prints."""
        fix = self.fix_advice
        on = "on by default" if self.default else "off by default; enable it with select"
        return (
            f"# {self.code} {self.name}\n\n{self.summary}\n\n"
            f"Default severity: {self.severity.value}; {on}.\n\n"
            f"## Why\n{self.why}\n\n## Example\n```markdown\n{self.bad.rstrip()}\n```\n\n"
            f"## Use instead\n```markdown\n{self.good.rstrip()}\n```\n\n## Fix\n{fix}\n"
        )


@dataclass(frozen=True)
class NoteContext:
    """What a per-note rule may know beyond its document."""

    index: VaultIndex
    today: str  # ISO date used as "today"
    settings: Settings
    selected: frozenset[str] = frozenset()  # codes of the rules in this run


@dataclass(frozen=True)
class VaultContext:
    today: str
    linted: frozenset[str]  # the files whose findings are reported
    settings: Settings
    notices: list[str] = field(default_factory=list)  # one-line notes for standard error
