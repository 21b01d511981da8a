"""vaultlint: a deterministic linter for Obsidian vaults.

This module stays import-light on purpose: `vaultlint --version` runs on every pre-commit
invocation and must not pay for the parser or the rules.
"""

__version__ = "0.1.0"
