"""Run the selected rules over a vault: read, parse, index, check, suppress, collect.

The engine owns every decision a rule must not make: which rules run, on which notes,
with which severity, and what a suppression hides. Rules only yield findings.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from vaultlint import fix, registry
from vaultlint.checks import vlt
from vaultlint.config import ConfigError, LoadedConfig, Settings, find_config_file, load_config
from vaultlint.document import Document
from vaultlint.files import ReadProblem, decode_note, read_note
from vaultlint.index import LazyDocuments, VaultIndex, build_index
from vaultlint.parse import parse_document
from vaultlint.resolve import fold
from vaultlint.rule import Finding, NoteContext, Rule, Scope, Severity, VaultContext
from vaultlint.source import Position
from vaultlint.suppress import Directive, find_directives
from vaultlint.vault import VaultFiles, discover, find_vault_root, select_targets


@dataclass(frozen=True)
class CheckRequest:
    """What the user asked for, independent of how it was asked (CLI, tests, editors)."""

    targets: tuple[Path, ...]
    cwd: Path
    config_path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    today: str | None = None
    stdin_path: Path | None = None
    stdin_text: str | None = None
    fix: bool = False  # apply safe fixes (and unsafe ones with unsafe_fixes)
    unsafe_fixes: bool = False
    diff: bool = False  # with fix: compute the changes, write nothing
    # Also check the notes whose links the staged git change breaks (deleted or renamed
    # notes); with no targets, only those. This is what the pre-commit hook runs.
    staged: bool = False
    # Check only the notes changed since this git revision (the index is still the whole
    # vault): for CI jobs on pull requests.
    changed_since: str | None = None
    cache: bool = True  # read and write parsed notes in the cache folder
    # Processes for checking notes: None chooses (all cores for a large vault, else one).
    jobs: int | None = None
    cache_dir: Path | None = None  # default: .vaultlint_cache at the vault root
    progress: bool = True  # a progress bar on standard error when it is a terminal


@dataclass
class VaultRun:
    """The outcome of checking one vault."""

    root: Path
    settings: Settings
    config_path: Path | None
    rules: list[Rule]
    files: VaultFiles
    linted: list[str]
    findings: list[Finding] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    problems: dict[str, ReadProblem] = field(default_factory=dict)  # notes not parsed
    fixed: dict[str, list[Finding]] = field(default_factory=dict)  # path -> findings fixed
    diffs: list[str] = field(default_factory=list)
    index: VaultIndex = field(default_factory=VaultIndex)
    # Notes parsed by worker processes, pickled, unpickled when a vault-wide rule reads them.
    transferred: dict[str, bytes] = field(default_factory=dict, repr=False)
    without_directives: set[str] = field(default_factory=set)  # known to suppress nothing

    @cached_property
    def selected(self) -> frozenset[str]:
        """The codes of the rules this run applies (once, not per note)."""
        return frozenset(rule.code for rule in self.rules)


def plan(request: CheckRequest) -> list[tuple[Path, LoadedConfig]]:
    """Group the targets by vault and load each vault's configuration."""
    groups: dict[Path, LoadedConfig] = {}
    for target in request.targets or (request.cwd,):
        root = find_vault_root(target, request.cwd)
        if root in groups:
            continue
        config_file = request.config_path or find_config_file(target if target.exists() else root)
        groups[root] = load_config(config_file)
    return list(groups.items())


def selected_rules(settings: Settings, request: CheckRequest) -> list[Rule]:
    """Apply select / extend-select / ignore from the configuration, then the command line."""
    for selector in (
        *(settings.select or ()),
        *settings.extend_select,
        *settings.ignore,
        *(request.select or ()),
        *request.extend_select,
        *request.ignore,
        *settings.severity,
        *(s for v in settings.per_file_ignores.values() for s in v),
    ):
        if not registry.is_known_selector(selector):
            raise ConfigError(f"unknown rule selector {selector!r} (see `vaultlint rules`)")
    # Two layers, as in ruff: the configuration's, then the command line's. A `--select`
    # starts afresh, so the configuration's extend-select and ignore no longer apply.
    chosen = {
        rule.code
        for rule in registry.ALL_RULES
        if rule.default and rule.family in registry.DEFAULT_FAMILIES
    }
    layers: list[tuple[Sequence[str] | None, Sequence[str], Sequence[str]]] = [
        (settings.select, settings.extend_select, settings.ignore),
        (request.select, request.extend_select, request.ignore),
    ]
    for select, extend_select, ignore in layers:
        if select is not None:
            chosen = {rule.code for selector in select for rule in registry.matching(selector)}
        for selector in extend_select:
            chosen.update(rule.code for rule in registry.matching(selector))
        for selector in ignore:
            chosen.difference_update(rule.code for rule in registry.matching(selector))
    return [rule for rule in registry.ALL_RULES if rule.code in chosen]


def severity_for(rule: Rule, settings: Settings) -> Severity:
    """The most specific severity override wins (a code beats its family prefix)."""
    best: tuple[int, Severity] | None = None
    for selector, severity in settings.severity.items():
        if rule in registry.matching(selector):
            specificity = len(selector)
            if best is None or specificity > best[0]:
                best = (specificity, severity)
    return best[1] if best else rule.severity


def load(request: CheckRequest, *, with_rules: bool = True) -> list[VaultRun]:
    """Read, parse and index every vault the request touches, without running rules."""
    runs = []
    for root, config in plan(request):
        rules = selected_rules(config.settings, request) if with_rules else []
        runs.append(_load_vault(root, config, rules, request))
    return runs


def check(request: CheckRequest) -> list[VaultRun]:
    """Check every vault the request touches. Raises ConfigError for bad configuration."""
    today = request.today or datetime.date.today().isoformat()
    runs = load(request)
    reusable = request.cache and not (
        request.fix or request.staged or request.changed_since or request.stdin_path
    )
    for run in runs:
        if any(rule.family == "SCH" for rule in run.rules):
            run.files.notices.extend(_schema_warnings(run.settings, run.index))
        key = None
        if reusable:
            from vaultlint import runcache

            targets = [str(target.resolve()) for target in request.targets]
            key = runcache.run_key(run, today, targets)
            found = runcache.load(run.root, request.cache_dir, key) if key else None
            if found is not None:
                run.findings, notices = found  # nothing changed since the run that found these
                run.files.notices.extend(notices)
                continue
        before = len(run.files.notices)
        _run_rules(run, request, today)
        # In path order and each once, however many processes met them.
        run.internal_errors[:] = sorted(set(run.internal_errors))
        run.files.notices[:] = list(dict.fromkeys(run.files.notices))
        if key is not None and not run.internal_errors:
            from vaultlint import runcache

            notices = run.files.notices[before:]
            runcache.save(run.root, request.cache_dir, key, run.findings, notices)
    return runs


def _load_vault(
    root: Path, config: LoadedConfig, rules: list[Rule], request: CheckRequest
) -> VaultRun:
    settings = config.settings
    files = discover(root, settings)
    stdin_relative = _relative(root, request.stdin_path) if request.stdin_path else None
    if stdin_relative is not None:
        linted = {stdin_relative}
        if stdin_relative not in files.notes:
            files.notes.append(stdin_relative)
    elif request.staged and not request.targets:
        linted = set()  # only what the staged change breaks, added below
    else:
        targets = request.targets or (root,)  # no PATH: the whole vault around the cwd
        linted = select_targets(files, [t for t in targets if _within(root, t)])
    if request.changed_since is not None:
        linted &= _changed_since(root, request.changed_since)
    run = VaultRun(root, settings, config.path, rules, files, sorted(linted))

    cache = None
    if request.cache and stdin_relative is None:
        from vaultlint.cache import DocumentCache

        cache = DocumentCache.open(
            root, request.cache_dir, settings.links_in_comments, files.notices
        )

    def load(path: str) -> Document | None:
        """Read and parse one note when a rule first needs it; problems are recorded."""
        blob = run.transferred.pop(path, None)
        if blob is not None:
            from vaultlint.parallel import unpickle_document

            return unpickle_document(blob)
        entry = None
        stat = None
        if cache is not None:
            try:
                stat = os.stat(root / path)
            except OSError:
                stat = None
            if stat is not None:
                cached, entry = cache.get(path, stat.st_size, cache.stamp(stat))
                if cached is not None:
                    return cached
        if path == stdin_relative and request.stdin_text is not None:
            result = decode_note(request.stdin_text.encode("utf-8", "surrogateescape"))
        else:
            result = read_note(root / path, settings.max_file_size)
        if result.text is None:
            assert result.problem is not None
            run.problems[path] = result.problem
            run.index.unreadable.add(path)
            return None
        if cache is not None and stat is not None:
            same = cache.by_content(entry, result.text)
            if same is not None:
                cache.put(path, stat.st_size, cache.stamp(stat), same)  # remember the new stamp
                return same
        try:
            document = parse_document(
                path, result.text, links_in_comments=settings.links_in_comments
            )
        except Exception:  # a parser bug must not stop the run
            run.internal_errors.append(_internal(path, "parsing"))
            return None
        if cache is not None and stat is not None:
            cache.put(path, stat.st_size, cache.stamp(stat), document)
        return document

    run.index = build_index(
        LazyDocuments(files.notes, load),
        set(),
        files.attachments,
        files.link_style,
        root,
        note_files=sorted(files.notes),
    )
    if request.staged:
        broken = _broken_by_staged_change(run.index, root) & files.lintable
        run.linted = sorted(set(run.linted) | broken)
    return run


def _changed_since(root: Path, ref: str) -> set[str]:
    from vaultlint.history import changed_since

    changed = changed_since(root, ref)
    if changed is None:
        raise ConfigError(f"--changed-since {ref}: not a git revision of the repository at {root}")
    return set(changed)


def _broken_by_staged_change(index: VaultIndex, root: Path) -> set[str]:
    """Notes with an unresolved link to a note that the staged change deletes or renames."""
    from vaultlint.history import staged_removals

    removed = {fold(path.rsplit("/", 1)[-1]) for path in staged_removals(root)}
    if not removed:
        return set()
    found = set()
    for item in index.graph.unresolved:
        name = fold(item.link.linkpath.strip().rsplit("/", 1)[-1])
        if name in removed or f"{name}.md" in removed:
            found.add(item.source)
    return found


def _run_rules(run: VaultRun, request: CheckRequest, today: str) -> None:
    root, settings, rules, files, index = run.root, run.settings, run.rules, run.files, run.index
    documents = index.documents
    by_code = {rule.code: rule for rule in rules}
    raw = None
    if not request.fix:
        from vaultlint import parallel

        raw = parallel.check_notes(run, today, request.jobs, request.progress)
    if raw is None:
        raw = {path: check_note(run, path, today, request) for path in run.linted}
    reportable = frozenset(run.linted) | _attachments_in(files, request, root)
    vault_context = VaultContext(today, reportable, settings, files.notices)
    for rule in rules:
        if rule.scope is Scope.VAULT and rule.check_vault is not None:
            try:
                for finding in rule.check_vault(index, vault_context):
                    if finding.path in reportable:
                        raw.setdefault(finding.path, []).append(finding)
            except Exception:
                run.internal_errors.append(_internal(str(root), rule.code))

    for path, findings in raw.items():
        note = None if path in run.without_directives else documents.get(path)
        kept = _apply_suppressions(note, findings, by_code)
        kept = _apply_per_file_ignores(path, kept, settings)
        for finding in kept:
            rule = registry.BY_CODE[finding.code]
            run.findings.append(replace(finding, severity=severity_for(rule, settings)))
    run.findings.sort(key=lambda f: (f.path, f.start.line, f.start.column, f.code))


def check_note(
    run: VaultRun, path: str, today: str, request: CheckRequest | None = None
) -> list[Finding]:
    """The per-note rules' findings for one linted note, unsuppressed; with `request.fix`
    the note is fixed first. A note that cannot be read yields its read problem."""
    documents = run.index.documents
    document = documents.get(path)  # reads and parses the note, recording a read problem
    problem = run.problems.get(path)
    selected = run.selected
    if problem is not None:
        if problem.code not in selected:
            return []
        position = Position(problem.line, problem.column)
        return [Finding(problem.code, problem.message, path, position, position)]
    if document is None:
        return []
    context = NoteContext(run.index, today, run.settings, selected)

    def note_findings(note: Document) -> list[Finding]:
        found: list[Finding] = []
        for rule in run.rules:
            if rule.check_note is None:
                continue
            try:
                found.extend(rule.check_note(note, context))
            except Exception:
                run.internal_errors.append(_internal(note.path, rule.code))
        return found

    if request is not None and request.fix:
        by_code = {rule.code: rule for rule in run.rules}
        document = _fix_note(run, document, note_findings, by_code, request)
        documents[path] = document
    found = note_findings(document)
    document.forget_derived()
    return found


def _schema_warnings(settings: Settings, index: VaultIndex) -> list[str]:
    """Disagreements between page types and `.obsidian/types.json`, once per run."""
    if not settings.page_types:
        return []
    from vaultlint.checks.sch import configuration_warnings
    from vaultlint.fields import read_obsidian_types
    from vaultlint.pagetypes import page_types

    obsidian = read_obsidian_types(index.root)
    return configuration_warnings(page_types(settings, index.memo), obsidian) if obsidian else []


def _fix_note(
    run: VaultRun,
    document: Document,
    note_findings: Callable[[Document], list[Finding]],
    by_code: dict[str, Rule],
    request: CheckRequest,
) -> Document:
    """Fix one note (suppressed findings are never fixed); return the note as it now is."""

    def unsuppressed(note: Document) -> list[Finding]:
        kept = _apply_suppressions(note, note_findings(note), {}, report_unused=False)
        return _apply_per_file_ignores(note.path, kept, run.settings)

    outcome = fix.fix_document(
        document,
        unsuppressed,
        lambda finding: by_code[finding.code].fix_changes,
        unsafe=request.unsafe_fixes,
        links_in_comments=run.settings.links_in_comments,
    )
    if outcome.refused:
        run.internal_errors.append(f"{document.path}: {outcome.refused}")
        return document
    if outcome.bound_hit:
        run.internal_errors.append(
            f"{document.path}: fixes still applied after {fix.MAX_ROUNDS} rounds; stopped "
            "(please report this)"
        )
    if not outcome.changed:
        return document
    before, after = fix.file_text(document), fix.file_text(outcome.document)
    if request.diff:
        run.diffs.append(fix.unified_diff(document.path, before, after))
        return document
    problem = fix.write_atomically(run.root / document.path, before, after)
    if problem is not None:
        run.internal_errors.append(f"{document.path}: {problem}")
        return document
    run.fixed[document.path] = outcome.applied
    return outcome.document


def _apply_suppressions(
    document: Document | None,
    findings: list[Finding],
    selected: dict[str, Rule],
    *,
    report_unused: bool = True,
) -> list[Finding]:
    if document is None or (not document.comments and document.frontmatter is None):
        return findings
    directives = find_directives(document)
    if not directives:
        return findings
    kept = []
    for finding in findings:
        name = registry.BY_CODE[finding.code].name
        covering = [d for d in directives if d.covers(finding.code, name, finding.start.line)]
        for directive in covering:
            directive.used.add(finding.code)
        if not covering:
            kept.append(finding)
    if report_unused and vlt.UNUSED_SUPPRESSION.code in selected:
        kept.extend(_unused(document, directives, selected))
    return kept


def _unused(
    document: Document, directives: Iterable[Directive], selected: dict[str, Rule]
) -> Iterable[Finding]:
    for directive in directives:
        named = {rule.code for s in directive.selectors for rule in registry.matching(s)}
        if named and not named & set(selected):
            continue  # it names only rules not run now: it cannot be judged unused
        unknown = [s for s in directive.selectors if not registry.is_known_selector(s)]
        if unknown:
            yield vlt.UNUSED_SUPPRESSION.at(
                document,
                directive.span,
                f"suppression names unknown rule {', '.join(unknown)}: "
                "use a code from `vaultlint rules`, or remove it",
            )
        elif not directive.used:
            what = ", ".join(directive.selectors) or "all rules"
            yield vlt.UNUSED_SUPPRESSION.at(
                document,
                directive.span,
                f"suppression of {what} suppresses nothing here: remove it",
            )


def _apply_per_file_ignores(
    path: str, findings: list[Finding], settings: Settings
) -> list[Finding]:
    if not settings.per_file_ignores:
        return findings
    ignored: set[str] = set()
    for pattern, selectors in settings.per_file_ignores.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, pattern.rstrip("/") + "/*"):
            for selector in selectors:
                ignored.update(rule.code for rule in registry.matching(selector))
    return [finding for finding in findings if finding.code not in ignored]


def _attachments_in(files: VaultFiles, request: CheckRequest, root: Path) -> frozenset[str]:
    """Attachments under the targets (findings about unused attachments name them)."""
    if request.stdin_path is not None:
        return frozenset()
    inside: set[str] = set()
    for target in request.targets or (root,):
        if not _within(root, target):
            continue
        relative = target.resolve().relative_to(root.resolve()).as_posix()
        prefix = "" if relative == "." else relative + "/"
        inside.update(
            path for path in files.attachments if path == relative or path.startswith(prefix)
        )
    return frozenset(inside)


def _relative(root: Path, path: Path | None) -> str | None:
    if path is None:
        return None
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.name


def _within(root: Path, target: Path) -> bool:
    resolved, root = target.resolve(), root.resolve()
    return resolved == root or root in resolved.parents


def _internal(where: str, stage: str) -> str:
    last = traceback.format_exc().strip().splitlines()[-1]
    return f"{where}: internal error in {stage}: {last} (please report this)"
