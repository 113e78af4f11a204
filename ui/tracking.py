"""Look a dossier up by what a citizen holds: its code, its temporary reference, or the receipt's QR text."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.lookup import find_by_reference, read_reference
from kiosk.rules.dates import format_date
from kiosk.statuses import status_label
from sync.client import NotBefore, ProtocolProblem, Unreachable
from sync.contract import is_dossier_code
from ui.services import Services


def _resolve(services: Services, text: str) -> tuple[str | None, str | None]:
    """(dossier code, local reference) for what was typed or scanned (kiosk.lookup reads it)."""
    try:
        ref = read_reference(text)
    except KioskError:
        return None, None
    if ref.kind == "local":
        return None, ref.value
    if ref.kind == "code":
        return ref.value, None
    found = find_by_reference(services.store, ref)
    return (found[0].dossier_code if found else None), None


def track(services: Services, text: str, lang: Lang) -> tuple[list[str], int]:
    """Lines to print and the exit status (0 found, 1 not found or not reachable)."""
    code, local = _resolve(services, text)
    if local is not None:
        match = next((d for d in services.store.list_dossiers() if d.local_ref == local), None)
        if match is None:
            return [t("cli.track.local_unknown", lang, ref=local)], 1
        if match.dossier_code is None:
            state = t("state." + match.state.value, lang)
            return [t("cli.track.local_waiting", lang, ref=local, state=state)], 0
        code = match.dossier_code
    if not code or not is_dossier_code(code):  # not a code the portal could have given: nothing to ask
        return [t("cli.track.not_found", lang, code=(code or text).strip()[:64])], 1
    client = services.portal_client()
    try:
        reply = client.get_dossier(code)
    except ProtocolProblem:  # logged by the client, without values
        return [t("cli.track.bad_answer", lang, code=code)], 1
    except Unreachable:
        return [t("cli.track.offline", lang)], 1
    finally:
        client.close()
    if isinstance(reply, NotBefore) or reply.status >= 500 or reply.status == 429:
        return [t("cli.track.offline", lang)], 1
    if reply.status == 404:
        return [t("cli.track.not_found", lang, code=code)], 1
    if reply.status != 200:
        return [t("cli.track.bad_answer", lang, code=code)], 1
    body = reply.json()  # checked by the client (sync.contract.DossierView): a status 1-10, steps, texts
    lines = [t("cli.track.header", lang, code=code, status=status_label(int(body["status"]), lang))]
    if body.get("due_at"):
        lines.append(t("cli.track.due", lang, due=_day(str(body["due_at"]))))
    request = body.get("supplement_request")
    if isinstance(request, dict) and request.get("note"):
        lines.append(t("cli.track.supplement", lang, note=request["note"]))
    lines.append(t("cli.track.history", lang))
    for step in body.get("history", []):
        note = f" — {step['note']}" if step.get("note") else ""
        lines.append(
            f"  {_day(str(step.get('at', '')))}  {status_label(int(step.get('status', 0)), lang)}{note}"
        )
    return lines, 0


def _day(iso: str) -> str:
    from datetime import datetime

    try:
        return format_date(datetime.fromisoformat(iso).date())
    except ValueError:
        return iso
