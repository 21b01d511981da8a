"""The benchmark's generated vault holds what it claims to (the timing itself is a script,
not a test)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from vaultlint.parse import parse_document

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "scale.py"


def test_generated_notes_mix_every_construct(tmp_path):
    spec = importlib.util.spec_from_file_location("scale", SCRIPT)
    assert spec is not None and spec.loader is not None
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    vault = tmp_path / "v"
    scale.generate(vault, 12)
    notes = sorted(vault.rglob("*.md"))
    assert len(notes) == 12
    text = notes[0].read_text(encoding="utf-8")
    document = parse_document("a.md", text)
    assert document.frontmatter is not None and document.aliases
    assert any(link.subpath for link in document.links) and any(
        link.is_embed for link in document.links
    )
    assert any(link.display for link in document.links)
    assert document.callouts and document.list_items and document.tables and document.fences
    assert "currently" in text and any(year in text for year in ("2023", "2024", "2025", "2026"))
    assert 2_500 < len(text.encode()) < 6_000
