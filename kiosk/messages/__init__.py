"""All message catalogs merged; a key defined twice is an error at import time."""

from __future__ import annotations

from types import ModuleType

from kiosk.messages import (
    agents,
    bundle,
    catalog,
    cli,
    common,
    documents,
    intake,
    journey,
    payment,
    receipt,
    reports,
    rules,
    session,
    store,
    sync,
    tracking,
    ui,
)


def _merge(*modules: ModuleType) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        for key, forms in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key defined twice: {key} ({module.__name__})")
            merged[key] = forms
    return merged


MESSAGES = _merge(
    common,
    rules,
    catalog,
    store,
    cli,
    sync,
    ui,
    receipt,
    journey,
    session,
    payment,
    reports,
    documents,
    intake,
    tracking,
    agents,
    bundle,
)
