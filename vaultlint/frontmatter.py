"""Find the YAML frontmatter block of a note and read it with positions.

Own splitter instead of python-frontmatter (which strips the text and loses offsets), and
`yaml.compose` instead of `yaml.safe_load`, so that every key and value keeps its place in
the file. Values are built from the nodes with YAML 1.2 core typing: PyYAML's YAML 1.1
resolver would turn `no` into False and `012` into 10, which Obsidian does not do.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from vaultlint.document import Frontmatter, FrontmatterEntry, FrontmatterError, Span

try:  # libyaml is several times faster; its marks also count characters.
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_CLOSE = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=\r\n|\r|\n|$)")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_HEX_OR_OCTAL = re.compile(r"0x[0-9a-fA-F]+|0o[0-7]+")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLEANS = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_MAX_DEPTH = 100
_MAX_VALUES = 100_000


class _TooDeep(Exception):
    pass


class _TooLarge(Exception):
    """YAML aliases can make a few hundred bytes expand to billions of values."""


def find_frontmatter(text: str) -> Frontmatter | None:
    """Split off and parse the frontmatter, or return None when the note has none.

    A note has frontmatter when its first line is `---` and a later line is `---` or `...`.
    An opening fence without a closing one is returned with an error, since it is almost
    always a broken frontmatter block rather than a thematic break.
    """
    opening = _OPEN.match(text)
    if opening is None:
        return None
    content_start = opening.end()
    closing = _CLOSE.search(text, content_start - 1)
    if closing is None:
        return Frontmatter(
            span=(0, opening.end()),
            content_span=(content_start, content_start),
            start_line=1,
            end_line=1,
            error=FrontmatterError(
                "frontmatter opened with '---' on line 1 is never closed: "
                "add a '---' line after the last property",
                0,
            ),
        )
    end = closing.end()
    for newline in ("\r\n", "\r", "\n"):
        if text.startswith(newline, end):
            end += len(newline)
            break
    content_end = closing.start()
    frontmatter = Frontmatter(
        span=(0, end),
        content_span=(content_start, content_end),
        start_line=1,
        end_line=len(_LINE_BREAK.findall(text, 0, closing.start())) + 1,
    )
    _read_yaml(frontmatter, text[content_start:content_end], content_start)
    return frontmatter


def _read_yaml(frontmatter: Frontmatter, content: str, base: int) -> None:
    try:
        root = yaml.compose(content, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        index = mark.index if mark is not None else 0
        stripped = content.rstrip()
        if index >= len(stripped):
            # An unexpected end of the block: point at its last line, which is unfinished.
            index = stripped.rfind("\n") + 1
        offset = base + index
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{error.context}: {problem}"
        hint = _yaml_hint(problem, content, offset - base)
        frontmatter.error = FrontmatterError(
            f"invalid YAML in frontmatter: {problem}{hint}", offset
        )
        return
    except (yaml.YAMLError, RecursionError) as error:
        message = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        frontmatter.error = FrontmatterError(f"invalid YAML in frontmatter: {message}", base)
        return
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode):
        frontmatter.error = FrontmatterError(
            "frontmatter is not a mapping of properties: write it as 'key: value' lines",
            base + root.start_mark.index,
        )
        return
    try:
        _read_mapping(frontmatter, root, base)
    except (_TooDeep, RecursionError):
        frontmatter.error = FrontmatterError(
            f"frontmatter is nested more than {_MAX_DEPTH} levels deep", base
        )
    except _TooLarge:
        frontmatter.error = FrontmatterError(
            f"frontmatter expands to more than {_MAX_VALUES:,} values (YAML aliases '*name' "
            "repeat values): write the values out, or remove the aliases",
            base,
        )


def _yaml_hint(problem: str, content: str, index: int) -> str:
    """What to do about the commonest YAML mistakes in generated frontmatter."""
    line = content[content.rfind("\n", 0, index) + 1 :].split("\n", 1)[0]
    if "\t" in line and "cannot start any token" in problem:
        return " (a tab: YAML indents with spaces only; replace the tab with spaces)"
    if "mapping values are not allowed" in problem:
        return " (a value containing ': ' must be quoted: key: \"text: more text\")"
    if "found undefined alias" in problem or "found character '*'" in problem:
        return " (a value starting with '*' or '&' must be quoted)"
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return " (check the indentation of this line, and quote values with special characters)"
    if "flow" in problem:
        return " (an unclosed '[' or '{': close it, or quote the value)"
    return " (quote the value if it contains ':', '#', '[', '{', '*' or '&')"


def _read_mapping(frontmatter: Frontmatter, root: yaml.MappingNode, base: int) -> None:
    seen: dict[str, int] = {}
    for key_node, value_node in root.value:
        key = _key_text(key_node)
        key_span = _span(key_node, base)
        value = _build(value_node, base, key, frontmatter.value_spans, 1)
        frontmatter.entries.append(FrontmatterEntry(key, key_span, _span(value_node, base), value))
        if key in seen and frontmatter.error is None:
            frontmatter.error = FrontmatterError(
                f"duplicate property '{key}' (first on line "
                f"{seen[key]}): Obsidian rejects the whole frontmatter; keep one",
                key_span[0],
            )
        seen.setdefault(key, key_node.start_mark.line + 2)
        frontmatter.data[key] = value


def _key_text(node: yaml.Node) -> str:
    value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
    return str(value)


def _span(node: yaml.Node, base: int) -> Span:
    return base + node.start_mark.index, base + node.end_mark.index


def _build(node: yaml.Node, base: int, path: str, spans: dict[str, Span], depth: int) -> Any:
    if depth > _MAX_DEPTH:
        raise _TooDeep
    if len(spans) >= _MAX_VALUES:
        raise _TooLarge
    spans[path] = _span(node, base)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, base, f"{path}.{index}", spans, depth + 1)
            for index, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _key_text(key_node)
            result[key] = _build(value_node, base, f"{path}.{key}", spans, depth + 1)
        return result
    return None  # pragma: no cover - compose yields only the three node kinds


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core schema typing for plain scalars; quoted scalars are always text."""
    value: str = node.value
    if node.style:  # quoted, literal or folded
        return value
    if value in _NULLS:
        return None
    if value in _BOOLEANS:
        return _BOOLEANS[value]
    if _INT.fullmatch(value):
        return int(value)
    if _HEX_OR_OCTAL.fullmatch(value):
        return int(value[2:], 16 if value[1] == "x" else 8)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _SPECIAL_FLOAT.fullmatch(value):
        return float(value.lstrip(".").replace("+.", "").replace("-.", "-"))
    return value


def property_link_values(frontmatter: Frontmatter, text: str) -> list[tuple[str, str, Span]]:
    """Every string value (any depth) that is a whole `[[...]]` link: (key path, text, span).

    The span covers the link text itself, inside any quotes, as Obsidian's `frontmatterLinks`
    only counts strings that both start with `[[` and end with `]]`.
    """
    found: list[tuple[str, str, Span]] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            if value.startswith("[[") and value.endswith("]]") and len(value) > 4:
                start, end = frontmatter.value_spans[path]
                found.append((path, value, _value_span(text, start, end, value)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}")

    for key, value in frontmatter.data.items():
        walk(value, key)
    return found


def _value_span(text: str, start: int, end: int, value: str) -> Span:
    """Where the link is written: inside the quotes of a quoted value (escapes included),
    from `[[` to `]]` in a plain or block scalar."""
    if text[start] in "\"'" and end - start >= 2:
        return start + 1, end - 1
    opening = text.find("[[", start, end)
    closing = text.rfind("]]", start, end)
    if 0 <= opening < closing:
        return opening, closing + 2
    return start, end
