"""Request bodies read in chunks under a byte limit, and JSON parsed only when its nesting is bounded."""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from sync.sandbox.problems import problem

MAX_JSON_BYTES = 1024 * 1024  # a dossier body is a few KB; answers are text, never files
MAX_FORM_BYTES = 16 * 1024  # the token endpoint's form
MAX_JSON_DEPTH = 32  # a dossier nests 4 levels; deeper only costs the parser its stack

# One linear pass over the characters that matter: an escape pair, a quote, a bracket.
_LEXEME = re.compile(r'\\.|["\[\]{}]', re.DOTALL)


class BodyTooLarge(Exception):
    """More than the limit arrived (or was declared): answer 413 without reading the rest."""


def too_large(detail: str = "Nội dung yêu cầu quá lớn.") -> Response:
    """413, and the connection closed after it: the rest of the body is not read (nor drained)."""
    return problem(413, "too-large", detail, headers={"Connection": "close"})


class BadJson(Exception):
    """The body is not a JSON document the portal accepts (malformed, not UTF-8, or nested too deep)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


async def read_limited(request: Request, limit: int) -> tuple[bytes, bool]:
    """The body and whether the client went away before sending all of it.

    Raises BodyTooLarge as soon as a declared Content-Length or the bytes received pass `limit`: a chunked
    body is never buffered past the limit.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise BodyTooLarge
            chunks.append(chunk)
    except ClientDisconnect:
        return b"".join(chunks), True
    return b"".join(chunks), False


def nesting_depth(text: str, stop_above: int | None = None) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count).

    Linear in the text's length; stops counting once the depth passes `stop_above`.
    """
    depth = deepest = 0
    in_string = False
    for match in _LEXEME.finditer(text):
        lexeme = match.group()
        if lexeme == '"':
            in_string = not in_string
        elif in_string or lexeme[0] == "\\":
            continue
        elif lexeme in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if stop_above is not None and deepest > stop_above:
                break
        else:
            depth -= 1
    return deepest


def parse_json(raw: bytes) -> Any:
    """The JSON value of `raw`; BadJson (with a Vietnamese detail) when it is not acceptable."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadJson("Nội dung yêu cầu phải là JSON mã hoá UTF-8.") from None
    if nesting_depth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise BadJson(f"Nội dung JSON lồng nhau quá {MAX_JSON_DEPTH} cấp, vui lòng gửi dữ liệu đúng mẫu.")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError, and integers past Python's digit limit
        raise BadJson("Nội dung yêu cầu không phải JSON hợp lệ.") from None


async def read_json(request: Request, limit: int = MAX_JSON_BYTES) -> Any:
    """Read (bounded) and parse a JSON body. Raises BodyTooLarge, BadJson, or ClientDisconnect."""
    raw, disconnected = await read_limited(request, limit)
    if disconnected:
        raise ClientDisconnect
    return parse_json(raw)
