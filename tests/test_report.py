"""`vaultlint report`: the vault health page, as an Obsidian note and as one HTML file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support import run_cli

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
TODAY = ("--today", "2026-11-25")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_markdown_report_answers_what_to_fix_first(capsys):
    result = run_cli(capsys, "report", *TODAY, EXAMPLES, cwd=REPO)
    assert result.code == 0, result.err
    text = result.out
    sections = re.findall(r"(?m)^## (.+)$", text)
    assert sections[0] == "Fix first"
    for name in ["Provenance", "Worst pages", "Orphans", "Wanted pages", "Contested pages"]:
        assert name in sections
    first = re.search(r"(?m)^1\. \*\*(\w+) ", text)
    assert first is not None and first.group(1) in {
        "SCH002",
        "DAT002",
        "LNK001",
        "SCH001",
        "VLT003",
    }
    assert "[[concepts/compounding]]" in text  # pages are wikilinks
    assert "[[transformer-architecture]]: linked from 1 note" in text  # a wanted page
    assert "15 of 19 content pages (79%)" in text


def test_report_writes_to_a_file(tmp_path, capsys):
    target = tmp_path / "health.md"
    result = run_cli(capsys, "report", *TODAY, "-o", target, EXAMPLES, cwd=REPO)
    assert result.code == 0 and result.out == ""
    assert target.read_text(encoding="utf-8").startswith("# Vault health")


def test_html_report_is_one_self_contained_file(tmp_path, capsys):
    target = tmp_path / "health.html"
    run_cli(capsys, "report", *TODAY, "--output-format", "html", "-o", target, EXAMPLES, cwd=REPO)
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)
    assert page.count("<svg") >= 4  # charts are inline SVG
    assert "Fix first" in page and "concepts/compounding.md" in page


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt install chromium)")
def test_html_report_renders_offline_in_headless_chromium(tmp_path, capsys):
    target = tmp_path / "health.html"
    run_cli(capsys, "report", *TODAY, "--output-format", "html", "-o", target, EXAMPLES, cwd=REPO)
    offline = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # any network request would fail
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [CHROMIUM, *offline, "--dump-dom", target.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Fix first" in dom.stdout and "<svg" in dom.stdout
    shot = tmp_path / "health.png"
    subprocess.run(
        [CHROMIUM, *offline, f"--screenshot={shot}", "--window-size=1200,1600", target.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 30_000  # a page, not a blank image
