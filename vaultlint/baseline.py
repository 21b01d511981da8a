"""Baselines: adopt vaultlint on a large vault by reporting only findings that are new.

`--write-baseline FILE` records a fingerprint of every current finding; `--baseline FILE`
drops the findings whose fingerprint is recorded. A fingerprint is the note's path, the
rule, the message with its numbers taken out (line numbers, ages, counts), the text of the
finding's line, and which occurrence of all that it is in the note: never the line number,
so edits above a finding do not make it new, while a second identical problem on another
line still counts as new. Renaming a note makes its findings new.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from vaultlint.rule import Finding

if TYPE_CHECKING:
    from vaultlint.engine import VaultRun

VERSION = 1
_NUMBERS = re.compile(r"\d+")


def _line_text(run_root: Path, finding: Finding, cache: dict[str, list[str]]) -> str:
    lines = cache.get(finding.path)
    if lines is None:
        try:
            lines = (
                (run_root / finding.path).read_text(encoding="utf-8", errors="replace").splitlines()
            )
        except OSError:
            lines = []
        cache[finding.path] = lines
    number = finding.start.line - 1
    return lines[number].strip() if 0 <= number < len(lines) else ""


def fingerprints(findings: list[Finding], root: Path) -> list[str]:
    """One fingerprint per finding, in the order given."""
    seen: dict[str, int] = defaultdict(int)
    cache: dict[str, list[str]] = {}
    found = []
    for finding in findings:
        message = _NUMBERS.sub("N", finding.message)  # "12 days ago", "has 310 lines"
        line = _line_text(root, finding, cache)
        key = f"{finding.path}\0{finding.code}\0{message}\0{line}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
        found.append(digest)
    return found


def write(path: Path, runs: list[VaultRun]) -> int:
    entries = []
    for run in runs:
        for finding, digest in zip(run.findings, fingerprints(run.findings, run.root), strict=True):
            entries.append({"path": finding.path, "code": finding.code, "fingerprint": digest})
    data = {"version": VERSION, "findings": entries}
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    temporary.replace(path)
    return len(entries)


def read(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not a baseline file (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not a baseline file (invalid JSON: {error.msg})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("not a baseline file written by this version of vaultlint")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise ValueError("not a baseline file (no findings list)")
    return {
        entry["fingerprint"]
        for entry in entries
        if isinstance(entry, dict) and "fingerprint" in entry
    }


def new_findings(findings: list[Finding], known: set[str], root: Path) -> list[Finding]:
    """The findings whose fingerprint the baseline does not hold."""
    digests = fingerprints(findings, root)
    return [
        finding for finding, digest in zip(findings, digests, strict=True) if digest not in known
    ]
