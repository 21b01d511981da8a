"""Report formats that CI systems read: GitHub workflow commands, SARIF 2.1.0 (GitHub
code scanning and other viewers), GitLab Code Quality, JUnit XML and JSON Lines.

Paths here are relative to the repository root (also when the vault is a subfolder of the
repository), because that is how CI systems place annotations on files.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import quoteattr

from vaultlint import __version__
from vaultlint.registry import BY_CODE
from vaultlint.report import Shown
from vaultlint.report.json_format import record
from vaultlint.rule import Rule, Severity

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
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


def _fingerprinted(shown: list[Shown]) -> Iterator[tuple[Shown, str]]:
    """Each finding with its fingerprint, counting repeats of a message within a note."""
    seen: dict[tuple[str, str, str], int] = defaultdict(int)
    for item in shown:
        key = (item.path, item.finding.code, item.finding.message)
        seen[key] += 1
        yield item, fingerprint(item, seen[key])


def render_gitlab(shown: list[Shown]) -> str:
    """GitLab Code Quality: a JSON array of issues with stable fingerprints."""
    issues = []
    for item, stable in _fingerprinted(shown):
        finding = item.finding
        assert finding.severity is not None
        issues.append(
            {
                "description": f"{finding.code} {finding.message}",
                "check_name": f"{finding.code} {BY_CODE[finding.code].name}",
                "fingerprint": stable,
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


def render_sarif(
    shown: list[Shown], rules: Sequence[Rule], successful: bool, notices: Sequence[str]
) -> str:
    """SARIF 2.1.0: one run, the rules that ran with their documentation, and each finding
    with its region (columns count Unicode code points, as ours do; the end column is the
    one after the last character, as SARIF's is) and a fingerprint that survives edits
    elsewhere in the note."""
    index = {rule.code: number for number, rule in enumerate(rules)}
    results = []
    for item, stable in _fingerprinted(shown):
        finding = item.finding
        assert finding.severity is not None
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(item.path),
                        "region": {
                            "startLine": finding.start.line,
                            "startColumn": finding.start.column,
                            "endLine": finding.end.line,
                            "endColumn": finding.end.column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"vaultlint/v1": stable},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": successful}
    if notices:
        invocation["toolExecutionNotifications"] = [
            {"level": "warning", "message": {"text": notice}} for notice in notices
        ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vaultlint",
                        "version": __version__,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# GitHub code scanning rejects a run with more results than this (and shows 5,000).
GITHUB_RESULT_LIMIT = 25_000


def _artifact(path: str) -> dict[str, str]:
    """A path relative to the repository root, or (outside git, a vault elsewhere than the
    current folder) an absolute `file:` URI, which takes no base."""
    if path.startswith("/"):
        return {"uri": PurePosixPath(path).as_uri()}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    """A rule's reportingDescriptor: what code-scanning views show beside a finding."""
    plain = (
        f"{rule.summary}\n\n{rule.why}\n\nExample:\n{rule.bad.rstrip()}\n\n"
        f"Use instead:\n{rule.good.rstrip()}\n\n{rule.fix_advice}"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": plain, "markdown": rule.documentation()},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.family], "fix": rule.fix.value},
    }
