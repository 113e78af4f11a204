"""The receipt (biên nhận) a citizen takes home: its content, built from a dossier, without Qt.

A slip may be left on a counter, so it carries references, dates and what happens next, and of the
person only a masked name: never an ID number, a date of birth, a phone number or an address.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from kiosk.catalog import Procedure
from kiosk.errors import KioskError
from kiosk.fees import FeeQuote, procedure_quote, quote_text
from kiosk.i18n import Lang, t
from kiosk.references import local_reference, receipt_qr_payload
from kiosk.rules.dates import format_date
from kiosk.statuses import status_label
from kiosk.store import Dossier, DossierState
from kiosk.text import format_vnd
from kiosk.vietqr import build_vietqr

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving: a fixed offset is exact
_ASSISTED_KINDS = ("post_office", "community_team", "self_service")


@dataclass(frozen=True)
class ReceiptLine:
    """One "label: value" line of the slip."""

    label: str
    value: str


@dataclass(frozen=True)
class ReceiptQR:
    """A QR code drawn within a section, with the words printed under it."""

    payload: str
    caption: str


@dataclass(frozen=True)
class ReceiptSection:
    """A block of the slip: an optional heading, label/value lines, then paragraphs; maybe a QR code."""

    heading: str | None = None
    lines: tuple[ReceiptLine, ...] = ()
    paragraphs: tuple[str, ...] = ()
    qr: ReceiptQR | None = None


@dataclass(frozen=True)
class Payment:
    """The portal's payment instructions, printed as text, and as a VietQR code when one can be made.

    `vietqr` is the NAPAS payload (amount, `reference` as its purpose), present only for a fee above
    zero with a bank BIN, an account and a reference a bank app accepts.
    """

    payee_name: str
    bank_bin: str
    account: str
    reference: str
    amount_vnd: int | None
    vietqr: str | None = None


@dataclass(frozen=True)
class Receipt:
    """Everything printed on a receipt, already in one language; painted by ui.receipt."""

    lang: Lang
    client_ref: str
    title: str
    procedure_name: str
    procedure_code: str  # "Mã thủ tục: 1.001193"
    reference_label: str  # "Mã hồ sơ" or "Mã tạm"
    reference: str  # the dossier code, or the local reference XXXX-XXXX
    temporary: bool  # True while only the local reference exists
    reference_note: str | None  # says a temporary reference will be replaced
    qr_payload: str
    qr_caption: str
    sections: tuple[ReceiptSection, ...]
    payment: Payment | None = None
    footer: tuple[str, ...] = ()

    def plain_text(self) -> str:
        """The whole slip as plain text (screen readers, tests), in reading order."""
        parts = [
            self.title,
            self.procedure_name,
            self.procedure_code,
            f"{self.reference_label}: {self.reference}",
        ]
        if self.reference_note:
            parts.append(self.reference_note)
        parts.append(self.qr_caption)
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(f"{line.label}: {line.value}" for line in section.lines)
            parts.extend(section.paragraphs)
            if section.qr is not None:
                parts.append(section.qr.caption)
        parts.extend(self.footer)
        return "\n".join(parts)


def build_receipt(
    dossier: Dossier, procedure: Procedure, lang: Lang, *, now: datetime | None = None
) -> Receipt:
    """The receipt of a queued or submitted dossier; KioskError("receipt.not_submitted") for a draft."""
    if dossier.state == DossierState.DRAFT:
        raise KioskError("receipt.not_submitted")
    portal: dict[str, Any] = dossier.receipt or {}
    code = dossier.dossier_code or _text(portal.get("dossier_code"))
    tracking_url = _text(portal.get("tracking_url"))
    moment = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
    due, expected = _due_date(dossier, procedure, portal, moment)

    facts = [*_applicant_line(dossier, lang), *_date_lines(dossier, portal, lang)]
    if dossier.summary.portal_status is not None:
        facts.append(
            ReceiptLine(t("receipt.status", lang), status_label(dossier.summary.portal_status, lang))
        )
    elif not code:  # printed before the portal has it: the slip says it waits (issue #17)
        waiting = "attention" if dossier.state == DossierState.NEEDS_ATTENTION else "waiting"
        facts.append(ReceiptLine(t("receipt.status", lang), t(f"receipt.status_{waiting}", lang)))
    if expected:
        due_text = t(
            "receipt.due_expected_value", lang, date=format_date(due), days=procedure.processing_days
        )
        facts.append(ReceiptLine(t("receipt.due_expected", lang), due_text))
    else:
        facts.append(ReceiptLine(t("receipt.due_at", lang), format_date(due)))
    facts.append(ReceiptLine(t("receipt.fee", lang), _fee_text(dossier, procedure, portal, lang)))
    facts.append(ReceiptLine(t("receipt.delivery", lang), _delivery_text(dossier, procedure, lang)))
    facts.append(ReceiptLine(t("receipt.assisted", lang), _assisted_text(dossier, lang)))

    payment = payment_of(portal)
    sections = [ReceiptSection(lines=tuple(facts))]
    if payment is not None:
        sections.append(_payment_section(payment, lang))
    sections.append(
        ReceiptSection(t("receipt.next_heading", lang), paragraphs=_next_steps(dossier, code, due, lang))
    )
    track = [t("receipt.track_code", lang, code=code)] if code else []
    if code and tracking_url:
        track.append(t("receipt.track_url", lang, url=tracking_url))
    if not code:
        track.append(t("receipt.track_local", lang, ref=dossier.local_ref))
    sections.append(ReceiptSection(t("receipt.track_heading", lang), paragraphs=tuple(track)))

    return Receipt(
        lang=lang,
        client_ref=dossier.client_ref,
        title=t("receipt.title", lang),
        procedure_name=procedure.name.get(lang),
        procedure_code=t("receipt.procedure_code", lang, code=procedure.code),
        reference_label=t("receipt.dossier_code" if code else "receipt.local_ref", lang),
        reference=code or dossier.local_ref,
        temporary=not code,
        reference_note=None if code else t("receipt.local_ref_note", lang),
        qr_payload=receipt_qr_payload(tracking_url, code, dossier.local_ref),
        qr_caption=t("receipt.qr_caption", lang),
        sections=tuple(sections),
        payment=payment,
        footer=(
            t("receipt.printed_at", lang, time=_format_time(moment)),
            t("receipt.privacy_note", lang),
        ),
    )


def mask_name(full_name: str) -> str:
    """ "Nguyễn Thị Hoa" → "Nguyễn T. H.": the family name, then initials; one word → its initial."""
    words = unicodedata.normalize("NFC", full_name).split()
    if not words:
        return ""
    initials = [f"{_initial(word)}." for word in words[1:] if _initial(word)]
    if not initials:
        return f"{_initial(words[0])}."
    return " ".join([words[0], *initials])


def add_working_days(start: date, days: int) -> date:
    """`days` office days after `start`, Saturdays and Sundays skipped (public holidays are not known)."""
    day, remaining = start, max(days, 0)
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day


def _initial(word: str) -> str:
    for ch in word:
        if ch.isalpha():
            return ch.upper()
    return ""


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _portal_time(value: object) -> datetime | None:
    text = _text(value)
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None  # a malformed portal time is left off the slip rather than guessed
    return parsed.astimezone(VIETNAM) if parsed.tzinfo else None


def _format_time(value: datetime) -> str:
    local = value.astimezone(VIETNAM)
    return f"{local:%H:%M} {format_date(local.date())}"


def _applicant_line(dossier: Dossier, lang: Lang) -> list[ReceiptLine]:
    name = dossier.applicant.get("full_name")
    masked = mask_name(name) if isinstance(name, str) else ""
    return [ReceiptLine(t("receipt.applicant", lang), masked)] if masked else []


def _date_lines(dossier: Dossier, portal: dict[str, Any], lang: Lang) -> list[ReceiptLine]:
    summary = dossier.summary
    lines = [ReceiptLine(t("receipt.created_at", lang), _format_time(summary.created_at))]
    if summary.finalized_at is not None:
        lines.append(ReceiptLine(_filed_at(dossier, lang), _format_time(summary.finalized_at)))
    received = _portal_time(portal.get("received_at")) or summary.submitted_at
    if received is not None:
        lines.append(ReceiptLine(t("receipt.received_at", lang), _format_time(received)))
    return lines


def _kind(dossier: Dossier) -> str:
    """Who filed it (post office, community team, the citizen alone); an unknown kind reads as
    self-service, the one place nobody helped."""
    kind = dossier.assisted.kind
    return kind if kind in _ASSISTED_KINDS else "self_service"


def _filed_at(dossier: Dossier, lang: Lang) -> str:
    """ "Nộp tại quầy bưu điện", "Nộp tại ngày hội …", "Nộp tại ki-ốt tự phục vụ": the place, by mode."""
    return t(f"receipt.queued_at_{_kind(dossier)}", lang)


def _due_date(
    dossier: Dossier, procedure: Procedure, portal: dict[str, Any], now: datetime
) -> tuple[date, bool]:
    """The portal's due date, or (when it gave none) an expected one counted from the submission."""
    due = _portal_time(portal.get("due_at"))
    if due is not None:
        return due.date(), False
    start = _portal_time(portal.get("received_at")) or dossier.summary.finalized_at or now
    return add_working_days(start.astimezone(VIETNAM).date(), procedure.processing_days), True


def _fee_text(dossier: Dossier, procedure: Procedure, portal: dict[str, Any], lang: Lang) -> str:
    """The dossier's fee from its answers (kiosk.fees, as on the check page); once the portal has named
    its figure, that one counts (it is the VietQR amount), with the kiosk's breakdown when they agree."""
    missing: KioskError | None = None
    try:
        fee_quote: FeeQuote | None = procedure_quote(procedure, dossier.answers)
    except KioskError as err:  # a count the fee needs is missing: say so, never guess an amount
        fee_quote, missing = None, err
    given = portal.get("fee")
    amount = given.get("amount") if isinstance(given, dict) else None
    if isinstance(amount, int) and not isinstance(amount, bool):
        if fee_quote is not None and fee_quote.amount_vnd == amount and not fee_quote.set_by_province:
            return quote_text(procedure, fee_quote, lang)
        return (
            t("receipt.fee_free", lang)
            if amount == 0
            else t("receipt.fee_amount", lang, amount=format_vnd(amount, lang))
        )
    if missing is not None:
        return missing.message(lang)
    if fee_quote is None or fee_quote.set_by_province:
        return t("receipt.fee_by_province", lang)
    return quote_text(procedure, fee_quote, lang)


def _delivery_text(dossier: Dossier, procedure: Procedure, lang: Lang) -> str:
    if dossier.delivery.get("method") == "post":
        return t("receipt.delivery_post", lang)  # the address itself stays off the slip
    if procedure.authority is not None:
        return t("receipt.delivery_pickup_at", lang, place=procedure.authority.get(lang))
    return t("receipt.delivery_pickup", lang)


def _assisted_text(dossier: Dossier, lang: Lang) -> str:
    text = t(f"receipt.assisted_{_kind(dossier)}", lang)
    agent = dossier.assisted.agent_id
    return t("receipt.assisted_agent", lang, kind=text, agent_id=agent) if agent else text


def payment_of(portal: dict[str, Any] | None) -> Payment | None:
    """The payment instructions in the portal's 201 body (a dossier's `receipt`), if it gave any."""
    given = portal.get("payment") if portal is not None else None
    if portal is None or not isinstance(given, dict):
        return None
    fields = [_text(given.get(name)) for name in ("payee_name", "bank_bin", "account", "reference")]
    payee, bank_bin, account, reference = fields
    if payee is None or account is None or reference is None:
        return None  # half a payment instruction would send money nowhere: print none
    fee = portal.get("fee")
    amount = fee.get("amount") if isinstance(fee, dict) else None
    amount_vnd = amount if isinstance(amount, int) and not isinstance(amount, bool) else None
    vietqr = None
    if bank_bin and amount_vnd is not None and amount_vnd > 0:
        try:
            vietqr = build_vietqr(bank_bin, account, amount_vnd=amount_vnd, purpose=reference)
        except KioskError:
            vietqr = None  # the details stay printed as text; a code a bank app refuses helps nobody
    return Payment(
        payee_name=payee,
        bank_bin=bank_bin or "",
        account=account,
        reference=reference,
        amount_vnd=amount_vnd,
        vietqr=vietqr,
    )


def _payment_section(payment: Payment, lang: Lang) -> ReceiptSection:
    lines = [ReceiptLine(t("receipt.payee", lang), payment.payee_name)]
    if payment.bank_bin:
        lines.append(ReceiptLine(t("receipt.bank_bin", lang), payment.bank_bin))
    lines.append(ReceiptLine(t("receipt.account", lang), payment.account))
    if payment.amount_vnd:
        lines.append(
            ReceiptLine(
                t("receipt.fee", lang),
                t("receipt.fee_amount", lang, amount=format_vnd(payment.amount_vnd, lang)),
            )
        )
    lines.append(ReceiptLine(t("receipt.payment_reference", lang), payment.reference))
    qr = None
    if payment.vietqr is not None and payment.amount_vnd:
        caption = t("payment.qr_caption", lang, amount=format_vnd(payment.amount_vnd, lang))
        qr = ReceiptQR(payment.vietqr, caption)
    return ReceiptSection(t("receipt.payment_heading", lang), lines=tuple(lines), qr=qr)


def _next_steps(dossier: Dossier, code: str | None, due: date, lang: Lang) -> tuple[str, ...]:
    come_back = t("receipt.come_back_due", lang, date=format_date(due))
    if code:
        return (t("receipt.next_submitted", lang), come_back)
    if dossier.state == DossierState.NEEDS_ATTENTION:
        return (t("receipt.next_attention", lang),)
    return (t("receipt.next_queued", lang), t("receipt.next_queued_code", lang), come_back)


def build_bundle_receipt(
    bundle_name: str,
    bundle_ref: str,
    members: list[tuple[Dossier, Procedure]],
    lang: Lang,
    *,
    now: datetime | None = None,
) -> Receipt:
    """One receipt for a liên thông bundle: a section per dossier (its code or local reference, its own
    tracking QR, due date and fee), the bundle's name and reference above; KioskError for a draft."""
    moment = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
    sections: list[ReceiptSection] = []
    common: list[ReceiptLine] = []
    for index, (dossier, procedure) in enumerate(members, start=1):
        one = build_receipt(dossier, procedure, lang, now=moment)
        facts = one.sections[0].lines
        if not common:  # the applicant and who helped, said once for the whole bundle
            common = [line for line in facts if line.label in _common_labels(lang)]
        lines = [
            ReceiptLine(t("bundle.receipt.procedure", lang), procedure.code),
            ReceiptLine(one.reference_label, one.reference),
            *(line for line in facts if line.label in _member_labels(lang)),
        ]
        sections.append(
            ReceiptSection(
                t("bundle.receipt.member", lang, index=index, name=procedure.name.get(lang)),
                lines=tuple(lines),
                paragraphs=(one.reference_note,) if one.reference_note else (),
                qr=ReceiptQR(one.qr_payload, t("bundle.receipt.qr", lang)),
            )
        )
    temporary = any(dossier.dossier_code is None for dossier, _procedure in members)
    next_steps = [t("receipt.next_queued", lang)] if temporary else [t("receipt.next_submitted", lang)]
    sections.insert(0, ReceiptSection(lines=tuple(common)))
    sections.append(ReceiptSection(t("receipt.next_heading", lang), paragraphs=tuple(next_steps)))
    return Receipt(
        lang=lang,
        client_ref=bundle_ref,
        title=t("bundle.receipt.title", lang),
        procedure_name=bundle_name,
        procedure_code=t("bundle.receipt.count", lang, count=len(members)),
        reference_label=t("bundle.receipt.bundle_ref", lang),
        reference=local_reference(bundle_ref),
        temporary=False,
        reference_note=None,
        qr_payload="",  # no code for the bundle itself: each dossier is tracked by its own
        qr_caption="",
        sections=tuple(sections),
        footer=(
            t("receipt.printed_at", lang, time=_format_time(moment)),
            t("receipt.privacy_note", lang),
        ),
    )


def _common_labels(lang: Lang) -> set[str]:
    return {t("receipt.applicant", lang), t("receipt.assisted", lang)}


def _member_labels(lang: Lang) -> set[str]:
    return {
        t(key, lang)
        for key in (
            *(f"receipt.queued_at_{kind}" for kind in _ASSISTED_KINDS),
            "receipt.status",
            "receipt.due_expected",
            "receipt.due_at",
            "receipt.fee",
        )
    }
