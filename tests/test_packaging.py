"""The built wheel, installed in a fresh virtualenv, works on its own.

Catches what an editable install hides: rule sets missing from the wheel, a stray top-level
`rules` package, a console script that does not start.
"""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, REPO)
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("obsidian_vaultlint-*.whl")
    return path


def test_wheel_ships_rule_sets_inside_the_package(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "vaultlint/rules/llm-wiki.toml" in names
    assert not any(name.startswith("rules/") for name in names)
    assert not any(name.startswith(("tests/", "examples/")) for name in names)


def test_installed_wheel_runs_in_a_fresh_virtualenv(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python, script = env_dir / "bin/python", env_dir / "bin/vaultlint"
    installed = _run(python, "-m", "pip", "install", "-q", wheel)
    assert installed.returncode == 0, installed.stderr

    probe = _run(python, "-c", "import vaultlint.config as c; print(c.rules_dir())", cwd=tmp_path)
    assert "site-packages/vaultlint/rules" in probe.stdout
    assert _run(python, "-c", "import rules", cwd=tmp_path).returncode != 0

    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "vaultlint.toml").write_text('extends = "llm-wiki"\n')
    (vault / "note.md").write_text("---\nsummary: a: b\n---\nText\n")
    (vault / "index.md").write_text("- [[note]] — a note\n")
    result = _run(script, "check", cwd=vault)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("note.md:2:11: VLT003 ")
    assert _run(script, "--version").stdout.startswith("vaultlint ")
    assert _run(python, "-m", "vaultlint", "rules").returncode == 0
