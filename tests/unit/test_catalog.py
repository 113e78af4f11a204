"""Catalog models: search a person would type, answer migration, JSON documents round-trip."""

from __future__ import annotations

import dataclasses
import json
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog import (
    Catalog,
    Change,
    Condition,
    Procedure,
    bundled_catalog,
    catalog_from_documents,
    migrate_answers,
    version_key,
)
from kiosk.catalog_load import procedure_to_document


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return bundled_catalog()


def names(found: list[Procedure]) -> list[str]:
    return [p.name.vi for p in found]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("dang ky thuong tru", "Đăng ký thường trú"),
        ("Đăng ký thường trú", "Đăng ký thường trú"),
        ("lam giay khai sinh", "Đăng ký khai sinh"),
        ("nhập hộ khẩu", "Đăng ký thường trú"),
        ("khai tu", "Đăng ký khai tử"),
        ("xac nhan doc than", "Cấp Giấy xác nhận tình trạng hôn nhân"),
        ("sao y", "Chứng thực bản sao từ bản chính"),
        ("birth registration", "Đăng ký khai sinh"),
        ("temporary residence", "Đăng ký tạm trú"),
        ("health insurance", "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"),
        ("marriage", "Đăng ký kết hôn"),
        ("1.001193", "Đăng ký khai sinh"),
    ],
)
def test_search_finds_what_people_type(catalog: Catalog, query: str, first: str) -> None:
    assert names(catalog.search(query))[0] == first


def test_every_word_that_means_something_must_match(catalog: Catalog) -> None:
    assert names(catalog.search("marriage")) == ["Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch"]
    # No procedure has both words: those with the most of them (one here) are shown, not nothing.
    both = names(catalog.search("marriage temporary"))
    assert {"Đăng ký kết hôn", "Đăng ký tạm trú"} <= set(both)
    assert catalog.search("xyzzy") == []  # nothing of the catalog at all
    assert catalog.search("") == []
    assert catalog.search("   ") == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("tôi muốn làm giấy khai sinh cho con", "Đăng ký khai sinh"),  # a sentence, not keywords
        ("lm giấy khai sinh cho con", "Đăng ký khai sinh"),  # a slip on one word
        ("khai sinh xyzzy", "Đăng ký khai sinh"),
        ("báo tử", "Đăng ký khai tử"),  # its search phrase, whole, before "bảo hiểm … tuổi"
        ("người nhà tôi mất rồi", "Đăng ký khai tử"),
    ],
)
def test_sentences_and_slips_still_find_the_procedure(catalog: Catalog, query: str, first: str) -> None:
    assert names(catalog.search(query))[0] == first


def test_prefixes_match_while_typing(catalog: Catalog) -> None:
    assert "Đăng ký thường trú" in names(catalog.search("dang ky thuong t"))
    assert names(catalog.search("dang ky thuong t"))[0] == "Đăng ký thường trú"


def test_name_matches_rank_before_description_matches(catalog: Catalog) -> None:
    found = names(catalog.search("thuong tru"))
    # Both names contain the words; "xóa…" is less popular, so it comes second.
    assert found[:2] == ["Đăng ký thường trú", "Xóa đăng ký thường trú"]
    # "khai sinh" is in the birth registration's name but only in other procedures' words or text.
    assert names(catalog.search("khai sinh"))[0] == "Đăng ký khai sinh"


def test_exact_name_beats_a_more_popular_partial_match(catalog: Catalog) -> None:
    assert names(catalog.search("xoa dang ky thuong tru"))[0] == "Xóa đăng ký thường trú"
    assert names(catalog.search("dang ky"))[0] == "Đăng ký khai sinh"  # most popular among name matches


def test_limit_is_respected(catalog: Catalog) -> None:
    assert len(catalog.search("dang", limit=2)) == 2
    assert catalog.search("dang", limit=0) == []


def test_condition_holds_strictly() -> None:
    married_no = Condition(question="parents_married", equals=False)
    assert married_no.holds({"parents_married": False})
    assert not married_no.holds({"parents_married": 0})
    assert not married_no.holds({})
    assert Condition(question="n", equals=1).holds({"n": 1})
    assert not Condition(question="n", equals=1).holds({"n": True})
    one_of = Condition(question="basis", one_of=("rented", "family_home"))
    assert one_of.holds({"basis": "rented"})
    assert not one_of.holds({"basis": "own_home"})


def test_conditional_question_applies_only_when_its_condition_holds(catalog: Catalog) -> None:
    khai_sinh = catalog.procedures["1.001193"]
    father_info = khai_sinh.question("father_info")
    assert father_info.applies({"parents_married": False})
    assert not father_info.applies({"parents_married": True})


def with_changes(proc: Procedure, version: str, *changes: Change) -> Procedure:
    return dataclasses.replace(proc, version=version, changes=changes)


def test_migration_applies_newer_changes_in_order(catalog: Catalog) -> None:
    proc = with_changes(
        catalog.procedures["1.001193"],
        "2026.12.1",
        Change(version="2026.10.1", renamed=MappingProxyType({"married": "wed"})),
        Change(
            version="2026.11.1", renamed=MappingProxyType({"wed": "parents_married"}), removed=("nation",)
        ),
        Change(version="2026.12.1", removed=("child_ethnicity",)),
    )
    old = {"married": True, "nation": "VN", "child_ethnicity": "Kinh", "child_full_name": "A", "junk": 1}
    assert migrate_answers(proc, "2026.9.1", old) == {"parents_married": True, "child_full_name": "A"}
    # A draft saved under 2026.10.1 already had "wed"; the 2026.10.1 rename is not applied again.
    assert migrate_answers(proc, "2026.10.1", {"wed": False, "married": True}) == {"parents_married": False}
    # Saved under the current version: nothing moves, unknown keys still go.
    same = {"parents_married": True, "child_ethnicity": "Kinh"}
    assert migrate_answers(proc, "2026.12.1", same) == {"child_ethnicity": "Kinh", "parents_married": True}
    assert proc.renamed == {"married": "parents_married", "wed": "parents_married"}
    assert proc.removed == ("nation", "child_ethnicity")
    assert proc.previous_versions == ("2026.10.1", "2026.11.1", "2026.12.1")


def test_migration_never_overwrites_an_answer_under_the_new_id(catalog: Catalog) -> None:
    proc = with_changes(
        catalog.procedures["1.001193"],
        "2026.11.1",
        Change(version="2026.11.1", renamed=MappingProxyType({"married": "parents_married"})),
    )
    assert migrate_answers(proc, "2026.1.1", {"married": True, "parents_married": False}) == {
        "parents_married": False
    }


def test_versions_compare_numerically() -> None:
    assert version_key("2026.11.10") > version_key("2026.11.9")
    with pytest.raises(ValueError):
        version_key("2026.x")


def test_documents_round_trip_through_json(catalog: Catalog) -> None:
    docs = [json.loads(json.dumps(procedure_to_document(p))) for p in catalog.procedures.values()]
    again = catalog_from_documents("2026.11.2", docs)
    assert again.version == "2026.11.2"
    assert again.procedures == catalog.procedures
    assert again.bundles == catalog.bundles
    assert again.categories == catalog.categories


def test_portal_documents_without_a_bundle_member_drop_that_bundle(catalog: Catalog) -> None:
    docs = [procedure_to_document(p) for code, p in catalog.procedures.items() if code != "1.001776"]
    again = catalog_from_documents("2026.11.2", docs)
    assert "lien_thong_khai_tu" not in again.bundles
    assert "lien_thong_khai_sinh" in again.bundles


def test_models_are_frozen(catalog: Catalog) -> None:
    proc = catalog.procedures["1.004222"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        proc.version = "9"  # type: ignore[misc]
    with pytest.raises(TypeError):
        catalog.procedures["x"] = proc  # type: ignore[index]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdeghiklmnostuyđăâêôơư ", max_size=20))
def test_search_results_match_the_most_of_the_query_words_any_procedure_can(query: str) -> None:
    """Words that start no word of the catalog are left out; of the rest, a result matches as many as
    the best-matching procedure does (all of them whenever some procedure has them all)."""
    from kiosk.text import search_key

    catalog = bundled_catalog()

    def words_of(proc: Procedure) -> list[str]:
        texts = (proc.name.vi, proc.name.en, proc.code, proc.description.vi, proc.description.en)
        return search_key(" ".join((*texts, *proc.search_words))).split()

    def matched(proc: Procedure, words: list[str]) -> int:
        haystack = words_of(proc)
        return sum(1 for w in words if any(h.startswith(w) for h in haystack))

    every = list(catalog.procedures.values())
    known = [w for w in search_key(query).split() if any(matched(p, [w]) for p in every)]
    best = max((matched(p, known) for p in every), default=0)
    found = catalog.search(query, limit=50)
    assert (found == []) == (best == 0)
    assert all(matched(proc, known) == best for proc in found)
