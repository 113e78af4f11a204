"""The strict loader: every kind of authoring mistake is reported as "file:line: message"."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from kiosk.catalog import CatalogError, Procedure, QuestionKind
from kiosk.catalog_load import (
    bundled_catalog,
    catalog_from_documents,
    check_catalog_dir,
    load_catalog,
    procedure_to_document,
)

PROCEDURE = """\
code: "1.001193"
version: "2026.11.1"
name: {vi: "Đăng ký khai sinh", en: "Birth registration"}
description: {vi: "Mô tả", en: "Description"}
category: ho_tich
level: toan_trinh
fee: {amount_vnd: 0}
processing_time: {vi: "Trong ngày", en: "Same day"}
processing_days: 1
who_may_file: {vi: "Cha mẹ", en: "Parents"}
steps:
  - id: child
    title: {vi: "Trẻ", en: "Child"}
    questions:
      - id: parents_married
        kind: yes_no
        label: {vi: "Cha mẹ đã kết hôn?", en: "Parents married?"}
      - id: child_gender
        kind: choice
        label: {vi: "Giới tính", en: "Sex"}
        options:
          - {id: male, label: {vi: "Nam", en: "Male"}}
          - {id: female, label: {vi: "Nữ", en: "Female"}}
      - id: scan
        kind: attachment
        doc_type: giay_chung_sinh
        label: {vi: "Giấy chứng sinh", en: "Birth notice"}
documents:
  - doc_type: giay_chung_sinh
    label: {vi: "Giấy chứng sinh", en: "Birth notice"}
"""

SECOND = PROCEDURE.replace('"1.001193"', '"1.004222"')

BUNDLES = """\
bundles:
  - id: birth
    name: {vi: "Liên thông", en: "Bundle"}
    description: {vi: "Mô tả", en: "Description"}
    members: ["1.001193", "1.004222"]
    shared: [child_gender]
"""


def write_catalog(root: Path, procedure: str = PROCEDURE, **extra: str) -> Path:
    root.mkdir(exist_ok=True)
    (root / "catalog.yaml").write_text('version: "2026.11.1"\n', encoding="utf-8")
    (root / "categories.yaml").write_text(
        'categories:\n  - id: ho_tich\n    name: {vi: "Hộ tịch", en: "Civil status"}\n', encoding="utf-8"
    )
    (root / "khai_sinh.yaml").write_text(procedure, encoding="utf-8")
    for name, text in extra.items():
        (root / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def problems_for(tmp_path: Path, procedure: str, **extra: str) -> list[str]:
    return check_catalog_dir(write_catalog(tmp_path / "procedures", procedure, **extra))


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth - 1]


def assert_reported(problems: list[str], file: str, line: int, fragment: str) -> None:
    wanted = re.compile(rf"{re.escape(file)}:{line}: .*{re.escape(fragment)}")
    assert any(wanted.search(p) for p in problems), problems


def test_a_valid_minimal_catalog_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write_catalog(tmp_path / "procedures"))
    proc = catalog.procedures["1.001193"]
    assert isinstance(proc, Procedure)
    assert proc.question("child_gender").kind is QuestionKind.CHOICE
    assert proc.question("scan").accept == ("application/pdf", "image/jpeg", "image/png")
    assert check_catalog_dir(tmp_path / "procedures") == []


def test_unknown_key_is_reported_at_its_line(tmp_path: Path) -> None:
    text = PROCEDURE.replace("        kind: yes_no\n", "        kind: yes_no\n        colour: red\n")
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "colour"), "unknown key 'colour'")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    text = PROCEDURE + "owner: somebody\n"
    assert_reported(problems_for(tmp_path, text), "khai_sinh.yaml", line_of(text, "owner:"), "unknown key")


def test_missing_required_key(tmp_path: Path) -> None:
    text = PROCEDURE.replace("processing_days: 1\n", "")
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", 1, "missing required key 'processing_days'")


def test_duplicate_question_id(tmp_path: Path) -> None:
    text = PROCEDURE.replace("      - id: child_gender", "      - id: parents_married")
    problems = problems_for(tmp_path, text)
    assert_reported(
        problems, "khai_sinh.yaml", line_of(text, "id: parents_married", 2), "duplicate question id"
    )


def test_duplicate_option_and_document_ids(tmp_path: Path) -> None:
    text = PROCEDURE.replace("{id: female,", "{id: male,") + (
        '  - doc_type: giay_chung_sinh\n    label: {vi: "Lần hai", en: "Again"}\n'
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "{id: male,", 2), "duplicate option id")
    assert_reported(
        problems, "khai_sinh.yaml", line_of(text, "doc_type: giay_chung_sinh", 3), "duplicate document"
    )


def test_duplicate_step_id(tmp_path: Path) -> None:
    text = PROCEDURE.replace(
        "documents:",
        '  - id: child\n    title: {vi: "Lại", en: "Again"}\n    questions:\n'
        '      - {id: note, kind: text, label: {vi: "Ghi chú", en: "Note"}}\ndocuments:',
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, '{vi: "Lại"') - 1, "duplicate step id")


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = PROCEDURE.replace("processing_days: 1\n", "processing_days: 1\nprocessing_days: 2\n")
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "processing_days: 2"), "duplicate key")


def test_duplicate_procedure_code_across_files(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, PROCEDURE, zz_again=PROCEDURE)
    assert_reported(problems, "zz_again.yaml", 1, "duplicate procedure code '1.001193'")


def test_condition_on_a_question_not_defined_earlier(tmp_path: Path) -> None:
    text = PROCEDURE.replace(
        "        kind: yes_no\n",
        "        kind: yes_no\n        when: {question: child_gender, equals: male}\n",
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "when:"), "not defined earlier")


def test_condition_with_a_value_that_is_not_an_option(tmp_path: Path) -> None:
    text = PROCEDURE.replace(
        "        doc_type: giay_chung_sinh\n",
        "        doc_type: giay_chung_sinh\n        when: {question: child_gender, equals: other}\n",
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "equals: other"), "not an option")


def test_yes_no_condition_compared_to_a_string(tmp_path: Path) -> None:
    text = PROCEDURE.replace(
        "        doc_type: giay_chung_sinh\n",
        '        doc_type: giay_chung_sinh\n        when: {question: parents_married, equals: "yes"}\n',
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "parents_married, equals"), "true or false")


def test_missing_english_and_empty_vietnamese_text(tmp_path: Path) -> None:
    text = PROCEDURE.replace('{vi: "Trẻ", en: "Child"}', '{vi: "Trẻ"}').replace(
        '{vi: "Cha mẹ", en: "Parents"}', '{vi: "  ", en: "Parents"}'
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, '{vi: "Trẻ"}'), "missing required key 'en'")
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "who_may_file"), "'vi' form is empty")


def test_text_given_as_a_plain_string(tmp_path: Path) -> None:
    text = PROCEDURE.replace('name: {vi: "Đăng ký khai sinh", en: "Birth registration"}', "name: Khai sinh")
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "name: Khai sinh"), "Vietnamese and an English")


def test_bad_kind(tmp_path: Path) -> None:
    text = PROCEDURE.replace("kind: yes_no", "kind: checkbox")
    assert_reported(problems_for(tmp_path, text), "khai_sinh.yaml", line_of(text, "checkbox"), "unknown kind")


def test_bad_media_type(tmp_path: Path) -> None:
    text = PROCEDURE.replace(
        "        doc_type: giay_chung_sinh\n        label",
        "        doc_type: giay_chung_sinh\n        accept: [image/gif]\n        label",
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "image/gif"), "media type 'image/gif'")


def test_bad_procedure_code(tmp_path: Path) -> None:
    text = PROCEDURE.replace('"1.001193"', '"1.1193"')
    assert_reported(problems_for(tmp_path, text), "khai_sinh.yaml", 1, "d.dddddd")


def test_unverified_code_is_allowed_and_kept(tmp_path: Path) -> None:
    text = PROCEDURE.replace('version: "2026.11.1"', 'code_verified: false\nversion: "2026.11.1"')
    catalog = load_catalog(write_catalog(tmp_path / "procedures", text))
    assert catalog.procedures["1.001193"].code_verified is False


def test_undefined_category(tmp_path: Path) -> None:
    text = PROCEDURE.replace("category: ho_tich", "category: dat_dai")
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "dat_dai"), "category 'dat_dai' is not defined")


def test_attachment_doc_type_not_in_documents(tmp_path: Path) -> None:
    text = PROCEDURE.replace("        doc_type: giay_chung_sinh\n", "        doc_type: giay_to_khac\n")
    problems = problems_for(tmp_path, text)
    assert_reported(
        problems, "khai_sinh.yaml", line_of(text, "giay_to_khac"), "not in the procedure's documents"
    )


def test_unquoted_version_is_refused(tmp_path: Path) -> None:
    text = PROCEDURE.replace('version: "2026.11.1"', "version: 2026.11")
    assert_reported(problems_for(tmp_path, text), "khai_sinh.yaml", 2, "quoted string")


def test_bundle_member_missing_and_shared_question_not_in_all_members(tmp_path: Path) -> None:
    bundles = BUNDLES.replace("[child_gender]", "[child_gender, child_full_name]")
    problems = problems_for(tmp_path, PROCEDURE, bundles=bundles)
    assert_reported(problems, "bundles.yaml", line_of(bundles, "members"), "'1.004222' is not a procedure")
    assert_reported(problems, "bundles.yaml", line_of(bundles, "shared"), "'child_full_name' is not asked")


def test_bundle_shared_question_with_different_kinds(tmp_path: Path) -> None:
    second = SECOND.replace(
        "      - id: child_gender\n        kind: choice", "      - id: child_gender\n        kind: text"
    ).replace('        options:\n          - {id: male, label: {vi: "Nam", en: "Male"}}\n', "")
    second = second.replace('          - {id: female, label: {vi: "Nữ", en: "Female"}}\n', "")
    problems = problems_for(tmp_path, PROCEDURE, second=second, bundles=BUNDLES)
    assert_reported(problems, "bundles.yaml", line_of(BUNDLES, "shared"), "differs in kind")


def test_valid_bundle_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write_catalog(tmp_path / "procedures", PROCEDURE, second=SECOND, bundles=BUNDLES))
    assert catalog.bundles["birth"].shared == ("child_gender",)
    assert [b.id for b in catalog.bundles_of("1.004222")] == ["birth"]


def test_rename_target_missing(tmp_path: Path) -> None:
    text = PROCEDURE + 'changes:\n  - version: "2026.11.1"\n    renamed: {married: parents_wed}\n'
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "renamed:"), "rename target 'parents_wed'")


def test_change_newer_than_the_procedure(tmp_path: Path) -> None:
    text = PROCEDURE + 'changes:\n  - version: "2027.1.1"\n    removed: [old]\n'
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "2027.1.1"), "newer than the procedure version")


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    text = PROCEDURE.replace("level: toan_trinh", "level: [toan_trinh")
    problems = problems_for(tmp_path, text)
    assert any(re.search(r"khai_sinh\.yaml:\d+: YAML syntax", p) for p in problems), problems


def test_every_problem_is_collected_before_raising(tmp_path: Path) -> None:
    text = PROCEDURE.replace("kind: yes_no", "kind: checkbox").replace("category: ho_tich", "category: x")
    with pytest.raises(CatalogError) as caught:
        load_catalog(write_catalog(tmp_path / "procedures", text))
    assert len(caught.value.problems) >= 2
    assert "2 catalog problem" in str(caught.value) or "problem(s)" in str(caught.value)
    assert "quản trị viên" in caught.value.message("vi")


def test_portal_documents_are_validated_with_paths(tmp_path: Path) -> None:
    doc = procedure_to_document(bundled_catalog().procedures["1.001193"])
    doc["steps"][0]["questions"][0]["kind"] = "checkbox"
    doc["colour"] = "red"
    with pytest.raises(CatalogError) as caught:
        catalog_from_documents("2026.11.2", [doc], bundles=[])
    problems = "\n".join(caught.value.problems)
    assert "portal:procedures[0]: steps[0].questions[0].kind: unknown kind 'checkbox'" in problems
    assert "portal:procedures[0]: colour: unknown key 'colour'" in problems


def test_options_that_are_not_a_list_are_reported_not_a_crash(tmp_path: Path) -> None:
    text = PROCEDURE.replace(
        '        options:\n          - {id: male, label: {vi: "Nam", en: "Male"}}\n'
        '          - {id: female, label: {vi: "Nữ", en: "Female"}}\n',
        "        options: 3\n",
    )
    problems = problems_for(tmp_path, text)
    assert any("khai_sinh.yaml:" in p and "options" in p for p in problems)


def test_a_mapping_inside_one_of_is_reported_not_a_crash(tmp_path: Path) -> None:
    text = PROCEDURE.replace(
        "        doc_type: giay_chung_sinh\n",
        "        doc_type: giay_chung_sinh\n        when: {question: child_gender, one_of: [{a: 1}, male]}\n",
    )
    problems = problems_for(tmp_path, text)
    assert_reported(problems, "khai_sinh.yaml", line_of(text, "one_of:"), "not among the options")
