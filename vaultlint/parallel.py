"""Check the notes of a large vault in several processes.

Workers are forked from the run once the vault is discovered and its index set up, so they
inherit the files, the settings, the rules and the lazy index without pickling them. Two
stages, each over contiguous chunks of the linted notes:

1. read: each worker parses its chunks and sends the documents back pickled (a third of
   a parse to unpickle, once the cycle collector is kept out of it);
2. check: workers forked again, from a parent that now holds every document, check their
   chunks as a serial run does (`engine.check_note`), unpickling the notes that links point
   into instead of parsing them again (with random links, each worker would otherwise
   parse most of the vault).

Workers send back findings, what they could not read, internal errors and notices; the
parent merges chunks in order, so the report is the serial run's, and keeps the documents
for vault-wide rules and suppressions, unpickled only when one reads them.

Forking is used only where it is the platform's own, well-tried way (Linux); elsewhere, and
when anything about the pool fails, the run is serial.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from vaultlint.index import LazyDocuments

if TYPE_CHECKING:
    from vaultlint.document import Document
    from vaultlint.engine import VaultRun
    from vaultlint.files import ReadProblem
    from vaultlint.rule import Finding

# Below this many notes a pool costs more than it saves (forking, pickling documents).
MIN_NOTES = 400
CHUNKS_PER_JOB = 8  # small enough to balance the load and move the progress bar
PROGRESS_AFTER_SECONDS = 1.0

# The run being checked, set in the parent just before forking; workers read it.
_RUN: VaultRun | None = None
_TODAY = ""


@dataclass
class ChunkResult:
    findings: list[tuple[str, list[Finding]]]
    documents: dict[str, bytes]
    without_directives: set[str]  # notes with no suppression comment
    unparsed: set[str]  # notes that gave no document (read problem or parser failure)
    problems: dict[str, ReadProblem] = field(default_factory=dict)
    internal_errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def job_count(notes: int, jobs: int | None) -> int:
    """How many processes to use: an explicit `--jobs` is obeyed (never more than one per
    note); otherwise every core once the vault is large enough to be worth it."""
    if sys.platform != "linux" or notes < 2:
        return 1
    if jobs is not None:
        return max(1, min(jobs, notes))
    return available_cores() if notes >= MIN_NOTES else 1


def check_notes(
    run: VaultRun, today: str, jobs: int | None, progress_bar: bool = True
) -> dict[str, list[Finding]] | None:
    """Every linted note's findings, from a pool of workers; None when the run should be
    serial (one core, a small vault, or a pool that failed: then the run is as it was)."""
    count = job_count(len(run.linted), jobs)
    if count < 2:
        return None
    chunks = _chunks(run.linted, count * CHUNKS_PER_JOB)
    global _RUN, _TODAY
    _RUN, _TODAY = run, today
    progress = Progress(len(run.linted), sys.stderr if progress_bar else None)
    before = _Marks(run)
    raw: dict[str, list[Finding]] = {}
    try:
        context = multiprocessing.get_context("fork")
        # First every note is parsed once, in some worker; then workers forked from a
        # parent holding all those documents check the notes, unpickling the ones a
        # note's links point into instead of parsing them again. An executor, not a
        # Pool: a worker that dies (killed for memory, say) fails the run's futures
        # instead of leaving the parent waiting for ever.
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            progress.stage = "read"
            for chunk, result in zip(chunks, pool.map(_parse_chunk, chunks), strict=True):
                _merge(run, result)
                progress.advance(len(chunk))
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            progress.restart("checked")
            for chunk, result in zip(chunks, pool.map(_check_chunk, chunks), strict=True):
                _merge(run, result)
                raw.update(result.findings)
                progress.advance(len(chunk))
    except Exception as error:  # a pool that cannot start or a worker that died
        progress.finish()
        before.restore()  # the serial run starts from scratch: nothing said twice
        run.files.notices.append(
            f"checking in {count} processes failed ({type(error).__name__}: {error}); "
            "checked in one"
        )
        return None
    finally:
        _RUN = None
    progress.finish()
    return raw


def _chunks(paths: list[str], wanted: int) -> list[list[str]]:
    size = max(1, -(-len(paths) // wanted))
    return [paths[start : start + size] for start in range(0, len(paths), size)]


def _parse_chunk(paths: list[str]) -> ChunkResult:
    """In a worker: parse `paths` and send the documents back pickled."""
    from vaultlint.suppress import find_directives

    run = _RUN
    assert run is not None
    before = _Marks(run)
    documents = run.index.documents
    blobs = {}
    plain = set()
    unparsed = set()
    for path in paths:
        document = documents.get(path)
        if document is None:
            unparsed.add(path)  # unreadable, or the parser failed: said once, here
            continue
        blobs[path] = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        if not find_directives(document):
            plain.add(path)
        if isinstance(documents, LazyDocuments):
            documents.forget(path)  # sent on; this worker needs it no more
    return before.result([], blobs, plain, unparsed)


def _check_chunk(paths: list[str]) -> ChunkResult:
    """In a worker: check `paths` as the serial run would."""
    from vaultlint.engine import check_note

    run = _RUN
    assert run is not None
    before = _Marks(run)
    findings = [(path, check_note(run, path, _TODAY)) for path in paths]
    return before.result(findings, {}, set(), set())


class _Marks:
    """What a run held at one moment: in a worker, to send back only what a chunk added;
    in the parent, to put the run back as it was when the pool fails."""

    def __init__(self, run: VaultRun) -> None:
        self.run = run
        self.problems = set(run.problems)
        self.unreadable = set(run.index.unreadable)
        self.errors = len(run.internal_errors)
        self.notices = len(run.files.notices)

    def result(
        self,
        findings: list[tuple[str, list[Finding]]],
        documents: dict[str, bytes],
        without_directives: set[str],
        unparsed: set[str],
    ) -> ChunkResult:
        run = self.run
        return ChunkResult(
            findings,
            documents,
            without_directives,
            unparsed,
            {path: problem for path, problem in run.problems.items() if path not in self.problems},
            run.internal_errors[self.errors :],
            run.files.notices[self.notices :],
        )

    def restore(self) -> None:
        run = self.run
        documents = run.index.documents
        if isinstance(documents, LazyDocuments):
            for path in run.linted:  # what the workers marked unparsed is read afresh
                documents.forget(path)
        for path in set(run.problems) - self.problems:
            del run.problems[path]
        run.index.unreadable.intersection_update(self.unreadable)
        del run.internal_errors[self.errors :]
        del run.files.notices[self.notices :]
        run.transferred.clear()
        run.without_directives.clear()


def _merge(run: VaultRun, result: ChunkResult) -> None:
    run.transferred.update(result.documents)
    run.without_directives.update(result.without_directives)
    documents = run.index.documents
    if isinstance(documents, LazyDocuments):
        for path in result.unparsed:
            # Known to yield no document: neither the check stage nor the parent tries again.
            documents.mark_unparsed(path)
    for path, problem in result.problems.items():
        run.problems.setdefault(path, problem)
        run.index.unreadable.add(path)
    # Every worker may meet an unwritable cache: engine.check says each notice and error
    # once, in path order, however many processes met it.
    run.internal_errors.extend(result.internal_errors)
    run.files.notices.extend(result.notices)


def unpickle_document(blob: bytes) -> Document:
    """A document a worker of this run parsed (never data read from disk)."""
    enabled = gc.isenabled()
    gc.disable()  # many small objects at once: collecting during the load only costs
    try:
        document: Document = pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
    return document


class Progress:
    """`checked 4,000 of 10,000 notes` on standard error, rewritten in place, when it is
    a terminal and the run has taken more than a second; nothing otherwise."""

    def __init__(
        self, total: int, stream: TextIO | None, after_seconds: float = PROGRESS_AFTER_SECONDS
    ) -> None:
        self.total = total
        self.after_seconds = after_seconds
        self.stage = "checked"
        self.done = 0
        self.stream = stream
        self.started = time.monotonic()
        self.shown = False
        try:
            self.enabled = stream is not None and stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def advance(self, notes: int) -> None:
        self.done += notes
        if not self.enabled or self.stream is None:
            return
        if not self.shown and time.monotonic() - self.started < self.after_seconds:
            return
        self.shown = True
        width = 30
        filled = width * self.done // max(1, self.total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {self.stage} {self.done:,} of {self.total:,} notes")
        self.stream.flush()

    def restart(self, stage: str) -> None:
        """Count again from zero for the next stage (the bar, if shown, stays)."""
        self.stage = stage
        self.done = 0

    def finish(self) -> None:
        if self.shown and self.stream is not None:
            self.stream.write("\r\033[K")  # clear the line: the report follows
            self.stream.flush()
            self.shown = False
