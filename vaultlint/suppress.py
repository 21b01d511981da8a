"""Suppression comments: `%% vaultlint-disable-line CODE %%` and friends.

Forms (in `%% %%` or `<!-- -->` comments; codes, prefixes or names, separated by spaces or
commas; no code means every rule):
- `vaultlint-disable-line` on the line it stands on,
- `vaultlint-disable-next-line` on the next line,
- `vaultlint-disable` ... `vaultlint-enable` over a range of lines (to the end without enable),
- the frontmatter key `vaultlint-disable` (a code or a list of codes) for the whole note.
A reason may follow the codes after ` -- `. Each directive remembers whether it suppressed
anything, so unused ones can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vaultlint.document import Document, Span

FRONTMATTER_KEY = "vaultlint-disable"
# The codes may be followed by ' -- a reason', which is for the reader.
_DIRECTIVE = re.compile(
    r"\s*vaultlint-(disable-next-line|disable-line|disable|enable)\b(.*?)(?:\s--\s.*)?\s*$",
    re.DOTALL,
)


@dataclass
class Directive:
    kind: str  # 'line', 'next-line', 'range', 'file'
    selectors: tuple[str, ...]  # empty: every rule
    span: Span  # the comment (or frontmatter value) to point at
    first_line: int
    last_line: int  # inclusive; a large number for "to the end"
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, name: str, line: int) -> bool:
        if not self.first_line <= line <= self.last_line:
            return False
        return not self.selectors or any(_matches(s, code, name) for s in self.selectors)


def _matches(selector: str, code: str, name: str) -> bool:
    return code.startswith(selector.upper()) or selector.lower() == name


def _selectors(text: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[\s,]+", text.strip()) if part)


def find_directives(document: Document) -> list[Directive]:
    """All suppression directives of a note, `enable` closing the ranges it names."""
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    end_of_file = document.source.line_count + 1
    for comment in sorted(document.comments, key=lambda c: c.span):
        match = _DIRECTIVE.match(comment.body(document.text))
        if match is None:
            continue
        kind, selectors = match.group(1), _selectors(match.group(2))
        start_line = document.position(comment.span[0]).line
        end_line = document.position(comment.span[1]).line
        if kind == "disable-line":
            directives.append(Directive("line", selectors, comment.span, start_line, end_line))
        elif kind == "disable-next-line":
            directives.append(
                Directive("next-line", selectors, comment.span, end_line + 1, end_line + 1)
            )
        elif kind == "disable":
            directive = Directive("range", selectors, comment.span, start_line, end_of_file)
            directives.append(directive)
            open_ranges.append(directive)
        else:
            for directive in open_ranges:
                if directive.last_line == end_of_file and (
                    not selectors
                    or set(selectors) & set(directive.selectors)
                    or not directive.selectors
                ):
                    directive.last_line = start_line
    directives.extend(_frontmatter_directive(document, end_of_file))
    return directives


def _frontmatter_directive(document: Document, end_of_file: int) -> list[Directive]:
    frontmatter = document.frontmatter
    if frontmatter is None:
        return []
    entry = frontmatter.entry(FRONTMATTER_KEY)
    if entry is None:
        return []
    value = entry.value
    if isinstance(value, str):
        selectors = () if value.strip().lower() in ("all", "") else _selectors(value)
    elif isinstance(value, list):
        selectors = tuple(str(item) for item in value)
    else:
        selectors = ()
    return [Directive("file", selectors, entry.value_span, 1, end_of_file)]
