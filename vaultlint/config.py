"""Finding, merging and validating configuration.

Sources, nearest first: `--config PATH`; else `vaultlint.toml`, `.vaultlint.toml`, or
`[tool.vaultlint]` in `pyproject.toml`, found by walking up from the target. A preset named
by `extends` (a TOML file in the packaged `rules/` folder) is read first and the user's
settings are laid over it. Keys are kebab-case, as in ruff.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vaultlint import __version__
from vaultlint.rule import Severity

CONFIG_NAMES = ("vaultlint.toml", ".vaultlint.toml")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
LOG_OPERATIONS = (
    "ingest",
    "create",
    "update",
    "query",
    "lint",
    "delete",
    "rename",
    "merge",
    "split",
    "archive",
    "fix",
    "review",
    "setup",
)


class ConfigError(Exception):
    """A configuration problem, already worded as one line for the user."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


@dataclass(frozen=True)
class Settings:
    """Every configuration key. Unknown keys are errors: a typo must not pass silently.

    A plain dataclass that pydantic validates (see `_validate`): importing pydantic costs
    about 0.2 s, so a run whose configuration was validated before skips it (see `_cache`).
    """

    __pydantic_config__ = {  # noqa: RUF012 - read by pydantic, never mutated
        "extra": "forbid",
        "alias_generator": _kebab,
    }

    extends: list[str] = field(default_factory=list)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    links_in_comments: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes, > 0
    fail_on: Severity = Severity.WARNING
    raw_folder: str = "raw"  # immutable sources of an LLM wiki: never orphans
    orphan_exempt: list[str] = field(default_factory=list)  # more notes that need no backlink
    # Dated claims (DAT): word lists from rules/words/<date-language>.toml, extended here.
    date_language: str = "en"
    extend_time_words: list[str] = field(default_factory=list)
    extend_future_words: list[str] = field(default_factory=list)
    date_order: str = ""  # "dmy" or "mdy": how this vault writes 03/04/2025
    stale_after_months: int = 12  # "as of <date>" older than this is reported (info)
    # A note dated as a whole (a captured source, a session checkpoint) dates its claims:
    # notes in `raw-folder`, notes whose file name starts with YYYY-MM-DD, and notes with one
    # of these frontmatter keys.
    snapshot_date_keys: list[str] = field(
        default_factory=lambda: ["captured", "clipped", "published", "date", "checkpoint"]
    )
    # Page types that summarise one dated source: their claims are the source's, as of then.
    snapshot_types: list[str] = field(default_factory=lambda: ["source"])
    keep_hard_breaks: bool = True  # FMT001 keeps two trailing spaces before a next line
    type_key: str = "type"  # the frontmatter key that names a note's page type
    created_key: str = "created"
    updated_key: str = "updated"
    git_freshness: bool | None = None  # None: on when the vault is the top of a git work tree
    # Wiki maintenance (WIKI).
    index_file: str = "index.md"  # every content page listed once ("" turns the check off)
    log_file: str = "log.md"  # `## [YYYY-MM-DD] operation | title` entries ("": off)
    log_operations: list[str] = field(default_factory=lambda: list(LOG_OPERATIONS))
    system_types: list[str] = field(default_factory=lambda: ["index", "meta", "log", "raw"])
    raw_keys: list[str] = field(default_factory=lambda: ["raw", "source_path"])
    source_hash_key: str = "source_hash"
    # What a stored source hash may be a hash of: the raw file's bytes, its text without
    # frontmatter, either stripped of surrounding whitespace, or its own `content_hash`.
    source_hash_of: list[str] = field(
        default_factory=lambda: ["raw", "raw-stripped", "body", "body-stripped", "content-hash"]
    )
    stale_after_days: int = 180
    contested_markers: list[str] = field(
        default_factory=lambda: ["contradiction", "contested", "disputed"]
    )
    mention_min_length: int = 4  # titles and aliases shorter than this are not looked for
    placeholders: list[str] = field(
        default_factory=lambda: ["TODO", "TBD", "...", "…", "FIXME", "placeholder", "to do"]
    )
    max_page_lines: int = 0  # 0: no limit
    # Page schemas (SCH): `[page-types.NAME]` tables, checked by `vaultlint.pagetypes`.
    page_types: dict[str, Any] = field(default_factory=dict)
    # Which file declared each page type (filled in while merging; not a user key).
    page_type_origins: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Kebab-case keys and plain values, as written in vaultlint.toml."""
        data = dataclasses.asdict(self)
        data["severity"] = {key: value.value for key, value in self.severity.items()}
        data["fail_on"] = self.fail_on.value
        return {_kebab(key): value for key, value in data.items()}

    @classmethod
    def from_validated(cls, data: dict[str, Any]) -> Settings:
        """Rebuild from `as_json()` output that pydantic already validated."""
        values = {key.replace("-", "_"): value for key, value in data.items()}
        values["severity"] = {k: Severity(v) for k, v in values["severity"].items()}
        values["fail_on"] = Severity(values["fail_on"])
        return cls(**values)


@dataclass(frozen=True)
class LoadedConfig:
    settings: Settings
    path: Path | None  # the user's file, if any


def rules_dir() -> Path:
    """The declarative rule sets: packaged as `vaultlint/rules`, or `rules/` in a checkout."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "rules"


def available_presets() -> list[str]:
    return sorted(path.stem for path in rules_dir().glob("*.toml"))


def find_config_file(start: Path) -> Path | None:
    """Walk up from `start` to the first folder with a vaultlint configuration."""
    start = Path(os.path.realpath(start))
    folder = start if os.path.isdir(start) else start.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if os.path.isfile(candidate / name):
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if os.path.isfile(pyproject) and has_tool_section(pyproject):
            return pyproject
    return None


def has_tool_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "vaultlint" in data["tool"]


def load_config(path: Path | None) -> LoadedConfig:
    """Read, merge with presets and validate; raise ConfigError with one clear line."""
    raw: dict[str, Any] = {} if path is None else _read_table(path)
    if "page-type-origins" in raw:
        raise ConfigError(f"{path}: unknown key 'page-type-origins'")
    merged = _apply_presets(raw, path)
    return LoadedConfig(_validate(merged, path), path)


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("vaultlint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.vaultlint] must be a table")
        return table
    return data


def _apply_presets(raw: dict[str, Any], path: Path | None) -> dict[str, Any]:
    extends = raw.get("extends", [])
    names = [extends] if isinstance(extends, str) else extends
    if not isinstance(names, list):
        return raw  # let validation word the type error
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if isinstance(extends, str):
        raw = {**raw, "extends": [extends]}
    for name in names:
        preset_path = rules_dir() / f"{name}.toml"
        if not isinstance(name, str) or not preset_path.is_file():
            known = ", ".join(available_presets()) or "none"
            where = path or "configuration"
            raise ConfigError(f"{where}: extends: unknown preset {name!r} (known: {known})")
        preset = _read_table(preset_path)
        preset.pop("extends", None)
        _note_origins(preset, Path("rules") / preset_path.name, origins)
        merged = _merge(merged, preset)
    _note_origins(raw, path, origins)
    merged = _merge(merged, raw)
    if origins:
        merged["page-type-origins"] = origins
    return merged


def _note_origins(table: dict[str, Any], path: Path | None, origins: dict[str, str]) -> None:
    """Remember which file declared each page type, so that its errors name that file."""
    page_types = table.get("page-types")
    if isinstance(page_types, dict):
        for name in page_types:
            origins[name] = str(path) if path is not None else "configuration"


_ACCUMULATE = ("extend-select", "ignore", "exclude")
_DICTS = ("severity", "per-file-ignores", "page-types")


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Lay `over` on `base`: lists that extend accumulate, tables merge, the rest replaces."""
    result = dict(base)
    for key, value in over.items():
        if key in _ACCUMULATE and isinstance(value, list) and isinstance(result.get(key), list):
            result[key] = [*result[key], *value]
        elif key in _DICTS and isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = {**result[key], **value}
        else:
            result[key] = value
    return result


def _cache_file(data: dict[str, Any]) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    text = json.dumps(data, sort_keys=True, default=str) + __version__
    key = hashlib.sha256(text.encode()).hexdigest()[:32]
    return Path(base) / "vaultlint" / "settings" / f"{key}.json"


def _validate(data: dict[str, Any], path: Path | None) -> Settings:
    """Validate with pydantic, remembering configurations that passed.

    The cache maps the exact merged configuration (and this version) to its validated
    form, so that a pre-commit run on an unchanged configuration does not import pydantic.
    """
    if not data:
        return Settings()
    cache = _cache_file(data)
    try:
        return Settings.from_validated(json.loads(cache.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        pass
    settings = _validate_with_pydantic(data, path)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(settings.as_json()), encoding="utf-8")
        temporary.replace(cache)
    except OSError:
        pass  # a read-only home only costs speed
    return settings


def _validate_with_pydantic(data: dict[str, Any], path: Path | None) -> Settings:
    """Strict validation: TOML has real types, so `"yes"` for a boolean is a mistake."""
    from pydantic import TypeAdapter, ValidationError

    where = path or "configuration"
    try:
        settings = TypeAdapter(Settings).validate_json(json.dumps(data, default=str), strict=True)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        if first["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            known = ", ".join(
                _kebab(f.name)
                for f in dataclasses.fields(Settings)
                if f.name != "page_type_origins"
            )
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {known})") from None
        raise ConfigError(f"{where}: key '{key}': {first['msg']}") from None
    if settings.max_file_size <= 0:
        raise ConfigError(f"{where}: key 'max-file-size': must be a number of bytes above 0")
    if settings.date_order not in ("", "dmy", "mdy"):
        raise ConfigError(f'{where}: key \'date-order\': must be "dmy" or "mdy"')
    hashed = set(settings.source_hash_of) - {
        "raw",
        "raw-stripped",
        "body",
        "body-stripped",
        "content-hash",
    }
    if hashed:
        raise ConfigError(
            f"{where}: key 'source-hash-of': unknown {sorted(hashed)[0]!r} "
            "(known: raw, raw-stripped, body, body-stripped, content-hash)"
        )
    if not 0 < settings.stale_after_months <= 1200:
        raise ConfigError(f"{where}: key 'stale-after-months': must be from 1 to 1200")
    if not (rules_dir() / "words" / f"{settings.date_language}.toml").is_file():
        raise ConfigError(
            f"{where}: key 'date-language': no word list rules/words/{settings.date_language}.toml"
        )
    _check_selectors(settings, where)
    from vaultlint.pagetypes import parse_page_types

    parse_page_types(settings.page_types, settings.page_type_origins)
    return settings


def _check_selectors(settings: Settings, where: Path | str) -> None:
    """Every rule code, prefix or name in the configuration must name something."""
    from vaultlint.registry import is_known_selector

    named = [
        *(("select", s) for s in settings.select or ()),
        *(("extend-select", s) for s in settings.extend_select),
        *(("ignore", s) for s in settings.ignore),
        *((f"severity.{s}", s) for s in settings.severity),
        *(
            (f"per-file-ignores.{glob}", s)
            for glob, selectors in settings.per_file_ignores.items()
            for s in selectors
        ),
    ]
    for key, selector in named:
        if not is_known_selector(selector):
            raise ConfigError(
                f"{where}: key '{key}': unknown rule selector '{selector}' "
                "(codes, prefixes and names are listed by `vaultlint rules`)"
            )
