"""`vaultlint new TYPE "Title"`: a note that already satisfies its page type's schema.

The frontmatter holds every required field (the title, the type, today's date for date
fields, a field's declared `default`, or a value given with `--set`), and the body holds the
title heading and every required section heading in order. The sections are left empty on
purpose: they still need content, and `SCH002 empty-section` says so until they have it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from vaultlint.fields import Problem, page_type_validator
from vaultlint.pagetypes import FieldSpec, PageType

_PLAIN = re.compile(r"[A-Za-z][\w.-]*")


class NewNoteError(Exception):
    """Why the note cannot be written, worded for the user."""


def slug(title: str) -> str:
    """The file name Obsidian users and LLM wikis favour: `Naval: How to Get Rich` ->
    `naval-how-to-get-rich` (letters of any script are kept)."""
    text = unicodedata.normalize("NFC", title).casefold()
    return re.sub(r"[^\w]+", "-", text).strip("-_") or "untitled"


def frontmatter_values(
    page_type: PageType, title: str, today: str, type_key: str, given: dict[str, str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, spec in page_type.fields.items():
        if key in given:
            values[key] = _typed(spec, given[key])
        elif key == type_key:
            values[key] = page_type.type_names[0] if page_type.type_names else page_type.name
        elif key == "title":
            values[key] = title
        elif spec.default is not None:
            values[key] = spec.default
        elif spec.required:
            values[key] = _placeholder(spec, today)
    for key, value in given.items():
        if key not in values:
            values[key] = value
    if type_key not in values:
        values[type_key] = page_type.type_names[0] if page_type.type_names else page_type.name
    return values


def _typed(spec: FieldSpec, text: str) -> Any:
    if spec.kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if spec.kind in ("number", "integer"):
        try:
            return int(text) if spec.kind == "integer" else float(text)
        except ValueError:
            return text
    if spec.kind == "boolean":
        return {"true": True, "false": False}.get(text.lower(), text)
    return text


def _placeholder(spec: FieldSpec, today: str) -> Any:
    if spec.kind == "date":
        return today
    if spec.kind == "datetime":
        return f"{today}T00:00"
    if spec.kind == "list":
        return []
    if spec.kind == "boolean":
        return False
    if spec.values:
        return spec.values[0]
    if spec.kind in ("number", "integer"):
        return 0
    return None  # text, link, url: nothing sensible to invent


def render(page_type: PageType, title: str, values: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in values.items():
        lines.extend(_yaml_lines(key, value))
    lines += ["---", f"# {title}", ""]
    for section in page_type.sections:
        if section.required:
            lines += [f"{'#' * (section.level or 2)} {section.heading}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _yaml_lines(key: str, value: Any) -> list[str]:
    shown_key = key if _PLAIN.fullmatch(key) else json.dumps(key)
    if isinstance(value, list):
        if not value:
            return [f"{shown_key}: []"]
        return [f"{shown_key}:", *(f"  - {_scalar(item)}" for item in value)]
    return [f"{shown_key}: {_scalar(value)}"]


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?", text):
        return text
    if _PLAIN.fullmatch(text) and text.lower() not in ("true", "false", "null", "yes", "no"):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _wanted(problem: Problem) -> str:
    if problem.kind == "missing" and not problem.message.startswith("one of"):
        return "missing"
    return problem.message


def new_note(
    page_type: PageType, title: str, today: str, type_key: str, given: dict[str, str]
) -> str:
    """The note's text; raise NewNoteError when the schema cannot be met from what is known."""
    if not title.strip():
        raise NewNoteError("the title is empty")
    values = frontmatter_values(page_type, title.strip(), today, type_key, given)
    problems = page_type_validator(page_type, type_key).problems(values)
    if problems:
        listed = "; ".join(f"{p.key}: {_wanted(p)}" for p in problems)
        raise NewNoteError(
            f"page type '{page_type.name}' needs values vaultlint cannot invent ({listed}): "
            "give them with --set KEY=VALUE, or a `default` in the page type"
        )
    return render(page_type, title.strip(), values)
