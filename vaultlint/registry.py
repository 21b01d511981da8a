"""The one place where every rule is registered.

`vaultlint rules`, `vaultlint rule CODE`, selection and the docs all read this table, so
they cannot drift apart. A new family adds its module's RULES list here.
"""

from __future__ import annotations

from vaultlint.checks import dat, fmt, fmt_blocks, fmt_frontmatter, lnk, sch, vlt, wiki, wiki_index
from vaultlint.rule import Rule

FAMILIES = {
    "VLT": "files, frontmatter syntax, suppressions",
    "LNK": "links",
    "SCH": "page schemas",
    "DAT": "dates and freshness",
    "FMT": "formatting",
    "WIKI": "wiki maintenance",
}
# Families on by default. SCH checks nothing until page types are declared (a preset or
# the user's config), except Obsidian's own property types; WIKI needs selecting.
DEFAULT_FAMILIES = frozenset({"VLT", "LNK", "SCH", "DAT", "FMT"})

ALL_RULES: tuple[Rule, ...] = (
    *vlt.RULES,
    *lnk.RULES,
    *sch.RULES,
    *dat.RULES,
    *fmt.RULES,
    *fmt_blocks.RULES,
    *fmt_frontmatter.RULES,
    *sorted([*wiki.RULES, *wiki_index.RULES], key=lambda rule: rule.code),
)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in ALL_RULES}


def find_rule(key: str) -> Rule | None:
    """A rule by code (any case) or by name."""
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())


def matching(selector: str) -> list[Rule]:
    """Rules a selector names: 'ALL', a code, a code prefix ('VLT', 'VLT00') or a name."""
    if selector.upper() == "ALL":
        return list(ALL_RULES)
    named = BY_NAME.get(selector.lower())
    if named is not None:
        return [named]
    prefix = selector.upper()
    return [rule for rule in ALL_RULES if rule.code.startswith(prefix)]


def is_known_selector(selector: str) -> bool:
    """Also true for a family that has no rules yet, so configs can name it ahead of time."""
    return bool(matching(selector)) or selector.upper().rstrip("0123456789") in FAMILIES


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (a test keeps the checked-in copy equal)."""
    parts = [
        "# Rules\n\n"
        "Generated from the rule registry by `python scripts/generate_docs.py`; do not edit.\n"
        "`vaultlint rule CODE` prints the same text for one rule.\n\n"
        "| code | name | severity | fix | default | summary |\n|---|---|---|---|---|---|\n"
    ]
    for rule in ALL_RULES:
        on = "on" if rule.default and rule.family in DEFAULT_FAMILIES else "off"
        parts.append(
            f"| {rule.code} | {rule.name} | {rule.severity.value} | {rule.fix.value} | {on} "
            f"| {rule.summary} |\n"
        )
    for rule in ALL_RULES:
        parts.append("\n" + rule.documentation().replace("# ", "## ", 1).replace("\n## ", "\n### "))
    return "".join(parts)
