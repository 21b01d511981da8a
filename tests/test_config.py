"""Configuration: where it is found, how presets merge, how errors read."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import make_vault, run_cli

from vaultlint.config import ConfigError, find_config_file, load_config, rules_dir
from vaultlint.rule import Severity

EMPTY = ""


def show(capsys, vault: Path, *extra: str) -> str:
    result = run_cli(capsys, "check", "--show-settings", *extra, cwd=vault)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("name", ["vaultlint.toml", ".vaultlint.toml"])
def test_config_file_at_the_vault_root(tmp_path: Path, capsys, name: str):
    vault = make_vault(tmp_path, {"a.md": EMPTY, name: 'ignore = ["VLT004"]\n'})
    result = run_cli(capsys, "check", cwd=vault)
    assert result.code == 0, result.out


def test_pyproject_tool_section_found_walking_up(tmp_path: Path, capsys):
    make_vault(
        tmp_path, {"pyproject.toml": '[tool.vaultlint]\nignore = ["VLT004"]\n'}, obsidian=False
    )
    vault = make_vault(tmp_path / "notes", {"sub/a.md": EMPTY}, obsidian=False)
    assert find_config_file(vault / "sub") == tmp_path / "pyproject.toml"
    assert run_cli(capsys, "check", "sub", cwd=vault).code == 0


def test_pyproject_without_tool_section_is_not_a_config(tmp_path: Path):
    make_vault(tmp_path, {"pyproject.toml": "[project]\nname = 'x'\n"})
    assert find_config_file(tmp_path) is None


def test_config_option_overrides_discovery(tmp_path: Path, capsys):
    vault = make_vault(tmp_path / "v", {"a.md": EMPTY, "vaultlint.toml": ""})
    other = tmp_path / "strict.toml"
    other.write_text('ignore = ["empty-note"]\n')
    assert run_cli(capsys, "check", cwd=vault).code == 1
    assert run_cli(capsys, "check", "--config", other, cwd=vault).code == 0
    missing = run_cli(capsys, "check", "--config", tmp_path / "nope.toml", cwd=vault)
    assert missing.code == 2 and "no such file" in missing.err


def test_extends_pulls_a_packaged_preset(tmp_path: Path, capsys):
    assert (rules_dir() / "llm-wiki.toml").is_file()
    vault = make_vault(tmp_path, {"a.md": "x\n", "vaultlint.toml": 'extends = "llm-wiki"\n'})
    out = show(capsys, vault)
    assert '"SCH"' in out and '"WIKI001"' in out and '"WIKI016"' not in out


def test_user_settings_extend_the_preset(tmp_path: Path):
    config = tmp_path / "vaultlint.toml"
    config.write_text('extends = "llm-wiki"\nextend-select = ["VLT"]\n')
    settings = load_config(config).settings
    assert settings.extend_select[:3] == ["orphan-note", "SCH", "WIKI001"]
    assert settings.extend_select[-1] == "VLT"  # the user's selection is added to the preset's


def test_unknown_preset_names_the_known_ones(tmp_path: Path):
    config = tmp_path / "vaultlint.toml"
    config.write_text('extends = "nope"\n')
    with pytest.raises(ConfigError, match=r"unknown preset 'nope' \(known: llm-wiki\)"):
        load_config(config)


def test_wrong_type_names_file_and_key(tmp_path: Path):
    config = tmp_path / "vaultlint.toml"
    config.write_text('[severity]\nVLT004 = "loud"\n')
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value).startswith(f"{config}: key 'severity.VLT004':")


def test_per_file_ignores_by_glob(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {
            "drafts/a.md": EMPTY,
            "b.md": EMPTY,
            "vaultlint.toml": '[per-file-ignores]\n"drafts/*" = ["VLT004"]\n',
        },
    )
    result = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    assert [f["path"] for f in result.json()] == ["b.md"]


def test_severity_override_most_specific_wins(tmp_path: Path, capsys):
    vault = make_vault(
        tmp_path,
        {"b.md": EMPTY, "vaultlint.toml": '[severity]\nVLT = "error"\nVLT004 = "info"\n'},
    )
    result = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    assert [f["severity"] for f in result.json()] == ["info"]


def test_default_selection_is_the_default_families(tmp_path: Path, capsys):
    vault = make_vault(tmp_path, {"a.md": "x\n"})
    out = show(capsys, vault)
    assert all(code in out for code in ("VLT001", "VLT003", "VLT004", "VLT005"))


def test_command_line_select_starts_afresh_as_in_ruff(tmp_path: Path, capsys):
    """The configuration's extend-select and ignore are one layer; `--select` on the
    command line replaces it, so `--select LNK001` checks LNK001 and nothing else."""
    vault = make_vault(
        tmp_path,
        {
            "vaultlint.toml": 'extend-select = ["orphan-note"]\nignore = ["LNK001"]\n',
            "a.md": "[[missing]]\n",
        },
    )
    configured = run_cli(capsys, "check", "--output-format", "json", cwd=vault)
    assert [f["code"] for f in configured.json()] == ["LNK007"]
    selected = run_cli(capsys, "check", "--output-format", "json", "--select", "LNK001", cwd=vault)
    assert [f["code"] for f in selected.json()] == ["LNK001"]


def test_validated_configuration_is_remembered_and_rebuilt_exactly(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    config = tmp_path / "vaultlint.toml"
    config.write_text(
        'extends = "llm-wiki"\nfail-on = "error"\nmax-file-size = 1000\n'
        '[severity]\nVLT004 = "info"\n[per-file-ignores]\n"a/*" = ["VLT"]\n'
    )
    first = load_config(config).settings
    cached = list((tmp_path / "cache/vaultlint/settings").glob("*.json"))
    assert len(cached) == 1
    second = load_config(config).settings  # rebuilt from the cache, without pydantic
    assert second == first
    assert second.severity == {"VLT004": Severity.INFO} and second.fail_on is Severity.ERROR
    config.write_text('fail-on = "loud"\n')  # a changed file is validated again
    with pytest.raises(ConfigError, match="key 'fail-on'"):
        load_config(config)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('respect-gitignore = "yes"\n', "key 'respect-gitignore'"),
        ("respect-gitignore = 0\n", "key 'respect-gitignore'"),
        ('max-file-size = "100"\n', "key 'max-file-size'"),
        ("max-file-size = 1.0\n", "key 'max-file-size'"),
        ("max-file-size = 0\n", "key 'max-file-size': must be a number of bytes above 0"),
        ("links_in_comments = false\n", "unknown key 'links_in_comments'"),
        ('select = ["BOGUS"]\n', "key 'select': unknown rule selector 'BOGUS'"),
        ('[severity]\nNOPE1 = "info"\n', "key 'severity.NOPE1': unknown rule selector 'NOPE1'"),
        ('[per-file-ignores]\n"a/*" = ["X9"]\n', "key 'per-file-ignores.a/*': unknown rule"),
    ],
)
def test_strict_types_and_known_selectors(tmp_path: Path, monkeypatch, text, expected):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    config = tmp_path / "vaultlint.toml"
    config.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value).startswith(f"{config}: ")
    assert expected in str(error.value)
