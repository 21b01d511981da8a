"""`vaultlint report`: one page about the whole vault that says what to fix first.

The data comes from a normal check (with orphans, contested and stale pages added, since a
review wants them listed) and the link graph. Two renderings: a self-contained HTML file
(inline CSS and SVG charts; no script, no remote style or font, so it opens offline) and an
Obsidian note whose page names are wikilinks.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from vaultlint.document import Document
from vaultlint.engine import VaultRun
from vaultlint.registry import BY_CODE
from vaultlint.report import count
from vaultlint.report.graph import GraphSummary, summarise
from vaultlint.rule import Finding, Severity
from vaultlint.wikipages import content_pages, file_exists

_WEIGHT = {Severity.ERROR: 10, Severity.WARNING: 3, Severity.INFO: 1}


@dataclass
class Action:
    code: str
    name: str
    severity: str
    findings: int
    pages: int
    example: str  # path:line of the first finding
    summary: str


@dataclass
class Health:
    vault: str
    today: str
    notes: int
    content_pages: int
    findings: int
    by_severity: dict[str, int]
    actions: list[Action]  # what to fix first, most urgent first
    by_rule: list[tuple[str, str, int]]  # code, name, count
    by_folder: list[tuple[str, int, int]]  # folder, notes, findings
    worst_pages: list[tuple[str, int, int]]  # path, weighted score, findings
    graph: GraphSummary
    stale: list[str] = field(default_factory=list)
    contested: list[str] = field(default_factory=list)
    provenance: tuple[int, int] = (0, 0)  # pages with a resolvable source, content pages


def build(run: VaultRun, today: str, top: int = 15) -> Health:
    findings = run.findings
    severities = Counter(f.severity.value for f in findings if f.severity is not None)
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_code[finding.code].append(finding)
    actions = []
    for code, items in by_code.items():
        rule = BY_CODE[code]
        severity = items[0].severity or rule.severity
        first = items[0]
        actions.append(
            Action(
                code,
                rule.name,
                severity.value,
                len(items),
                len({f.path for f in items}),
                f"{first.path}:{first.start.line}",
                rule.summary,
            )
        )
    actions.sort(key=lambda a: (-_WEIGHT[Severity(a.severity)], -a.pages, -a.findings, a.code))
    folders: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in run.linted:
        folders[_folder(path)][0] += 1
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for finding in findings:
        folders[_folder(finding.path)][1] += 1
        weight = _WEIGHT[finding.severity or Severity.WARNING]
        scores[finding.path][0] += weight
        scores[finding.path][1] += 1
    pages = content_pages(run.index, run.settings)
    return Health(
        vault=str(run.root),
        today=today,
        notes=len(run.index.note_paths),
        content_pages=len(pages),
        findings=len(findings),
        by_severity={s.value: severities.get(s.value, 0) for s in Severity},
        actions=actions,
        by_rule=sorted(
            ((code, BY_CODE[code].name, len(items)) for code, items in by_code.items()),
            key=lambda row: (-row[2], row[0]),
        ),
        by_folder=sorted(
            ((name, counts[0], counts[1]) for name, counts in folders.items()),
            key=lambda row: (-row[2], row[0]),
        ),
        worst_pages=sorted(
            ((path, score[0], score[1]) for path, score in scores.items()),
            key=lambda row: (-row[1], row[0]),
        )[:top],
        graph=summarise(run.index, run.settings, top),
        stale=sorted({f.path for f in findings if f.code == "WIKI016"}),
        contested=sorted({f.path for f in findings if f.code == "WIKI014"}),
        provenance=(sum(1 for page in pages if _has_source(run, page)), len(pages)),
    )


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else "(vault root)"


def _has_source(run: VaultRun, page: Document) -> bool:
    """At least one `sources:` entry or Sources-section link that resolves, or a URL."""
    index = run.index
    for link in page.links:
        key = link.property_key or ""
        if link.is_external and key.startswith("sources"):
            return True
        if key.startswith("sources") and index.resolve(link, page.path).target is not None:
            return True
    frontmatter = page.frontmatter
    values = frontmatter.data.get("sources") if frontmatter is not None else None
    for value in values if isinstance(values, list) else []:
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return True
        if isinstance(value, str) and file_exists(index, value):
            return True
    for section in page.sections:
        heading = page.headings[section.heading_index]
        if heading.text.strip().lower().rstrip(":") in ("sources", "source", "references"):
            start, end = section.body
            for link in page.links:
                if start <= link.span[0] < end and (
                    link.is_external or index.resolve(link, page.path).target is not None
                ):
                    return True
    return False


# --- Markdown -------------------------------------------------------------------------------


def _note(path: str) -> str:
    stem = path[:-3] if path.lower().endswith(".md") else path
    return f"[[{stem}]]"


def render_markdown(health: Health) -> str:
    lines = [
        f"# Vault health: {health.vault}",
        "",
        f"Checked {health.today}: {health.notes} notes ({health.content_pages} content pages), "
        f"{health.findings} findings: {health.by_severity['error']} errors, "
        f"{health.by_severity['warning']} warnings, {health.by_severity['info']} info.",
        "",
        "## Fix first",
        "",
    ]
    for number, action in enumerate(health.actions[:10], 1):
        path, _, line = action.example.rpartition(":")
        lines.append(
            f"{number}. **{action.code} {action.name}** ({action.severity}): "
            f"{count(action.findings, 'finding')} in {count(action.pages, 'page')}, e.g. "
            f"{_note(path)} line {line}. {action.summary}"
        )
    done, total = health.provenance
    share = f"{100 * done / total:.0f}%" if total else "n/a"
    lines += [
        "",
        "## Provenance",
        "",
        f"{done} of {total} content pages ({share}) cite at least one source that resolves.",
        "",
        "## Worst pages",
        "",
        *(f"- {_note(p)}: {count(n, 'finding')} (score {s})" for p, s, n in health.worst_pages),
        "",
        "## Orphans",
        "",
        *(f"- {_note(p)}" for p in health.graph.orphans[:50]),
        *(
            [f"- … and {len(health.graph.orphans) - 50} more"]
            if len(health.graph.orphans) > 50
            else []
        ),
        "",
        "## Wanted pages",
        "",
        *(
            f"- [[{w.name}]]: linked from {count(len(w.linked_from), 'note')} "
            f"({count(w.links, 'link')})"
            for w in health.graph.wanted
        ),
        "",
        "## Contested pages",
        "",
        *(f"- {_note(p)}" for p in health.contested),
        "",
        "## Stale pages",
        "",
        *(f"- {_note(p)}" for p in health.stale[:50]),
        "",
        "## Findings by rule",
        "",
        "| rule | findings |",
        "|---|---:|",
        *(f"| {code} {name} | {n} |" for code, name, n in health.by_rule),
        "",
        "## Findings by folder",
        "",
        "| folder | notes | findings |",
        "|---|---:|---:|",
        *(f"| {folder} | {notes} | {n} |" for folder, notes, n in health.by_folder),
        "",
    ]
    return _none_under_empty_headings(lines)


def _none_under_empty_headings(lines: list[str]) -> str:
    """'none' under a section with nothing in it, so an empty list reads as checked."""
    return re.sub(r"(?m)^(## [^\n]+\n\n)(?=\n|## |\Z)", r"\1none\n", "\n".join(lines))


# --- HTML -----------------------------------------------------------------------------------

_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;
background:#f6f7f9}main{max-width:1100px;margin:0 auto;padding:24px}h1{font-size:24px;margin:0}
h2{font-size:18px;margin:28px 0 10px}.muted{color:#667}.cards{display:flex;gap:12px;flex-wrap:wrap;
margin:16px 0}.card{background:#fff;border-radius:10px;padding:12px 16px;min-width:140px;
box-shadow:0 1px 2px #0001}.card b{display:block;font-size:24px}.error{color:#b42318}
.warning{color:#b54708}.info{color:#175cd3}ol.fix li{background:#fff;border-radius:8px;
padding:10px 14px;margin:8px 0;box-shadow:0 1px 2px #0001}table{border-collapse:collapse;
background:#fff;width:100%}td,th{padding:6px 10px;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right}.grid{display:grid;grid-template-columns:1fr 1fr;gap:20px}
code{background:#eef;padding:1px 4px;border-radius:4px}svg text{font:12px system-ui,sans-serif}
ul.cols{columns:2}
"""


def _bars(rows: list[tuple[str, int]], colour: str = "#4f6bed") -> str:
    """A horizontal bar chart as inline SVG."""
    if not rows:
        return "<p class=muted>none</p>"
    width, label, row_height = 520, 210, 22
    biggest = max(value for _, value in rows) or 1
    parts = [
        f'<svg role="img" width="{width}" height="{row_height * len(rows) + 4}" '
        f'viewBox="0 0 {width} {row_height * len(rows) + 4}">'
    ]
    for number, (name, value) in enumerate(rows):
        y = number * row_height
        length = max(2, int((width - label - 60) * value / biggest))
        parts.append(
            f'<text x="{label - 6}" y="{y + 15}" text-anchor="end">{html.escape(name[:32])}</text>'
            f'<rect x="{label}" y="{y + 4}" width="{length}" height="14" rx="3" fill="{colour}"/>'
            f'<text x="{label + length + 6}" y="{y + 15}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _list(paths: list[str], limit: int = 40) -> str:
    if not paths:
        return "<p class=muted>none</p>"
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in paths[:limit])
    more = f"<li class=muted>… and {len(paths) - limit} more</li>" if len(paths) > limit else ""
    return f"<ul class=cols>{items}{more}</ul>"


def render_html(health: Health) -> str:
    esc = html.escape
    done, total = health.provenance
    share = f"{100 * done / total:.0f}%" if total else "n/a"
    cards = "".join(
        f'<div class=card><b class="{cls}">{value}</b>{esc(label)}</div>'
        for label, value, cls in [
            ("notes", health.notes, ""),
            ("errors", health.by_severity["error"], "error"),
            ("warnings", health.by_severity["warning"], "warning"),
            ("info", health.by_severity["info"], "info"),
            ("orphans", len(health.graph.orphans), ""),
            ("broken links", health.graph.broken_links, "error"),
            ("pages citing a source", share, ""),
        ]
    )
    fix = "".join(
        f'<li><b class="{a.severity}">{esc(a.code)} {esc(a.name)}</b> — '
        f"{count(a.findings, 'finding')} in {count(a.pages, 'page')} ({esc(a.severity)}). "
        f"{esc(a.summary)} First: "
        f"<code>{esc(a.example)}</code></li>"
        for a in health.actions[:10]
    )
    wanted = "".join(
        f"<tr><td>{esc(w.name)}</td><td class=n>{len(w.linked_from)}</td>"
        f"<td class=n>{w.links}</td></tr>"
        for w in health.graph.wanted
    )
    rules = "".join(
        f"<tr><td>{esc(code)}</td><td>{esc(name)}</td><td class=n>{n}</td></tr>"
        for code, name, n in health.by_rule
    )
    folders = "".join(
        f"<tr><td>{esc(folder)}</td><td class=n>{notes}</td><td class=n>{n}</td></tr>"
        for folder, notes, n in health.by_folder
    )
    worst_chart = _bars([(path, score) for path, score, _n in health.worst_pages], "#d92d20")
    rule_chart = _bars([(f"{code} {name}", n) for code, name, n in health.by_rule[:15]])
    folder_chart = _bars([(f, n) for f, _notes, n in health.by_folder[:15]], "#0e9384")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vault health</title><style>{_STYLE}</style></head>
<body><main>
<h1>Vault health</h1>
<p class=muted>{esc(health.vault)} · checked {esc(health.today)} · {health.content_pages}
content pages · {health.findings} findings</p>
<div class=cards>{cards}</div>
<h2>Fix first</h2>
<ol class=fix>{fix or "<li>Nothing to fix.</li>"}</ol>
<div class=grid>
<section><h2>Findings by rule</h2>{rule_chart}</section>
<section><h2>Worst pages (weighted: error 10, warning 3, info 1)</h2>{worst_chart}</section>
</div>
<div class=grid>
<section><h2>Findings by folder</h2>{folder_chart}</section>
<section><h2>Provenance</h2><p>{done} of {total} content pages ({share}) cite at least one
source that resolves.</p>
{_bars([("with a source", done), ("without", total - done)], "#7a5af8")}</section>
</div>
<h2>Wanted pages</h2>
<table><tr><th>linked as</th><th class=n>notes</th><th class=n>links</th></tr>{wanted}</table>
<h2>Orphans ({len(health.graph.orphans)})</h2>{_list(health.graph.orphans)}
<h2>Contested pages ({len(health.contested)})</h2>{_list(health.contested)}
<h2>Stale pages ({len(health.stale)})</h2>{_list(health.stale)}
<h2>All findings by rule</h2>
<table><tr><th>code</th><th>rule</th><th class=n>findings</th></tr>{rules}</table>
<h2>Findings by folder</h2>
<table><tr><th>folder</th><th class=n>notes</th><th class=n>findings</th></tr>{folders}</table>
</main></body></html>
"""
