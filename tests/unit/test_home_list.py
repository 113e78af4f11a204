"""The home screen's list as text, and its first category kept between starts for the next first frame.

What is kept is only a head start: it must read back exactly as the catalog gives it, in each language,
be rewritten only when it changes, and anything wrong with it must mean "wait for the catalog".
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from types import MappingProxyType

import pytest

from kiosk.catalog import Catalog, Fee, Text
from kiosk.catalog_load import bundled_catalog
from kiosk.home_list import (
    card_groups,
    card_text,
    fee_text,
    first_screen_path,
    keep_first_screen,
    read_first_screen,
)


@pytest.fixture
def catalog() -> Catalog:
    return bundled_catalog()


def test_groups_follow_the_catalogs_categories_most_used_first(catalog: Catalog) -> None:
    groups = card_groups(catalog, "vi")
    listed = [c for c in catalog.categories.values() if catalog.in_category(c.id)]
    assert [g.heading for g in groups] == [c.name.vi for c in listed]
    for group, category in zip(groups, listed, strict=True):
        assert [card.code for card in group.cards] == [p.code for p in catalog.in_category(category.id)]


def test_a_card_reads_name_purpose_fee_and_time(catalog: Catalog) -> None:
    proc = catalog.procedure("1.001193")
    card = card_text(proc, "vi")
    assert card.name == proc.name.vi
    assert card.lines[0] == proc.description.vi
    assert fee_text(proc.fee, "vi") in card.lines[1] and proc.processing_time.vi in card.lines[1]
    assert card_text(proc, "en").name == proc.name.en


def test_fees_read_as_a_person_says_them() -> None:
    note = Text(vi="Miễn cho hộ nghèo", en="Waived for poor households")
    assert fee_text(Fee(amount_vnd=0), "vi") == "Miễn phí"
    assert fee_text(Fee(amount_vnd=50000), "vi").endswith("50.000 đồng")
    assert "50,000" in fee_text(Fee(amount_vnd=50000), "en")
    assert fee_text(Fee(amount_vnd=50000, note=note), "vi", with_note=True).endswith(". Miễn cho hộ nghèo")


def test_the_first_category_is_kept_in_every_language(catalog: Catalog, tmp_path: Path) -> None:
    assert read_first_screen(tmp_path, "vi") is None  # a first start: nothing kept
    assert keep_first_screen(tmp_path, catalog)
    for lang in ("vi", "en"):
        assert read_first_screen(tmp_path, lang) == card_groups(catalog, lang)[0]


def test_it_is_written_only_when_it_changes(catalog: Catalog, tmp_path: Path) -> None:
    assert keep_first_screen(tmp_path, catalog)
    written = first_screen_path(tmp_path).stat().st_mtime_ns
    assert not keep_first_screen(tmp_path, catalog)  # most starts: the same catalog, nothing written
    assert first_screen_path(tmp_path).stat().st_mtime_ns == written
    first = next(iter(catalog.categories.values()))
    renamed = dataclasses.replace(first, name=Text(vi="Hộ tịch (mới)", en="Civil status (new)"))
    changed = dataclasses.replace(
        catalog, categories=MappingProxyType({**catalog.categories, first.id: renamed})
    )
    assert keep_first_screen(tmp_path, changed)
    kept = read_first_screen(tmp_path, "vi")
    assert kept is not None and kept.heading == "Hộ tịch (mới)"


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[]",
        json.dumps({"format": 1, "groups": {"vi": {"heading": "H", "cards": [{"code": "1"}]}}}).encode(),
        json.dumps({"format": 1, "groups": {"vi": {"heading": "H", "cards": "x"}}}).encode(),
        json.dumps({"format": 1, "groups": ["vi"]}).encode(),
        json.dumps({"format": 1, "groups": "vi"}).encode(),
        json.dumps({"format": 1, "groups": {"vi": {"heading": "H", "cards": {"code": "1"}}}}).encode(),
        b"[" * 100_000 + b"]" * 100_000,  # deeper than the JSON parser goes
        b" " * (300 * 1024) + b"{}",  # larger than any first screen: not read through
    ],
)
def test_a_damaged_file_means_waiting_for_the_catalog(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    first_screen_path(tmp_path).parent.mkdir(parents=True)
    first_screen_path(tmp_path).write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="kiosk.home_list"):
        assert read_first_screen(tmp_path, "vi") is None
    assert "unusable" in caplog.text


def test_another_format_or_an_empty_list_is_not_shown(catalog: Catalog, tmp_path: Path) -> None:
    path = first_screen_path(tmp_path)
    path.parent.mkdir(parents=True)
    group = {"heading": "H", "cards": [{"code": "1", "name": "N", "lines": ["a"]}]}
    path.write_text(json.dumps({"format": 2, "groups": {"vi": group}}), encoding="utf-8")
    assert read_first_screen(tmp_path, "vi") is None  # written by another version of the app
    path.write_text(json.dumps({"format": 1, "groups": {"vi": {"heading": "H", "cards": []}}}))
    assert read_first_screen(tmp_path, "vi") is None
    empty = dataclasses.replace(catalog, procedures=MappingProxyType({}), bundles=MappingProxyType({}))
    keep_first_screen(tmp_path, empty)  # a catalog with no procedures keeps nothing to show
    assert read_first_screen(tmp_path, "vi") is None
    assert read_first_screen(tmp_path, "en") is None
