"""A hand-written OpenAPI 3.1 description of the portal contract and an offline HTML page rendered from it."""

from __future__ import annotations

import html
import json
from typing import Any

from sync.sandbox.problems import PROBLEM_BASE, TITLES

_REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": _ref("Problem")}}}


_RETRY_AFTER = {"Retry-After": {"description": "Seconds or HTTP-date", "schema": {"type": "string"}}}
_NO_STORE = {
    "Cache-Control": {"description": "Always `no-store`", "schema": {"const": "no-store"}},
    "Pragma": {"description": "Always `no-cache`", "schema": {"const": "no-cache"}},
}
_ALLOW = {"Allow": {"description": "The methods this path accepts", "schema": {"type": "string"}}}
# Every operation: a method the path does not accept is a 405 problem with `Allow` (RFC 9110 §15.5.6).
_METHOD_NOT_ALLOWED = {
    "405": {
        "description": "method-not-allowed: another method than the path's; `Allow` lists them",
        "headers": _ALLOW,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
}
_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": True,
    "schema": {"type": "string", "format": "uuid"},
    "description": "Global, bound to the first body; the first final response is replayed.",
}
_CODE = {"name": "dossier_code", "in": "path", "required": True, "schema": {"type": "string"}}
_UPLOAD = {"name": "upload_id", "in": "path", "required": True, "schema": {"type": "string"}}
_COMMON = {
    "401": {
        **_problem("unauthorized: missing, expired or revoked token; get a new token and repeat once"),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    },
    "429": {**_problem("rate-limited"), "headers": _RETRY_AFTER},
    "503": {**_problem("unavailable"), "headers": _RETRY_AFTER},
    **_METHOD_NOT_ALLOWED,
}
_JSON_BODY = {
    "400": _problem("bad-request: not JSON, not UTF-8, not an object, or nested deeper than 32 levels"),
    "413": _problem("too-large: a body over 1 MiB (the connection is closed after the answer)"),
}
_IDEMPOTENT = {
    **_JSON_BODY,
    "400": _problem("bad-request: missing or malformed Idempotency-Key, or a body that is not JSON"),
    "409": {**_problem("request-in-progress (or invalid-state)"), "headers": _RETRY_AFTER},
    "422": _problem("validation-failed | upload-incomplete | idempotency-key-reused"),
}

_ADDRESS = {
    "type": "object",
    "required": ["province_code", "ward_code", "street"],
    "properties": {k: {"type": "string"} for k in ("province_code", "ward_code", "street")},
}
_DOC = {"type": "object", "properties": {"doc_type": {"type": "string"}, "label": {"type": "string"}}}
_STR_OR_NULL = {"type": ["string", "null"]}

SCHEMAS: dict[str, Any] = {
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string", "format": "uri", "description": "Ends in a fixed slug"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "field": {"type": "string"},
                        "code": {"type": "string"},
                        "message": {"type": "string", "description": "Vietnamese, fit to show a citizen"},
                    },
                },
            },
        },
    },
    "Address": _ADDRESS,
    "Token": {
        "type": "object",
        "properties": {
            "access_token": {"type": "string"},
            "token_type": {"const": "Bearer"},
            "expires_in": {"type": "integer"},
            "agent": {
                "type": ["object", "null"],
                "properties": {k: {"type": "string"} for k in ("id", "name", "office")},
            },
        },
    },
    "TokenRequest": {
        "type": "object",
        "required": ["grant_type", "client_id"],
        "properties": {
            "grant_type": {"enum": ["client_credentials", "password"]},
            "client_id": {"type": "string"},
            "client_secret": {"type": "string", "description": "client_credentials"},
            "username": {"type": "string", "description": "password (an agent)"},
            "password": {"type": "string", "description": "password (an agent)"},
        },
    },
    "UploadRequest": {
        "type": "object",
        "required": ["sha256", "size", "media_type", "filename"],
        "properties": {
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "size": {"type": "integer", "minimum": 1, "maximum": 20 * 1024 * 1024},
            "media_type": {"enum": ["application/pdf", "image/jpeg", "image/png"]},
            "filename": {"type": "string"},
        },
    },
    "Upload": {
        "type": "object",
        "properties": {
            "upload_id": {"type": "string"},
            "offset": {"type": "integer"},
            "complete": {"type": "boolean"},
        },
    },
    "DossierRequest": {
        "type": "object",
        "required": [
            "client_ref",
            "procedure_code",
            "procedure_version",
            "applicant",
            "answers",
            "attachments",
            "channel",
            "assisted_by",
            "created_at",
        ],
        "properties": {
            "client_ref": {"type": "string", "format": "uuid"},
            "procedure_code": {"type": "string", "examples": ["1.001193"]},
            "procedure_version": {"type": "string"},
            "bundle_ref": {"type": ["string", "null"], "format": "uuid"},
            "applicant": {
                "type": "object",
                "required": ["full_name", "id_number"],
                "properties": {
                    "full_name": {"type": "string"},
                    "id_number": {"type": "string", "pattern": "^[0-9]{12}$"},
                    "date_of_birth": {"type": "string", "format": "date"},
                    "gender": {"enum": ["male", "female"]},
                    "phone": {"type": "string", "pattern": "^0[0-9]{9}$"},
                    "email": {"type": "string"},
                    "address": _ref("Address"),
                },
            },
            "answers": {"type": "object", "description": "By question id, typed by the question's kind"},
            "attachments": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"doc_type": {"type": "string"}, "upload_id": {"type": "string"}},
                },
            },
            "channel": {"enum": [2, 3]},
            "assisted_by": {
                "type": "object",
                "required": ["kind"],
                "properties": {
                    "kind": {"enum": ["post_office", "community_team", "self_service"]},
                    "agent_id": _STR_OR_NULL,
                    "authorization_ref": _STR_OR_NULL,
                    "consent_at": {"type": ["string", "null"], "format": "date-time"},
                },
            },
            "result_delivery": {
                "type": "object",
                "properties": {
                    "method": {"enum": ["pickup", "post"]},
                    "address": {"type": ["object", "null"]},
                },
            },
            "created_at": {"type": "string", "format": "date-time"},
            "submitted_at": {"type": "string", "format": "date-time"},
        },
    },
    "DossierCreated": {
        "type": "object",
        "properties": {
            "dossier_code": {"type": "string"},
            "status": {"const": 1},
            "received_at": {"type": "string", "format": "date-time"},
            "due_at": {"type": "string", "format": "date-time"},
            "tracking_url": _STR_OR_NULL,
            "fee": {
                "type": "object",
                "properties": {"amount": {"type": "integer"}, "currency": {"const": "VND"}},
            },
            "payment": {
                "type": ["object", "null"],
                "properties": {
                    "payee_name": {"type": "string"},
                    "bank_bin": {"type": "string"},
                    "account": {"type": "string"},
                    "reference": {"type": "string", "maxLength": 25},
                },
            },
        },
    },
    "Dossier": {
        "type": "object",
        "properties": {
            "dossier_code": {"type": "string"},
            "client_ref": {"type": "string", "description": "Only in GET /dossiers?client_ref= items"},
            "procedure_code": {"type": "string"},
            "status": {"type": "integer", "minimum": 1, "maximum": 10},
            "status_label": {"type": "string"},
            "history": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "integer"},
                        "at": {"type": "string"},
                        "note": {"type": "string"},
                    },
                },
            },
            "due_at": {"type": "string", "format": "date-time"},
            "result": {
                "type": ["object", "null"],
                "properties": {
                    "issued_at": {"type": "string"},
                    "note": {"type": "string"},
                    "documents": {"type": "array", "items": _DOC},
                    "delivery": {"type": "object"},
                },
            },
            "supplement_request": {
                "type": ["object", "null"],
                "properties": {
                    "requested_at": {"type": "string"},
                    "note": {"type": "string"},
                    "documents": {"type": "array", "items": _DOC},
                    "questions": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
    "Supplement": {
        "type": "object",
        "properties": {"attachments": {"type": "array"}, "answers": {"type": "object"}, "note": _STR_OR_NULL},
    },
    "Rating": {
        "type": "object",
        "required": ["score"],
        "properties": {"score": {"type": "integer", "minimum": 1, "maximum": 5}, "comment": _STR_OR_NULL},
    },
}


def _paths() -> dict[str, Any]:
    offset_header = {"Upload-Offset": {"schema": {"type": "integer"}}}
    return {
        "/api/v1/health": {
            "get": {
                "summary": "Connectivity check (no token)",
                "security": [],
                "responses": {"200": _json({"type": "object"}, "ok"), **_METHOD_NOT_ALLOWED},
            }
        },
        "/api/v1/auth/token": {
            "post": {
                "summary": "OAuth2 token: client_credentials (terminal) or password (agent)",
                "security": [],
                "requestBody": {
                    "required": True,
                    "content": {"application/x-www-form-urlencoded": {"schema": _ref("TokenRequest")}},
                },
                "responses": {
                    "200": {**_json(_ref("Token"), "token"), "headers": _NO_STORE},
                    "400": {
                        **_problem("bad-request: not a form, or an unsupported grant_type"),
                        "headers": _NO_STORE,
                    },
                    "401": {**_problem("unauthorized: wrong credentials"), "headers": _NO_STORE},
                    "403": {**_problem("forbidden: locked account"), "headers": _NO_STORE},
                    "413": _problem("too-large: a form over 16 KiB"),
                    "429": {
                        **_problem(
                            "too-many-sign-in-attempts (password grant: 5 failures per username or 20 per "
                            "client address within 5 minutes) or rate-limited"
                        ),
                        "headers": {**_RETRY_AFTER, **_NO_STORE},
                    },
                    "503": {**_problem("unavailable"), "headers": _RETRY_AFTER},
                    **_METHOD_NOT_ALLOWED,
                },
            }
        },
        "/api/v1/procedures": {
            "get": {
                "summary": "The whole catalog, or 304 when `since` is the current version",
                "parameters": [{"name": "since", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": _json({"type": "object"}, "catalog_version + procedures"),
                    "304": {"description": "unchanged"},
                    **_COMMON,
                },
            }
        },
        "/api/v1/uploads": {
            "post": {
                "summary": "Create an upload (content-addressed; dedupe per account)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("UploadRequest")}},
                },
                "responses": {
                    "201": _json(_ref("Upload"), "new upload, offset 0"),
                    "200": _json(_ref("Upload"), "already complete for this account"),
                    **_JSON_BODY,
                    "413": _problem("too-large: a declared size over 20 MiB, or a body over 1 MiB"),
                    "415": _problem("unsupported-media-type"),
                    **_COMMON,
                },
            }
        },
        "/api/v1/uploads/{upload_id}": {
            "head": {
                "summary": "Current offset",
                "parameters": [_UPLOAD],
                "responses": {
                    "204": {"description": "offset", "headers": offset_header},
                    "401": {"description": "unauthorized (no body: a HEAD answer has none)"},
                    "404": {"description": "unknown, expired or discarded"},
                    "405": {"description": "method-not-allowed", "headers": _ALLOW},
                },
            },
            "patch": {
                "summary": "Append bytes from Upload-Offset (application/offset+octet-stream)",
                "parameters": [
                    _UPLOAD,
                    {
                        "name": "Upload-Offset",
                        "in": "header",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/offset+octet-stream": {
                            "schema": {"type": "string", "contentMediaType": "application/octet-stream"}
                        }
                    },
                },
                "responses": {
                    "204": {"description": "stored", "headers": offset_header},
                    "400": _problem("bad-request: missing or malformed Upload-Offset"),
                    "404": _problem("not-found"),
                    "409": _problem("upload-offset-mismatch: HEAD and resume"),
                    "413": _problem(
                        "too-large: bytes past the declared size; answered as soon as they arrive, "
                        "without reading the rest (the connection is closed)"
                    ),
                    "415": _problem("unsupported-media-type: not application/offset+octet-stream"),
                    "422": _problem("checksum-mismatch: the upload is discarded"),
                    **_COMMON,
                },
            },
        },
        "/api/v1/dossiers": {
            "post": {
                "summary": "Submit a dossier, exactly once (Idempotency-Key)",
                "parameters": [_KEY],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("DossierRequest")}},
                },
                "responses": {
                    "201": _json(_ref("DossierCreated"), "created"),
                    "200": _json(_ref("DossierCreated"), "this client_ref was already accepted"),
                    **_IDEMPOTENT,
                    **_COMMON,
                },
            },
            "get": {
                "summary": "Find a dossier by client_ref (recovery after a lost response)",
                "parameters": [
                    {
                        "name": "client_ref",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "properties": {"items": {"type": "array", "items": _ref("Dossier")}},
                        },
                        "at most one, and only a dossier this account filed",
                    ),
                    "400": _problem("bad-request: client_ref missing or not a UUID"),
                    **_COMMON,
                },
            },
        },
        "/api/v1/dossiers/{dossier_code}": {
            "get": {
                "summary": "Status and history of a dossier this account filed",
                "parameters": [_CODE],
                "responses": {
                    "200": _json(_ref("Dossier"), "dossier"),
                    "404": _problem("not-found: no such dossier, or another account's"),
                    **_COMMON,
                },
            }
        },
        "/api/v1/dossiers/{dossier_code}/supplements": {
            "post": {
                "summary": "Answer a supplement request (status 5 → 4)",
                "parameters": [_CODE, _KEY],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Supplement")}},
                },
                "responses": {
                    "200": _json(_ref("Dossier"), "dossier"),
                    "404": _problem("not-found"),
                    **_IDEMPOTENT,
                    **_COMMON,
                },
            }
        },
        "/api/v1/dossiers/{dossier_code}/rating": {
            "post": {
                "summary": "Satisfaction rating (the last one wins)",
                "parameters": [_CODE, _KEY],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref("Rating")}},
                },
                "responses": {
                    "204": {"description": "recorded"},
                    "404": _problem("not-found"),
                    **_IDEMPOTENT,
                    **_COMMON,
                },
            }
        },
    }


def openapi_spec(server_url: str = "http://127.0.0.1:8765") -> dict[str, Any]:
    """The contract as OpenAPI 3.1."""
    slugs = ", ".join(f"`{slug}`" for slug in TITLES)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "DVC Kiosk ↔ provincial portal (sandbox)",
            "version": "1",
            "description": (
                "The kiosk's sync contract, served by the sandbox portal. Errors are RFC 9457 problems whose "
                f"`type` is `{PROBLEM_BASE}<slug>`; slugs: {slugs}. A method a path does not accept is 405 "
                "with `Allow`. JSON bodies: at most 1 MiB (413) and 32 levels of nesting (400). Dossiers are "
                "read only by the account that filed them (another account's: 404). Token answers are "
                "never cached (`Cache-Control: no-store`)."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
    "h2{border-bottom:2px solid #0b4f8a;padding-top:1rem}"
    ".op{border:1px solid #bbb;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}"
    ".method{display:inline-block;min-width:4.5rem;font-weight:bold;color:#fff;background:#0b4f8a;"
    "padding:0 .4rem;border-radius:4px;text-align:center}"
    "code,pre{background:#f3f3f3;border-radius:4px}pre{padding:.5rem;overflow-x:auto}"
    "table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}"
)


def _pre(value: Any) -> str:
    return f"<pre>{html.escape(json.dumps(value, ensure_ascii=False, indent=2))}</pre>"


def _operation(e: Any, method: str, path: str, op: dict[str, Any]) -> list[str]:
    parts = [
        f"<div class='op' id='{e(method)}-{e(path)}'>",
        f"<p><span class='method'>{e(method.upper())}</span> <code>{e(path)}</code>",
        f" — {e(op.get('summary', ''))}</p>",
    ]
    if op.get("parameters"):
        rows = "".join(
            f"<tr><td><code>{e(p['name'])}</code></td><td>{e(p['in'])}</td>"
            f"<td>{'yes' if p.get('required') else 'no'}</td><td>{e(p.get('description', ''))}</td></tr>"
            for p in op["parameters"]
        )
        parts.append(f"<table><tr><th>parameter</th><th>in</th><th>required</th><th></th></tr>{rows}</table>")
    if "requestBody" in op:
        for media, content in op["requestBody"]["content"].items():
            parts.append(f"<p>Body <code>{e(media)}</code></p>{_pre(content['schema'])}")
    rows = ""
    for code, resp in op["responses"].items():
        media = ", ".join(resp.get("content", {}))
        if "Retry-After" in resp.get("headers", {}):
            media += " + Retry-After"
        rows += f"<tr><td>{e(code)}</td><td>{e(resp.get('description', ''))}</td><td>{e(media)}</td></tr>"
    parts.append(f"<table><tr><th>status</th><th>meaning</th><th>media type</th></tr>{rows}</table></div>")
    return parts


def docs_html(spec: dict[str, Any]) -> str:
    """A self-contained page (no script, no external resource) describing `spec`."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(spec['info']['title'])}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(spec['info']['title'])}</h1><p>{e(spec['info']['description'])}</p>",
        "<p>Machine-readable: <a href='/openapi.json'>/openapi.json</a></p><h2>Operations</h2>",
    ]
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            parts += _operation(e, method, path, op)
    parts.append("<h2>Schemas</h2>")
    for name, schema in spec["components"]["schemas"].items():
        parts.append(f"<h3 id='schema-{e(name)}'>{e(name)}</h3>{_pre(schema)}")
    parts.append("</body></html>")
    return "".join(parts)
