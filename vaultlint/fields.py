"""Frontmatter validation: each page type compiles once into a pydantic model.

Field kinds are small validators of our own (wrapped as pydantic `PlainValidator`s) rather
than pydantic's built-in types, for two reasons: YAML values must be judged as Obsidian
judges them (`2026-01-20` is a date written as text; `true` is not text), and each error
must say what to write, in words an agent can act on. Every error carries the index of the
list item it is about, so that the finding can point at that item in the note.

Obsidian's own property types (`.obsidian/types.json`) compile the same way into a model
that every note is checked against.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from pydantic import BaseModel

from vaultlint.pagetypes import ALWAYS_ALLOWED, FieldSpec, PageType

# Obsidian's property types, as `.obsidian/types.json` names them -> our field kinds.
OBSIDIAN_KINDS = {
    "text": FieldSpec("", "text"),
    "multitext": FieldSpec("", "list", items="text"),
    "number": FieldSpec("", "number"),
    "checkbox": FieldSpec("", "boolean"),
    "date": FieldSpec("", "date"),
    "datetime": FieldSpec("", "datetime"),
    "aliases": FieldSpec("", "list", items="text"),
    "tags": FieldSpec("", "list", items="text"),
}
_AGREEING = {  # our kind -> the Obsidian types it agrees with
    "text": {"text"},
    "link": {"text"},
    "url": {"text"},
    "number": {"number"},
    "integer": {"number"},
    "boolean": {"checkbox"},
    "date": {"date"},
    "datetime": {"datetime"},
    "list": {"multitext", "aliases", "tags"},
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?"
)
_LINK = re.compile(r"\[\[[^\[\]]+\]\]")
_KIND_WORDS = {
    "text": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "datetime": "a date and time (YYYY-MM-DDTHH:MM)",
    "list": "a list",
    "link": 'a quoted link ("[[note]]")',
    "url": "a URL (https://...)",
}


class FieldError(ValueError):
    """One wrong value: `item` is the list index it is about, if any."""

    def __init__(self, message: str, item: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.item = item


@dataclass(frozen=True)
class Problem:
    """A validation error in the note's terms: the key path and what is wrong."""

    key: str
    item: int | None  # list index within the key's value, if the error is about one item
    kind: str  # "missing", "invalid" or "unknown"
    message: str


def expected(spec: FieldSpec) -> str:
    """The expected type in words, for messages and `vaultlint schema` descriptions."""
    words = f"a list of {_plural(spec.items)}" if spec.kind == "list" else _KIND_WORDS[spec.kind]
    if spec.values:
        words += (
            " (one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in spec.values) + ")"
        )
    if spec.pattern:
        words += f" matching /{spec.pattern}/"
    return words


def _plural(kind: str) -> str:
    return {
        "text": "text values",
        "number": "numbers",
        "integer": "whole numbers",
        "date": "dates (YYYY-MM-DD)",
        "datetime": "dates and times",
        "link": 'quoted links ("[[note]]")',
        "url": "URLs",
    }[kind]


def shown(value: Any) -> str:
    """A YAML value as the user wrote it, roughly, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def check_scalar(kind: str, value: Any, spec: FieldSpec) -> None:
    """Raise FieldError when `value` is not of `kind` (a field kind or a list item kind)."""
    if kind == "text":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise FieldError(f"expected text, got {shown(value)}")
        text = str(value)
        if spec.pattern and re.fullmatch(spec.pattern, text) is None:
            raise FieldError(f"{shown(text)} does not match /{spec.pattern}/")
        if spec.min_length is not None and len(text.strip()) < spec.min_length:
            raise FieldError(
                "is empty" if not text.strip() else f"is shorter than {spec.min_length} characters"
            )
        if spec.max_length is not None and len(text) > spec.max_length:
            raise FieldError(f"is {len(text)} characters long; at most {spec.max_length} allowed")
    elif kind in ("number", "integer"):
        ok = int if kind == "integer" else int | float
        if isinstance(value, bool) or not isinstance(value, ok):
            raise FieldError(f"expected {_KIND_WORDS[kind]}, got {shown(value)}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise FieldError(f"expected true or false, got {shown(value)}")
    elif kind == "date":
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise FieldError(f"expected a date written YYYY-MM-DD, got {shown(value)}")
        _real_date(value)
    elif kind == "datetime":
        match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            raise FieldError(
                f"expected a date and time written YYYY-MM-DDTHH:MM, got {shown(value)}"
            )
        _real_date(match.group(1))
        if int(match.group(2)) > 23 or int(match.group(3)) > 59 or int(match.group(4) or 0) > 59:
            raise FieldError(f"{shown(value)} is not a time of day")
    elif kind == "link":
        if not isinstance(value, str) or not _LINK.fullmatch(value.strip()):
            raise FieldError(f'expected a quoted link such as "[[note]]", got {shown(value)}')
    elif kind == "url":
        parts = urlsplit(value) if isinstance(value, str) else None
        if parts is None or parts.scheme not in ("http", "https", "ftp") or not parts.netloc:
            raise FieldError(f"expected a URL starting with https://, got {shown(value)}")
    if spec.values and value not in spec.values:
        allowed = ", ".join(shown(v) for v in spec.values)
        raise FieldError(f"{shown(value)} is not one of the allowed values: {allowed}")


def _real_date(text: str) -> None:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise FieldError(f"{shown(text)} is not a real date") from None


def check_value(spec: FieldSpec, value: Any, *, lenient_lists: bool = False) -> None:
    """Raise FieldError when a present value breaks `spec` (None is an empty property)."""
    if value is None:  # `key:` with nothing after it: Obsidian's empty property
        if spec.required:
            raise FieldError(f"is empty; it must be {expected(spec)}")
        return
    if spec.kind != "list":
        check_scalar(spec.kind, value, spec)
        return
    if isinstance(value, str) and lenient_lists:
        value = [value]  # Obsidian reads a single text as a one-item list
    if not isinstance(value, list):
        raise FieldError(f"expected {expected(spec)}, got {shown(value)}")
    item_spec = FieldSpec(spec.key, spec.items, values=spec.values, pattern=spec.pattern)
    for index, item in enumerate(value):
        if item is None:
            continue  # an empty list item: Obsidian drops it
        try:
            check_scalar(spec.items, item, item_spec)
        except FieldError as error:
            raise FieldError(f"item {index + 1}: {error.message}", index) from None
    if spec.min_items is not None and len(value) < spec.min_items:
        raise FieldError(f"has {len(value)} items; at least {spec.min_items} needed")


def json_schema_of(spec: FieldSpec) -> dict[str, Any]:
    """The JSON Schema of one field (what `vaultlint schema` prints)."""
    schema = _scalar_schema(spec.kind if spec.kind != "list" else spec.items, spec)
    if spec.kind == "list":
        schema = {"type": "array", "items": schema}
        if spec.min_items is not None:
            schema["minItems"] = spec.min_items
    schema["description"] = f"{expected(spec)}{'' if spec.required else ' (optional)'}"
    if not spec.required:
        schema = {"anyOf": [schema, {"type": "null"}], "description": schema.pop("description")}
    return schema


def _scalar_schema(kind: str, spec: FieldSpec) -> dict[str, Any]:
    kinds: dict[str, dict[str, Any]] = {
        "text": {"type": ["string", "number"]},
        "number": {"type": "number"},
        "integer": {"type": "integer"},
        "boolean": {"type": "boolean"},
        "date": {"type": "string", "format": "date"},
        "datetime": {"type": "string", "format": "date-time"},
        "link": {"type": "string", "pattern": r"^\[\[[^\[\]]+\]\]$"},
        "url": {"type": "string", "format": "uri"},
    }
    schema = dict(kinds[kind])
    if spec.values:
        schema["enum"] = list(spec.values)
    if spec.pattern and kind == "text":
        schema["pattern"] = f"^(?:{spec.pattern})$"
    if spec.min_length is not None:
        schema["minLength"] = spec.min_length
    if spec.max_length is not None:
        schema["maxLength"] = spec.max_length
    return schema


# --- pydantic models ----------------------------------------------------------------------


@dataclass(frozen=True)
class Validator:
    """A compiled model and the fields it knows, ready to validate frontmatter data."""

    model: type[BaseModel]
    specs: dict[str, FieldSpec]
    any_of: tuple[tuple[str, ...], ...] = ()

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        from pydantic import ValidationError

        try:
            self.model.model_validate(data)
        except ValidationError as error:
            found = [_problem(item, self.specs) for item in error.errors()]
        else:
            found = []
        for group in self.any_of:
            if all(data.get(key) in (None, "", []) for key in group):
                found.append(Problem(group[0], None, "missing", "one of: " + ", ".join(group)))
        return found


def _problem(error: Any, specs: dict[str, FieldSpec]) -> Problem:
    key = str(error["loc"][0]) if error["loc"] else ""
    if error["type"] == "missing":
        return Problem(key, None, "missing", expected(specs[key]))
    if error["type"] == "extra_forbidden":
        return Problem(key, None, "unknown", "")
    context = error.get("ctx") or {}
    return Problem(key, context.get("item"), "invalid", str(context.get("message", error["msg"])))


def compile_validator(
    specs: dict[str, FieldSpec],
    *,
    name: str,
    forbid_unknown: bool = False,
    any_of: tuple[tuple[str, ...], ...] = (),
    lenient_lists: bool = False,
    always_allowed: frozenset[str] = ALWAYS_ALLOWED,
) -> Validator:
    """Build the pydantic model for a set of fields (keys are used as aliases, since
    frontmatter keys such as `last_verified` or `source-hash` are not Python names)."""
    from pydantic import ConfigDict, Field, PlainValidator, WithJsonSchema, create_model

    definitions: dict[str, Any] = {}
    for number, (key, spec) in enumerate(specs.items()):
        checked: Any = Annotated[
            Any,
            PlainValidator(_validator(spec, lenient_lists)),
            WithJsonSchema(json_schema_of(spec)),
        ]
        default = ... if spec.required else None
        definitions[f"field_{number}"] = (checked, Field(default, alias=key))
    for number, key in enumerate(sorted(always_allowed - set(specs))):
        if forbid_unknown:
            anything: Any = Annotated[Any, WithJsonSchema({"description": "an Obsidian property"})]
            definitions[f"allowed_{number}"] = (anything, Field(None, alias=key))
    config = ConfigDict(extra="forbid" if forbid_unknown else "allow", title=name)
    model = create_model(f"PageType_{_identifier(name)}", __config__=config, **definitions)
    return Validator(model, dict(specs), any_of)


def _validator(spec: FieldSpec, lenient_lists: bool) -> Callable[[Any], Any]:
    from pydantic_core import PydanticCustomError

    def validate(value: Any) -> Any:
        try:
            check_value(spec, value, lenient_lists=lenient_lists)
        except FieldError as error:
            raise PydanticCustomError(
                "vaultlint_field", "{message}", {"message": error.message, "item": error.item}
            ) from None
        return value

    return validate


def _identifier(name: str) -> str:
    return re.sub(r"\W", "_", name)


def page_type_validator(page_type: PageType, type_key: str) -> Validator:
    allowed = ALWAYS_ALLOWED | {type_key}
    return compile_validator(
        page_type.fields,
        name=page_type.name,
        forbid_unknown=page_type.unknown_fields == "forbid",
        any_of=page_type.any_of,
        always_allowed=allowed,
    )


def json_schema(page_type: PageType, type_key: str) -> dict[str, Any]:
    schema = page_type_validator(page_type, type_key).model.model_json_schema()
    schema["title"] = page_type.name
    declared_type = schema.get("properties", {}).get(type_key)
    if declared_type is not None and page_type.type_names:
        declared_type["enum"] = list(page_type.type_names)
    if page_type.any_of:
        schema["allOf"] = [
            {"anyOf": [{"required": [key]} for key in group]} for group in page_type.any_of
        ]
    if page_type.summary:
        schema["description"] = page_type.summary
    return schema


# --- Obsidian's property types --------------------------------------------------------------


def read_obsidian_types(root: Path | None) -> dict[str, str]:
    """`.obsidian/types.json`: property name -> Obsidian type; empty when absent or broken."""
    if root is None:
        return {}
    try:
        data = json.loads((root / ".obsidian" / "types.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    types = data.get("types") if isinstance(data, dict) else None
    if not isinstance(types, dict):
        return {}
    return {
        key: value
        for key, value in types.items()
        if isinstance(value, str) and value in OBSIDIAN_KINDS
    }


def obsidian_validator(types: dict[str, str]) -> Validator:
    specs = {key: _obsidian_spec(key, value) for key, value in types.items()}
    return compile_validator(specs, name="obsidian-properties", lenient_lists=True)


def _obsidian_spec(key: str, obsidian_type: str) -> FieldSpec:
    base = OBSIDIAN_KINDS[obsidian_type]
    return FieldSpec(key, base.kind, items=base.items)


def disagrees(spec: FieldSpec, obsidian_type: str) -> bool:
    return obsidian_type not in _AGREEING[spec.kind]
