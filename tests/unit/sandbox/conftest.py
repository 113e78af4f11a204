"""Fixtures for the sandbox portal tests: a live server on loopback and an httpx client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from sync.sandbox import RunningSandbox

from .helpers import HEADERS, authed, start


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with start() as running:
        yield running


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.api, headers=HEADERS, timeout=10) as c:
        yield c


@pytest.fixture
def auth(client: httpx.Client) -> dict[str, str]:
    return authed(client)
