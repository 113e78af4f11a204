"""Sandbox portal: OpenAPI and offline docs, persistence across restarts, the runner's options."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx

from sync.sandbox import RunningSandbox, build_arg_parser
from sync.sandbox.server import make_config

from .helpers import authed, birth_body, key, start


def test_openapi_describes_every_contract_route(sandbox: RunningSandbox) -> None:
    spec = httpx.get(sandbox.url + "/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {
        "/api/v1/health": {"get"},
        "/api/v1/auth/token": {"post"},
        "/api/v1/procedures": {"get"},
        "/api/v1/uploads": {"post"},
        "/api/v1/uploads/{upload_id}": {"head", "patch"},
        "/api/v1/dossiers": {"get", "post"},
        "/api/v1/dossiers/{dossier_code}": {"get"},
        "/api/v1/dossiers/{dossier_code}/supplements": {"post"},
        "/api/v1/dossiers/{dossier_code}/rating": {"post"},
    } == {path: set(ops) for path, ops in spec["paths"].items()}
    refs = set(re.findall(r'"#/components/schemas/(\w+)"', httpx.get(sandbox.url + "/openapi.json").text))
    assert refs <= set(spec["components"]["schemas"])


def test_docs_page_works_offline(sandbox: RunningSandbox) -> None:
    page = httpx.get(sandbox.url + "/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "/api/v1/dossiers/{dossier_code}/supplements" in page.text
    assert "<script" not in page.text.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.text, re.IGNORECASE)


def test_dossiers_and_keys_survive_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "portal.sqlite3"
    body = birth_body()
    idem = key()
    with start(db_path=db) as first, httpx.Client(base_url=first.api) as client:
        created = client.post("/dossiers", json=body, headers={**authed(client), **idem}).json()
    with start(db_path=db) as second, httpx.Client(base_url=second.api) as client:
        auth = authed(client)
        replay = client.post("/dossiers", json=body, headers={**auth, **idem})
        assert replay.status_code == 201
        assert replay.json() == created
        assert client.get(f"/dossiers/{created['dossier_code']}", headers=auth).status_code == 200


def test_unknown_routes_and_methods_are_problems(sandbox: RunningSandbox) -> None:
    missing = httpx.get(sandbox.api + "/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["type"].endswith("/not-found")
    wrong_method = httpx.delete(sandbox.api + "/health")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["content-type"].startswith("application/problem+json")


def test_listens_on_loopback_by_default(sandbox: RunningSandbox) -> None:
    assert sandbox.url.startswith("http://127.0.0.1:")
    assert build_arg_parser().parse_args([]).host == "127.0.0.1"


def test_runner_options() -> None:
    argv = [
        "--port",
        "9000",
        "--faults",
        "0.2",
        "--seed",
        "7",
        "--latency-ms",
        "50",
        "--retry-after",
        "3",
        "--office-speed",
        "10",
    ]
    args = build_arg_parser().parse_args(argv)
    assert (args.port, args.faults, args.seed, args.latency_ms, args.retry_after, args.office_speed) == (
        9000,
        0.2,
        7,
        50,
        3,
        10.0,
    )
    config = make_config(faults=args.faults, seed=args.seed, latency_ms=50, retry_after=3, office_speed=10.0)
    assert (config.faults.rate, config.faults.seed, config.faults.retry_after) == (0.2, 7, 3)
    assert config.office_speed == 10.0


def test_module_entry_point_prints_its_options() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sync.sandbox", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "--office-speed" in result.stdout
