"""JSON output: an array of objects with exactly the documented keys (docs/output.md)."""

from __future__ import annotations

import json

from vaultlint.registry import BY_CODE
from vaultlint.report import Shown
from vaultlint.rule import Fix


def render(shown: list[Shown]) -> str:
    items = []
    for item in shown:
        finding = item.finding
        assert finding.severity is not None
        items.append(
            {
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
        )
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
