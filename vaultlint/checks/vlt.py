"""VLT: the note as a file: readable, decodable, with valid frontmatter, not empty.

VLT001, VLT002 and VLT006 are found while reading the file (see `vaultlint.files`); VLT005
(unused suppression) is found by the engine after every other rule has run. Their entries
here carry the documentation and defaults.
"""

from __future__ import annotations

from collections.abc import Iterator

from vaultlint.document import Document
from vaultlint.rule import Finding, NoteContext, Rule, Scope, Severity

UNREADABLE_FILE = Rule(
    code="VLT001",
    name="unreadable-file",
    summary="A note that cannot be read: no permission, an I/O error, or not a regular file.",
    severity=Severity.ERROR,
    scope=Scope.FILE,
    why="A note that cannot be read is invisible to every other rule, and usually to "
    "Obsidian and git as well. FIFOs and devices named `.md` are never opened.",
    bad="$ chmod 000 notes/idea.md",
    good="$ chmod 644 notes/idea.md",
)

INVALID_ENCODING = Rule(
    code="VLT002",
    name="invalid-encoding",
    summary="A note that is not UTF-8 text (invalid bytes, or binary content with NUL bytes).",
    severity=Severity.ERROR,
    scope=Scope.FILE,
    why="Obsidian reads notes as UTF-8; other bytes show as replacement characters and are "
    "lost on the next save. A binary file named `.md` is usually a misnamed attachment.",
    bad="caf\\xe9 (Latin-1 bytes)",
    good="café (UTF-8)",
)


def _frontmatter_syntax(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is None:
        return
    offset = frontmatter.error.offset
    yield FRONTMATTER_SYNTAX.at(
        document,
        (offset, offset + 1),
        f"{frontmatter.error.message}; Obsidian ignores every property of this note until "
        "it is fixed",
    )


FRONTMATTER_SYNTAX = Rule(
    code="VLT003",
    name="frontmatter-syntax",
    summary="Frontmatter that Obsidian cannot read: invalid YAML, not a mapping, "
    "duplicate keys, or no closing `---`.",
    severity=Severity.ERROR,
    why="When the YAML block does not parse, Obsidian drops all properties of the note: "
    "its tags, aliases and type disappear silently. An unquoted `: ` inside a generated "
    "summary is the most common cause.",
    bad="---\nsummary: Karpathy: a researcher\n---",
    good='---\nsummary: "Karpathy: a researcher"\n---',
    check_note=_frontmatter_syntax,
)


def _empty_note(document: Document, context: NoteContext) -> Iterator[Finding]:
    if document.visible_body.strip():  # a note holding only comments shows nothing
        return
    if document.frontmatter is not None and document.frontmatter.error is not None:
        return
    yield EMPTY_NOTE.at(
        document,
        (0, 0),
        "note is empty"
        + (" apart from its frontmatter" if document.frontmatter else "")
        + ": write its content, or delete the note",
    )


EMPTY_NOTE = Rule(
    code="VLT004",
    name="empty-note",
    summary="A note with no content (only whitespace, comments or frontmatter).",
    severity=Severity.WARNING,
    why="Empty notes are usually placeholders created by clicking an unresolved link; "
    "they make a link look resolved while the page says nothing.",
    bad="---\ntitle: Leverage\n---\n",
    good="---\ntitle: Leverage\n---\nLeverage is a force multiplier for judgment.",
    check_note=_empty_note,
)

UNUSED_SUPPRESSION = Rule(
    code="VLT005",
    name="unused-suppression",
    summary="A `vaultlint-disable` comment or frontmatter key that suppresses nothing.",
    severity=Severity.WARNING,
    why="Suppressions outlive the problems they hid; an unused one hides the next real "
    "problem on that line. Unknown rule codes in a suppression are reported here too.",
    bad="A fine line. %% vaultlint-disable-line VLT004 %%",
    good="A fine line.",
)

NOTE_TOO_LARGE = Rule(
    code="VLT006",
    name="note-too-large",
    summary="A note larger than `max-file-size` (10 MB by default); it is not checked.",
    severity=Severity.WARNING,
    scope=Scope.FILE,
    why="Multi-megabyte notes are usually generated dumps that slow Obsidian and every "
    "tool; checking them would dominate the run. Its name still resolves links.",
    bad="dump.md (50 MB)",
    good="dump.md split into notes, or max-file-size = 60000000 in vaultlint.toml",
)

RULES = [
    UNREADABLE_FILE,
    INVALID_ENCODING,
    FRONTMATTER_SYNTAX,
    EMPTY_NOTE,
    UNUSED_SUPPRESSION,
    NOTE_TOO_LARGE,
]
