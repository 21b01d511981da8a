"""Heading and block anchors (links spec, section 3): does `#A#B` or `#^id` exist in a note?"""

from __future__ import annotations

import re

from vaultlint.document import Document, Heading

# Obsidian's stripHeading: these characters (and line breaks) become spaces.
_STRIPPED = re.compile(r"[!\"#$%&()*+,.:;<=>?@^`{|}~/\[\]\\\r\n]")
_SPACES = re.compile(r"\s+")


def strip_heading(text: str) -> str:
    """Normalise heading text the way Obsidian does for link matching (then lower case)."""
    return _SPACES.sub(" ", _STRIPPED.sub(" ", text)).strip().lower()


def find_heading(document: Document, subpath: str) -> Heading | None:
    """The heading `#A#B#C` reaches: each part a later, strictly deeper heading; first wins.

    Only top-level headings count (not those in quotes, callouts or lists). The next part
    need not sit inside the previous part's section, as in Obsidian.
    """
    parts = [strip_heading(part) for part in subpath.split("#") if part]
    if not parts:
        return None
    headings = document.anchor_headings
    found: Heading | None = None
    position = 0
    level = 0
    for part in parts:
        for index in range(position, len(headings)):
            heading = headings[index]
            if heading.level > level and strip_heading(heading.text) == part:
                found, position, level = heading, index + 1, heading.level
                break
        else:
            return None
    return found


def has_block(document: Document, block_id: str) -> bool:
    wanted = block_id.lower()
    return any(block.name.lower() == wanted for block in document.block_ids)
