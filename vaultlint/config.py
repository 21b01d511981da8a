"""Finding, merging and validating configuration.

Sources, nearest first: `--config PATH`; else `vaultlint.toml`, `.vaultlint.toml`, or
`[tool.vaultlint]` in `pyproject.toml`, found by walking up from the target. A preset named
by `extends` (a TOML file in the packaged `rules/` folder) is read first and the user's
settings are laid over it. Keys are kebab-case, as in ruff.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from vaultlint.rule import Severity

CONFIG_NAMES = ("vaultlint.toml", ".vaultlint.toml")
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    """A configuration problem, already worded as one line for the user."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Settings(BaseModel):
    """Every configuration key. Unknown keys are errors: a typo must not pass silently."""

    model_config = ConfigDict(
        extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True
    )

    extends: list[str] = Field(default_factory=list)
    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    respect_gitignore: bool = True
    links_in_comments: bool = True
    max_file_size: int = Field(default=DEFAULT_MAX_FILE_SIZE, gt=0)
    fail_on: Severity = Severity.WARNING

    @field_validator("extends", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


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
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "vaultlint" in data["tool"]


def load_config(path: Path | None) -> LoadedConfig:
    """Read, merge with presets and validate; raise ConfigError with one clear line."""
    raw: dict[str, Any] = {} if path is None else _read_table(path)
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
    for name in names:
        preset_path = rules_dir() / f"{name}.toml"
        if not isinstance(name, str) or not preset_path.is_file():
            known = ", ".join(available_presets()) or "none"
            where = path or "configuration"
            raise ConfigError(f"{where}: extends: unknown preset {name!r} (known: {known})")
        preset = _read_table(preset_path)
        preset.pop("extends", None)
        merged = _merge(merged, preset)
    return _merge(merged, raw)


_ACCUMULATE = ("extend-select", "ignore", "exclude")
_DICTS = ("severity", "per-file-ignores")


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


def _validate(data: dict[str, Any], path: Path | None) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        where = path or "configuration"
        if first["type"] == "extra_forbidden":
            known = ", ".join(sorted(_kebab(name) for name in Settings.model_fields))
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {known})") from None
        raise ConfigError(f"{where}: key '{key}': {first['msg']}") from None
