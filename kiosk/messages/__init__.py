"""The message catalogs, one module per area, each loaded when a key of its area is first asked for.

A key's area is its first dotted part ("ui.search_label" is in the ui area) and AREAS names the module
that holds it: the window's first frame loads the ui messages only, not every screen's.
`tests/unit/test_messages.py` checks that each key is in the module its area names (so none is
defined twice), and that each has both languages with the same placeholders.
"""

from __future__ import annotations

import importlib
import threading

# area (a key's first dotted part) → module of kiosk.messages
AREAS: dict[str, str] = {
    "agents": "agents",
    "audit": "store",
    "backup": "database",
    "bundle": "bundle",
    "catalog": "catalog",
    "cli": "cli",
    "config": "common",
    "database": "database",
    "doctor": "cli",
    "documents": "documents",
    "done": "done",
    "focus": "focus",
    "header": "header",
    "import": "common",
    "intake": "intake",
    "journey": "journey",
    "key": "store",
    "lockdown": "lockdown",
    "keyboard": "keyboard",
    "payment": "payment",
    "rating": "tracking",
    "receipt": "receipt",
    "restore": "database",
    "reports": "reports",
    "retention": "reports",
    "reuse": "bundle",
    "rules": "rules",
    "session": "session",
    "speech": "speech",
    "state": "cli",
    "store": "store",
    "sync": "sync",
    "tracking": "tracking",
    "ui": "ui",
}

_loaded: dict[str, dict[str, str]] = {}  # the messages of every module loaded so far
_modules: set[str] = set()
_lock = threading.Lock()  # t() runs on worker threads too


def forms(key: str) -> dict[str, str]:
    """The message `key` in each language; KeyError for a key no catalog defines."""
    found = _loaded.get(key)
    if found is None:
        module = AREAS.get(key.partition(".")[0])
        if module is None:
            raise KeyError(key)
        with _lock:
            if module not in _modules:
                _loaded.update(importlib.import_module(f"{__name__}.{module}").MESSAGES)
                _modules.add(module)
        found = _loaded[key]
    return found
