"""Allow `python -m vaultlint`."""

from vaultlint.cli import main

raise SystemExit(main())
