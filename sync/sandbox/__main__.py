"""`python -m sync.sandbox --port 8765 ...`: serve the sandbox portal."""

from __future__ import annotations

from sync.sandbox.server import main

raise SystemExit(main())
