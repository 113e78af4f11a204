"""The message catalogs: each key where its area says, in both languages, with the same placeholders."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import kiosk.messages
from kiosk.i18n import placeholders, t
from kiosk.messages import AREAS

MODULES = sorted(info.name for info in pkgutil.iter_modules(kiosk.messages.__path__))


def catalog(module: str) -> dict[str, dict[str, str]]:
    messages: dict[str, dict[str, str]] = importlib.import_module(f"kiosk.messages.{module}").MESSAGES
    return messages


def test_every_module_is_an_area_and_every_key_is_in_its_areas_module() -> None:
    assert sorted(set(AREAS.values())) == MODULES
    for module in MODULES:
        misplaced = [key for key in catalog(module) if AREAS.get(key.partition(".")[0]) != module]
        assert misplaced == [], f"{module}: keys of another area (or of none): {misplaced}"


def test_no_key_is_defined_twice() -> None:
    # Each key's area names one module, so a key in two modules is misplaced in one of them; this
    # says which, should a module's keys ever be merged by hand.
    seen: dict[str, str] = {}
    for module in MODULES:
        for key in catalog(module):
            assert key not in seen, f"{key} in {seen.get(key)} and {module}"
            seen[key] = module


@pytest.mark.parametrize("module", MODULES)
def test_both_languages_with_the_same_placeholders(module: str) -> None:
    for key, forms in catalog(module).items():
        assert set(forms) == {"vi", "en"}, key
        assert forms["vi"].strip() and forms["en"].strip(), key
        assert placeholders(forms["vi"]) == placeholders(forms["en"]), key


def test_a_key_no_catalog_has_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("ui.no_such_message")
    with pytest.raises(KeyError):
        t("nowhere.at_all")


def test_the_first_frame_loads_only_the_messages_it_shows() -> None:
    code = (
        "import sys; from kiosk.i18n import t; t('ui.home_heading');"
        "loaded = sorted(m for m in sys.modules if m.startswith('kiosk.messages.'));"
        "assert loaded == ['kiosk.messages.ui'], loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
