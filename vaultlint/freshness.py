"""Freshness from git history: has a note's source changed after the note did?

File modification times mean nothing in a CI checkout, so the last commit of each file is
read from one `git log` call. Sources are what a note cites: links in its Sources section
and entries of its `sources:` property (links or vault paths such as `raw/paper.md`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from vaultlint.document import Document, Link
from vaultlint.git import run_git, vault_prefix
from vaultlint.resolve import Outcome

if TYPE_CHECKING:
    from vaultlint.index import VaultIndex
    from vaultlint.rule import Finding, Rule, VaultContext

SOURCES_HEADINGS = frozenset({"sources", "source", "references"})


def last_commits(root: Path) -> dict[str, int] | str:
    """Vault path -> time of its last commit, or why history is not usable."""
    prefix = vault_prefix(root)
    if prefix is None:
        return "not a git work tree (or git is not installed)"
    if (run_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return "shallow clone: fetch the full history (e.g. fetch-depth: 0) to check freshness"
    log = run_git(root, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ".")
    if log is None:
        return "git log failed"
    times: dict[str, int] = {}
    for commit in log.split("\x00")[1:]:
        lines = commit.strip().splitlines()
        if not lines:
            continue
        stamp = int(lines[0])
        for name in lines[1:]:
            if name.startswith(prefix):
                times.setdefault(name[len(prefix) :], stamp)
    return times


def is_work_tree_top(root: Path) -> bool:
    return vault_prefix(root) == ""


def note_sources(document: Document, index: VaultIndex) -> list[str]:
    """Vault paths a note cites as its sources (resolved links and existing paths)."""
    found: list[str] = []
    sections = [
        document.sections[i].body
        for i, section in enumerate(document.sections)
        if document.headings[section.heading_index].text.strip().lower() in SOURCES_HEADINGS
    ]
    for link in document.links:
        in_sources = link.property_key is not None and link.property_key.split(".")[0] == "sources"
        in_section = any(start <= link.span[0] < end for start, end in sections)
        if in_sources or in_section:
            found.extend(_target(link, document, index))
    frontmatter = document.frontmatter
    if frontmatter is not None and isinstance(frontmatter.data.get("sources"), list):
        known = {*index.all_notes, *index.attachments}
        for item in frontmatter.data["sources"]:
            if isinstance(item, str) and not item.startswith("[[") and item.strip() in known:
                found.append(item.strip())
    return list(dict.fromkeys(found))


def _target(link: Link, document: Document, index: VaultIndex) -> list[str]:
    if link.is_external:
        return []
    resolution = index.resolve(link, document.path)
    if resolution.outcome is Outcome.RESOLVED and resolution.target != document.path:
        return [resolution.target] if resolution.target else []
    return []


def stale_sources(index: VaultIndex, context: VaultContext, rule: Rule) -> Iterator[Finding]:
    settings = context.settings
    root = index.root
    if root is None:
        return
    enabled = settings.git_freshness
    if enabled is None:
        enabled = is_work_tree_top(root)
        if not enabled:
            return  # a vault inside a larger repository: opt in with git-freshness = true
    if not enabled:
        return
    times = last_commits(root)
    if isinstance(times, str):
        context.notices.append(f"{rule.code} {rule.name} skipped: {times}")
        return
    for path in sorted(context.linted):
        document = index.documents.get(path)
        own = times.get(path)
        if document is None or own is None:
            continue
        newer = [
            (times[source], source)
            for source in note_sources(document, index)
            if times.get(source, 0) > own
        ]
        if not newer:
            continue
        stamp, source = max(newer)
        yield rule.on_file(
            path,
            f"source {source} changed on {_day(stamp)}, after this note's last commit on "
            f"{_day(own)}: review the note against it and update it",
        )


def _day(stamp: int) -> str:
    return datetime.datetime.fromtimestamp(stamp, datetime.UTC).date().isoformat()
