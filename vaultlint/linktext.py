"""How Obsidian reads the text of a link (links spec, section 1).

pyromark finds where links are; this module decides what they say. Where pulldown-cmark and
Obsidian disagree about a link's target or display text, the adaptation lives here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# decodeURI keeps these escaped (JavaScript's reserved set plus '#').
_URI_RESERVED = frozenset(";/?:@&=+$,#")


@dataclass(frozen=True)
class LinkText:
    target: str
    linkpath: str
    subpath: str
    display: str | None


def clean_target(target: str) -> str:
    """NBSP to space, trim, NFC: what Obsidian does to every link target."""
    return unicodedata.normalize("NFC", target.replace("\u00a0", " ").strip())


def split_target(target: str) -> tuple[str, str]:
    """Split at the first '#': the linkpath is not trimmed again, the subpath keeps its '#'."""
    index = target.find("#")
    if index < 0:
        return target, ""
    return target[:index], target[index:]


def read_wikilink(inner: str) -> LinkText:
    """Read the text between `[[` and `]]` (also of an embed).

    The display text starts after the first `|` unless that `|` is the first character; a
    single backslash ending the target is dropped, which makes `[[a\\|b]]` work in tables.
    """
    bar = inner.find("|", 1)
    if bar > 0:
        raw_target, display = inner[:bar], inner[bar + 1 :].strip()
    else:
        raw_target, display = inner, None
    if raw_target.endswith("\\"):
        raw_target = raw_target[:-1]
    target = clean_target(raw_target)
    linkpath, subpath = split_target(target)
    return LinkText(target, linkpath, subpath, display)


def is_external(destination: str) -> bool:
    """An absolute URL (any scheme: https, mailto, obsidian, file, ...) is external."""
    return _SCHEME.match(destination) is not None


def decode_uri(value: str) -> str | None:
    """JavaScript's `decodeURI`: None where it would throw (the link is then not indexed)."""
    if "%" not in value:
        return value
    if _BAD_PERCENT.search(value):
        return None
    failed = False

    def decode_run(match: re.Match[str]) -> str:
        nonlocal failed
        pieces: list[str] = []
        pending = bytearray()
        for index in range(0, len(match.group()), 3):
            escape = match.group()[index : index + 3]
            byte = int(escape[1:], 16)
            if chr(byte) in _URI_RESERVED:
                pieces.append(_flush(pending) or "")
                pieces.append(escape)
            else:
                pending.append(byte)
        pieces.append(_flush(pending) or "")
        if any(piece is None for piece in pieces):
            failed = True
        return "".join(pieces)

    def _flush(buffer: bytearray) -> str | None:
        nonlocal failed
        if not buffer:
            return ""
        try:
            text = bytes(buffer).decode("utf-8")
        except UnicodeDecodeError:
            failed = True
            text = ""
        buffer.clear()
        return text

    decoded = _PERCENT_RUN.sub(decode_run, value)
    return None if failed else decoded


def read_markdown_destination(destination: str) -> LinkText | None:
    """Read the destination of `[text](dest)`; None when Obsidian would not index it."""
    decoded = decode_uri(destination)
    if decoded is None:
        return None
    target = clean_target(decoded)
    linkpath, subpath = split_target(target)
    return LinkText(target, linkpath, subpath, None)
