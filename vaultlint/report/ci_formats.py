"""Report formats that CI systems read: GitHub workflow commands, GitLab Code Quality,
JUnit XML and JSON Lines.

Paths here are relative to the repository root (also when the vault is a subfolder of the
repository), because that is how CI systems place annotations on files.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from xml.sax.saxutils import quoteattr

from vaultlint.registry import BY_CODE
from vaultlint.report import Shown
from vaultlint.report.json_format import record
from vaultlint.rule import Severity

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(shown: list[Shown]) -> str:
    """`::error file=…,line=…,col=…,title=…::message` workflow commands."""
    lines = []
    for item in shown:
        finding = item.finding
        assert finding.severity is not None
        rule = BY_CODE[finding.code]
        properties = ",".join(
            [
                f"file={_escape_property(item.path)}",
                f"line={finding.start.line}",
                f"col={finding.start.column}",
                f"endLine={finding.end.line}",
                f"endColumn={finding.end.column}",
                f"title={_escape_property(f'{finding.code} {rule.name}')}",
            ]
        )
        level = _GITHUB_LEVEL[finding.severity]
        lines.append(f"::{level} {properties}::{_escape_data(finding.message)}")
    return "".join(line + "\n" for line in lines)


def render_json_lines(shown: list[Shown]) -> str:
    """One JSON object per line, with the keys of the JSON format."""
    return "".join(json.dumps(record(item), ensure_ascii=False) + "\n" for item in shown)


def fingerprint(item: Shown, occurrence: int) -> str:
    """Stable across edits elsewhere in the note: the path, the rule, the message and which
    occurrence of that message it is in the note, never the line number."""
    key = f"{item.path}\0{item.finding.code}\0{item.finding.message}\0{occurrence}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def render_gitlab(shown: list[Shown]) -> str:
    """GitLab Code Quality: a JSON array of issues with stable fingerprints."""
    seen: dict[tuple[str, str, str], int] = defaultdict(int)
    issues = []
    for item in shown:
        finding = item.finding
        assert finding.severity is not None
        key = (item.path, finding.code, finding.message)
        seen[key] += 1
        issues.append(
            {
                "description": f"{finding.code} {finding.message}",
                "check_name": f"{finding.code} {BY_CODE[finding.code].name}",
                "fingerprint": fingerprint(item, seen[key]),
                "severity": _GITLAB_SEVERITY[finding.severity],
                "location": {
                    "path": item.path,
                    "positions": {
                        "begin": {"line": finding.start.line, "column": finding.start.column},
                        "end": {"line": finding.end.line, "column": finding.end.column},
                    },
                },
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def render_junit(shown: list[Shown], checked: list[str]) -> str:
    """JUnit XML: one test case per checked note, failing with its findings."""
    by_path: dict[str, list[Shown]] = defaultdict(list)
    for item in shown:
        by_path[item.path].append(item)
    paths = sorted(set(checked) | set(by_path))
    failures = sum(1 for path in paths if by_path.get(path))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="vaultlint" tests="{len(paths)}" failures="{failures}">',
        f'  <testsuite name="vaultlint" tests="{len(paths)}" failures="{failures}">',
    ]
    for path in paths:
        items = by_path.get(path, [])
        lines.append(f'    <testcase classname="vaultlint" name={quoteattr(path)}>')
        if items:
            body = "\n".join(
                f"{path}:{i.finding.start.line}:{i.finding.start.column}: "
                f"{i.finding.code} {i.finding.message}"
                for i in items
            )
            summary = f"{len(items)} problem{'s' if len(items) != 1 else ''}"
            lines.append(f"      <failure message={quoteattr(summary)}>{_xml_text(body)}</failure>")
        lines.append("    </testcase>")
    lines += ["  </testsuite>", "</testsuites>"]
    return "\n".join(lines) + "\n"


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
