"""A liên thông bundle being filed: its members as a task list, the answers it asks once, one bundle_ref.

Qt-free. The first member's journey asks the applicant block and the bundle's shared questions; every
later member gets them (and the bundle's presets) already answered and skips those pages. Each member is
its own dossier, created with the same `bundle_ref`, finalised and tracked on its own; the task list
follows each dossier's state (a dossier the portal sent back becomes "cần sửa").
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from kiosk.catalog import APPLICANT_FIELDS, Bundle, Catalog, Procedure, QuestionKind
from kiosk.journey import APPLICANT

if TYPE_CHECKING:
    from kiosk.store.models import DossierState


class TaskStatus(StrEnum):
    """The four statuses a person reads on the task list."""

    NOT_STARTED = "not_started"  # chưa bắt đầu
    IN_PROGRESS = "in_progress"  # đang làm
    DONE = "done"  # đã xong (queued or accepted by the portal)
    NEEDS_FIX = "needs_fix"  # cần sửa (the portal or a check sent it back)


@dataclass
class MemberTask:
    """One member procedure of the bundle and the dossier filed for it (once started)."""

    code: str
    client_ref: str | None = None
    status: TaskStatus = TaskStatus.NOT_STARTED
    reference: str | None = None  # the local reference, then the portal's dossier code


@dataclass(frozen=True)
class MemberStart:
    """What a member's journey starts with: answers given before, the pages it skips and those fixed."""

    applicant: dict[str, object]
    answers: dict[str, object]
    skip: frozenset[str]  # page ids answered elsewhere in the bundle: not asked again
    fixed: frozenset[str]  # page ids the bundle itself sets (presets): shown, not changed
    asked_in: str | None  # the member whose journey asked the skipped pages


@dataclass
class BundleFiling:
    """The state of one bundle filing during a citizen's session."""

    bundle: Bundle
    procedures: Mapping[str, Procedure]
    bundle_ref: str = field(default_factory=lambda: str(uuid.uuid4()))
    tasks: list[MemberTask] = field(default_factory=list)
    applicant: dict[str, object] = field(default_factory=dict)
    shared: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.tasks:
            self.tasks = [MemberTask(code) for code in self.bundle.members if code in self.procedures]

    @classmethod
    def start(cls, catalog: Catalog, bundle_id: str) -> BundleFiling:
        return cls(catalog.bundles[bundle_id], catalog.procedures)

    # --- the task list -----------------------------------------------------------------------------
    @property
    def first(self) -> str:
        """The member whose journey asks the applicant block and the shared questions."""
        return self.tasks[0].code

    def task(self, code: str) -> MemberTask:
        for task in self.tasks:
            if task.code == code:
                return task
        raise KeyError(code)

    def task_of_ref(self, client_ref: str) -> MemberTask | None:
        return next((task for task in self.tasks if task.client_ref == client_ref), None)

    def can_start(self, code: str) -> bool:
        """The first member any time; the others once the first is filed (its shared answers are known)."""
        if code == self.first:
            return True
        return self.task(self.first).status in (TaskStatus.DONE, TaskStatus.NEEDS_FIX)

    def next_task(self) -> MemberTask | None:
        """The task to offer first: one that needs fixing, else the first not yet done."""
        for wanted in (TaskStatus.NEEDS_FIX, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED):
            for task in self.tasks:
                if task.status is wanted and self.can_start(task.code):
                    return task
        return None

    @property
    def finished(self) -> bool:
        """Every member filed (queued or accepted): the bundle's receipt can be printed."""
        return all(task.status is TaskStatus.DONE for task in self.tasks)

    def counts(self) -> dict[TaskStatus, int]:
        return {status: sum(1 for t in self.tasks if t.status is status) for status in TaskStatus}

    # --- one member's journey ----------------------------------------------------------------------
    def member_start(self, code: str) -> MemberStart:
        """The applicant, shared answers and presets a member's journey opens with."""
        procedure = self.procedures[code]
        own = {q.id: q for q in procedure.questions()}
        presets = {k: v for k, v in self.bundle.presets.get(code, {}).items() if k in own}
        answers: dict[str, object] = dict(presets)
        skip: set[str] = set(presets)
        asked_in = None
        if code != self.first:
            asked_in = self.first
            shared = {k: v for k, v in self.shared.items() if k in own}
            answers.update(shared)
            skip |= set(shared)
            skip |= {APPLICANT + name for name in APPLICANT_FIELDS}  # the whole block was asked once
        return MemberStart(
            applicant=dict(self.applicant) if code != self.first else {},
            answers=answers,
            skip=frozenset(skip),
            fixed=frozenset(presets),
            asked_in=asked_in,
        )

    def started(self, code: str, client_ref: str) -> None:
        task = self.task(code)
        task.client_ref = client_ref
        if task.status is TaskStatus.NOT_STARTED:
            task.status = TaskStatus.IN_PROGRESS

    def filed(
        self, code: str, applicant: Mapping[str, object], answers: Mapping[str, object], reference: str
    ) -> None:
        """A member's dossier was queued; the first member's applicant and shared answers are kept."""
        task = self.task(code)
        task.status = TaskStatus.DONE
        task.reference = reference
        if code == self.first:
            self.applicant = dict(applicant)
            kinds = self._shared_kinds()
            self.shared = {k: v for k, v in answers.items() if k in kinds}

    def observe(self, client_ref: str, state: DossierState, reference: str | None = None) -> bool:
        """A member's dossier changed in the store (sync, the portal): True when its status moved."""
        task = self.task_of_ref(client_ref)
        if task is None:
            return False
        before = (task.status, task.reference)
        # Compared by value: this module stays importable without the store (and SQLAlchemy) loaded.
        if state == "needs_attention":
            task.status = TaskStatus.NEEDS_FIX
        elif state in ("queued", "submitted"):
            task.status = TaskStatus.DONE
        elif state == "draft" and task.status is not TaskStatus.NEEDS_FIX:
            task.status = TaskStatus.IN_PROGRESS
        if reference:
            task.reference = reference
        return (task.status, task.reference) != before

    def _shared_kinds(self) -> dict[str, QuestionKind]:
        """The shared question ids with their kind in the first member (the loader checks the others)."""
        first = self.procedures[self.first]
        found: dict[str, QuestionKind] = {}
        for question in first.questions():
            if question.id in self.bundle.shared:
                found[question.id] = question.kind
        return found
