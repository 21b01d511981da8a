"""JSON output: an array of objects with exactly the documented keys (docs/output.md)."""

from __future__ import annotations

import json

from vaultlint.registry import BY_CODE
from vaultlint.report import Shown
from vaultlint.rule import Fix


def record(item: Shown) -> dict[str, object]:
    """One finding as the documented JSON object (also a line of the json-lines format)."""
    finding = item.finding
    assert finding.severity is not None
    return {
        "path": item.path,
        "line": finding.start.line,
        "column": finding.start.column,
        "end_line": finding.end.line,
        "end_column": finding.end.column,
        "code": finding.code,
        "name": BY_CODE[finding.code].name,
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": None if finding.fix is Fix.NONE else finding.fix.value,
    }


def render(shown: list[Shown]) -> str:
    return json.dumps([record(item) for item in shown], indent=2, ensure_ascii=False) + "\n"
