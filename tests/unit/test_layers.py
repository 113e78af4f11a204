"""The layer rules cover every module: a new sync module cannot slip past the sandbox contract."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import sync

ROOT = Path(__file__).resolve().parents[2]


def test_every_sync_module_is_kept_from_importing_the_sandbox() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    sandbox_rule = next(c for c in contracts if c.get("forbidden_modules") == ["sync.sandbox"])
    modules = {f"sync.{info.name}" for info in pkgutil.iter_modules(sync.__path__) if info.name != "sandbox"}
    assert modules <= set(sandbox_rule["source_modules"]), "add new sync modules to the sandbox contract"
    assert {"kiosk", "ui"} <= set(sandbox_rule["source_modules"])
