"""Checking notes in several processes: the same report as one process, and a progress bar
only where a person watches."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from support import generate_vault, make_vault, run_cli

from vaultlint import engine, parallel
from vaultlint.parallel import Progress, job_count

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="notes are checked in one process")


def _generated_vault(root: Path, notes: int) -> Path:
    generate_vault(root, notes)
    make_vault(
        root,
        {
            ".vaultlint.toml": 'extends = "llm-wiki"\n',
            "concepts/Clash.md": "# Clash\n\nSee [[missing page]].\n",
            "concepts/clash.md": "# clash\n",
            "broken.md": b"# Broken\n\n\xff\xfe not UTF-8\n",
            # A suppression of a vault-wide rule (orphans) and one that suppresses nothing:
            "quiet.md": "---\nvaultlint-disable: LNK007\n---\n# Quiet\n\n"
            "<!-- vaultlint-disable-next-line LNK001 -->\nCurrently fine.\n",
        },
    )
    return root


@linux_only
def test_parallel_report_is_the_serial_report(tmp_path, capsys):
    vault = _generated_vault(tmp_path / "v", 160)
    reports = {}
    for jobs in ("1", "2", "3"):
        for output in ("text", "json"):
            result = run_cli(
                capsys, "check", "--no-cache", "-j", jobs, "--output-format", output, vault
            )
            reports[jobs, output] = (result.code, result.out, result.err)
    for output in ("text", "json"):
        assert reports["1", output] == reports["2", output] == reports["3", output]
    code, out, err = reports["1", "text"]
    assert code == 1, err
    # The run mixes per-note and vault-wide findings, a read problem and suppressions.
    for expected in (
        "VLT002",
        "LNK001",
        "LNK006",
        "LNK007",
        "DAT001",
        "VLT005",
        "SCH001",
        "WIKI001",
    ):
        assert expected in out
    assert "quiet.md:1:1: LNK007" not in out  # its orphan finding is suppressed in the frontmatter


@linux_only
def test_workers_parse_the_notes_and_hand_their_documents_back(tmp_path):
    vault = _generated_vault(tmp_path / "v", 40)
    request = engine.CheckRequest(targets=(vault,), cwd=vault, cache=False)
    run = engine.load(request)[0]
    found = parallel.check_notes(run, "2026-11-25", 2)
    assert found is not None and set(found) == set(run.linted)
    # Checked in other processes: the parent parsed nothing, it holds the workers' documents.
    assert run.index.documents.parsed() == []  # type: ignore[attr-defined]
    assert len(run.transferred) == len(run.linted) - 1  # all but the unreadable note
    assert "broken.md" in run.problems and "broken.md" in run.index.unreadable
    assert "quiet.md" not in run.without_directives
    document = run.index.documents["concepts/clash.md"]
    assert document.headings[0].text == "clash"


def test_how_many_processes():
    on_linux = sys.platform == "linux"
    assert job_count(10, None) == 1  # a small vault: forking costs more than it saves
    assert job_count(parallel.MIN_NOTES, None) == (parallel.available_cores() if on_linux else 1)
    assert job_count(10, 4) == (4 if on_linux else 1)
    assert job_count(3, 8) == (3 if on_linux else 1)  # never more processes than notes
    assert job_count(1, 8) == 1


def test_jobs_must_be_a_positive_number(tmp_path, capsys):
    vault = make_vault(tmp_path / "v", {"a.md": "# A\n"})
    for bad in ("0", "-1", "two"):
        result = run_cli(capsys, "check", "-j", bad, vault)
        assert result.code == 2
        assert "expected a whole number of 1 or more" in result.err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_is_rewritten_in_place_and_cleared():
    stream = _Terminal()
    progress = Progress(4, stream, after_seconds=0)
    progress.advance(1)
    progress.advance(3)
    progress.finish()
    text = stream.getvalue()
    assert text.count("\r[") == 2
    assert "checked 1 of 4 notes" in text and "checked 4 of 4 notes" in text
    assert "[" + "#" * 30 + "]" in text
    assert text.endswith("\r\033[K")  # the line is left empty for the report


def test_no_progress_bar_for_a_short_run_or_a_pipe():
    quick = _Terminal()
    progress = Progress(4, quick)  # not a second yet
    progress.advance(4)
    progress.finish()
    assert quick.getvalue() == ""
    piped = io.StringIO()
    progress = Progress(4, piped, after_seconds=0)
    progress.advance(4)
    progress.finish()
    assert piped.getvalue() == ""


@linux_only
def test_a_piped_run_writes_no_progress(tmp_path):
    vault = _generated_vault(tmp_path / "v", 40)
    piped = subprocess.run(
        [sys.executable, "-m", "vaultlint", "check", "--no-cache", "-j", "2", str(vault)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.returncode == 1 and "LNK001" in piped.stdout
    assert "checked" not in piped.stderr and "\r" not in piped.stderr


@linux_only
def test_a_note_the_parser_fails_on_is_reported_once_as_in_one_process(
    tmp_path, capsys, monkeypatch
):
    """Fault injection: no real note is known to break the parser, so one is made to."""
    vault = _generated_vault(tmp_path / "v", 30)
    real = engine.parse_document

    def failing(path: str, text: str, **options: Any) -> Any:
        if path in ("concepts/page-000004.md", "quiet.md"):
            raise ValueError("simulated parser bug")
        return real(path, text, **options)

    monkeypatch.setattr(engine, "parse_document", failing)
    results = [run_cli(capsys, "check", "--no-cache", "-j", jobs, vault) for jobs in "123"]
    assert results[0] == results[1] == results[2]
    errors = [line for line in results[0].err.splitlines() if "simulated" in line]
    assert errors == [
        "vaultlint: error: concepts/page-000004.md: internal error in parsing: "
        "ValueError: simulated parser bug (please report this)",
        "vaultlint: error: quiet.md: internal error in parsing: "
        "ValueError: simulated parser bug (please report this)",
    ]
    assert results[0].code == 2


@linux_only
def test_an_unwritable_cache_is_said_once(tmp_path, capsys):
    vault = _generated_vault(tmp_path / "v", 30)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    cache = blocker / "cache"  # under a regular file: cannot be made, even by root
    # Only one folder is checked: the parent reads the other notes for vault-wide rules
    # after the workers, and meets the cache again.
    results = [
        run_cli(capsys, "check", "--cache-dir", cache, "-j", jobs, vault / "concepts")
        for jobs in "12"
    ]
    assert results[0] == results[1]
    assert results[0].err.count("cannot write the cache") == 1, results[0].err


@linux_only
def test_a_worker_killed_midway_gives_a_notice_and_the_serial_report(tmp_path):
    vault = _generated_vault(tmp_path / "v", 1500)
    command = [sys.executable, "-m", "vaultlint", "check", "--no-cache", str(vault)]
    serial = subprocess.run([*command, "-j", "1"], capture_output=True, text=True, timeout=300)
    process = subprocess.Popen(
        [*command, "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if workers:
            os.kill(workers[0], signal.SIGKILL)  # as the kernel does to a process out of memory
            killed = workers[0]
        time.sleep(0.01)
    out, err = process.communicate(timeout=300)  # before: waited for ever
    assert killed is not None, "no worker was seen"
    assert "checking in 2 processes failed (BrokenProcessPool" in err
    assert "checked in one" in err
    assert process.returncode == serial.returncode == 1
    assert out == serial.stdout
    # Nothing the pool had gathered before it broke is said twice.
    others = [line for line in err.splitlines() if "processes failed" not in line]
    assert others == serial.stderr.splitlines()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found
