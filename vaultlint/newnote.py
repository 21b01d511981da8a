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
from pathlib import Path, PurePosixPath
from typing import Any

from vaultlint.fields import Problem, page_type_validator
from vaultlint.pagetypes import FieldSpec, PageType

_PLAIN = re.compile(r"[A-Za-z][\w.-]*")
MAX_SLUG = 80


class NewNoteError(Exception):
    """Why the note cannot be written, worded for the user."""


def slug(title: str) -> str:
    """The file name Obsidian users and LLM wikis favour: `Naval: How to Get Rich` ->
    `naval-how-to-get-rich` (letters of any script are kept)."""
    text = unicodedata.normalize("NFC", title).casefold()
    name = re.sub(r"[^\w]+", "-", text).strip("-_") or "untitled"
    if len(name) > MAX_SLUG:  # file systems allow 255 bytes; keep names readable
        name = name[:MAX_SLUG].rsplit("-", 1)[0] or name[:MAX_SLUG]
    return name


def frontmatter_values(
    page_type: PageType,
    title: str,
    today: str,
    type_key: str,
    given: dict[str, str],
    type_name: str | None = None,
) -> dict[str, Any]:
    """`type_name` is the name the user asked for (`person` for the entity type), written
    as the type value when the page type accepts it."""
    values: dict[str, Any] = {}
    written = _type_value(page_type, type_name)
    for key, spec in page_type.fields.items():
        if key in given:
            values[key] = _typed(spec, given[key])
        elif key == type_key:
            if written is not None:
                values[key] = written
        elif key == "title":
            values[key] = title
        elif spec.default is not None:
            values[key] = spec.default
        elif spec.required:
            values[key] = _placeholder(spec, today)
    for key, value in given.items():
        if key not in values:
            values[key] = value
    if type_key not in values and written is not None:
        values[type_key] = written
    return values


def _type_value(page_type: PageType, asked: str | None) -> str | None:
    """The type value to write: the accepted name the user asked for, else the first
    accepted one; None when the type is chosen by path only."""
    for name in page_type.type_names:
        if asked is not None and name.casefold() == asked.casefold():
            return name
    return page_type.type_names[0] if page_type.type_names else None


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
    page_type: PageType,
    title: str,
    today: str,
    type_key: str,
    given: dict[str, str],
    type_name: str | None = None,
) -> str:
    """The note's text; raise NewNoteError when the schema cannot be met from what is known."""
    title = title.strip()
    if not title:
        raise NewNoteError("the title is empty")
    if any(unicodedata.category(character) in ("Cc", "Zl", "Zp") for character in title):
        raise NewNoteError("the title must be one line of text")
    values = frontmatter_values(page_type, title, today, type_key, given, type_name)
    problems = page_type_validator(page_type, type_key).problems(values)
    if problems:
        listed = "; ".join(f"{p.key}: {_wanted(p)}" for p in problems)
        raise NewNoteError(
            f"page type '{page_type.name}' needs values vaultlint cannot invent ({listed}): "
            "give them with --set KEY=VALUE, or a `default` in the page type"
        )
    return render(page_type, title, values)


def note_path(root: Path, page_type: PageType, title: str, folder: str | None) -> str:
    """Where the note goes, relative to the vault root; never outside it or in a
    dot-folder (which Obsidian hides)."""
    chosen = (page_type.folder if folder is None else folder).strip().strip("/")
    relative = f"{chosen}/{slug(title)}.md" if chosen else f"{slug(title)}.md"
    parts = PurePosixPath(relative).parts
    if any(part in ("..", ".") or part.startswith(".") for part in parts):
        raise NewNoteError(f"{relative}: the folder must be a plain folder inside the vault")
    try:
        inside = (root / relative).resolve().is_relative_to(root.resolve())
    except OSError as error:
        raise NewNoteError(f"{relative}: {error.strerror}") from None
    if not inside:
        raise NewNoteError(f"{relative}: the folder leads outside the vault")
    return relative


def check_choice(
    text: str, relative: str, page_type: PageType, types: dict[str, PageType], type_key: str
) -> None:
    """The written note must be of the type asked for: a `--set` of the type key, or a
    type chosen only by folder, could make it another type or none."""
    from vaultlint.pagetypes import choose_type
    from vaultlint.parse import parse_document

    chosen = choose_type(parse_document(relative, text), types, type_key).page_type
    if chosen is not page_type:
        got = "no page type" if chosen is None else f"page type '{chosen.name}'"
        raise NewNoteError(
            f"{relative} would have {got}, not page type '{page_type.name}': give the type a "
            "type-names value, or write it in a folder its paths match"
        )
