"""The shipped catalog kept in the data dir as validated JSON, for a fast start.

It must give exactly the catalog the YAML files give, be used only while those files are unchanged,
and never be trusted over them: a damaged or altered file is read, refused and replaced.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

import kiosk.catalog_yaml
from kiosk import catalog_load
from kiosk.assets import lists_dir, procedures_dir
from kiosk.catalog import Catalog
from kiosk.catalog_load import bundled_catalog, load_catalog


@pytest.fixture
def assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped assets (so a test may edit them) and a process memo of its own."""
    copy = tmp_path / "assets"
    shutil.copytree(procedures_dir(), copy / "procedures")
    shutil.copytree(lists_dir(), copy / "lists")  # the official lists the procedures choose from
    monkeypatch.setenv("KIOSK_ASSETS_DIR", str(copy))
    monkeypatch.setattr(catalog_load, "_BUNDLED", {})
    return copy / "procedures"


def fresh_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process sees: nothing loaded yet."""
    monkeypatch.setattr(catalog_load, "_BUNDLED", {})


def yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every catalog folder read from YAML from now on."""
    seen: list[Path] = []
    read = kiosk.catalog_yaml.read_folder

    def counting(directory: Path, checker: object) -> object:
        seen.append(directory)
        return read(directory, checker)  # type: ignore[arg-type]

    monkeypatch.setattr(kiosk.catalog_yaml, "read_folder", counting)
    return seen


def test_the_first_start_reads_the_files_and_keeps_them(
    assets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "data" / "catalog" / "bundled.json"
    reads = yaml_reads(monkeypatch)
    catalog = bundled_catalog(kept)
    assert reads == [assets.resolve()]
    assert kept.is_file()
    stored = json.loads(kept.read_text(encoding="utf-8"))
    assert stored["catalog_version"] == catalog.version
    assert len(stored["procedures"]) == len(catalog.procedures) == 12


def test_a_later_start_reads_the_kept_file_and_gets_the_same_catalog(
    assets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "bundled.json"
    from_files = bundled_catalog(kept)
    fresh_start(monkeypatch)
    reads = yaml_reads(monkeypatch)
    from_kept = bundled_catalog(kept)
    assert reads == []  # the YAML files were not parsed
    assert from_kept is not from_files
    assert from_kept == from_files == load_catalog(assets)
    # The search index is rebuilt too: a kept catalog finds what the files' catalog finds.
    assert [p.code for p in from_kept.search("khai sinh")] == [p.code for p in from_files.search("khai sinh")]


def test_a_changed_catalog_file_is_read_again_and_kept_anew(
    assets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "bundled.json"
    bundled_catalog(kept)
    categories = assets / "categories.yaml"
    categories.write_text(
        categories.read_text(encoding="utf-8").replace("Hộ tịch", "Hộ tịch (mới)", 1), encoding="utf-8"
    )
    fresh_start(monkeypatch)
    reads = yaml_reads(monkeypatch)
    catalog = bundled_catalog(kept)
    assert reads == [assets.resolve()]
    assert any(c.name.vi == "Hộ tịch (mới)" for c in catalog.categories.values())
    fresh_start(monkeypatch)
    assert bundled_catalog(kept) == catalog  # and the next start has the new one kept


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda doc: "{not json", id="not-json"),
        pytest.param(lambda doc: json.dumps([1, 2]), id="not-an-object"),
        pytest.param(lambda doc: json.dumps({**doc, "procedures": "x"}), id="wrong-shape"),
        pytest.param(
            lambda doc: json.dumps({**doc, "procedures": [{**doc["procedures"][0], "name": {"vi": ""}}]}),
            id="invalid-procedure",
        ),
    ],
)
def test_a_damaged_or_altered_kept_file_is_refused_and_replaced(
    assets: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    damage: object,
) -> None:
    kept = tmp_path / "bundled.json"
    good: Catalog = bundled_catalog(kept)
    document = json.loads(kept.read_text(encoding="utf-8"))
    kept.write_text(damage(document), encoding="utf-8")  # type: ignore[operator]
    fresh_start(monkeypatch)
    reads = yaml_reads(monkeypatch)
    with caplog.at_level(logging.WARNING, logger="kiosk.catalog_load"):
        catalog = bundled_catalog(kept)
    assert catalog == good
    assert reads == [assets.resolve()]
    assert "unusable" in caplog.text
    assert json.loads(kept.read_text(encoding="utf-8")) == document  # whole again


def test_a_kept_file_that_cannot_be_written_costs_only_speed(
    assets: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk.catalog_load"):
        catalog = bundled_catalog(blocker / "bundled.json")  # its folder cannot be made
    assert catalog == load_catalog(assets)
    assert "could not keep the catalog" in caplog.text


def test_without_a_kept_file_the_files_are_read_once_per_process(
    assets: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = yaml_reads(monkeypatch)
    assert bundled_catalog() is bundled_catalog()
    assert reads == [assets.resolve()]
