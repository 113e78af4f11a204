"""The guided journey screens: one question per page, check answers, declaration, confirmation."""

from __future__ import annotations

from ui.journey.view import JourneyView

__all__ = ["JourneyView"]
