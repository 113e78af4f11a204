"""Self-service "Lưu và tiếp tục sau": a draft found again by its resume code and the citizen's CCCD number.

Only a keyed HMAC (the data key's blind-index subkey) of (code, CCCD number) is stored: neither the code
nor the number can be read back from the database, and a code is useless without the number. Beside it,
unsealed, the text size and contrast the citizen chose (not personal data), set again when they reopen it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.session import resume_token_input
from kiosk.store.audit import append_entry
from kiosk.store.base import StoreBase
from kiosk.store.models import DossierState, now_utc, utc_text


@dataclass(frozen=True)
class Display:
    """How the citizen had the screen when they saved: text size in percent, and high contrast."""

    text_scale: int
    high_contrast: bool


class ResumeOps(StoreBase):
    """Resume codes of self-service drafts (table `resume_code`, one code per draft)."""

    def save_for_later(
        self,
        client_ref: str,
        code: str,
        id_number: str,
        actor: str = "kiosk",
        *,
        display: Display | None = None,
    ) -> None:
        """Remember `code` + `id_number` (and `display`) for this draft; it replaces what was kept before.

        Saving again with the same code and number keeps the code the citizen wrote down working."""
        token = self._sealer.blind_index(resume_token_input(code, id_number))
        with self._write() as session:
            row = self._dossier_row(session, client_ref)
            self._require_state(row, DossierState.DRAFT)
            conn = session.connection()
            conn.exec_driver_sql("DELETE FROM resume_code WHERE client_ref = ?", (client_ref,))
            scale = None if display is None else display.text_scale
            contrast = None if display is None else int(display.high_contrast)
            conn.exec_driver_sql(
                "INSERT INTO resume_code (token, client_ref, created_at, text_scale, high_contrast)"
                " VALUES (?, ?, ?, ?, ?)",
                (token, client_ref, utc_text(now_utc()), scale, contrast),
            )
            append_entry(conn, actor, "draft.saved_for_later", client_ref)

    def find_saved_draft(self, code: str, id_number: str) -> str | None:
        """The client_ref of the saved draft for this code and number, or None (also once it was sent)."""
        token = self._sealer.blind_index(resume_token_input(code, id_number))
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT r.client_ref FROM resume_code r JOIN dossier d ON d.client_ref = r.client_ref"
                " WHERE r.token = ? AND d.state = ?",
                (token, DossierState.DRAFT.value),
            ).first()
        return None if row is None else str(row[0])

    def saved_display(self, client_ref: str) -> Display | None:
        """The text size and contrast kept with this saved draft; None when none were kept."""
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT text_scale, high_contrast FROM resume_code WHERE client_ref = ?", (client_ref,)
            ).first()
        if row is None or row[0] is None or row[1] is None:
            return None
        return Display(int(row[0]), bool(row[1]))

    def is_saved_for_later(self, client_ref: str) -> bool:
        with self._engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT 1 FROM resume_code WHERE client_ref = ?", (client_ref,)
            ).first()
        return row is not None

    def unsaved_drafts(self, assisted_kind: str) -> list[str]:
        """Drafts of this kind of use that nobody saved for later (self-service ones nobody can reach)."""
        with self._engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT client_ref FROM dossier WHERE state = ? AND assisted_kind = ?"
                " AND client_ref NOT IN (SELECT client_ref FROM resume_code)",
                (DossierState.DRAFT.value, assisted_kind),
            ).all()
        return [str(row[0]) for row in rows]
