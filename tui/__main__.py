"""`python -m tui` runs the same command as `akhbar`."""

from tui.cli import main

raise SystemExit(main())
