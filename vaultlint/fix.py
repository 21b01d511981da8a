"""Applying fixes without ever losing data.

A fix is a set of text edits on the original note (see `rule.Edit`). The engine applies the
non-overlapping edits of all fixable findings, re-checks the new text, and repeats until
nothing changes (at most `MAX_ROUNDS` times). Before anything is written, the fixed text is
parsed again and what no applied rule may change (links, headings, code, math, frontmatter
values, tags, block ids) is compared with the original, as black compares syntax trees: on
a difference nothing is written. Writes are atomic and keep the file's permissions; a file
that changed on disk since it was read is left alone.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vaultlint.document import Document
from vaultlint.parse import parse_document
from vaultlint.rule import Edit, Finding, Fix
from vaultlint.source import BOM

MAX_ROUNDS = 10

# What a fix may change, by category; rules declare theirs in `Rule.fix_changes`.
CATEGORIES = ("links", "headings", "code", "frontmatter", "tags", "blocks")


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (offsets into `text`); everything else stays as it is."""
    pieces = []
    last = 0
    for edit in sorted(edits, key=lambda e: e.span):
        start, end = edit.span
        if start < last:
            raise ValueError(f"overlapping edits at {start}")
        pieces.append(text[last:start])
        pieces.append(edit.text)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def choose(findings: list[Finding], unsafe: bool) -> list[Finding]:
    """The applicable findings whose edits overlap no earlier chosen finding's edits."""
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []
    inserted: set[tuple[tuple[int, int], str]] = set()
    for finding in sorted(findings, key=lambda f: f.edits[0].span if f.edits else (0, 0)):
        if not finding.edits or finding.fix is Fix.NONE:
            continue
        if finding.fix is Fix.UNSAFE and not unsafe:
            continue
        spans = [edit.span for edit in finding.edits]
        if any(_overlap(s, t) for s in spans for t in taken):
            continue
        if any((edit.span, edit.text) in inserted for edit in finding.edits):
            continue  # the same text at the same point: one blank line, not two
        chosen.append(finding)
        taken.extend(spans)
        inserted.update((edit.span, edit.text) for edit in finding.edits)
    return chosen


def _overlap(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Edits overlap when they share a character, or replace the same empty span with
    something while one of them also removes text there. Two insertions at one point may
    both apply (in finding order): an index gains several entries in one round."""
    if one[0] < other[1] and other[0] < one[1]:
        return True
    return one == other and one[0] != one[1]


def summary(document: Document) -> dict[str, object]:
    """What a fix must not change unless a rule says it may, by category."""
    text = document.text
    frontmatter = document.frontmatter
    return {
        # a multiset: moving a frontmatter key may reorder links without changing any
        "links": sorted((link.kind.value, link.target, link.is_embed) for link in document.links),
        "headings": [(h.level, h.text, h.top_level) for h in document.headings],
        "code": [text[start:end] for start, end in document.code_spans],
        "frontmatter": None if frontmatter is None else (frontmatter.data, frontmatter.error),
        "tags": [tag.name for tag in document.tags],
        "blocks": [block.name for block in document.block_ids],
    }


@dataclass
class FixOutcome:
    document: Document  # the note after fixing (the original when nothing applied)
    applied: list[Finding] = field(default_factory=list)
    rounds: int = 0
    bound_hit: bool = False
    refused: str | None = None  # why the fixed text was not kept

    @property
    def changed(self) -> bool:
        return bool(self.applied) and self.refused is None


def fix_document(
    document: Document,
    check: Callable[[Document], list[Finding]],
    allowed: Callable[[Finding], frozenset[str]],
    *,
    unsafe: bool,
    links_in_comments: bool = True,
) -> FixOutcome:
    """Fix one note in rounds; `check` returns the (unsuppressed) findings of a document,
    `allowed` the categories a finding's fix may change."""
    original = document
    current = document
    findings = check(current)
    outcome = FixOutcome(document)
    for round_number in range(1, MAX_ROUNDS + 1):
        chosen = choose(findings, unsafe)
        if not chosen:
            break
        edits = [edit for finding in chosen for edit in finding.edits]
        text = apply_edits(current.text, edits)
        if text == current.text:
            break
        current = parse_document(
            current.path, _with_bom(text, current), links_in_comments=links_in_comments
        )
        outcome.applied.extend(chosen)
        outcome.rounds = round_number
        findings = check(current)
    else:
        outcome.bound_hit = bool(choose(findings, unsafe))
    if not outcome.applied:
        return outcome
    may_change = frozenset().union(*(allowed(finding) for finding in outcome.applied))
    before, after = summary(original), summary(current)
    changed = [
        name for name in CATEGORIES if before[name] != after[name] and name not in may_change
    ]
    if changed:
        rules = ", ".join(sorted({finding.code for finding in outcome.applied}))
        outcome.refused = (
            f"the fixes of {rules} would also change {', '.join(changed)}; nothing was written "
            "(please report this)"
        )
        return FixOutcome(original, rounds=outcome.rounds, refused=outcome.refused)
    outcome.document = current
    return outcome


def _with_bom(text: str, document: Document) -> str:
    return BOM + text if document.source.has_bom else text


def file_text(document: Document) -> str:
    """The note's full text as stored: with its byte-order mark if it had one."""
    return _with_bom(document.text, document)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff that `patch -p1` and `git apply` take: lines split at LF only (a
    U+2028 or form feed inside a line stays inside it), file names ended by a tab."""
    lines = difflib.unified_diff(
        _lines(before), _lines(after), fromfile=f"a/{path}\t", tofile=f"b/{path}\t", n=3
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def _lines(text: str) -> list[str]:
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


def write_atomically(path: Path, expected: str, text: str) -> str | None:
    """Replace the file's text; None on success, else why nothing was written.

    `expected` is the text read before fixing: if the file changed since, it is not
    overwritten. A symbolic link is written through to its target (the link stays a link);
    a read-only file is left alone. The new content goes to a temporary file in the same
    folder (same file system, so the rename is atomic) with the original permissions and
    owner, is flushed to disk, then replaces the file.
    """
    target = Path(os.path.realpath(path))
    if not os.access(target, os.W_OK):
        return "the file is read-only; it was not fixed"
    try:
        current = target.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return f"cannot read the file again before writing: {error}"
    if current != expected:
        return "the file changed on disk while it was being checked; it was not overwritten"
    try:
        info = os.stat(target)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".vaultlint-tmp", dir=target.parent
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(text.encode("utf-8"))
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, info.st_mode & 0o7777)
            with contextlib.suppress(OSError):  # not allowed to give it away: ours, then
                os.chown(temporary, info.st_uid, info.st_gid)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        return f"cannot write the fixed note: {error.strerror or error}"
    return None
