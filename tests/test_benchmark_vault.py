"""The benchmark's generated vault holds what it claims to (the timing itself is a script,
not a test)."""

from __future__ import annotations

from support import generate_vault

from vaultlint.parse import parse_document


def test_generated_notes_mix_every_construct(tmp_path):
    vault = generate_vault(tmp_path / "v", 12)
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
