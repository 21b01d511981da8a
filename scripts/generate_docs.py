"""Regenerate docs/rules.md from the rule registry: python scripts/generate_docs.py"""

from pathlib import Path

from vaultlint.registry import rules_markdown

target = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
target.write_text(rules_markdown(), encoding="utf-8")
print(f"wrote {target}")
