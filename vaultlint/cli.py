"""Command line: parse arguments, call the engine, write reports, return an exit code.

Nothing else lives here. Heavy modules (the parser, the rules, pydantic) are imported inside
the commands, so that `vaultlint --version` starts in the time Python itself takes.

Exit codes: 0 no finding reaches --fail-on; 1 some do; 2 usage, configuration or internal
error.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vaultlint import __version__

if TYPE_CHECKING:
    from vaultlint.config import Settings
    from vaultlint.engine import VaultRun
    from vaultlint.pagetypes import PageType

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_SEVERITIES = ("error", "warning", "info")


class _UsageError(Exception):
    pass


class _ConfigProblem(_UsageError):
    """A configuration error met by a command other than `check` (same wording)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vaultlint",
        description="Lint an Obsidian vault: links, page schemas, dated claims, formatting.",
    )
    parser.add_argument("--version", action="version", version=f"vaultlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    output = argparse.ArgumentParser(add_help=False)
    output.add_argument(
        "--output-format", choices=("text", "json"), default="text", help="report format"
    )
    output.add_argument("-o", "--output-file", type=Path, help="write the report to this file")

    check = commands.add_parser("check", help="check notes (default: the vault around the cwd)")
    check.add_argument(
        "--output-format",
        choices=("text", "json", "json-lines", "github", "sarif", "gitlab", "junit"),
        default="text",
        help="report format (github, sarif, gitlab, junit: paths relative to the repository root)",
    )
    check.add_argument("-o", "--output-file", type=Path, help="write the report to this file")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    check.add_argument("--config", type=Path, help="use this configuration file")
    check.add_argument("--select", help="comma-separated codes, prefixes or names to check")
    check.add_argument("--extend-select", help="add these to the selected rules")
    check.add_argument("--ignore", help="comma-separated codes, prefixes or names to skip")
    check.add_argument("--statistics", action="store_true", help="count findings per rule")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument(
        "--fail-on", choices=_SEVERITIES, help="lowest severity that fails (default: warning)"
    )
    check.add_argument("--today", help="the date to use as today, YYYY-MM-DD")
    check.add_argument(
        "--stdin-filename", type=Path, help="check standard input as if it were this note"
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix, also apply unsafe fixes"
    )
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff; write nothing"
    )
    check.add_argument(
        "--fix-only", action="store_true", help="apply fixes; do not report other problems"
    )
    check.add_argument("--show-fixes", action="store_true", help="list what was fixed")
    check.add_argument(
        "--staged",
        action="store_true",
        help="also check notes whose links the staged git change breaks (for pre-commit)",
    )
    check.add_argument(
        "--no-cache", action="store_true", help="do not read or write the cache of parsed notes"
    )
    check.add_argument(
        "--cache-dir", type=Path, help="cache folder (default: .vaultlint_cache at the vault root)"
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        metavar="N",
        help="processes for checking notes (default: every core for a vault of 400 notes or "
        "more, else 1)",
    )
    check.add_argument(
        "--changed-since",
        metavar="REF",
        help="check only notes changed since this git revision (the vault is still indexed)",
    )
    check.add_argument(
        "--baseline", type=Path, help="report only findings not recorded in this baseline file"
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the current findings in FILE (for adopting vaultlint on a large vault)",
    )
    check.add_argument("--show-settings", action="store_true", help="print resolved settings")
    check.add_argument("--show-files", action="store_true", help="list the notes to check")

    graph = commands.add_parser(
        "graph", help="orphans, wanted pages, most linked notes and broken-link counts"
    )
    graph.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    graph.add_argument(
        "--output-format",
        choices=("text", "json", "markdown"),
        default="text",
        help="report format (markdown: a note with wikilinks to open in Obsidian)",
    )
    graph.add_argument("-o", "--output-file", type=Path, help="write the report to this file")
    graph.add_argument("--config", type=Path, help="use this configuration file")
    graph.add_argument("--top", type=int, default=20, help="entries per ranked list")

    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a page type's frontmatter (all types: none given)"
    )
    schema.add_argument("type", nargs="?", metavar="TYPE")
    schema.add_argument("--vault", type=Path, default=Path(), help="the vault (default: cwd)")
    schema.add_argument("--config", type=Path, help="use this configuration file")
    schema.add_argument("-o", "--output-file", type=Path, help="write the schema to this file")

    new = commands.add_parser("new", help="write a new note that meets its page type's schema")
    new.add_argument("type", metavar="TYPE")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--vault", type=Path, default=Path(), help="the vault (default: cwd)")
    new.add_argument("--config", type=Path, help="use this configuration file")
    new.add_argument("--folder", help="folder inside the vault (default: the type's folder)")
    new.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a frontmatter value (lists: comma-separated); repeatable",
    )
    new.add_argument("--today", help="the date to write for date fields, YYYY-MM-DD")

    report = commands.add_parser(
        "report", help="one page on the vault's health: what to fix first, orphans, provenance"
    )
    report.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    report.add_argument(
        "--output-format",
        choices=("markdown", "html"),
        default="markdown",
        help="markdown: an Obsidian note with wikilinks; html: one file that opens offline",
    )
    report.add_argument("-o", "--output-file", type=Path, help="write the report to this file")
    report.add_argument("--config", type=Path, help="use this configuration file")
    report.add_argument("--today", help="the date to use as today, YYYY-MM-DD")
    report.add_argument("--top", type=int, default=15, help="entries per ranked list")
    report.add_argument("--no-cache", action="store_true", help="do not use the cache")
    report.add_argument("--cache-dir", type=Path, help="cache folder")

    rule = commands.add_parser("rule", parents=[output], help="show a rule's documentation")
    rule.add_argument("rule", metavar="CODE|NAME")
    commands.add_parser("rules", parents=[output], help="list every rule")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if argv is None and arguments.command in ("check", "graph", "report"):
        _collect_garbage_rarely()  # a process of its own, not a caller's
    try:
        if arguments.command == "check":
            return _check(arguments)
        if arguments.command == "graph":
            return _graph(arguments)
        if arguments.command == "rule":
            return _rule(arguments)
        if arguments.command == "report":
            return _health_report(arguments)
        if arguments.command == "schema":
            return _schema(arguments)
        if arguments.command == "new":
            return _new(arguments)
        if arguments.command == "rules":
            return _rules(arguments)
    except _UsageError as error:
        kind = "configuration error" if isinstance(error, _ConfigProblem) else "error"
        print(f"vaultlint: {kind}: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    except Exception as error:  # never a traceback: one line, exit 2, the run is reportable
        print(
            f"vaultlint: internal error: {type(error).__name__}: {error} (please report this)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    parser.print_help(sys.stderr)
    return EXIT_ERROR


def _collect_garbage_rarely() -> None:
    """A run builds millions of small objects that live until it ends, and Python's cycle
    collector would scan them again and again (a tenth of a run). Freeze what the imports
    made and collect far less often: nothing here depends on prompt collection."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return number


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(part for part in re.split(r"[\s,]+", value) if part)


def _write(text: str, arguments: argparse.Namespace) -> None:
    target: Path | None = arguments.output_file
    if target is None:
        sys.stdout.write(text)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _UsageError(f"cannot write {target}: {error.strerror}") from None


def _use_colour(arguments: argparse.Namespace) -> bool:
    return arguments.output_file is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _check_paths(paths: list[Path]) -> None:
    """Every PATH must exist (a broken symbolic link or a link loop does not)."""
    for path in paths:
        if not os.path.exists(path):
            if os.path.islink(path):
                raise _UsageError(f"{path}: broken symbolic link or symbolic link loop")
            raise _UsageError(f"{path}: no such file or folder")


def _check_today(today: str | None) -> None:
    import datetime

    if today is not None:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", today):
                raise ValueError
            datetime.date.fromisoformat(today)
        except ValueError:
            raise _UsageError(f"--today {today!r}: expected a date as YYYY-MM-DD") from None


def _check(arguments: argparse.Namespace) -> int:
    cwd = Path.cwd()
    paths: list[Path] = arguments.paths
    _check_paths(paths)
    _check_today(arguments.today)
    if arguments.stdin_filename is not None and (arguments.fix or arguments.fix_only):
        raise _UsageError("--stdin-filename cannot be combined with --fix (nothing to write)")
    if arguments.stdin_filename is not None and arguments.paths:
        raise _UsageError("--stdin-filename checks standard input; give no PATH with it")

    from vaultlint.config import ConfigError
    from vaultlint.engine import CheckRequest, check

    stdin_text = None
    if arguments.stdin_filename is not None:
        stdin_text = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
        paths = [
            arguments.stdin_filename.parent if arguments.stdin_filename.parent.exists() else cwd
        ]
    request = CheckRequest(
        targets=tuple(paths),
        cwd=cwd,
        config_path=arguments.config,
        select=_split(arguments.select),
        extend_select=_split(arguments.extend_select) or (),
        ignore=_split(arguments.ignore) or (),
        today=arguments.today,
        stdin_path=arguments.stdin_filename,
        stdin_text=stdin_text,
        fix=arguments.fix or arguments.fix_only or arguments.diff,
        unsafe_fixes=arguments.unsafe_fixes,
        diff=arguments.diff,
        staged=arguments.staged,
        changed_since=arguments.changed_since,
        cache=not arguments.no_cache,
        cache_dir=arguments.cache_dir,
        jobs=arguments.jobs,
        progress=not arguments.quiet,
    )
    if arguments.config is not None and not arguments.config.is_file():
        raise _UsageError(f"--config {arguments.config}: no such file")
    try:
        runs = check(request)
    except ConfigError as error:
        print(f"vaultlint: configuration error: {error}", file=sys.stderr)
        return EXIT_ERROR

    if arguments.write_baseline is not None:
        from vaultlint import baseline

        try:
            written = baseline.write(arguments.write_baseline, runs)
        except OSError as error:
            raise _UsageError(
                f"{arguments.write_baseline}: cannot write: {error.strerror}"
            ) from None
        print(f"Wrote {written} findings to {arguments.write_baseline}.", file=sys.stderr)
        return EXIT_OK
    if arguments.baseline is not None:
        from vaultlint import baseline

        try:
            known = baseline.read(arguments.baseline)
        except (OSError, ValueError) as error:
            raise _UsageError(f"--baseline {arguments.baseline}: {error}") from None
        for run in runs:
            run.findings = baseline.new_findings(run.findings, known, run.root)
    if arguments.show_settings:
        _write(_settings_report(runs), arguments)
        return EXIT_OK
    if arguments.show_files:
        _write("".join(f"{p}\n" for p in _shown_files(runs, cwd)), arguments)
        return EXIT_OK
    if arguments.diff:
        _write("".join(diff for run in runs for diff in run.diffs), arguments)
        return _internal_errors(runs) or (EXIT_FINDINGS if any(r.diffs for r in runs) else EXIT_OK)
    if arguments.fix_only:
        fixed = sum(len(items) for run in runs for items in run.fixed.values())
        print(f"Fixed {fixed} problem{'' if fixed == 1 else 's'}.", file=sys.stderr)
        if arguments.show_fixes:
            _write(_fixes_report(runs, cwd), arguments)
        return _internal_errors(runs) or EXIT_OK
    return _report(runs, arguments, cwd)


def _internal_errors(runs: list[VaultRun]) -> int:
    errors = [error for run in runs for error in run.internal_errors]
    for error in errors:
        print(f"vaultlint: error: {error}", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_OK


def _fixes_report(runs: list[VaultRun], cwd: Path) -> str:
    from vaultlint.report import display_path, text_format

    fixed = {
        display_path(run.root, path, cwd): items
        for run in runs
        for path, items in run.fixed.items()
    }
    return text_format.fixes(fixed) if fixed else "No fixes applied.\n"


def _report(runs: list[VaultRun], arguments: argparse.Namespace, cwd: Path) -> int:
    from vaultlint.report import Shown, display_path, json_format, text_format
    from vaultlint.rule import Severity

    shown: list[Shown] = []
    internal = False
    failing = False
    for run in runs:
        for notice in run.files.notices:
            print(f"vaultlint: warning: {notice}", file=sys.stderr)
        for error in run.internal_errors:
            internal = True
            print(f"vaultlint: error: {error}", file=sys.stderr)
        threshold = Severity(arguments.fail_on) if arguments.fail_on else run.settings.fail_on
        for finding in run.findings:
            assert finding.severity is not None
            failing = failing or finding.severity.rank >= threshold.rank
            shown.append(Shown(display_path(run.root, finding.path, cwd), finding))
    checked = sum(len(run.linted) for run in runs)
    if arguments.output_format in _CI_FORMATS:
        text = _ci_report(runs, arguments.output_format, cwd)
    elif arguments.output_format == "json":
        text = json_format.render(shown)
    elif arguments.statistics:
        text = text_format.statistics(shown)
        if not arguments.quiet:
            text += text_format.summary(shown, checked) + "\n"
    else:
        fixed = sum(len(items) for run in runs for items in run.fixed.values())
        text = text_format.render(
            shown,
            colour=_use_colour(arguments),
            quiet=arguments.quiet,
            checked=checked,
            fixed=fixed,
        )
        if arguments.show_fixes:
            text += _fixes_report(runs, cwd)
    _write(text, arguments)
    if internal:
        return EXIT_ERROR
    if failing and not arguments.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


_CI_FORMATS = ("json-lines", "github", "sarif", "gitlab", "junit")


def _ci_report(runs: list[VaultRun], output_format: str, cwd: Path) -> str:
    """CI formats name files relative to the repository root, so annotations land on them."""
    from vaultlint.git import vault_prefix
    from vaultlint.report import Shown, ci_formats, display_path

    shown: list[Shown] = []
    checked: list[str] = []
    for run in runs:
        prefix = vault_prefix(run.root)

        def place(path: str, prefix: str | None = prefix, run: VaultRun = run) -> str:
            return prefix + path if prefix is not None else display_path(run.root, path, cwd)

        shown.extend(Shown(place(f.path), f) for f in run.findings)
        checked.extend(place(path) for path in run.linted)
    if output_format == "sarif":
        from vaultlint import registry

        ran = {rule.code for run in runs for rule in run.rules}
        if len(shown) > ci_formats.GITHUB_RESULT_LIMIT:
            print(
                f"vaultlint: warning: {len(shown):,} results: GitHub code scanning rejects a "
                f"SARIF run of more than {ci_formats.GITHUB_RESULT_LIMIT:,}; report fewer "
                "(--baseline, --changed-since, --select)",
                file=sys.stderr,
            )
        return ci_formats.render_sarif(
            shown,
            [rule for rule in registry.ALL_RULES if rule.code in ran],
            successful=not any(run.internal_errors for run in runs),
            notices=[notice for run in runs for notice in run.files.notices],
        )
    if output_format == "github":
        return ci_formats.render_github(shown)
    if output_format == "gitlab":
        return ci_formats.render_gitlab(shown)
    if output_format == "junit":
        return ci_formats.render_junit(shown, checked)
    return ci_formats.render_json_lines(shown)


def _shown_files(runs: list[VaultRun], cwd: Path) -> list[str]:
    from vaultlint.report import display_path

    return [display_path(run.root, path, cwd) for run in runs for path in run.linted]


def _settings_report(runs: list[VaultRun]) -> str:
    import json

    report = []
    for run in runs:
        report.append(
            {
                "vault": str(run.root),
                "config": str(run.config_path) if run.config_path else None,
                "settings": run.settings.as_json(),
                "rules": [rule.code for rule in run.rules],
            }
        )
    return json.dumps(report, indent=2) + "\n"


def _graph(arguments: argparse.Namespace) -> int:
    cwd = Path.cwd()
    paths: list[Path] = arguments.paths
    _check_paths(paths)
    if arguments.config is not None and not arguments.config.is_file():
        raise _UsageError(f"--config {arguments.config}: no such file")

    from vaultlint.config import ConfigError
    from vaultlint.engine import CheckRequest, load
    from vaultlint.report import graph

    try:
        runs = load(CheckRequest(tuple(paths), cwd, arguments.config), with_rules=False)
    except ConfigError as error:
        print(f"vaultlint: configuration error: {error}", file=sys.stderr)
        return EXIT_ERROR
    render = {
        "text": graph.render_text,
        "json": graph.render_json,
        "markdown": graph.render_markdown,
    }[arguments.output_format]
    for run in runs:
        for notice in run.files.notices:
            print(f"vaultlint: warning: {notice}", file=sys.stderr)
    _write(
        "".join(render(graph.summarise(run.index, run.settings, arguments.top)) for run in runs),
        arguments,
    )
    return EXIT_ERROR if any(run.internal_errors for run in runs) else EXIT_OK


def _health_report(arguments: argparse.Namespace) -> int:
    import datetime

    from vaultlint.config import ConfigError
    from vaultlint.engine import CheckRequest, check
    from vaultlint.report import health

    paths: list[Path] = arguments.paths
    _check_paths(paths)
    _check_today(arguments.today)
    if arguments.config is not None and not arguments.config.is_file():
        raise _UsageError(f"--config {arguments.config}: no such file")
    today = arguments.today or datetime.date.today().isoformat()
    request = CheckRequest(
        targets=tuple(paths),
        cwd=Path.cwd(),
        config_path=arguments.config,
        extend_select=("orphan-note", "WIKI014", "WIKI016"),  # a review lists these too
        today=today,
        cache=not arguments.no_cache,
        cache_dir=arguments.cache_dir,
    )
    try:
        runs = check(request)
    except ConfigError as error:
        raise _ConfigProblem(str(error)) from None
    render = health.render_html if arguments.output_format == "html" else health.render_markdown
    parts = []
    for run in runs:
        for notice in run.files.notices:
            print(f"vaultlint: warning: {notice}", file=sys.stderr)
        parts.append(render(health.build(run, today, arguments.top)))
    _write("".join(parts), arguments)
    return _internal_errors(runs)


def _vault_types(arguments: argparse.Namespace) -> tuple[Path, Settings, dict[str, PageType]]:
    """The vault around --vault, its settings and its page types (usage errors: exit 2)."""
    from vaultlint.config import ConfigError
    from vaultlint.engine import CheckRequest, plan
    from vaultlint.pagetypes import parse_page_types

    _check_paths([arguments.vault])
    if arguments.config is not None and not arguments.config.is_file():
        raise _UsageError(f"--config {arguments.config}: no such file")
    try:
        root, loaded = plan(CheckRequest((arguments.vault,), Path.cwd(), arguments.config))[0]
        settings = loaded.settings
        types = parse_page_types(settings.page_types, settings.page_type_origins)
    except ConfigError as error:
        raise _ConfigProblem(str(error)) from None
    if not types:
        raise _UsageError(
            f"{root}: no page types are declared (add [page-types.NAME] tables to "
            'vaultlint.toml, or extends = "llm-wiki")'
        )
    return root, settings, types


def _page_type(types: dict[str, PageType], name: str) -> PageType:
    wanted = name.casefold()
    for page_type in types.values():
        if page_type.name.casefold() == wanted or wanted in (
            n.casefold() for n in page_type.type_names
        ):
            return page_type
    raise _UsageError(f"unknown page type {name!r} (known: {', '.join(sorted(types))})")


def _schema(arguments: argparse.Namespace) -> int:
    import json

    from vaultlint.fields import json_schema

    _root, settings, types = _vault_types(arguments)
    if arguments.type is not None:
        data = json_schema(_page_type(types, arguments.type), settings.type_key)
    else:
        data = {name: json_schema(t, settings.type_key) for name, t in sorted(types.items())}
    _write(json.dumps(data, indent=2, ensure_ascii=False) + "\n", arguments)
    return EXIT_OK


def _new(arguments: argparse.Namespace) -> int:
    import datetime

    from vaultlint.newnote import NewNoteError, check_choice, new_note, note_path

    _check_today(arguments.today)
    root, settings, types = _vault_types(arguments)
    page_type = _page_type(types, arguments.type)
    given = {}
    for item in arguments.set:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise _UsageError(f"--set {item!r}: expected KEY=VALUE")
        given[key.strip()] = value.strip()
    today = arguments.today or datetime.date.today().isoformat()
    try:
        text = new_note(page_type, arguments.title, today, settings.type_key, given, arguments.type)
        relative = note_path(root, page_type, arguments.title, arguments.folder)
        check_choice(text, relative, page_type, types, settings.type_key)
    except NewNoteError as error:
        raise _UsageError(str(error)) from None
    target = root / relative
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except FileExistsError:
        raise _UsageError(f"{relative}: already exists; not overwritten") from None
    except OSError as error:
        raise _UsageError(f"{relative}: cannot write: {error.strerror}") from None
    print(relative)
    empty = [s.heading for s in page_type.sections if s.required and not s.may_be_empty]
    if empty:
        print(f"Wrote {relative}: now fill in its sections ({', '.join(empty)}).", file=sys.stderr)
    return EXIT_OK


def _rule(arguments: argparse.Namespace) -> int:
    import json

    from vaultlint.registry import find_rule

    rule = find_rule(arguments.rule)
    if rule is None:
        raise _UsageError(f"unknown rule {arguments.rule!r} (see `vaultlint rules`)")
    if arguments.output_format == "json":
        _write(json.dumps(_rule_data(rule), indent=2) + "\n", arguments)
    else:
        _write(rule.documentation(), arguments)
    return EXIT_OK


def _rules(arguments: argparse.Namespace) -> int:
    import json

    from vaultlint.registry import ALL_RULES

    if arguments.output_format == "json":
        _write(json.dumps([_rule_data(r) for r in ALL_RULES], indent=2) + "\n", arguments)
        return EXIT_OK
    rows = []
    for rule in ALL_RULES:
        fix = {"none": " ", "safe": "*", "unsafe": "!"}[rule.fix.value]
        rows.append(f"{rule.code}  {fix} {rule.name:<24} {rule.severity.value:<8} {rule.summary}")
    _write("\n".join(rows) + "\n", arguments)
    return EXIT_OK


def _rule_data(rule: object) -> dict[str, object]:
    from vaultlint.rule import Rule

    assert isinstance(rule, Rule)
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "fix": rule.fix.value,
        "default": rule.default,
        "why": rule.why,
        "bad": rule.bad,
        "good": rule.good,
    }
