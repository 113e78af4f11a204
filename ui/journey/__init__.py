"""The guided journey screens: one question per page, check answers, declaration, confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.journey.view import JourneyView

__all__ = ["JourneyView"]


def __getattr__(name: str) -> Any:
    # The view brings the store with it; screens that only borrow an input (the event page's ward
    # picker) must not load the database before the first frame.
    if name == "JourneyView":
        from ui.journey.view import JourneyView

        return JourneyView
    raise AttributeError(name)
