"""Text output: `path:line:col: CODE message`, one per line, then a summary."""

from __future__ import annotations

from collections import Counter

from vaultlint.registry import BY_CODE
from vaultlint.report import Shown
from vaultlint.rule import Fix, Severity

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def render(shown: list[Shown], *, colour: bool, quiet: bool, checked: int) -> str:
    lines = []
    for item in shown:
        finding = item.finding
        assert finding.severity is not None
        location = _paint(f"{item.path}:{finding.start.line}:{finding.start.column}:", "1", colour)
        code = _paint(finding.code, _COLOURS[finding.severity], colour)
        mark = " [*]" if finding.fix is not Fix.NONE else ""
        lines.append(f"{location} {code}{mark} {finding.message}")
    if not quiet:
        lines.append(summary(shown, checked))
    return "\n".join(lines) + ("\n" if lines else "")


def summary(shown: list[Shown], checked: int) -> str:
    if not shown:
        return f"All checks passed ({checked} {'note' if checked == 1 else 'notes'} checked)."
    notes = len({item.path for item in shown})
    fixable = sum(1 for item in shown if item.finding.fix is Fix.SAFE)
    problems = "problem" if len(shown) == 1 else "problems"
    text = f"Found {len(shown)} {problems} in {notes} {'note' if notes == 1 else 'notes'}"
    if fixable:
        text += f" ({fixable} fixable with --fix)"
    return text + "."


def statistics(shown: list[Shown]) -> str:
    counts = Counter(item.finding.code for item in shown)
    fixable = {item.finding.code for item in shown if item.finding.fix is not Fix.NONE}
    rows = []
    for code, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        mark = "[*]" if code in fixable else "   "
        rows.append(f"{count:6d}  {code:<7} {mark} {BY_CODE[code].name}")
    return "\n".join(rows) + ("\n" if rows else "")
