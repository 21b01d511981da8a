"""FMT, frontmatter: tags without `#` and without repeats, dates in ISO form, key order.

Each fix edits the YAML text in place (one scalar, one list item, or whole key blocks moved
as they are written), so comments, quoting and layout around it stay as they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vaultlint.datetext import read_date
from vaultlint.document import Document, Frontmatter, FrontmatterEntry, Span
from vaultlint.pagetypes import choose_type, page_types
from vaultlint.rule import Edit, Finding, Fix, NoteContext, Rule, Severity


def _usable(document: Document) -> Frontmatter | None:
    frontmatter = document.frontmatter
    if frontmatter is None or frontmatter.error is not None:
        return None
    return frontmatter


def _tags_entry(frontmatter: Frontmatter) -> FrontmatterEntry | None:
    for entry in frontmatter.entries:
        if entry.key.lower() == "tags":
            return entry
    return None


def _tags(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = _usable(document)
    if frontmatter is None:
        return
    entry = _tags_entry(frontmatter)
    if entry is None or not isinstance(entry.value, list):
        return
    text = document.text
    seen: dict[str, int] = {}
    items = [(i, tag) for i, tag in enumerate(entry.value) if isinstance(tag, str)]
    for index, tag in items:
        span = frontmatter.value_spans.get(f"{entry.key}.{index}")
        if span is None:
            continue
        name = tag.lstrip("#")
        folded = name.casefold()
        if folded in seen and name:
            edit = _remove_item(text, frontmatter, entry, index)
            yield FRONTMATTER_TAGS.at(
                document,
                span,
                f"tag '{name}' is listed twice (first as item {seen[folded] + 1}): remove this one",
                Fix.SAFE,
                (edit,) if edit else (),
            )
            continue
        seen[folded] = index
        if tag.startswith("#") and name:
            hash_at = span[0] + (1 if text[span[0]] in "\"'" else 0)
            if text[hash_at] == "#":
                yield FRONTMATTER_TAGS.at(
                    document,
                    span,
                    f"tag '{tag}' in frontmatter is written without '#': write '{name}'",
                    Fix.SAFE,
                    (Edit((hash_at, hash_at + 1), ""),),
                )


def _remove_item(
    text: str, frontmatter: Frontmatter, entry: FrontmatterEntry, index: int
) -> Edit | None:
    """Delete list item `index` of `entry`: its whole line in a block list, or the item
    and the comma before it in a flow list."""
    start, end = frontmatter.value_spans[f"{entry.key}.{index}"]
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.strip() == "-":  # block list: `  - tag`
        line_end = text.find("\n", end)
        if line_end < 0 or text[end:line_end].strip():
            return None
        return Edit((line_start, line_end + 1), "")
    previous = frontmatter.value_spans.get(f"{entry.key}.{index - 1}")
    if previous is None or text[entry.value_span[0]] != "[":
        return None
    between = text[previous[1] : start]
    if between.strip() != ",":
        return None
    return Edit((previous[1], end), "")


FRONTMATTER_TAGS = Rule(
    code="FMT012",
    name="frontmatter-tags",
    summary="A frontmatter tag written with `#`, or listed twice.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    fix_changes=frozenset({"frontmatter", "tags"}),
    why="In the `tags` property Obsidian wants tag names without `#` (a quoted '#ai' is a "
    "different string from 'ai' to every other tool), and a repeated tag is noise an agent "
    "added twice. Tags compare case-insensitively, as in Obsidian.",
    bad="tags:\n  - '#ai'\n  - llm\n  - AI",
    good="tags:\n  - ai\n  - llm",
    check_note=_tags,
)


def _date_keys(document: Document, context: NoteContext) -> set[str]:
    settings = context.settings
    keys = {settings.created_key, settings.updated_key, *settings.snapshot_date_keys}
    if settings.page_types:
        types = page_types(settings, context.index.memo)
        page_type = choose_type(document, types, settings.type_key).page_type
        if page_type is not None:
            keys.update(k for k, spec in page_type.fields.items() if spec.kind == "date")
    return keys


def _dates(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = _usable(document)
    if frontmatter is None:
        return
    keys = _date_keys(document, context)
    order = context.settings.date_order
    for entry in frontmatter.entries:
        if entry.key not in keys or not isinstance(entry.value, str):
            continue
        reading = read_date(entry.value, order)
        if reading is None:
            continue
        written = document.text[entry.value_span[0] : entry.value_span[1]]
        if "\n" in written or "\r" in written or written.lstrip()[:1] in ("|", ">", "&", "*"):
            continue  # a block scalar, anchor or alias: rewriting it in place could break YAML
        if reading.iso is None:
            yield FRONTMATTER_DATE_FORMAT.at(
                document,
                entry.value_span,
                f"'{entry.key}' is {entry.value!r}: write it as YYYY-MM-DD (day and month "
                'could be swapped; set date-order = "dmy" or "mdy" to fix it automatically)',
            )
            continue
        yield FRONTMATTER_DATE_FORMAT.at(
            document,
            entry.value_span,
            f"'{entry.key}' is {entry.value!r}: write it as {reading.iso}",
            Fix.SAFE,
            (Edit(entry.value_span, reading.iso),),
        )


FRONTMATTER_DATE_FORMAT = Rule(
    code="FMT013",
    name="frontmatter-date-format",
    summary="A frontmatter date written in another form than YYYY-MM-DD.",
    severity=Severity.WARNING,
    fix=Fix.SAFE,
    fix_changes=frozenset({"frontmatter"}),
    why="Obsidian's date properties, Dataview and every sorting tool read YYYY-MM-DD; "
    "`01/02/2026` or `Jan 5, 2026` is text to them. Numeric dates with the year last are "
    "fixed only where the vault's `date-order` (or a number above 12) says which is the day. "
    "Checked keys: created, updated, the snapshot date keys and fields a page type declares "
    "as dates. While this rule runs, DAT006 leaves such values to it (one finding, not two).",
    bad="created: 01/02/2026\nupdated: Jan 5, 2026",
    good="created: 2026-02-01\nupdated: 2026-01-05",
    check_note=_dates,
)


def _key_order(document: Document, context: NoteContext) -> Iterator[Finding]:
    frontmatter = _usable(document)
    settings = context.settings
    if frontmatter is None or not settings.page_types:
        return
    types = page_types(settings, context.index.memo)
    page_type = choose_type(document, types, settings.type_key).page_type
    if page_type is None or not page_type.fields:
        return
    declared = list(page_type.fields)
    entries = frontmatter.entries
    if len({entry.key for entry in entries}) != len(entries):
        return
    ranked = [entry for entry in entries if entry.key in page_type.fields]
    wanted = sorted(ranked, key=lambda entry: declared.index(entry.key))
    if [e.key for e in ranked] == [e.key for e in wanted]:
        return
    text = document.text
    content = text[frontmatter.content_span[0] : frontmatter.content_span[1]]
    if _ANCHORS.search(content):
        return  # an alias must follow its anchor: moving keys could break it
    blocks = _key_blocks(text, frontmatter)
    if blocks is None:
        return
    pieces = []
    slots = iter(wanted)
    for entry in entries:
        source = next(slots) if entry.key in page_type.fields else entry
        start, end = blocks[source.key]
        pieces.append(text[start:end])
    first = blocks[entries[0].key][0]
    last = blocks[entries[-1].key][1]
    misplaced = next(e for e, w in zip(ranked, wanted, strict=True) if e.key != w.key)
    yield FRONTMATTER_KEY_ORDER.at(
        document,
        misplaced.key_span,
        f"frontmatter keys are not in the order {page_type.name} pages declare: "
        + ", ".join(e.key for e in wanted),
        Fix.SAFE,
        (Edit((first, last), "".join(pieces)),),
    )


def _key_blocks(text: str, frontmatter: Frontmatter) -> dict[str, Span] | None:
    """Each top-level key's text, from its line to the next key's line (comments and
    blank lines above a key travel with it). None when a block would not end a line."""
    entries = frontmatter.entries
    starts = []
    for number, entry in enumerate(entries):
        key_line = text.rfind("\n", 0, entry.key_span[0]) + 1
        if number == 0:
            starts.append(key_line)
            continue
        value_end = _value_end(text, entries[number - 1].value_span)
        after_value = value_end if text[value_end - 1] == "\n" else text.find("\n", value_end) + 1
        starts.append(min(after_value, key_line) if after_value > 0 else key_line)
    end = frontmatter.content_span[1]
    blocks = {}
    for number, entry in enumerate(frontmatter.entries):
        block_end = starts[number + 1] if number + 1 < len(starts) else end
        if not text[starts[number] : block_end].endswith(("\n", "\r")):
            return None
        blocks[entry.key] = (starts[number], block_end)
    return blocks


_ANCHORS = re.compile(r"(?m)(?:^|[\s:\-\[,])[&*][^\s,\]]+")


def _value_end(text: str, span: Span) -> int:
    """The end of a value without the comment and blank lines YAML counts into a block
    value: those belong to the key below them."""
    start, end = span
    lines = text[start:end].splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].startswith("#")):
        end -= len(lines.pop())  # only a comment at the margin: indented, it is content
    return end


FRONTMATTER_KEY_ORDER = Rule(
    code="FMT014",
    name="frontmatter-key-order",
    summary="Frontmatter keys out of the order the page type declares its fields in.",
    severity=Severity.INFO,
    fix=Fix.SAFE,
    default=False,
    why="One order for every page of a type keeps frontmatter readable and diffs of "
    "regenerated pages small. Off by default: key order is a house style. Keys the type does "
    "not declare keep their places; each key moves with its comments and value lines.",
    bad="---\nupdated: 2026-02-03\ntitle: Leverage\n---",
    good="---\ntitle: Leverage\nupdated: 2026-02-03\n---",
    check_note=_key_order,
)

RULES = [FRONTMATTER_TAGS, FRONTMATTER_DATE_FORMAT, FRONTMATTER_KEY_ORDER]
