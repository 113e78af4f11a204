"""The sandbox portal against its own OpenAPI document, with schemathesis (bounded, derandomized).

Every operation of the served /openapi.json is called with generated requests, valid ones and ones that
break the schema; each answer must be what the document says: no 5xx, a documented status code, content
type, headers and body. Hypothesis runs derandomized with a fixed number of examples, so a run is
reproducible and bounded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import Case, GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sync.sandbox import RunningSandbox
from sync.sandbox.openapi import openapi_spec

from .helpers import TERMINAL, start

EXAMPLES = int(os.environ.get("SANDBOX_SCHEMATHESIS_EXAMPLES", "30"))  # per operation and mode
SPEC = openapi_spec()
# (method, path, mode): a request that breaks the schema is only made where there is input to break.
CASES = [
    (method.upper(), path, mode)
    for path, methods in SPEC["paths"].items()
    for method, operation in methods.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE or operation.get("parameters") or operation.get("requestBody")
]
# A request that fits the schema may still be refused for what it says, as the contract documents:
# `validation-failed` (a dossier's content) and `idempotency-key-reused` (a key met with another body).
JUDGED_ON_CONTENT = {"Idempotency-Key"}

# PATCH bodies are raw bytes under tus's media type.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")


@pytest.fixture(scope="module")
def portal() -> Iterator[RunningSandbox]:
    with start() as running:
        yield running


@pytest.fixture(scope="module")
def served(portal: RunningSandbox) -> BaseSchema:
    # 413 is how the contract refuses a file size past the schema's maximum; unknown query parameters
    # are ignored, as HTTP APIs do, so they are not generated as "invalid" requests.
    rejections = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
    config = SchemathesisConfig.from_dict(
        {
            "generation": {"allow-extra-parameters": False},
            "checks": {"negative_data_rejection": {"expected-statuses": rejections}},
        }
    )
    return schemathesis.openapi.from_url(portal.url + "/openapi.json", config=config)


@pytest.fixture(scope="module")
def bearer(portal: RunningSandbox) -> dict[str, str]:
    token = httpx.post(portal.api + "/auth/token", data=TERMINAL).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=[f"{m} {p} {g}" for m, p, g in CASES])
def test_sandbox_answers_as_its_openapi_says(
    served: BaseSchema, bearer: dict[str, str], method: str, path: str, mode: GenerationMode
) -> None:
    operation = served[path][method]
    spec = SPEC["paths"][path][method.lower()]
    judged = any(p["name"] in JUDGED_ON_CONTENT for p in spec.get("parameters", []))
    excluded = [positive_data_acceptance] if judged else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Case) -> None:
        # A request made invalid through its credentials keeps them: it must be refused (401).
        negated_auth = mode == GenerationMode.NEGATIVE and "Authorization" in (case.headers or {})
        case.call_and_validate(headers=None if negated_auth else bearer, excluded_checks=excluded)

    check()
