"""Text output: `path:line:col: CODE message`, one per line, then a summary."""

from __future__ import annotations

from collections import Counter

from vaultlint.registry import BY_CODE
from vaultlint.report import Shown, count
from vaultlint.rule import Finding, Fix, Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def render(shown: list[Shown], *, colour: bool, quiet: bool, checked: int, fixed: int = 0) -> str:
    lines = []
    for item in shown:
        finding = item.finding
        assert finding.severity is not None
        location = _paint(f"{item.path}:{finding.start.line}:{finding.start.column}:", "1", colour)
        code = _paint(finding.code, _COLOURS[finding.severity], colour)
        mark = " [*]" if finding.fix is Fix.SAFE else ""  # as ruff: unsafe fixes are opt-in
        lines.append(f"{location} {code}{mark} {finding.message}")
    if not quiet:
        lines.append(summary(shown, checked, fixed))
    return "\n".join(lines) + ("\n" if lines else "")


def summary(shown: list[Shown], checked: int, fixed: int = 0) -> str:
    done = f"Fixed {count(fixed, 'problem')}. " if fixed else ""
    if not shown:
        return f"{done}All checks passed ({count(checked, 'note')} checked)."
    notes = len({item.path for item in shown})
    safe = sum(1 for item in shown if item.finding.fix is Fix.SAFE)
    unsafe = sum(1 for item in shown if item.finding.fix is Fix.UNSAFE)
    remaining = "remaining " if fixed else ""
    text = f"{done}Found {count(len(shown), remaining + 'problem')} in {count(notes, 'note')}"
    hints = []
    if safe:
        hints.append(f"{safe} fixable with --fix")
    if unsafe:
        hints.append(f"{unsafe} more with --unsafe-fixes")
    if hints:
        text += f" ({', '.join(hints)})"
    return text + "."


def fixes(fixed: dict[str, list[Finding]]) -> str:
    """What --show-fixes lists: per note, how many findings of each rule were fixed."""
    lines = [f"Fixed {count(sum(len(items) for items in fixed.values()), 'problem')}:"]
    for path in sorted(fixed):
        lines.append(f"- {path}:")
        counts = Counter(finding.code for finding in fixed[path])
        for code, number in sorted(counts.items()):
            lines.append(f"    {number} x {code} ({BY_CODE[code].name})")
    return "\n".join(lines) + "\n"


def statistics(shown: list[Shown]) -> str:
    counts = Counter(item.finding.code for item in shown)
    fixable = {item.finding.code for item in shown if item.finding.fix is Fix.SAFE}
    rows = []
    for code, number in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        mark = "[*]" if code in fixable else "   "
        rows.append(f"{number:6d}  {code:<7} {mark} {BY_CODE[code].name}")
    return "\n".join(rows) + ("\n" if rows else "")
