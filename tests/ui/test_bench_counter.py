"""The counter benchmark's driver (bench/bench_counter.py) files a khai sinh to the end; its counts add up.

No figure of it is asserted here (the benchmark prints them): only that the journey, driven by its pages'
questions with key presses, a scanned card and one file pick, reaches the confirmation with the card's
data in the dossier, and that every press, character and second is counted once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.config import Config
from kiosk.crypto import training_key
from kiosk.store import DossierState
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.services import Services

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import bench_counter  # noqa: E402 -- a script of bench/, imported for its driver


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    services = Services(config=Config(mode="post_office"), data_dir=tmp_path / "kiosk", key=training_key())
    ctx = AppContext.create(services)
    yield ctx
    ctx.close()
    services.close()


def test_the_driver_files_a_khai_sinh_from_the_home_screen_and_counts_every_press_once(
    make_window: Callable[..., MainWindow], context: AppContext
) -> None:
    window = make_window(context=context)
    run = bench_counter.drive_window(window, context)

    pages = [visit.page for visit in run.visits]
    assert pages[:2] == ["home", "prepare"]
    assert pages[-2:] == ["check", "confirmation"]
    assert len(pages) == len(set(pages))  # each page once: never sent back, never round again
    assert window.journey is not None
    ref = window.journey.client_ref
    dossier = context.tasks.run_store(lambda store: store.get_dossier(ref)).result()
    assert dossier.state is DossierState.QUEUED
    assert dossier.summary.procedure_code == bench_counter.KHAI_SINH
    assert run.reference == dossier.local_ref
    card = bench_counter.CARD
    assert dossier.applicant["id_number"] == card.id_number  # the scan, not the keys
    assert dossier.applicant["full_name"] == card.full_name
    assert dossier.answers["mother_id_number"] == card.id_number  # scanned, or typed (counted below)
    assert dossier.answers["child_full_name"] == "Lê Minh Khang"
    assert [a.doc_type for a in dossier.attachments] == ["giay_chung_sinh"]

    # The accounting: each character typed once in `data`, each click a navigation press too.
    assert run.total("data") == sum(len(typed.text) for typed in run.typed)
    assert run.total("scans") == 1 and run.total("files") == 1
    assert 0 <= run.total("clicks") <= run.total("nav")
    assert run.total("wheel") == 0
    for visit in run.visits:
        modelled = (
            visit.nav * bench_counter.PACE_NAV_S
            + visit.data * bench_counter.PACE_DATA_S
            + visit.scans * bench_counter.SCAN_S
            + visit.files * bench_counter.FILE_DIALOG_S
            + visit.real_s
        )
        assert visit.modelled_s == pytest.approx(modelled)
        assert visit.kind == "confirmation" or visit.nav + visit.scans >= 1  # every page acted on
    assert run.modelled_s == pytest.approx(sum(visit.modelled_s for visit in run.visits))
    typed_on = {typed.page for typed in run.typed}
    assert all(any(v.page == page and v.data for v in run.visits) for page in typed_on)

    # The report says what was typed from the card; its verdict is "none was".
    lines: list[str] = []
    clean = bench_counter.report(run, lines.append)
    card_typed = run.card_typed()
    assert clean is (not card_typed)
    assert any(line.startswith("goal no datum the card holds typed: ") for line in lines)
    assert any(line.startswith("portal web form") for line in lines)
    for typed in card_typed:
        assert any(repr(typed.text) in line for line in lines if line.startswith("card data TYPED"))
