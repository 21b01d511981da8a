"""Page types: what a note of each kind must contain, read from `[page-types.NAME]` tables.

A page type names its frontmatter fields, its sections (in their required order) and what
the items of some sections must look like. The tables come from a preset in `rules/` or the
user's configuration; `parse_page_types` checks them by hand (no pydantic: this runs on
every check) and words each mistake as one line naming the file and the key. The pydantic
models that validate frontmatter are built from these definitions in `vaultlint.fields`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from vaultlint.config import ConfigError, Settings
from vaultlint.document import Document, Span

FIELD_KINDS = ("text", "number", "integer", "boolean", "date", "datetime", "list", "link", "url")
ITEM_KINDS = ("text", "number", "integer", "date", "datetime", "link", "url")
CITATION_KINDS = ("source", "raw", "url", "page")
SECTION_ITEMS = ("links", "citations")
# Keys Obsidian itself gives meaning to, and the suppression key: never "unknown".
ALWAYS_ALLOWED = frozenset(
    {"aliases", "alias", "tags", "tag", "cssclasses", "cssclass", "publish", "permalink"}
    | {"vaultlint-disable"}
)


@dataclass(frozen=True)
class FieldSpec:
    key: str
    kind: str  # one of FIELD_KINDS
    required: bool = False
    values: tuple[Any, ...] = ()  # allowed values (of the field, or of each list item)
    pattern: str | None = None  # a regular expression text values must match entirely
    min_length: int | None = None
    max_length: int | None = None
    items: str = "text"  # the kind of each item of a list
    min_items: int | None = None
    default: Any = None  # what `vaultlint new` writes


@dataclass(frozen=True)
class SectionSpec:
    heading: str
    also: tuple[str, ...] = ()  # other accepted spellings
    required: bool = True
    may_be_empty: bool = False
    level: int | None = None  # None: the page's top section level
    items: str | None = None  # "links" or "citations": what each list item must hold
    min_items: int | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.heading, *self.also)


@dataclass(frozen=True)
class PageType:
    name: str
    summary: str = ""
    type_names: tuple[str, ...] = ()  # frontmatter values that choose this type
    paths: tuple[str, ...] = ()  # globs that choose it when the frontmatter names no type
    folder: str = ""  # where `vaultlint new` writes notes of this type
    unknown_fields: str = "allow"  # or "forbid"
    ordered: bool = True  # declared sections must appear in the declared order
    cites: tuple[str, ...] = ("source", "raw", "url")  # what a citation may point at
    any_of: tuple[tuple[str, ...], ...] = ()  # groups of fields of which one must be set
    fields: dict[str, FieldSpec] = field(default_factory=dict)
    sections: tuple[SectionSpec, ...] = ()
    origin: str = "configuration"  # the file it was declared in, for messages


def parse_page_types(
    raw: dict[str, Any], origins: dict[str, str] | None = None
) -> dict[str, PageType]:
    """Turn the `page-types` table into definitions; raise ConfigError on the first mistake."""
    origins = origins or {}
    types: dict[str, PageType] = {}
    for name, table in raw.items():
        where = origins.get(name, "configuration")
        key = f"page-types.{name}"
        types[name] = _page_type(name, _table(table, where, key), where, key)
    claimed: dict[str, str] = {}
    for page_type in types.values():
        for value in page_type.type_names:
            folded = value.casefold()
            if folded in claimed and claimed[folded] != page_type.name:
                raise ConfigError(
                    f"{page_type.origin}: key 'page-types.{page_type.name}.type-names': "
                    f"{value!r} already chooses page type '{claimed[folded]}'"
                )
            claimed[folded] = page_type.name
    return types


_TYPE_KEYS = {
    "summary", "type-names", "paths", "folder", "unknown-fields", "ordered", "cites",
    "any-of", "fields", "sections",
}  # fmt: skip
_FIELD_KEYS = {
    "type", "required", "values", "pattern", "min-length", "max-length", "items",
    "min-items", "default",
}  # fmt: skip
_SECTION_KEYS = {"heading", "also", "required", "empty", "level", "items", "min-items"}


def _page_type(name: str, table: dict[str, Any], where: str, key: str) -> PageType:
    _known_keys(table, _TYPE_KEYS, where, key)
    unknown_fields = _string(table, "unknown-fields", where, key, "allow")
    if unknown_fields not in ("allow", "forbid"):
        raise ConfigError(f'{where}: key \'{key}.unknown-fields\': must be "allow" or "forbid"')
    cites = _strings(table, "cites", where, key, ["source", "raw", "url"])
    for kind in cites:
        if kind not in CITATION_KINDS:
            raise ConfigError(
                f"{where}: key '{key}.cites': unknown citation kind {kind!r} "
                f"(known: {', '.join(CITATION_KINDS)})"
            )
    any_of = table.get("any-of", [])
    if not isinstance(any_of, list) or not all(
        isinstance(group, list) and group and all(isinstance(k, str) for k in group)
        for group in any_of
    ):
        raise ConfigError(f"{where}: key '{key}.any-of': must be a list of lists of field names")
    fields_table = _table(table.get("fields", {}), where, f"{key}.fields")
    fields = {
        field_key: _field(field_key, spec, where, f"{key}.fields.{field_key}")
        for field_key, spec in fields_table.items()
    }
    for group in any_of:
        for field_key in group:
            if field_key not in fields:
                raise ConfigError(
                    f"{where}: key '{key}.any-of': {field_key!r} is not a declared field "
                    f"(declare it under [{key}.fields])"
                )
    sections_list = table.get("sections", [])
    if not isinstance(sections_list, list):
        raise ConfigError(f"{where}: key '{key}.sections': must be a list of tables")
    sections = tuple(
        _section(_table(item, where, f"{key}.sections.{i}"), where, f"{key}.sections.{i}")
        for i, item in enumerate(sections_list)
    )
    seen: dict[str, str] = {}
    for section in sections:
        for spelling in section.spellings:
            folded = normalize_heading(spelling)
            if folded in seen:
                raise ConfigError(
                    f"{where}: key '{key}.sections': heading {spelling!r} is listed twice "
                    f"(also under {seen[folded]!r})"
                )
            seen[folded] = section.heading
    return PageType(
        name=name,
        summary=_string(table, "summary", where, key, ""),
        type_names=tuple(_strings(table, "type-names", where, key, [name])),
        paths=tuple(_strings(table, "paths", where, key, [])),
        folder=_string(table, "folder", where, key, "").strip("/"),
        unknown_fields=unknown_fields,
        ordered=_boolean(table, "ordered", where, key, True),
        cites=tuple(cites),
        any_of=tuple(tuple(group) for group in any_of),
        fields=fields,
        sections=sections,
        origin=where,
    )


def _field(field_key: str, written: Any, where: str, key: str) -> FieldSpec:
    table = _table({"type": written} if isinstance(written, str) else written, where, key)
    _known_keys(table, _FIELD_KEYS, where, key)
    kind = table.get("type")
    if kind not in FIELD_KINDS:
        raise ConfigError(
            f"{where}: key '{key}.type': unknown field type {kind!r} "
            f"(known: {', '.join(FIELD_KINDS)})"
        )
    items = _string(table, "items", where, key, "text")
    if items not in ITEM_KINDS:
        raise ConfigError(
            f"{where}: key '{key}.items': unknown item type {items!r} "
            f"(known: {', '.join(ITEM_KINDS)})"
        )
    pattern = table.get("pattern")
    if pattern is not None:
        if not isinstance(pattern, str):
            raise ConfigError(f"{where}: key '{key}.pattern': must be a string")
        try:
            re.compile(pattern)
        except re.error as error:
            raise ConfigError(
                f"{where}: key '{key}.pattern': not a valid regular expression: {error}"
            ) from None
    values = table.get("values", [])
    if not isinstance(values, list):
        raise ConfigError(f"{where}: key '{key}.values': must be a list")
    if kind not in ("text", "list") and any(
        table.get(name) is not None for name in ("pattern", "min-length", "max-length")
    ):
        raise ConfigError(
            f"{where}: key '{key}': pattern, min-length and max-length apply to text and lists"
        )
    if kind != "list" and table.get("min-items") is not None:
        raise ConfigError(f"{where}: key '{key}.min-items': applies to lists only")
    spec = FieldSpec(
        key=field_key,
        kind=kind,
        required=_boolean(table, "required", where, key, False),
        values=tuple(values),
        pattern=pattern,
        min_length=_count(table, "min-length", where, key),
        max_length=_count(table, "max-length", where, key),
        items=items,
        min_items=_count(table, "min-items", where, key),
        default=table.get("default"),
    )
    _check_examples(spec, where, key)
    return spec


def _check_examples(spec: FieldSpec, where: str, key: str) -> None:
    """`values` and `default` must themselves be valid values of the field."""
    from vaultlint.fields import FieldError, check_scalar, check_value

    kind = spec.items if spec.kind == "list" else spec.kind
    for value in spec.values:
        try:
            check_scalar(kind, value, FieldSpec(spec.key, kind))
        except FieldError as error:
            raise ConfigError(f"{where}: key '{key}.values': {value!r}: {error.message}") from None
    if spec.default is not None:
        try:
            check_value(spec, spec.default)
        except FieldError as error:
            raise ConfigError(f"{where}: key '{key}.default': {error.message}") from None


def _section(table: dict[str, Any], where: str, key: str) -> SectionSpec:
    _known_keys(table, _SECTION_KEYS, where, key)
    heading = table.get("heading")
    if not isinstance(heading, str) or not normalize_heading(heading):
        raise ConfigError(f"{where}: key '{key}.heading': must be the heading's text")
    level = table.get("level")
    if level is not None and (
        not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 6
    ):
        raise ConfigError(f"{where}: key '{key}.level': must be a heading level from 1 to 6")
    items = table.get("items")
    if items is not None and items not in SECTION_ITEMS:
        raise ConfigError(f"{where}: key '{key}.items': must be one of {', '.join(SECTION_ITEMS)}")
    return SectionSpec(
        heading=heading.strip(),
        also=tuple(_strings(table, "also", where, key, [])),
        required=_boolean(table, "required", where, key, True),
        may_be_empty=_boolean(table, "empty", where, key, False),
        level=level,
        items=items,
        min_items=_count(table, "min-items", where, key),
    )


def _table(value: Any, where: str, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: key '{key}': must be a table")
    return value


def _known_keys(table: dict[str, Any], known: set[str], where: str, key: str) -> None:
    for name in table:
        if name not in known:
            raise ConfigError(
                f"{where}: unknown key '{key}.{name}' (known keys: {', '.join(sorted(known))})"
            )


def _string(table: dict[str, Any], name: str, where: str, key: str, default: str) -> str:
    value = table.get(name, default)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: key '{key}.{name}': must be a string")
    return value


def _strings(
    table: dict[str, Any], name: str, where: str, key: str, default: list[str]
) -> list[str]:
    value = table.get(name, default)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: key '{key}.{name}': must be a list of strings")
    return value


def _boolean(table: dict[str, Any], name: str, where: str, key: str, default: bool) -> bool:
    value = table.get(name, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: key '{key}.{name}': must be true or false")
    return value


def _count(table: dict[str, Any], name: str, where: str, key: str) -> int | None:
    value = table.get(name)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ConfigError(f"{where}: key '{key}.{name}': must be a whole number of at least 0")
    return value


_SUFFIXES = re.compile(
    r"(?:\s+\^[A-Za-z0-9-]+"  # a block id
    r"|\s+#[^\s#]+"  # a tag
    r"|\s*%%.*?%%"  # an Obsidian comment
    r"|\s*<!--.*?-->"  # an HTML comment
    r"|[\s.,:;!?\u2026*_]+)$"  # trailing punctuation, spaces, closing emphasis
)
_LEADING_EMPHASIS = re.compile(r"^[*_]+")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def normalize_heading(text: str) -> str:
    """How headings are compared: case-insensitively, ignoring trailing punctuation,
    emphasis, block ids, tags and comments ("## **Sources:** ^src" is "sources")."""
    text = _LEADING_EMPHASIS.sub("", text.strip())
    while True:
        shorter = _SUFFIXES.sub("", text)
        if shorter == text:
            break
        text = shorter
    return _SPACES.sub(" ", text).casefold()


# --- choosing a note's page type ---------------------------------------------------------


@dataclass(frozen=True)
class TypeChoice:
    page_type: PageType | None
    unknown: str | None = None  # a frontmatter type value no page type declares
    unknown_span: Span | None = None
    malformed: bool = False  # the type value is not one text (a list, a number)


def page_types(settings: Settings, memo: dict[str, object]) -> dict[str, PageType]:
    """The configuration's page types, parsed once per run (kept in the index's memo)."""
    found = memo.get("page-types")
    if found is None:
        found = parse_page_types(settings.page_types, settings.page_type_origins)
        memo["page-types"] = found
    assert isinstance(found, dict)
    return found


def choose_type(document: Document, types: dict[str, PageType], type_key: str) -> TypeChoice:
    """The frontmatter's type value first; path globs only when it names none."""
    if not types:
        return TypeChoice(None)
    frontmatter = document.frontmatter
    entry = frontmatter.entry(type_key) if frontmatter and frontmatter.error is None else None
    if entry is not None and isinstance(entry.value, str) and entry.value.strip():
        wanted = entry.value.strip().casefold()
        for page_type in types.values():
            if any(name.casefold() == wanted for name in page_type.type_names):
                return TypeChoice(page_type)
        return TypeChoice(None, entry.value.strip(), entry.value_span)
    if entry is not None and entry.value is not None and not isinstance(entry.value, str):
        return TypeChoice(None, repr(entry.value), entry.value_span, malformed=True)
    for page_type in types.values():
        if any(path_matches(document.path, glob) for glob in page_type.paths):
            return TypeChoice(page_type)
    return TypeChoice(None)


def path_matches(path: str, glob: str) -> bool:
    """`entities/**` matches everything below `entities/`; `*` stays within one folder."""
    return _glob_regex(glob.strip("/")).fullmatch(path) is not None


def _glob_regex(glob: str) -> re.Pattern[str]:
    parts = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif glob.startswith("**", index):
            parts.append(".*")
            index += 2
        elif glob[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif glob[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(glob[index]))
            index += 1
    return re.compile("".join(parts))
