"""Dossier routes: create (exactly once), read, find by client_ref, supplement, rating."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sync.sandbox.backoffice import STATUS_LABELS, STEP_NOTES, VN, iso
from sync.sandbox.idempotency import Outcome, run_idempotent
from sync.sandbox.portal import Sandbox, sandbox_of
from sync.sandbox.problems import field_error, json_response, problem
from sync.sandbox.validation import check_attachments, is_uuid, validate_dossier

ONLINE_CHANNEL = 2  # HinhThuc trực tuyến: the fee's online rate applies


def dossier_view(record: dict[str, Any], *, with_client_ref: bool = False) -> dict[str, Any]:
    view: dict[str, Any] = {
        "dossier_code": record["code"],
        "procedure_code": record["procedure_code"],
        "status": record["status"],
        "status_label": STATUS_LABELS[int(record["status"])],
        "history": record["history"],
        "due_at": record["due_at"],
        "result": record["result"],
        "supplement_request": record["supplement_request"],
    }
    if with_client_ref:
        view["client_ref"] = record["client_ref"]
    return view


def due_after(received: datetime, working_days: int) -> datetime:
    """`working_days` office days after receipt (Saturdays and Sundays skipped), at 17:00 Vietnam time."""
    day = received.astimezone(VN)
    remaining = max(working_days, 0)
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day.replace(hour=17, minute=0, second=0, microsecond=0)


def own_dossier(sandbox: Sandbox, code: str, account: str) -> dict[str, Any] | None:
    """The dossier `code` if the calling account filed it: another account's dossier is not found (404)."""
    record = sandbox.store.get_dossier(code)
    if record is None or record["account"] != account:
        return None
    return record


def _not_found() -> Response:
    return problem(404, "not-found", "Không tìm thấy hồ sơ với mã này.")


def _payment_reference(code: str) -> str:
    text = "".join(ch for ch in f"DVC {code}" if ch.isascii() and (ch.isalnum() or ch in " -."))
    return text[:25]


def _incomplete_uploads(sandbox: Sandbox, account: str, upload_ids: list[str]) -> list[dict[str, str]]:
    errors = []
    for index, upload_id in enumerate(upload_ids):
        upload = sandbox.store.get_upload(upload_id)
        if upload is None or upload.account != account or not upload.complete:
            errors.append(
                {
                    "field": f"attachments[{index}].upload_id",
                    "code": "upload_incomplete",
                    "message": "Tệp đính kèm chưa tải lên xong, vui lòng chờ tải lên rồi gửi lại.",
                }
            )
    return errors


def _upload_incomplete(errors: list[dict[str, str]]) -> Outcome:
    sandbox_detail = "Có tệp đính kèm chưa tải lên xong: tải lên xong rồi gửi lại với cùng khóa."
    return Outcome.problem(422, "upload-incomplete", sandbox_detail, errors=errors)


def _validation_failed(errors: list[dict[str, str]]) -> Outcome:
    return Outcome.problem(422, "validation-failed", "Hồ sơ có thông tin cần sửa.", errors=errors)


async def create_dossier(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    kiosk_id = request.headers.get("x-kiosk-id")

    async def handle(body: Any) -> Outcome:
        store = sandbox.store
        client_ref = body.get("client_ref") if isinstance(body, dict) else None
        if isinstance(client_ref, str):
            existing = store.dossier_by_client_ref(client_ref)
            if existing is not None and existing["account"] == account:
                store.bump("client_ref_replays")
                return Outcome(200, existing["created_response"])
            if existing is not None:
                # Another account's dossier: say nothing about it, and never file a second one.
                store.bump("client_ref_taken")
                return _validation_failed([field_error("client_ref", "client_ref_taken")])
        now = sandbox.now()
        catalog = sandbox.catalog()
        errors, upload_ids = validate_dossier(body, catalog, now.astimezone(VN).date())
        if errors:
            store.bump("validation_failed")
            return _validation_failed(errors)
        missing = _incomplete_uploads(sandbox, account, upload_ids)
        if missing:
            store.bump("upload_incomplete")
            return _upload_incomplete(missing)
        proc = catalog.procedures[body["procedure_code"]]
        received = now.astimezone(VN)
        day = received.strftime("%y%m%d")
        code = f"{sandbox.config.agency_code}-{day}-{store.next_sequence(day):04d}"
        # The fee by the procedure's published rules and the dossier's answers (pages, copies,
        # exemption; the online rate for channel 2), as the kiosk's check page worked it out.
        fee = proc.fee.amount_for(body["answers"], online=body.get("channel") == ONLINE_CHANNEL)
        payment = None
        if fee > 0:
            payment = {
                "payee_name": sandbox.config.payee_name,
                "bank_bin": sandbox.config.bank_bin,
                "account": sandbox.config.bank_account,
                "reference": _payment_reference(code),
            }
        base = sandbox.config.tracking_base
        created = {
            "dossier_code": code,
            "status": 1,
            "received_at": iso(received),
            "due_at": iso(due_after(received, int(proc.processing_days))),
            "tracking_url": f"{base.rstrip('/')}/tra-cuu/{code}" if base else None,
            "fee": {"amount": fee, "currency": "VND"},
            "payment": payment,
        }
        delivery = body.get("result_delivery")
        plan = sandbox.backoffice.plan(body["client_ref"], fee)
        store.insert_dossier(
            {
                "code": code,
                "client_ref": body["client_ref"],
                "account": account,
                "kiosk_id": kiosk_id,
                "procedure_code": proc.code,
                "procedure_version": body["procedure_version"],
                "status": 1,
                "history": [{"status": 1, "at": iso(received), "note": STEP_NOTES[1]}],
                "received_at": created["received_at"],
                "due_at": created["due_at"],
                "fee": fee,
                "created_response": created,
                "delivery_method": delivery["method"] if isinstance(delivery, dict) else "pickup",
                "supplement_request": None,
                "result": None,
                "rating": None,
                "plan": plan,
                "next_step_at": sandbox.backoffice.first_step_at(plan, received),
            }
        )
        store.bump("dossiers_created")
        return Outcome(201, created)

    return await run_idempotent(sandbox, request, handle)


async def get_dossier(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    record = own_dossier(sandbox, request.path_params["code"], account)
    if record is None:
        return _not_found()
    return json_response(200, dossier_view(record))


async def find_dossiers(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    client_ref = request.query_params.get("client_ref", "")
    if not is_uuid(client_ref):
        return problem(400, "bad-request", "Thiếu hoặc sai tham số client_ref (phải là một UUID).")
    record = sandbox.store.dossier_by_client_ref(client_ref)
    if record is not None and record["account"] != account:
        record = None  # another account's dossier is not this account's to find
    items = [] if record is None else [dossier_view(record, with_client_ref=True)]
    return json_response(200, {"items": items})


async def post_supplement(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    code = request.path_params["code"]

    async def handle(body: Any) -> Outcome:
        record = own_dossier(sandbox, code, account)
        if record is None:
            return Outcome.problem(404, "not-found", "Không tìm thấy hồ sơ với mã này.")
        if record["status"] != 5:
            return Outcome.problem(409, "invalid-state", "Hồ sơ không ở trạng thái chờ bổ sung giấy tờ.")
        if not isinstance(body, dict):
            return _validation_failed([field_error("body", "invalid_type")])
        errors: list[dict[str, str]] = []
        attachments = body.get("attachments", [])
        upload_ids = check_attachments(attachments, errors)
        answers = body.get("answers", {})
        if not isinstance(answers, dict):
            errors.append(field_error("answers", "invalid_type"))
            answers = {}
        if body.get("note") is not None and not isinstance(body["note"], str):
            errors.append(field_error("note", "invalid_type"))
        request_doc = record["supplement_request"] or {}
        listed = attachments if isinstance(attachments, list) else []
        given = {a["doc_type"] for a in listed if isinstance(a, dict) and isinstance(a.get("doc_type"), str)}
        for wanted in request_doc.get("documents", []):
            if wanted["doc_type"] not in given:
                errors.append(field_error(f"attachments.{wanted['doc_type']}", "missing_document"))
        for question_id in request_doc.get("questions", []):
            if question_id not in answers:
                errors.append(field_error(f"answers.{question_id}", "required"))
        if errors:
            return _validation_failed(errors)
        missing = _incomplete_uploads(sandbox, account, upload_ids)
        if missing:
            return _upload_incomplete(missing)
        now = sandbox.now()
        sandbox.backoffice.receive_supplement(record, now, body.get("note"))
        sandbox.store.bump("supplements")
        updated = sandbox.store.get_dossier(code)
        assert updated is not None
        return Outcome(200, dossier_view(updated))

    return await run_idempotent(sandbox, request, handle)


async def post_rating(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    code = request.path_params["code"]

    async def handle(body: Any) -> Outcome:
        record = own_dossier(sandbox, code, account)
        if record is None:
            return Outcome.problem(404, "not-found", "Không tìm thấy hồ sơ với mã này.")
        score = body.get("score") if isinstance(body, dict) else None
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            return _validation_failed([field_error("score", "invalid_score")])
        comment = body.get("comment")
        if comment is not None and not isinstance(comment, str):
            return _validation_failed([field_error("comment", "invalid_type")])
        # The comment is free text about a dossier: keep only the score (the last rating wins).
        sandbox.store.update_dossier(code, rating={"score": score, "at": iso(sandbox.now())})
        sandbox.store.bump("ratings")
        return Outcome(204)

    return await run_idempotent(sandbox, request, handle)
