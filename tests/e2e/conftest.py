"""End-to-end set-up: a test that needs a real X window and AT-SPI runs in a fresh process of its own."""

from __future__ import annotations

import pytest

from tests.e2e.selfservice_harness import (  # noqa: F401  (fixtures, found by pytest by name)
    in_fresh_process,
    kiosk_config,
    real_window,
    run_in_fresh_process,
    self_service,
)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """A test using `real_window` (`self_service` does) is run again, alone, in a fresh Python process
    (see tests/e2e/selfservice_harness.py); here its result stands in for the body's."""
    if "real_window" not in pyfuncitem.fixturenames or in_fresh_process():
        return None
    run_in_fresh_process(pyfuncitem)
    return True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """Each phase's report kept on the test, so `self_service` can save what the screen showed on failure."""
    report = yield
    setattr(item, f"report_{call.when}", report)
    return report
