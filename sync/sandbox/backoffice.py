"""A simulated one-stop-shop clerk that moves dossiers through the portal's statuses over (office) minutes."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sync.sandbox.catalog import CatalogSnapshot
from sync.sandbox.store import SandboxStore

VN = timezone(timedelta(hours=7), "+07")

STATUS_LABELS: dict[int, str] = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}

STEP_NOTES: dict[int, str] = {
    1: "Hồ sơ đã được gửi đến cổng dịch vụ công.",
    2: "Cán bộ một cửa đã tiếp nhận hồ sơ.",
    3: "Hồ sơ không được tiếp nhận vì giấy tờ không đúng với thủ tục đã chọn.",
    4: "Hồ sơ đang được xử lý.",
    5: "Cán bộ đề nghị bổ sung giấy tờ.",
    6: "Đề nghị nộp phí, lệ phí theo quy định.",
    9: "Hồ sơ đã được giải quyết xong.",
    10: "Đã trả kết quả cho công dân.",
}

# Office minutes from the previous status to this one; `office_speed` divides them.
STEP_MINUTES: dict[int, float] = {2: 2, 3: 3, 4: 3, 5: 4, 6: 2, 9: 6, 10: 3}

Clock = Callable[[], datetime]


def iso(moment: datetime) -> str:
    """Wire form of a time: ISO 8601 in Vietnam time."""
    return moment.astimezone(VN).isoformat(timespec="seconds")


def system_clock() -> datetime:
    return datetime.now(UTC)


class SandboxClock:
    """The sandbox's time: a base clock plus a shift the admin area can move forward."""

    def __init__(self, base: Clock = system_clock) -> None:
        self._base = base
        self.shift = timedelta()

    def __call__(self) -> datetime:
        return self._base() + self.shift


@dataclass
class OfficeRules:
    seed: int = 0
    office_speed: float = 1.0
    reject_rate: float = 0.08
    supplement_rate: float = 0.2


class BackOffice:
    """Plans each dossier's path from a seeded RNG (per client_ref, so order does not matter) and plays it."""

    def __init__(
        self, store: SandboxStore, catalog: Callable[[], CatalogSnapshot], rules: OfficeRules
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.rules = rules

    def _delay(self, status: int) -> float:
        return STEP_MINUTES[status] * 60.0 / max(self.rules.office_speed, 1e-9)

    def plan(self, client_ref: str, fee: int) -> list[int]:
        """The statuses this dossier will pass after 1 (a 5 waits for the supplement)."""
        rng = random.Random(f"{self.rules.seed}:{client_ref}")  # noqa: S311 - reproducible simulation
        if rng.random() < self.rules.reject_rate:
            return [3]
        path = [2]
        if fee > 0:
            path += [6]
        path += [4]
        if rng.random() < self.rules.supplement_rate:
            path += [5, 4]
        return [*path, 9, 10]

    def first_step_at(self, plan: list[int], received: datetime) -> float:
        return received.timestamp() + self._delay(plan[0])

    def advance(self, now: datetime) -> int:
        """Play every step due by `now` (several per dossier when time jumped); returns how many."""
        moved = 0
        while True:
            due = self.store.due_dossiers(now.timestamp())
            if not due:
                return moved
            for record in due:
                self._step(record)
                moved += 1

    def _step(self, record: dict[str, Any]) -> None:
        plan: list[int] = list(record["plan"])
        at = datetime.fromtimestamp(float(record["next_step_at"]), UTC)
        status = plan.pop(0)
        fields: dict[str, Any] = {"status": status, "plan": plan}
        fields["history"] = [
            *record["history"],
            {"status": status, "at": iso(at), "note": STEP_NOTES[status]},
        ]
        if status == 5:
            fields["supplement_request"] = self._supplement_request(record["procedure_code"], at)
        if status == 9:
            fields["result"] = self._result(record, at)
        if status == 10 and record["result"] is not None:
            fields["result"] = {**record["result"], "note": "Đã trả kết quả cho công dân."}
        # A 5 waits for the citizen; a final status ends the plan.
        fields["next_step_at"] = None if status == 5 or not plan else at.timestamp() + self._delay(plan[0])
        self.store.update_dossier(record["code"], **fields)

    def _procedure_name(self, code: str) -> str:
        proc = self.catalog().procedures.get(code)
        return proc.name.vi if proc is not None else code

    def _supplement_request(self, procedure_code: str, at: datetime) -> dict[str, Any]:
        proc = self.catalog().procedures.get(procedure_code)
        documents = [{"doc_type": d.doc_type, "label": d.label.vi} for d in (proc.documents if proc else ())][
            :1
        ]
        if not documents:
            documents = [{"doc_type": "giay_to_bo_sung", "label": "Bản sao giấy tờ bổ sung"}]
        return {
            "requested_at": iso(at),
            "note": "Bản chụp giấy tờ bị mờ, không đọc được. Vui lòng chụp lại rõ nét và gửi bổ sung.",
            "documents": documents,
            "questions": [],
        }

    def _result(self, record: dict[str, Any], at: datetime) -> dict[str, Any]:
        return {
            "issued_at": iso(at),
            "note": "Hồ sơ đã được giải quyết. Vui lòng mang theo CCCD khi nhận kết quả.",
            "documents": [
                {
                    "doc_type": "ket_qua",
                    "label": f"Kết quả giải quyết: {self._procedure_name(record['procedure_code'])}",
                }
            ],
            "delivery": {"method": record["delivery_method"]},
        }

    def receive_supplement(self, record: dict[str, Any], now: datetime, note: str | None) -> None:
        """Status 5 → 4 when the supplement arrives; the plan goes on from there."""
        plan: list[int] = list(record["plan"])
        if plan and plan[0] == 4:
            plan.pop(0)
        if not plan:
            plan = [9, 10]
        entry = {"status": 4, "at": iso(now), "note": "Đã nhận giấy tờ bổ sung, hồ sơ tiếp tục được xử lý."}
        self.store.update_dossier(
            record["code"],
            status=4,
            plan=plan,
            history=[*record["history"], entry],
            supplement_request=None,
            next_step_at=now.timestamp() + self._delay(plan[0]),
        )
        del note  # the citizen's note is free text about a dossier: the sandbox does not keep it

    def request_supplement(self, record: dict[str, Any], now: datetime) -> None:
        """Admin hook: put a dossier in status 5 now (for tests of the supplement flow)."""
        plan = [4, 9, 10]
        entry = {"status": 5, "at": iso(now), "note": STEP_NOTES[5]}
        self.store.update_dossier(
            record["code"],
            status=5,
            plan=plan,
            history=[*record["history"], entry],
            supplement_request=self._supplement_request(record["procedure_code"], now),
            next_step_at=None,
        )
