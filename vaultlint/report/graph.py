"""`vaultlint graph`: the shape of the vault's link graph.

Orphans, wanted pages (unresolved targets ranked by how many notes link to them: the
pages the wiki is missing), the most linked notes, and broken-link counts; as text, JSON, or
a Markdown note with wikilinks to open in Obsidian.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from vaultlint.checks.lnk import orphan_exempt
from vaultlint.config import Settings
from vaultlint.index import VaultIndex
from vaultlint.report import count
from vaultlint.resolve import Outcome, fold


@dataclass
class WantedPage:
    name: str  # the target as most often written
    linked_from: list[str]  # notes linking to it
    links: int  # how many links


@dataclass
class GraphSummary:
    notes: int
    attachments: int
    links: int  # internal links, embeds and property links
    broken_links: int
    ambiguous_links: int
    notes_with_broken_links: int
    orphans: list[str] = field(default_factory=list)
    wanted: list[WantedPage] = field(default_factory=list)
    wanted_total: int = 0  # distinct unresolved targets; `wanted` holds the top ones
    most_linked: list[tuple[str, int]] = field(default_factory=list)


def summarise(index: VaultIndex, settings: Settings, top: int) -> GraphSummary:
    graph = index.graph
    links = [item for items in graph.outbound.values() for item in items]
    wanted: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in graph.unresolved:
        wanted[fold(item.link.linkpath.strip())].append((item.source, item.link.linkpath.strip()))
    pages = []
    for entries in wanted.values():
        spellings: dict[str, int] = defaultdict(int)
        for _, written in entries:
            spellings[written] += 1
        name = max(sorted(spellings), key=lambda written: spellings[written])
        pages.append(WantedPage(name, sorted({source for source, _ in entries}), len(entries)))
    pages.sort(key=lambda page: (-len(page.linked_from), -page.links, fold(page.name)))
    linked = sorted(
        (
            (path, len(sources))
            for path, sources in graph.inbound.items()
            if path in index.documents
        ),
        key=lambda pair: (-pair[1], pair[0]),
    )
    return GraphSummary(
        notes=len(index.note_paths),
        attachments=len(index.attachments),
        links=len(links),
        broken_links=len(graph.unresolved),
        ambiguous_links=sum(1 for item in links if item.resolution.outcome is Outcome.AMBIGUOUS),
        notes_with_broken_links=len({item.source for item in graph.unresolved}),
        orphans=[
            path
            for path in sorted(index.documents)
            if not graph.inbound.get(path) and not orphan_exempt(path, settings)
        ],
        wanted=pages[:top],
        wanted_total=len(pages),
        most_linked=linked[:top],
    )


def render_json(summary: GraphSummary) -> str:
    data: dict[str, Any] = {
        "notes": summary.notes,
        "attachments": summary.attachments,
        "links": summary.links,
        "broken_links": summary.broken_links,
        "ambiguous_links": summary.ambiguous_links,
        "notes_with_broken_links": summary.notes_with_broken_links,
        "orphans": summary.orphans,
        "wanted_pages_total": summary.wanted_total,
        "wanted_pages": [
            {
                "name": page.name,
                "notes": len(page.linked_from),
                "links": page.links,
                "linked_from": page.linked_from,
            }
            for page in summary.wanted
        ],
        "most_linked": [{"path": path, "inbound": count} for path, count in summary.most_linked],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_text(summary: GraphSummary) -> str:
    lines = [
        f"{count(summary.notes, 'note')}, {count(summary.attachments, 'attachment')}, "
        f"{count(summary.links, 'link')}",
        f"broken links: {summary.broken_links} in "
        f"{count(summary.notes_with_broken_links, 'note')}; "
        f"ambiguous links: {summary.ambiguous_links}",
        "",
        f"Wanted pages (unresolved targets, by linking notes): {summary.wanted_total}"
        + (
            f", top {len(summary.wanted)} shown"
            if len(summary.wanted) < summary.wanted_total
            else ""
        ),
    ]
    lines += [
        f"  {len(page.linked_from):5d} notes {page.links:6d} links  {page.name}"
        for page in summary.wanted
    ]
    lines += ["", "Most linked notes:"]
    lines += [f"  {count:5d}  {path}" for path, count in summary.most_linked]
    lines += ["", f"Orphans (no other note links to them): {len(summary.orphans)}"]
    lines += [f"  {path}" for path in summary.orphans]
    return "\n".join(lines) + "\n"


def render_markdown(summary: GraphSummary) -> str:
    """A note to open in Obsidian: every entry is a wikilink (wanted pages stay unresolved)."""

    def note_link(path: str) -> str:
        stem = path[:-3] if path.lower().endswith(".md") else path
        return f"[[{stem}]]"

    lines = [
        "# Vault graph",
        "",
        f"- Notes: {summary.notes}; attachments: {summary.attachments}; links: {summary.links}",
        f"- Broken links: {summary.broken_links} in {summary.notes_with_broken_links} notes",
        f"- Ambiguous links: {summary.ambiguous_links}",
        "",
        "## Wanted pages",
        "",
    ]
    lines += [
        f"- [[{page.name}]] — linked from {count(len(page.linked_from), 'note')} "
        f"({', '.join(note_link(p) for p in page.linked_from[:5])})"
        for page in summary.wanted
    ] or ["None."]
    lines += ["", "## Most linked", ""]
    lines += [f"- {note_link(path)} — {count}" for path, count in summary.most_linked] or ["None."]
    lines += ["", "## Orphans", ""]
    lines += [f"- {note_link(path)}" for path in summary.orphans] or ["None."]
    return "\n".join(lines) + "\n"
