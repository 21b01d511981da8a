"""The rule families. Each module defines its rules; `vaultlint.registry` lists them all."""
