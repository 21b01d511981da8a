"""Whole-run results, reused when nothing a run depends on has changed.

A warm run over an unchanged vault need not parse or check anything: its findings are the
last run's. The key covers everything the findings depend on: vaultlint's version and parser,
the settings, the selected rules, the date used as today, the notes to report on, every
file's path, size and modification time (notes and attachments alike, since links resolve to
both), Obsidian's own configuration files, and the git commit (freshness reads history).
Runs that fix, read the staged change or a git range, or read standard input are never
cached; neither is a run that met an internal error.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vaultlint import __version__
from vaultlint.cache import DEFAULT_FOLDER
from vaultlint.rule import Edit, Finding, Fix, Severity
from vaultlint.source import Position

if TYPE_CHECKING:
    from vaultlint.engine import VaultRun

_OBSIDIAN_FILES = (
    "app.json",
    "types.json",
    "templates.json",
    "plugins/templater-obsidian/data.json",
)


def run_key(run: VaultRun, today: str, targets: list[str]) -> str | None:
    """The key of this run's results, or None when a file cannot be looked at."""
    from vaultlint.git import run_git

    parts: list[Any] = [
        __version__,
        _code_fingerprint(),
        run.settings.as_json(),
        sorted(rule.code for rule in run.rules),
        today,
        run.linted,
        sorted(targets),  # which attachments may be reported depends on them too
    ]
    root, known = str(run.root), run.files.stats
    try:
        for path in (*run.files.notes, *run.files.attachments):
            info = known.get(path) or os.stat(f"{root}/{path}")
            # the mode too: `chmod` changes whether a note can be read, not its time
            parts.append(
                (path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_mode)
            )
        for name in _OBSIDIAN_FILES:
            try:
                info = os.stat(run.root / ".obsidian" / name)
                parts.append((name, info.st_size, info.st_mtime_ns))
            except FileNotFoundError:
                parts.append((name, None))
    except OSError:
        return None
    # History feeds rename hints and freshness: the commit, and whether history is complete.
    parts.append(run_git(run.root, "rev-parse", "HEAD", "--is-shallow-repository", timeout=10))
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _code_fingerprint() -> list[tuple[str, int, int]]:
    """Every module and rule set of this installation: a changed rule changes findings."""
    from vaultlint.config import rules_dir

    package = Path(__file__).parent
    found = []
    for path in sorted([*package.rglob("*.py"), *rules_dir().rglob("*.toml")]):
        info = path.stat()
        found.append((path.name, info.st_size, info.st_mtime_ns))
    return found


def _file(root: Path, cache_dir: Path | None, key: str) -> Path:
    base = cache_dir if cache_dir is not None else root / DEFAULT_FOLDER
    vault = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]  # a shared --cache-dir
    return base / "runs" / vault / f"{key}.json"


def load(root: Path, cache_dir: Path | None, key: str) -> tuple[list[Finding], list[str]] | None:
    """The findings and the notices (one-line warnings rules gave) of the stored run."""
    try:
        data = json.loads(_file(root, cache_dir, key).read_text(encoding="utf-8"))
        return [_finding(item) for item in data["findings"]], [str(n) for n in data["notices"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def save(
    root: Path, cache_dir: Path | None, key: str, findings: list[Finding], notices: list[str]
) -> None:
    target = _file(root, cache_dir, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob("*.json"):  # one result per vault: the latest
            old.unlink(missing_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        data = {"findings": [_plain(f) for f in findings], "notices": notices}
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        pass  # the parse cache already said whether the folder is writable


def _plain(finding: Finding) -> list[Any]:
    return [
        finding.code,
        finding.message,
        finding.path,
        [finding.start.line, finding.start.column],
        [finding.end.line, finding.end.column],
        finding.fix.value,
        finding.severity.value if finding.severity is not None else None,
        [[edit.span, edit.text] for edit in finding.edits],
    ]


def _finding(item: list[Any]) -> Finding:
    code, message, path, start, end, fix, severity, edits = item
    return Finding(
        str(code),
        str(message),
        str(path),
        Position(int(start[0]), int(start[1])),
        Position(int(end[0]), int(end[1])),
        Fix(fix),
        None if severity is None else Severity(severity),
        tuple(Edit((int(span[0]), int(span[1])), str(text)) for span, text in edits),
    )
