"""`kiosk import FILE`: queue prepared dossiers, all or nothing, with a per-dossier, per-field report."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.answers import FieldProblem, normalize_applicant, validate_answers
from kiosk.catalog import Catalog, Procedure
from kiosk.documents import MAX_ATTACHMENT_BYTES, check_document
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.import_files import attachments_root, read_attachment, read_import_file
from kiosk.rules.units import validate_address
from kiosk.store import Assisted, Store

log = logging.getLogger("kiosk.importer")

DOSSIER_KEYS = frozenset(
    {
        "client_ref",
        "procedure_code",
        "procedure_version",
        "bundle_ref",
        "applicant",
        "answers",
        "attachments",
        "channel",
        "assisted_by",
        "result_delivery",
    }
)
ASSISTED_KINDS = ("post_office", "community_team", "self_service")
ON_BEHALF_DOC_TYPES = ("consent_signature", "authorization")


@dataclass(frozen=True)
class Problem:
    """One problem: which dossier (1-based position), which field (and file), and a catalogued message."""

    position: int
    field: str
    key: str
    params: Mapping[str, object] = dc_field(default_factory=dict)
    file: str | None = None  # the attachment's path as written, when the message does not name it

    def render(self, lang: Lang) -> str:
        return t(
            "import.problem" if self.file is None else "import.problem_file",
            lang,
            position=self.position,
            field=self.field,
            path=self.file,
            message=t(self.key, lang, **self.params),
        )


@dataclass
class ImportReport:
    """What an import did: the client_refs queued, or every problem found (and nothing queued)."""

    queued: list[str] = dc_field(default_factory=list)
    problems: list[Problem] = dc_field(default_factory=list)
    total: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def render(self, lang: Lang) -> str:
        if self.ok:
            return t("import.done", lang, count=len(self.queued))
        lines = [t("import.failed", lang, count=len(self.problems), total=self.total)]
        lines.extend("  " + problem.render(lang) for problem in self.problems)
        return "\n".join(lines)


@dataclass
class _Prepared:
    procedure: Procedure
    client_ref: str | None
    bundle_ref: str | None
    applicant: dict[str, object]
    answers: dict[str, object]
    delivery: dict[str, object]
    assisted: Assisted
    files: list[tuple[str, str, Callable[[], bytes], str]]  # doc_type, filename, reader, media type


class _Checker:
    """Collects the problems of one dossier without stopping at the first."""

    def __init__(self, position: int) -> None:
        self.position = position
        self.problems: list[Problem] = []

    def add(self, field_name: str, key: str, **params: object) -> None:
        self.problems.append(Problem(self.position, field_name, key, params))

    def add_about_file(self, field_name: str, file: str, error: KioskError) -> None:
        """A problem with a file whose message does not name it (a document check)."""
        self.problems.append(Problem(self.position, field_name, error.key, dict(error.params), file))

    def add_field(self, prefix: str, problem: FieldProblem) -> None:
        self.problems.append(
            Problem(self.position, prefix + problem.field, problem.key, dict(problem.params))
        )


def _load(path: Path) -> list[Any]:
    raw = read_import_file(path)  # a regular file of bounded size, read in chunks (kiosk.import_files)
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:  # RecursionError: [[[[…
        raise KioskError("import.not_json", path=str(path)) from exc
    if not isinstance(document, dict) or not isinstance(document.get("dossiers"), list):
        raise KioskError("import.shape")
    if not document["dossiers"]:
        raise KioskError("import.empty")
    return list(document["dossiers"])


def _check_assisted(raw: object, check: _Checker) -> Assisted:
    if not isinstance(raw, dict) or raw.get("kind") not in ASSISTED_KINDS:
        check.add("assisted_by.kind", "import.assisted_kind")
        return Assisted(kind="post_office")
    consent_at = None
    if raw.get("consent_at"):
        try:
            consent_at = datetime.fromisoformat(str(raw["consent_at"]))
        except ValueError:
            check.add("assisted_by.consent_at", "import.bad_time")
    return Assisted(
        kind=raw["kind"],
        agent_id=raw.get("agent_id") or None,
        authorization_ref=raw.get("authorization_ref") or None,
        consent_at=consent_at,
    )


def _check_delivery(raw: object, procedure: Procedure, check: _Checker) -> dict[str, object]:
    if raw is None:
        return {"method": "pickup", "address": None}
    if not isinstance(raw, dict) or raw.get("method") not in ("pickup", "post"):
        check.add("result_delivery.method", "import.delivery_method")
        return {}
    if raw["method"] not in procedure.result_delivery:
        check.add("result_delivery.method", "import.delivery_not_offered")
        return {}
    if raw["method"] == "pickup":
        return {"method": "pickup", "address": None}
    address = raw.get("address")
    if not isinstance(address, dict):
        check.add("result_delivery.address", "import.delivery_address")
        return {}
    try:
        validate_address(
            str(address.get("province_code", "")),
            str(address.get("ward_code", "")),
            str(address.get("street", "")),
        )
    except KioskError as error:
        check.add("result_delivery.address", error.key, **error.params)
        return {}
    return {"method": "post", "address": dict(address)}


def _reader(root: Path, written: str, sha256: str, position: int) -> Callable[[], bytes]:
    """Reads the checked file again when it is sealed: one scan in memory at a time, not the batch's.

    The bytes must be the ones checked; a file changed in between stops the whole import.
    """

    def read() -> bytes:
        try:
            _, again = read_attachment(root, written, MAX_ATTACHMENT_BYTES)
        except KioskError as exc:
            raise KioskError("import.changed_while_storing", position=position, path=written) from exc
        if again.sha256 != sha256:
            raise KioskError("import.changed_while_storing", position=position, path=written)
        return again.data

    return read


def _check_attachments(
    raw: object, root: Path, procedure: Procedure, answers: Mapping[str, object], check: _Checker
) -> list[tuple[str, str, Callable[[], bytes], str]]:
    if not isinstance(raw, list):
        check.add("attachments", "import.attachments_list")
        return []
    accepted = {q.doc_type: q.accept for q in procedure.attachments() if q.doc_type}
    accepted.update({d.doc_type: d.formats for d in procedure.documents if d.doc_type not in accepted})
    files: list[tuple[str, str, Callable[[], bytes], str]] = []
    named: set[str] = set()  # a document given but refused has its own problem, not "missing" besides
    for index, item in enumerate(raw):
        where = f"attachments[{index}]"
        if (
            not isinstance(item, dict)
            or not item.get("doc_type")
            or not isinstance(item.get("path"), str)
            or not item["path"]
        ):
            check.add(where, "import.attachment_shape")
            continue
        doc_type = str(item["doc_type"])
        formats = accepted.get(doc_type) or (
            ("application/pdf", "image/jpeg", "image/png") if doc_type in ON_BEHALF_DOC_TYPES else None
        )
        if formats is None:
            check.add(where + ".doc_type", "import.doc_type_unknown", doc_type=doc_type)
            continue
        named.add(doc_type)
        written = item["path"]
        try:  # inside the attachments folder, a regular file, its size checked before reading
            path, read = read_attachment(root, written, MAX_ATTACHMENT_BYTES)
        except KioskError as error:
            check.add(where + ".path", error.key, **error.params)
            continue
        try:
            media_type = check_document(read.data, tuple(formats))
        except KioskError as error:
            check.add_about_file(where + ".path", written, error)
            continue
        reader = _reader(root, written, read.sha256, check.position)
        files.append((doc_type, path.name, reader, media_type))
    for question in procedure.attachments():
        if question.required and question.applies(answers) and question.doc_type not in named:
            check.add(
                f"attachments.{question.doc_type}", "import.attachment_required", label=question.label.vi
            )
    return files


def _check_dossier(
    raw: object, position: int, root: Path, catalog: Catalog, store: Store, seen_refs: set[str]
) -> tuple[_Prepared | None, list[Problem]]:
    check = _Checker(position)
    if not isinstance(raw, dict):
        check.add("-", "import.dossier_shape")
        return None, check.problems
    for unknown in sorted(set(raw) - DOSSIER_KEYS):
        check.add(unknown, "import.unknown_key")
    code = raw.get("procedure_code")
    procedure = catalog.procedures.get(code) if isinstance(code, str) else None
    if procedure is None:
        check.add("procedure_code", "import.unknown_procedure", code=str(code))
        return None, check.problems
    if raw.get("procedure_version") not in (None, procedure.version):
        check.add("procedure_version", "import.old_version", version=procedure.version)
    client_ref = raw.get("client_ref")
    if client_ref is not None:
        try:
            client_ref = str(uuid.UUID(str(client_ref)))
        except ValueError:
            check.add("client_ref", "import.bad_uuid")
            client_ref = None
        else:
            if client_ref in seen_refs or store.has_dossier(client_ref):
                check.add("client_ref", "import.duplicate_ref")
            seen_refs.add(client_ref)
    bundle_ref = raw.get("bundle_ref")
    if bundle_ref is not None:
        try:
            bundle_ref = str(uuid.UUID(str(bundle_ref)))
        except ValueError:
            check.add("bundle_ref", "import.bad_uuid")
    if raw.get("channel", 2) not in (2, 3):
        check.add("channel", "import.channel")
    applicant_raw = raw.get("applicant")
    if not isinstance(applicant_raw, dict):
        check.add("applicant", "import.applicant_shape")
        applicant: dict[str, object] = {}
    else:
        applicant, applicant_problems = normalize_applicant(applicant_raw)
        for problem in applicant_problems:
            check.add_field("applicant.", problem)
    answers = raw.get("answers")
    if not isinstance(answers, dict):
        check.add("answers", "import.answers_shape")
        answers = {}
    for problem in validate_answers(procedure, answers):
        check.add_field("answers.", problem)
    assisted = _check_assisted(raw.get("assisted_by"), check)
    delivery = _check_delivery(raw.get("result_delivery"), procedure, check)
    files = _check_attachments(raw.get("attachments", []), root, procedure, answers, check)
    if check.problems:
        return None, check.problems
    prepared = _Prepared(
        procedure, client_ref, bundle_ref, applicant, dict(answers), delivery, assisted, files
    )
    return prepared, []


def import_file(
    path: Path, store: Store, catalog: Catalog, *, actor: str, attachments_dir: Path | None = None
) -> ImportReport:
    """Validate every dossier in `path`; queue them all in one transaction, or none when any is wrong.

    Attachment paths are read inside `attachments_dir`, by default the import file's folder, and
    never outside it (kiosk.import_files).
    """
    raws = _load(path)
    root = attachments_root(path.parent if attachments_dir is None else attachments_dir)
    report = ImportReport(total=len(raws))
    prepared: list[_Prepared] = []
    seen: set[str] = set()
    for position, raw in enumerate(raws, start=1):
        item, problems = _check_dossier(raw, position, root, catalog, store, seen)
        report.problems.extend(problems)
        if item is not None:
            prepared.append(item)
    if report.problems:
        return report
    report.queued = store.import_dossiers(
        [
            {
                "procedure_code": item.procedure.code,
                "procedure_version": item.procedure.version,
                "client_ref": item.client_ref,
                "bundle_ref": item.bundle_ref,
                "assisted": item.assisted,
                "applicant": item.applicant,
                "answers": item.answers,
                "delivery": item.delivery,
                "files": item.files,
            }
            for item in prepared
        ],
        actor=actor,
    )
    for ref, item in zip(report.queued, prepared, strict=True):
        log.info("import queued ref=%s procedure=%s", ref, item.procedure.code)
    return report
