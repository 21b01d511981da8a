"""Finding the vault and its files, keeping apart what is linted and what links resolve to.

Obsidian resolves links to every file of any extension outside dot-folders, excluded files
and templates included; vaultlint lints only the Markdown notes that are not excluded by
`.gitignore`, the `exclude` setting, Obsidian's "Excluded files" or the templates folder.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from vaultlint.config import CONFIG_NAMES, Settings, has_tool_section
from vaultlint.index import LinkStyle

if TYPE_CHECKING:
    import pathspec

_ALWAYS_SKIPPED = frozenset({"node_modules"})


def find_vault_root(target: Path, cwd: Path) -> Path:
    """Nearest ancestor-or-self holding `.obsidian/` or a vaultlint configuration."""
    folder = Path(os.path.realpath(target if os.path.isdir(target) else target.parent))
    for candidate in (folder, *folder.parents):
        if os.path.isdir(candidate / ".obsidian"):
            return candidate
        if any(os.path.isfile(candidate / name) for name in CONFIG_NAMES):
            return candidate
        if os.path.isfile(candidate / "pyproject.toml") and has_tool_section(
            candidate / "pyproject.toml"
        ):
            return candidate
    cwd = Path(os.path.realpath(cwd))
    return cwd if folder == cwd or cwd in folder.parents else folder


@dataclass
class VaultFiles:
    """The files of one vault, by POSIX path relative to its root."""

    root: Path
    notes: list[str] = field(default_factory=list)  # every .md file outside dot-folders
    attachments: list[str] = field(default_factory=list)  # every other file
    lintable: set[str] = field(default_factory=set)  # notes not excluded from linting
    notices: list[str] = field(default_factory=list)  # problems met while walking
    # What the walk learnt of each file (stat follows symbolic links): reused by the run key.
    stats: dict[str, os.stat_result] = field(default_factory=dict, repr=False)
    link_style: LinkStyle = field(default_factory=LinkStyle)


def discover(root: Path, settings: Settings) -> VaultFiles:
    """Walk the vault once (iteratively, following symlinked folders without looping)."""
    files = VaultFiles(root)
    excluded = _Exclusions(root, settings, files.notices)
    files.link_style = excluded.link_style
    visited: set[tuple[int, int]] = set()
    root_real = os.path.realpath(root)
    stack: list[tuple[Path, str, bool]] = [(root, "", False)]  # folder, relative, excluded
    while stack:
        folder, relative, folder_excluded = stack.pop()
        try:
            info = folder.stat()
        except OSError as error:
            files.notices.append(f"{_shown(root, folder)}: cannot read folder: {error.strerror}")
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            files.notices.append(
                f"{_shown(root, folder)}: symbolic link loop (folder already visited); skipped"
            )
            continue
        visited.add(key)
        excluded.load_gitignore(folder, relative)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            files.notices.append(f"{_shown(root, folder)}: cannot read folder: {error.strerror}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = f"{relative}/{entry.name}" if relative else entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.is_symlink():
                    refusal = _not_followed(entry.path, root_real)
                    if refusal:
                        if refusal != "inside":
                            files.notices.append(f"{path}: {refusal}; not followed")
                        continue
                skip = folder_excluded or excluded.folder(path)
                stack.append((Path(entry.path), path, skip))
                continue
            try:
                files.stats[path] = entry.stat()
            except OSError:
                if entry.is_symlink():
                    files.notices.append(f"{path}: broken symbolic link; skipped")
                    continue
            if entry.name.lower().endswith(".md"):
                files.notes.append(path)
                if not folder_excluded and not excluded.file(path):
                    files.lintable.add(path)
            else:
                files.attachments.append(path)
    files.notes.sort()
    files.attachments.sort()
    return files


def _not_followed(link: str, root_real: str) -> str:
    """Why a symlinked folder is not followed ('' when it is), as Obsidian decides.

    Obsidian follows symlinked folders unless they point into the vault (the files are
    there already) or at a folder above it (which contains the vault: a loop).
    """
    target = os.path.realpath(link)
    parent = os.path.realpath(os.path.dirname(link))
    if parent == target or parent.startswith(target.rstrip(os.sep) + os.sep):
        return "symbolic link loop (it points at a folder that contains it)"
    if root_real.startswith(target.rstrip(os.sep) + os.sep):
        return "symbolic link to a folder above the vault"
    if target == root_real or target.startswith(root_real + os.sep):
        return "inside"
    return ""


def _shown(root: Path, folder: Path) -> str:
    try:
        return folder.relative_to(root).as_posix() or "."
    except ValueError:
        return str(folder)


class _Exclusions:
    """Every reason a note is not linted, each read once per vault."""

    def __init__(self, root: Path, settings: Settings, notices: list[str]) -> None:
        self.root = root
        self.notices = notices
        self.respect_gitignore = settings.respect_gitignore
        self.gitignores: list[tuple[str, pathspec.PathSpec[Any]]] = []
        self.exclude = _gitignore_spec(settings.exclude) if settings.exclude else None
        self.obsidian_filters = self._obsidian_filters()
        self.template_folders = self._template_folders()
        if self.respect_gitignore:
            self._load_parent_gitignores()

    # -- sources ---------------------------------------------------------------------

    def _read_json(self, relative: str) -> object:
        path = self.root / relative
        if not os.path.isfile(path):
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            self.notices.append(f"{relative}: cannot read Obsidian settings ({error}); ignored")
            return None

    def _obsidian_filters(self) -> list[str]:
        data = self._read_json(".obsidian/app.json")
        self.link_style = _link_style(data)
        filters = data.get("userIgnoreFilters") if isinstance(data, dict) else None
        return [item for item in filters if isinstance(item, str)] if filters else []

    def _template_folders(self) -> list[str]:
        folders = []
        core = self._read_json(".obsidian/templates.json")
        if isinstance(core, dict) and isinstance(core.get("folder"), str):
            folders.append(core["folder"])
        templater = self._read_json(".obsidian/plugins/templater-obsidian/data.json")
        if isinstance(templater, dict) and isinstance(templater.get("templates_folder"), str):
            folders.append(templater["templates_folder"])
        return [folder.strip("/") for folder in folders if folder.strip("/")]

    def _load_parent_gitignores(self) -> None:
        """A vault inside a larger git repository also obeys the repository's .gitignore."""
        if os.path.exists(self.root / ".git"):
            return  # the vault is its own repository
        for parent in self.root.resolve().parents:
            gitignore = parent / ".gitignore"
            if os.path.isfile(gitignore):
                prefix = self.root.resolve().relative_to(parent).as_posix()
                spec = self._spec(gitignore)
                if spec is not None:
                    self.gitignores.append((f"-{prefix}", spec))
            if os.path.exists(parent / ".git"):
                break
        else:
            self.gitignores = []  # no enclosing repository: its .gitignore files mean nothing

    def load_gitignore(self, folder: Path, relative: str) -> None:
        if not self.respect_gitignore:
            return
        gitignore = folder / ".gitignore"
        if os.path.isfile(gitignore):
            spec = self._spec(gitignore)
            if spec is not None:
                self.gitignores.append((relative, spec))

    def _spec(self, path: Path) -> pathspec.PathSpec[Any] | None:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as error:
            self.notices.append(f"{path}: cannot read .gitignore: {error.strerror}")
            return None
        return _gitignore_spec(lines)

    # -- decisions -------------------------------------------------------------------

    def _gitignored(self, path: str, is_dir: bool) -> bool:
        candidate = f"{path}/" if is_dir else path
        for base, spec in self.gitignores:
            if base.startswith("-"):  # a parent of the vault: prefix the vault's own path
                relative = f"{base[1:]}/{candidate}"
            elif not base:
                relative = candidate
            elif candidate.startswith(base + "/"):
                relative = candidate[len(base) + 1 :]
            else:
                continue
            if spec.match_file(relative):
                return True
        return False

    def _obsidian_excluded(self, path: str) -> bool:
        for item in self.obsidian_filters:
            if len(item) > 2 and item.startswith("/") and item.endswith("/"):
                try:
                    if re.search(item[1:-1], path):
                        return True
                except re.error:
                    continue
            elif path.startswith(item) or path == item.rstrip("/"):
                return True
        return False

    def folder(self, path: str) -> bool:
        return (
            path.split("/")[-1] in _ALWAYS_SKIPPED
            or any(path == t or path.startswith(t + "/") for t in self.template_folders)
            or (self.exclude is not None and self.exclude.match_file(path + "/"))
            or self._obsidian_excluded(path + "/")
            or self._gitignored(path, is_dir=True)
        )

    def file(self, path: str) -> bool:
        return (
            (self.exclude is not None and self.exclude.match_file(path))
            or self._obsidian_excluded(path)
            or self._gitignored(path, is_dir=False)
        )


def _link_style(app: object) -> LinkStyle:
    if not isinstance(app, dict):
        return LinkStyle()
    markdown = app.get("useMarkdownLinks") is True
    link_format = app.get("newLinkFormat")
    if link_format not in ("shortest", "relative", "absolute"):
        link_format = "shortest"
    return LinkStyle(markdown=markdown, format=link_format)


def _gitignore_spec(lines: list[str]) -> pathspec.PathSpec[Any]:
    """Imported on first use: pathspec costs ~70 ms, and most vaults need no patterns."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def select_targets(files: VaultFiles, targets: Iterable[Path]) -> set[str]:
    """The lintable notes at or under the given paths."""
    chosen: set[str] = set()
    root = files.root.resolve()
    for target in targets:
        resolved = target.resolve()
        if resolved == root:
            return set(files.lintable)
        try:
            relative = PurePosixPath(resolved.relative_to(root).as_posix())
        except ValueError:
            continue
        text = str(relative)
        if text in files.lintable:
            chosen.add(text)
            continue
        prefix = text + "/"
        chosen.update(note for note in files.lintable if note.startswith(prefix))
    return chosen
