"""Helpers shared by the tests: real vaults in temporary folders, the real CLI."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from vaultlint.cli import main

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
LABS_WIKI = SHARED / "corpora" / "labs-wiki"
# Tests on the real wiki run where CI has ../shared beside the clone, and say why not elsewhere.
needs_labs_wiki = pytest.mark.skipif(
    not LABS_WIKI.is_dir(), reason="../shared/corpora/labs-wiki is not beside the clone"
)
REPO = Path(__file__).resolve().parent.parent
LABS_WIKI_CONFIG = REPO / "tests" / "corpora" / "labs-wiki.toml"  # its page types and folders
BENCHMARK_SCRIPT = REPO / "benchmarks" / "scale.py"


def generate_vault(root: Path, notes: int) -> Path:
    """The benchmark's seeded vault of `notes` generated notes (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location("scale", BENCHMARK_SCRIPT)
    assert spec is not None and spec.loader is not None
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    scale.generate(root, notes)
    return root


def make_vault(root: Path, files: dict[str, str | bytes], obsidian: bool = True) -> Path:
    """Write `files` (path -> text or bytes) under `root`; add `.obsidian/` to mark a vault."""
    if obsidian:
        (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = json.loads(self.out)
        return data


def run_cli(capsys: Any, *args: str | Path, cwd: Path | None = None) -> Result:
    """Run `vaultlint ARGS` in this process, as a user would from `cwd`."""
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exit_:  # argparse usage errors and --version
        code = int(exit_.code or 0)
    finally:
        os.chdir(previous)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def run_process(*args: str | Path, cwd: Path, stdin: str | None = None) -> Result:
    """Run vaultlint as a separate process (entry point behaviour, stdin, start-up)."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    completed = subprocess.run(
        [sys.executable, "-m", "vaultlint", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def codes(result: Result) -> list[tuple[str, int, int, str]]:
    """(path, line, column, code) of each JSON finding."""
    return [(f["path"], f["line"], f["column"], f["code"]) for f in result.json()]


def check_labs_wiki(capsys: Any, select: str) -> Result:
    """`vaultlint check` of labs-wiki with its own configuration, as JSON, on a fixed day.
    Never a cache: the corpus is read-only."""
    return run_cli(
        capsys,
        "check",
        "--output-format",
        "json",
        "--select",
        select,
        "--config",
        LABS_WIKI_CONFIG,
        "--no-cache",
        "--today",
        "2026-11-25",
        LABS_WIKI,
        cwd=REPO,
    )
