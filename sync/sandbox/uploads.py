"""Resumable, content-addressed attachment uploads (tus 1.0 core + creation semantics)."""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sync.sandbox.bodies import BadJson, BodyTooLarge, read_json, read_limited, too_large
from sync.sandbox.faults import FAULT_SCOPE_KEY, FaultKind
from sync.sandbox.portal import sandbox_of
from sync.sandbox.problems import json_response, problem
from sync.sandbox.store import Upload

MEDIA_TYPES = ("application/pdf", "image/jpeg", "image/png")
_SHA256 = re.compile(r"[0-9a-f]{64}")
INCOMPLETE_LIFETIME_S = 24 * 3600


def _offset_headers(upload: Upload, offset: int) -> dict[str, str]:
    return {"Upload-Offset": str(offset), "Upload-Length": str(upload.size), "Cache-Control": "no-store"}


def _not_found() -> Response:
    return problem(404, "not-found", "Không tìm thấy tệp tải lên (chưa tạo, đã hết hạn hoặc đã bị hủy).")


async def create_upload(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    try:
        body: Any = await read_json(request)
    except BodyTooLarge:
        return too_large()
    except BadJson as error:
        return problem(400, "bad-request", error.detail)
    if not isinstance(body, dict):
        return problem(400, "bad-request", "Nội dung yêu cầu phải là một đối tượng JSON.")
    sha256 = body.get("sha256")
    size = body.get("size")
    media_type = body.get("media_type")
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256.lower()):
        return problem(400, "bad-request", "Thiếu hoặc sai mã sha256 của tệp.")
    if isinstance(size, float) and size.is_integer():
        size = int(size)  # JSON has one number type: 1024.0 is the integer 1024
    if isinstance(size, bool) or not isinstance(size, int):
        return problem(400, "bad-request", "Thiếu hoặc sai kích thước tệp.")
    if not isinstance(body.get("filename", ""), str):
        return problem(400, "bad-request", "Tên tệp không hợp lệ.")
    limit = sandbox.config.max_upload_size
    if size < 1 or size > limit:
        return problem(413, "too-large", f"Tệp phải có dung lượng từ 1 byte đến {limit // (1024 * 1024)} MB.")
    if media_type not in MEDIA_TYPES:
        return problem(415, "unsupported-media-type", "Chỉ nhận tệp PDF, JPEG hoặc PNG.")
    sha256 = sha256.lower()
    existing = sandbox.store.find_complete_upload(account, sha256, size)
    if existing is not None:
        sandbox.store.bump("upload_dedupes")
        return json_response(
            200,
            {"upload_id": existing.upload_id, "offset": existing.size, "complete": True},
            headers={"Location": f"/api/v1/uploads/{existing.upload_id}"},
        )
    # The file name is personal data; the portal only needs the bytes and their digest.
    upload = Upload(
        "up_" + secrets.token_hex(12),
        account,
        sha256,
        size,
        str(media_type),
        0,
        False,
        sandbox.now().timestamp(),
    )
    sandbox.store.create_upload(upload)
    sandbox.store.bump("uploads_created")
    return json_response(
        201,
        {"upload_id": upload.upload_id, "offset": 0},
        headers={"Location": f"/api/v1/uploads/{upload.upload_id}", "Upload-Offset": "0"},
    )


def _live_upload(request: Request, account: str) -> Upload | None:
    sandbox = sandbox_of(request)
    upload = sandbox.store.get_upload(request.path_params["upload_id"])
    if upload is None or upload.account != account:
        return None
    expired = sandbox.now().timestamp() - upload.created_at > INCOMPLETE_LIFETIME_S
    if not upload.complete and expired:
        sandbox.store.discard_upload(upload.upload_id)
        return None
    return upload


async def head_upload(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return Response(status_code=401, headers=dict(account.headers))
    upload = _live_upload(request, account)
    if upload is None:
        return Response(status_code=404)
    offset = upload.size if upload.complete else upload.received
    return Response(status_code=204, headers=_offset_headers(upload, offset))


def _too_large() -> Response:
    return too_large("Dữ liệu gửi lên vượt quá kích thước đã khai báo của tệp.")


async def patch_upload(request: Request) -> Response:
    sandbox = sandbox_of(request)
    account = sandbox.authenticate(request)
    if isinstance(account, Response):
        return account
    # Everything that can be answered from the headers is answered before a byte of the body is read.
    upload = _live_upload(request, account)
    if upload is None:
        return _not_found()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/offset+octet-stream":
        return problem(
            415, "unsupported-media-type", "Dữ liệu tải lên phải có kiểu application/offset+octet-stream."
        )
    offset_text = request.headers.get("upload-offset", "")
    if not offset_text.isascii() or not offset_text.isdigit():
        return problem(400, "bad-request", "Thiếu hoặc sai tiêu đề Upload-Offset.")
    claimed = int(offset_text)
    current = upload.size if upload.complete else upload.received
    if claimed != current:
        return _offset_mismatch(current)
    # The body is read in chunks and refused (413) as soon as it passes the declared size: a chunked
    # body is never buffered past it. A client that goes away mid-body keeps what arrived (as a tus
    # server does): its next HEAD shows the new offset.
    try:
        data, disconnected = await read_limited(request, upload.size - current)
    except BodyTooLarge:
        return _too_large()
    # Look again after the await (another PATCH may have written meanwhile); no await from here to the write.
    upload = _live_upload(request, account)
    if upload is None:
        return _not_found()
    current = upload.size if upload.complete else upload.received
    if claimed != current:
        return _offset_mismatch(current)
    if current + len(data) > upload.size:
        return _too_large()
    if upload.complete or not data:
        return Response(status_code=204, headers=_offset_headers(upload, current))
    fault = request.scope.get(FAULT_SCOPE_KEY)
    if isinstance(fault, dict) and fault.get("kind") == FaultKind.PARTIAL_UPLOAD.value and len(data) > 1:
        # Keep a prefix, commit it, then let the fault layer drop the connection: the client must HEAD.
        keep = max(1, int(len(data) * sandbox.faults.partial_fraction()))
        sandbox.store.append_chunk(upload.upload_id, current, data[:keep])
        fault["drop"] = True
        return Response(status_code=204)
    offset = sandbox.store.append_chunk(upload.upload_id, current, data)
    if disconnected:
        sandbox.store.bump("uploads_interrupted")
    if offset == upload.size:
        digest = hashlib.sha256(sandbox.store.upload_bytes(upload.upload_id)).hexdigest()
        if digest != upload.sha256:
            sandbox.store.discard_upload(upload.upload_id)
            sandbox.store.bump("checksum_mismatches")
            return problem(
                422, "checksum-mismatch", "Tệp nhận được bị sai lệch và đã bị hủy, vui lòng tải lên lại."
            )
        sandbox.store.complete_upload(upload.upload_id, sandbox.now().timestamp())
        sandbox.store.bump("uploads_completed")
    return Response(status_code=204, headers=_offset_headers(upload, offset))


def _offset_mismatch(current: int) -> Response:
    return problem(
        409,
        "upload-offset-mismatch",
        "Vị trí tải lên không khớp với máy chủ, hãy hỏi lại vị trí hiện tại rồi gửi tiếp.",
        headers={"Upload-Offset": str(current)},
    )
