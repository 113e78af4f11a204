"""The catalog the sandbox portal serves and validates against: the kiosk's bundled one, or a demo set."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast


class TextLike(Protocol):
    @property
    def vi(self) -> str: ...


class OptionLike(Protocol):
    @property
    def id(self) -> str: ...


class ConditionLike(Protocol):
    def holds(self, answers: Mapping[str, object]) -> bool: ...


class QuestionLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def options(self) -> Sequence[OptionLike]: ...
    @property
    def when(self) -> ConditionLike | None: ...


class DocumentLike(Protocol):
    @property
    def doc_type(self) -> str: ...
    @property
    def label(self) -> TextLike: ...


class FeeLike(Protocol):
    @property
    def amount_vnd(self) -> int: ...
    def amount_for(self, answers: Mapping[str, object], *, online: bool = True) -> int: ...


class ProcedureLike(Protocol):
    """The part of `kiosk.catalog.Procedure` the sandbox relies on (structural, so either model fits)."""

    @property
    def code(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def name(self) -> TextLike: ...
    @property
    def fee(self) -> FeeLike: ...
    @property
    def processing_days(self) -> int: ...
    @property
    def previous_versions(self) -> Sequence[str]: ...
    @property
    def documents(self) -> Sequence[DocumentLike]: ...
    def questions(self) -> Iterator[QuestionLike]: ...


@dataclass(frozen=True)
class CatalogSnapshot:
    """One catalog version: procedures for validation and their JSON documents for `/procedures`."""

    version: str
    procedures: Mapping[str, ProcedureLike]
    documents: list[dict[str, Any]]


CatalogProvider = Callable[[], CatalogSnapshot]


def kiosk_catalog_provider() -> CatalogSnapshot:
    """The kiosk's bundled catalog, converted with `procedure_to_document` (imported lazily)."""
    module: Any = importlib.import_module("kiosk.catalog")
    to_document = getattr(module, "procedure_to_document", None)
    if to_document is None:
        to_document = importlib.import_module("kiosk.catalog_load").procedure_to_document
    catalog = module.bundled_catalog()
    procedures = cast(Mapping[str, ProcedureLike], dict(catalog.procedures))
    documents = [dict(to_document(proc)) for proc in catalog.procedures.values()]
    return CatalogSnapshot(version=str(catalog.version), procedures=procedures, documents=documents)


def default_catalog_provider() -> CatalogSnapshot:
    """The kiosk's bundled catalog when its module exists and holds procedures, else the demo catalog."""
    try:
        snapshot = kiosk_catalog_provider()
    except (ImportError, AttributeError):
        return demo_catalog()
    return snapshot if snapshot.procedures else demo_catalog()


# --- a small built-in demo catalog, shaped like kiosk.catalog's models ---------------------------------


@dataclass(frozen=True)
class DemoText:
    vi: str
    en: str


@dataclass(frozen=True)
class DemoOption:
    id: str
    label: DemoText


@dataclass(frozen=True)
class DemoCondition:
    question: str
    equals: str | bool | int | None = None
    one_of: tuple[str, ...] = ()

    def holds(self, answers: Mapping[str, object]) -> bool:
        value = answers.get(self.question)
        if self.one_of:
            return value in self.one_of
        return value == self.equals and type(value) is type(self.equals)


@dataclass(frozen=True)
class DemoQuestion:
    id: str
    kind: str
    label: DemoText
    required: bool = True
    options: tuple[DemoOption, ...] = ()
    when: DemoCondition | None = None
    doc_type: str | None = None


@dataclass(frozen=True)
class DemoDocument:
    doc_type: str
    label: DemoText
    required: bool = True


@dataclass(frozen=True)
class DemoFee:
    amount_vnd: int

    def amount_for(self, answers: Mapping[str, object], *, online: bool = True) -> int:
        return self.amount_vnd  # the demo procedures charge one amount a dossier


@dataclass(frozen=True)
class DemoProcedure:
    code: str
    version: str
    name: DemoText
    fee: DemoFee
    processing_days: int
    steps: tuple[DemoQuestion, ...]
    documents: tuple[DemoDocument, ...] = ()
    previous_versions: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def questions(self) -> Iterator[DemoQuestion]:
        return iter(self.steps)


def _t(vi: str, en: str) -> DemoText:
    return DemoText(vi, en)


_GENDER = (DemoOption("nam", _t("Nam", "Male")), DemoOption("nu", _t("Nữ", "Female")))

DEMO_PROCEDURES: tuple[DemoProcedure, ...] = (
    DemoProcedure(
        code="1.001193",
        version="2026.11.1",
        name=_t("Đăng ký khai sinh", "Birth registration"),
        fee=DemoFee(0),
        processing_days=1,
        steps=(
            DemoQuestion("ho_ten_tre", "person_name", _t("Họ và tên của trẻ", "Child's full name")),
            DemoQuestion("ngay_sinh_tre", "date", _t("Ngày sinh của trẻ", "Child's date of birth")),
            DemoQuestion("gioi_tinh_tre", "choice", _t("Giới tính của trẻ", "Child's sex"), options=_GENDER),
            DemoQuestion(
                "co_giay_chung_sinh", "yes_no", _t("Có giấy chứng sinh không?", "Birth certificate?")
            ),
            DemoQuestion(
                "ly_do_khong_co_giay",
                "text",
                _t("Vì sao không có giấy chứng sinh?", "Why is there no birth certificate?"),
                when=DemoCondition("co_giay_chung_sinh", equals=False),
            ),
            DemoQuestion("so_con_thu", "number", _t("Con thứ mấy", "Birth order"), required=False),
            DemoQuestion(
                "giay_chung_sinh",
                "attachment",
                _t("Giấy chứng sinh", "Birth certificate"),
                required=False,
                doc_type="giay_chung_sinh",
            ),
        ),
        documents=(DemoDocument("giay_chung_sinh", _t("Giấy chứng sinh", "Birth certificate")),),
        previous_versions=("2025.7.1",),
    ),
    DemoProcedure(
        code="1.004222",
        version="2026.11.1",
        name=_t("Đăng ký thường trú", "Permanent residence registration"),
        fee=DemoFee(20000),
        processing_days=7,
        steps=(
            DemoQuestion("dia_chi_moi", "address", _t("Địa chỉ thường trú mới", "New permanent address")),
            DemoQuestion("so_dien_thoai_chu_ho", "phone", _t("Số điện thoại chủ hộ", "Householder's phone")),
            DemoQuestion("so_cccd_chu_ho", "cccd", _t("Số CCCD của chủ hộ", "Householder's ID number")),
            DemoQuestion("email_lien_he", "email", _t("Thư điện tử", "Email"), required=False),
        ),
        documents=(
            DemoDocument(
                "giay_to_cho_o", _t("Giấy tờ chứng minh chỗ ở hợp pháp", "Proof of lawful residence")
            ),
        ),
    ),
)


def _demo_document(proc: DemoProcedure) -> dict[str, Any]:
    def question(q: DemoQuestion) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": q.id,
            "kind": q.kind,
            "label": {"vi": q.label.vi, "en": q.label.en},
            "required": q.required,
        }
        if q.options:
            doc["options"] = [{"id": o.id, "label": {"vi": o.label.vi, "en": o.label.en}} for o in q.options]
        if q.when is not None:
            doc["when"] = {"question": q.when.question, "equals": q.when.equals}
        if q.doc_type:
            doc["doc_type"] = q.doc_type
        return doc

    return {
        "code": proc.code,
        "version": proc.version,
        "name": {"vi": proc.name.vi, "en": proc.name.en},
        "fee": {"amount_vnd": proc.fee.amount_vnd},
        "processing_days": proc.processing_days,
        "steps": [{"id": "main", "questions": [question(q) for q in proc.steps]}],
        "documents": [
            {"doc_type": d.doc_type, "label": {"vi": d.label.vi, "en": d.label.en}, "required": d.required}
            for d in proc.documents
        ],
        "previous_versions": list(proc.previous_versions),
    }


def demo_catalog(version: str = "2026.11.3") -> CatalogSnapshot:
    """Two demo procedures (birth registration, free; permanent residence, with a fee)."""
    procedures: dict[str, ProcedureLike] = {p.code: p for p in DEMO_PROCEDURES}
    return CatalogSnapshot(version, procedures, [_demo_document(p) for p in DEMO_PROCEDURES])
