"""Fees as data: a procedure's fee rules, and the ONE place that turns them and the answers into đồng.

A fee is charged for the dossier, or for each copy (`per_copy` names the question giving the number of
copies). One unit costs `amount_vnd`, or, with `per_page`, `amount_vnd` a page with cheaper rates from a
given page on (`page_rates`), at most `cap_vnd` a unit. Filing online may cost less (`online`: another
amount, or a percentage off); a person in an exempt group (`exemption`: a choice question and the options
that exempt) pays nothing. Every rule carries the legal text it comes from (`source`).

`quote` is pure (no Qt, no clock, no I/O): the check page, the receipt and the sandbox portal all call
it, so the figure shown, printed and asked in the VietQR code is the same. Amounts are whole đồng (int);
a percentage is taken with Decimal and rounded half up to the đồng.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.text import format_vnd

if TYPE_CHECKING:
    from kiosk.catalog import Procedure, Text


@dataclass(frozen=True)
class PageRate:
    """From page `from_page` of the original on, each page costs `amount_vnd`."""

    from_page: int
    amount_vnd: int


@dataclass(frozen=True)
class OnlineRate:
    """What filing online costs instead: `amount_vnd` a unit, or `percent_off` the whole fee."""

    source: str
    amount_vnd: int | None = None
    percent_off: int | None = None


@dataclass(frozen=True)
class Exemption:
    """Who pays nothing: an answer to the choice question `question` among `options`."""

    question: str
    options: tuple[str, ...]
    source: str


@dataclass(frozen=True, kw_only=True)
class Fee:
    """A procedure's fee rules; `set_by_province` means the amount differs by province (the note says it)."""

    amount_vnd: int
    note: Text | None = None
    set_by_province: bool = False
    source: str | None = None
    per_copy: str | None = None  # question id: how many copies; `amount_vnd` is then a copy's
    per_page: str | None = None  # question id: pages of the original; `amount_vnd` is then a page's
    page_rates: tuple[PageRate, ...] = ()
    cap_vnd: int | None = None  # at most this for one unit (a copy, or the dossier)
    online: OnlineRate | None = None
    exemption: Exemption | None = None

    @property
    def inputs(self) -> tuple[str, ...]:
        """The questions the amount depends on (pages, copies, exemption), in that order."""
        ids = (self.per_page, self.per_copy, self.exemption.question if self.exemption else None)
        return tuple(qid for qid in ids if qid is not None)

    def amount_for(self, answers: Mapping[str, object], *, online: bool = True) -> int:
        """The amount `quote` gives: what a portal asks for a dossier with these (encoded) answers."""
        return quote(self, answers, online=online).amount_vnd

    def listed_vnd(self, *, online: bool = True) -> int:
        """The amount a card lists: one unit (one page, one copy or the dossier), at the online rate."""
        base = self.amount_vnd
        if online and self.online is not None:
            if self.online.amount_vnd is not None:
                return self.online.amount_vnd
            return _percent_off(base, self.online.percent_off or 0)
        return base


@dataclass(frozen=True)
class FeeQuote:
    """What one dossier costs: `amount_vnd` (whole đồng, 0 when free or exempt) and how it was reached."""

    amount_vnd: int
    set_by_province: bool = False
    exempt_by: str | None = None  # the exemption option chosen
    copies: int | None = None  # with a per-copy fee
    per_copy_vnd: int | None = None  # one copy's amount, before any online percentage
    online_applied: bool = False


def _percent_off(amount: int, percent: int) -> int:
    kept = Decimal(amount) * (Decimal(100) - Decimal(percent)) / Decimal(100)
    return int(kept.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _count(answers: Mapping[str, object], qid: str) -> int:
    value = answers.get(qid)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a JSON number may arrive as 2.0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise KioskError("payment.fee_missing_input", question=qid)
    return value


def unit_amount(fee: Fee, pages: int | None) -> int:
    """One unit's amount (before copies, online rate and exemption), capped at `cap_vnd`."""
    if pages is None:
        amount = fee.amount_vnd
    else:
        bands = [(1, fee.amount_vnd), *((r.from_page, r.amount_vnd) for r in fee.page_rates)]
        amount = 0
        for (first, rate), (after, _next) in zip(bands, [*bands[1:], (pages + 1, 0)], strict=True):
            amount += rate * max(0, min(pages + 1, after) - first)
    return amount if fee.cap_vnd is None else min(amount, fee.cap_vnd)


def quote(fee: Fee, answers: Mapping[str, object], *, online: bool = True) -> FeeQuote:
    """The fee of a dossier with `answers` (the contract's encoded values: numbers, option ids).

    `online` is True for everything the kiosk files (channel 2, trực tuyến).
    KioskError("payment.fee_missing_input") when a count the fee depends on is missing or negative (the
    loader makes those questions required and always asked).
    """
    if fee.set_by_province:
        return FeeQuote(0, set_by_province=True)
    if fee.exemption is not None:
        chosen = answers.get(fee.exemption.question)
        if isinstance(chosen, str) and chosen in fee.exemption.options:
            return FeeQuote(0, exempt_by=chosen)
    pages = _count(answers, fee.per_page) if fee.per_page else None
    copies = _count(answers, fee.per_copy) if fee.per_copy else None
    rate = fee.online if online else None
    if rate is not None and rate.amount_vnd is not None and pages is None:
        one = rate.amount_vnd if fee.cap_vnd is None else min(rate.amount_vnd, fee.cap_vnd)
    else:
        one = unit_amount(fee, pages)
    total = one * (copies if copies is not None else 1)
    if rate is not None and rate.percent_off is not None:
        total = _percent_off(total, rate.percent_off)
    return FeeQuote(
        total,
        copies=copies,
        per_copy_vnd=one if copies is not None else None,
        online_applied=rate is not None,
    )


def procedure_quote(procedure: Procedure, answers: Mapping[str, object], *, online: bool = True) -> FeeQuote:
    """`quote` of `procedure`'s fee, counting only the answers to questions that are asked; a missing
    count is named by its question's label ("Số bản cần chứng thực"), as the person read it."""
    questions = {q.id: q for step in procedure.steps for q in step.questions}
    asked = {qid for qid, q in questions.items() if q.applies(answers)}
    try:
        return quote(procedure.fee, {k: v for k, v in answers.items() if k in asked}, online=online)
    except KioskError as err:
        missing = questions.get(str(err.params.get("question")))
        if missing is None:
            raise
        raise KioskError(err.key, question=missing.label.vi) from err


def quote_text(procedure: Procedure, fee_quote: FeeQuote, lang: Lang) -> str:
    """The amount as a person reads it: "4.000 đồng (2 bản × 2.000 đồng)", "Miễn lệ phí (…)"."""
    if fee_quote.set_by_province:
        return t("payment.fee_by_province", lang)
    if fee_quote.exempt_by is not None:
        return t("payment.fee_exempt", lang, group=_option_label(procedure, fee_quote.exempt_by, lang))
    if fee_quote.amount_vnd == 0:
        return t("payment.fee_free", lang)
    text = t("payment.fee_amount", lang, amount=format_vnd(fee_quote.amount_vnd, lang))
    details = []
    if fee_quote.copies is not None and fee_quote.per_copy_vnd is not None and fee_quote.copies != 1:
        each = format_vnd(fee_quote.per_copy_vnd, lang)
        details.append(t("payment.fee_copies", lang, copies=fee_quote.copies, each=each))
    if fee_quote.online_applied:
        details.append(t("payment.fee_online", lang))
    return f"{text} ({', '.join(details)})" if details else text


def _option_label(procedure: Procedure, option: str, lang: Lang) -> str:
    exemption = procedure.fee.exemption
    for step in procedure.steps:
        for question in step.questions:
            if exemption is not None and question.id == exemption.question:
                for choice in question.options:
                    if choice.id == option:
                        return choice.label.get(lang)
    return option
