"""What a citizen already gave in this session, and whether they agreed to have it reused.

Qt-free and memory-only: nothing here is written anywhere, and `forget` (called when the session ends:
"Người tiếp theo", the privacy timeout) drops it all. An answer is offered to another procedure only
when that procedure asks a question with the same id and the same kind; attachments are never reused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.catalog import Procedure, QuestionKind
from kiosk.journey import APPLICANT


@dataclass(frozen=True)
class Reuse:
    """What a new journey could start with: the applicant block and answers, as contract values."""

    applicant: dict[str, object]
    answers: dict[str, object]

    @property
    def page_ids(self) -> list[str]:
        """The journey pages these values fill (applicant pages, then question ids)."""
        return [APPLICANT + name for name in self.applicant] + list(self.answers)

    def __bool__(self) -> bool:
        return bool(self.applicant or self.answers)


@dataclass
class SessionMemory:
    """The applicant and answers of the dossiers filed in this session; the consent asked once."""

    applicant: dict[str, object] = field(default_factory=dict)
    answers: dict[str, tuple[QuestionKind, object]] = field(default_factory=dict)
    consent: bool | None = None  # None: not asked yet in this session

    def remember(
        self, procedure: Procedure, applicant: Mapping[str, object], answers: Mapping[str, object]
    ) -> None:
        """Keep what a filed dossier said (the newest value of a question wins)."""
        if applicant:
            self.applicant = {k: v for k, v in applicant.items() if v not in (None, "")}
        for question in procedure.questions():
            if question.kind is QuestionKind.ATTACHMENT or question.id not in answers:
                continue
            value = answers[question.id]
            if value is not None:
                self.answers[question.id] = (question.kind, value)

    def offer_for(self, procedure: Procedure) -> Reuse:
        """What `procedure` could be prefilled with: the applicant, and answers of the same id and kind."""
        answers: dict[str, object] = {}
        for question in procedure.questions():
            kept = self.answers.get(question.id)
            if kept is not None and kept[0] is question.kind:
                answers[question.id] = kept[1]
        return Reuse(dict(self.applicant), answers)

    def should_ask(self, procedure: Procedure) -> bool:
        """Ask "Dùng lại thông tin đã khai?" only once a session, and only when there is something."""
        return self.consent is None and bool(self.offer_for(procedure))

    def prefill_for(self, procedure: Procedure) -> Reuse:
        """What to prefill now: nothing unless the citizen said yes."""
        return self.offer_for(procedure) if self.consent else Reuse({}, {})

    def forget(self) -> None:
        self.applicant = {}
        self.answers = {}
        self.consent = None
