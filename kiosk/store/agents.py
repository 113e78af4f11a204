"""Agents in the store: the sealed offline sign-in record of each agent, and filing on a citizen's behalf.

The records live in the sealed `setting` table under `agent:<user name>` (AES-GCM bound to that name):
no table of their own is needed. Filing on behalf sets the consent time, the agent's id and the
authorization reference on the draft with an audit entry (actor = the agent), in one transaction.
"""

from __future__ import annotations

import json
from datetime import datetime

from kiosk.agents import AgentIdentity, AgentRecord, check_pin
from kiosk.errors import KioskError
from kiosk.store.audit import append_entry
from kiosk.store.base import StoreBase
from kiosk.store.models import DossierState, DossierSummary, now_utc, utc_text

PREFIX = "agent:"


class AgentOps(StoreBase):
    """The agent records (see the module docstring) and `file_on_behalf`."""

    def agent_record(self, username: str) -> AgentRecord | None:
        name = PREFIX + username
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT value FROM setting WHERE name = ?", (name,)).first()
        if row is None:
            return None
        value = self._open("setting", "value", name, row[0])
        return AgentRecord.from_json(json.loads(value)) if isinstance(value, str) else None

    def save_agent_record(self, record: AgentRecord) -> None:
        name = PREFIX + record.username
        sealed = self._seal("setting", "value", name, json.dumps(record.to_json(), ensure_ascii=False))
        with self._w.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO setting (name, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                (name, sealed, utc_text(now_utc())),
            )

    def agent_usernames(self) -> list[str]:
        """User names with a record here (the offline sign-in page offers them)."""
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT name FROM setting WHERE name LIKE ? ORDER BY updated_at DESC", (PREFIX + "%",)
            ).all()
        return [str(row[0])[len(PREFIX) :] for row in rows]

    def check_agent_pin(
        self, username: str, pin: str, now: datetime, *, unlocking: bool = False
    ) -> AgentIdentity:
        """The agent whose PIN this is; KioskError (`kiosk.agents.WrongPin` for a wrong PIN) otherwise.

        A failure is counted in the sealed record before the error is raised.
        """
        saved, agent, problem = check_pin(self.agent_record(username), pin, now, unlocking=unlocking)
        if saved is not None:
            self.save_agent_record(saved)
        if problem is not None:
            raise problem
        assert agent is not None
        return agent

    def dossier_summary(self, client_ref: str) -> DossierSummary | None:
        """One dossier's summary (references, states, dates; nothing decrypted), None when it is gone."""
        with self._read() as session:
            try:
                return self._summary(self._dossier_row(session, client_ref))
            except KioskError:
                return None

    def file_on_behalf(
        self,
        client_ref: str,
        *,
        at: datetime,
        agent_id: str | None,
        authorization_ref: str | None,
        actor: str,
    ) -> None:
        """The citizen agreed at `at` to be filed for: consent time, agent and authorization on the draft.

        `agent_id` is whoever files it now: a draft started by one agent and finished with nobody signed
        in is not filed under that agent's id (`None` clears it), nor under an authorization it never had.
        `authorization_ref` names the consent evidence (the signature's or the scanned authorization's
        attachment); the audit entry carries it as `on_behalf_of`, never the citizen's data.
        """
        if at.tzinfo is None:
            raise ValueError("consent time must be timezone-aware")
        with self._write() as session:
            row = self._dossier_row(session, client_ref)
            if row.state != DossierState.DRAFT.value:
                raise KioskError("store.wrong_state", ref=client_ref, state=row.state)
            row.consent_at, row.updated_at = at, now_utc()
            row.agent_id, row.authorization_ref = agent_id, authorization_ref
            session.add(row)
            session.flush()
            append_entry(
                session.connection(),
                actor,
                "consent.recorded",
                client_ref,
                on_behalf_of=row.authorization_ref,
            )
