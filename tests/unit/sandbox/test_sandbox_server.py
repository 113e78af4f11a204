"""Sandbox portal: OpenAPI and offline docs, persistence across restarts, the runner's options."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from sync.sandbox import RunningSandbox, build_arg_parser
from sync.sandbox.server import listening_lines, make_config

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


def _busy_port() -> socket.socket:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder


@pytest.mark.parametrize("command", [["ui.cli", "sandbox"], ["sync.sandbox"]], ids=["kiosk", "module"])
def test_a_busy_port_is_one_vietnamese_line_and_exit_2(command: list[str]) -> None:
    with _busy_port() as holder:
        port = holder.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", *command, "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert result.stdout == ""  # never "đang chạy" first
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"cổng {port} trên 127.0.0.1 đang được một chương trình khác dùng" in lines[0]
    assert "--port" in lines[0]


def test_kiosk_sandbox_says_where_it_runs_and_guards_its_admin_area(tmp_path: Path) -> None:
    env = {**os.environ, "DVC_SANDBOX_ADMIN_TOKEN": "ma-quan-tri"}
    command = [sys.executable, "-m", "ui.cli", "sandbox", "--port", "0", "--db", str(tmp_path / "p.db")]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as run:
        try:
            assert run.stdout is not None
            listening = run.stdout.readline()
            guarded = run.stdout.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+", listening)
            assert url and "đang chạy" in listening
            assert "DVC_SANDBOX_ADMIN_TOKEN" in guarded and "ma-quan-tri" not in guarded
            assert httpx.get(url.group() + "/api/v1/health", timeout=10).status_code == 200
            assert httpx.get(url.group() + "/_sandbox/stats", timeout=10).status_code == 401
            allowed = {"Authorization": "Bearer ma-quan-tri"}
            assert httpx.get(url.group() + "/_sandbox/stats", headers=allowed, timeout=10).status_code == 200
        finally:
            run.terminate()
            run.wait(timeout=30)


def test_off_loopback_the_made_up_admin_token_is_printed() -> None:
    lines = listening_lines("0.0.0.0", 8765, "abc123", "vi")
    assert lines[0].startswith("Cổng thử nghiệm đang chạy tại http://0.0.0.0:8765")
    assert "Authorization: Bearer abc123" in lines[1]
    assert len(listening_lines("127.0.0.1", 8765, None, "vi")) == 1
