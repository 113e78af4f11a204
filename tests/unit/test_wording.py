"""Vietnamese a citizen reads is polite and plain, and names the ID card one way (kiosk/wording.py).

Checked: every Text of the shipped procedure catalog (loaded by the catalog loader) and every message
key except those of the areas below, which only agents and technicians read. A message area added later
is citizen-facing until it is listed here, with its reason.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from kiosk import wording
from kiosk.assets import procedures_dir
from kiosk.catalog import Text
from kiosk.catalog_load import check_catalog_dir, load_catalog
from kiosk.i18n import t
from kiosk.messages import AREAS

# Areas whose text may stay short and direct ("Hãy nhập mật khẩu."): nobody in front of a self-service
# terminal reads them. Area → who reads it.
AGENT_AREAS: dict[str, str] = {
    "agents": "agent sign-in, PIN and event set-up screens: post-office agents and volunteers",
    "audit": "the audit log's integrity errors, which name `kiosk doctor`: technicians",
    "cli": "the `kiosk` command line: technicians and operators at a shell",
    "config": "errors in the configuration file: the technician who installs the terminal",
    "doctor": "`kiosk doctor`'s report: technicians",
    "import": "`kiosk import` of dossiers from a JSON file: operators",
    "key": "the data key (key file, keyring, backups): technicians",
    "reports": "activity reports: agents and their managers",
    "sync": "the terminal's portal account, agent sign-in and `kiosk sync` summaries: staff",
}

CATALOG = load_catalog(procedures_dir())


def texts(value: object, where: str) -> Iterator[tuple[str, Text]]:
    """Every Text in a catalog object, with its path (walks dataclasses, mappings and sequences)."""
    if isinstance(value, Text):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from texts(item, f"{where}[{key}]")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from texts(item, f"{where}[{index}]")


def citizen_messages() -> Iterator[tuple[str, str]]:
    for module in sorted(set(AREAS.values())):
        messages = importlib.import_module(f"kiosk.messages.{module}").MESSAGES
        for key, forms in messages.items():
            if key.partition(".")[0] not in AGENT_AREAS:
                yield key, forms["vi"]


def test_the_rules_catch_what_they_are_for() -> None:
    assert wording.problems("Bạn là gì của người mất?") == [wording.YOU]
    assert wording.problems("Không tìm thấy. Hãy gõ ít chữ hơn.") == [wording.HAY]
    assert wording.problems("Thử lại; nếu vẫn lỗi, hãy báo nhân viên.") == [wording.HAY]
    assert wording.problems("Số căn cước công dân (12 chữ số)") == [wording.OLD_NAME]
    assert wording.problems("Nhập số căn cước") == [wording.BARE_NAME]
    assert wording.problems("Quét thẻ CCCD") == [wording.ALIAS]
    assert wording.problems("Bạn".replace("ạ", "a\u0323")) == [wording.YOU]  # decomposed (NFD) too
    for fine in (
        "Ông/Bà là gì của người mất?",
        "Vui lòng nhập số thẻ căn cước (CCCD) của mình.",
        "Số định danh cá nhân (số thẻ căn cước) của người mẹ",
        "Thẻ căn cước (CCCD) cấp theo Luật Căn cước 2023",
        "Khám bệnh ban ngày",  # "bạn" only as a word
    ):
        assert wording.problems(fine) == [], fine


def test_every_procedure_text_is_polite_and_names_the_card_one_way() -> None:
    found = [
        f"{where}: {text.vi!r}: {problem}"
        for where, text in texts(CATALOG, "catalog")
        for problem in wording.problems(text.vi)
    ]
    assert found == []


def test_every_citizen_facing_message_is_polite_and_names_the_card_one_way() -> None:
    found = [
        f"{key}: {vi!r}: {problem}" for key, vi in citizen_messages() for problem in wording.problems(vi)
    ]
    assert found == []


def test_the_walk_reaches_the_catalog_texts_it_must() -> None:
    # A walk that found nothing would pass the test above on any wording.
    paths = {where.rsplit(".", 1)[-1] for where, _ in texts(CATALOG, "catalog")}
    assert {"name", "description", "title", "label", "hint", "note", "who_may_file"} <= paths
    assert sum(1 for _ in texts(CATALOG, "catalog")) > 300


def test_agent_areas_are_real_areas() -> None:
    assert set(AGENT_AREAS) <= set(AREAS), set(AGENT_AREAS) - set(AREAS)


def test_the_catalog_check_tells_an_author_where_the_wording_slips(tmp_path: Path) -> None:
    from shutil import copytree

    folder = tmp_path / "procedures"
    copytree(procedures_dir(), folder)
    target = folder / "dang_ky_khai_tu.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "Ông/Bà là gì của người mất?" in text)
    lines[line - 1] = lines[line - 1].replace("Ông/Bà là gì", "Bạn là gì")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")

    assert check_catalog_dir(folder) == [f"{target}:{line}: label: {wording.YOU}"]
    load_catalog(folder)  # a wording slip is for the author to fix; it does not refuse the catalog


def test_what_a_resident_reads_first() -> None:
    assert t("ui.home_heading", "vi") == "Ông/Bà cần làm thủ tục gì?"
    assert t("journey.applicant.id_number", "vi") == "Số thẻ căn cước (CCCD) của người nộp hồ sơ"
    assert t("session.idle.title", "vi") == "Ông/Bà còn đang dùng máy không?"
