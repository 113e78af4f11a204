"""One filing as pages: the applicant block, the procedure's questions, result delivery, check answers.

Qt-free: the screens in ui/journey/ show one page at a time and hand back what the person typed; this
model parses it (kiosk.answers), decides which pages apply as answers change, counts progress, and gives
the applicant, answers and delivery in contract form for `Store.save_answers`.

Every problem it reports is a `FieldProblem` whose `field` is a page id (`applicant.id_number`, a question
id, `delivery.method`, `declaration`, `consent`), so a screen can link an error to the page that fixes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kiosk.answers import (
    FieldProblem,
    applicable_answers,
    check_value,
    display_value,
    parse_answer,
    required_key,
    validate_answers,
)
from kiosk.catalog import (
    APPLICANT_FIELDS,
    Delivery,
    Option,
    Procedure,
    Question,
    QuestionKind,
    Text,
    migrate_answers,
    version_key,
)
from kiosk.errors import KioskError
from kiosk.i18n import Lang, t
from kiosk.rules.cccd import validate_cccd
from kiosk.rules.dates import format_date, parse_iso_date

if TYPE_CHECKING:
    from kiosk.store.models import AttachmentInfo, Dossier

APPLICANT = "applicant."
# What the CCCD number says against the date of birth or gender typed (kiosk.rules.cccd): shown on the
# page where it stops the person as well as linked to the number.
CROSS_CHECK_KEYS = frozenset(
    {"rules.cccd.century_mismatch", "rules.cccd.year_mismatch", "rules.cccd.gender_mismatch"}
)
DELIVERY_METHOD = "delivery.method"
DELIVERY_ADDRESS = "delivery.address"
CHECK = "check"
DECLARATION = "declaration"
CONSENT = "consent"
CHANNEL_ONLINE = 2  # the contract's channel for everything filed from the kiosk
_NOTHING = object()
Raw = str | bool | dict[str, Any]


class PageKind(StrEnum):
    APPLICANT = "applicant"
    QUESTION = "question"
    ATTACHMENT = "attachment"
    DELIVERY = "delivery"
    CHECK = "check"


@dataclass(frozen=True)
class Page:
    """One screen of the journey; `question` is None only for the check page."""

    id: str
    kind: PageKind
    question: Question | None

    @property
    def is_question(self) -> bool:
        """Counted in "Bước i/n": every page but the check page."""
        return self.kind is not PageKind.CHECK


def _text(key: str) -> Text:
    return Text(vi=t(key, "vi"), en=t(key, "en"))


def _options(*ids: str) -> tuple[Option, ...]:
    return tuple(Option(id=i, label=_text(f"journey.option.{i}")) for i in ids)


def applicant_questions() -> tuple[Question, ...]:
    """The applicant block as questions, so the screens ask it like any other question."""
    q = "journey.applicant."
    return (
        Question(
            id="full_name",
            kind=QuestionKind.PERSON_NAME,
            label=_text(q + "full_name"),
            hint=_text(q + "full_name_hint"),
            max_length=100,
        ),
        Question(
            id="id_number",
            kind=QuestionKind.CCCD,
            label=_text(q + "id_number"),
            hint=_text(q + "id_number_hint"),
        ),
        Question(
            id="date_of_birth",
            kind=QuestionKind.DATE,
            not_future=True,
            label=_text(q + "date_of_birth"),
            hint=_text(q + "date_hint"),
        ),
        Question(
            id="gender",
            kind=QuestionKind.CHOICE,
            label=_text(q + "gender"),
            options=_options("male", "female"),
        ),
        Question(id="phone", kind=QuestionKind.PHONE, label=_text(q + "phone"), hint=_text(q + "phone_hint")),
        Question(
            id="email",
            kind=QuestionKind.EMAIL,
            required=False,
            label=_text(q + "email"),
            hint=_text(q + "email_hint"),
        ),
        Question(
            id="address",
            kind=QuestionKind.ADDRESS,
            label=_text(q + "address"),
            hint=_text(q + "address_hint"),
        ),
    )


def _delivery_questions() -> tuple[Question, Question]:
    method = Question(
        id=DELIVERY_METHOD,
        kind=QuestionKind.CHOICE,
        label=_text("journey.delivery.method"),
        hint=_text("journey.delivery.method_hint"),
        options=_options(Delivery.PICKUP.value, Delivery.POST.value),
    )
    address = Question(
        id=DELIVERY_ADDRESS,
        kind=QuestionKind.ADDRESS,
        label=_text("journey.delivery.address"),
        hint=_text("journey.delivery.address_hint"),
    )
    return method, address


def raw_of(question: Question, value: object) -> Raw:
    """A stored contract value as the person would have typed it (dates back to dd/mm/yyyy)."""
    if question.kind is QuestionKind.DATE and isinstance(value, str):
        try:
            return format_date(parse_iso_date(value))
        except KioskError:
            return value
    if isinstance(value, bool | dict):
        return value
    if isinstance(value, int | float) and question.kind is QuestionKind.NUMBER:
        return str(value)
    return "" if value is None else str(value)


class Journey:
    """One filing being answered; the UI thread owns it, store work receives copies of its outputs."""

    def __init__(
        self,
        procedure: Procedure,
        *,
        client_ref: str | None = None,
        applicant: Mapping[str, object] | None = None,
        answers: Mapping[str, object] | None = None,
        delivery: Mapping[str, object] | None = None,
        attachments: Iterable[AttachmentInfo] = (),
        consent_needed: bool = True,
        skip: Iterable[str] = (),
        fixed: Iterable[str] = (),
    ) -> None:
        self.procedure = procedure
        # A bundle member: pages answered in another member's journey (skip) or set by the bundle (fixed)
        # are not asked again, but stay on the check page.
        self.fixed = frozenset(fixed)
        self.skipped = frozenset(skip) | self.fixed
        self.client_ref = client_ref
        self.consent_needed = consent_needed
        self.declared = False
        self.consented = False
        self._values: dict[str, object] = {}
        self._raw: dict[str, Raw] = {}
        self._attachments: list[AttachmentInfo] = list(attachments)
        self._return_to_check = False
        self._asked_before: set[str] = set()
        # Pages filled from the applicant block (`from_applicant`): page id → the value put there. They
        # follow the applicant's answers and the condition until the person gives an answer of their own.
        self._from_applicant: dict[str, object] = {}
        self._own: set[str] = set()  # pages the person answered differently: never filled again
        self._refilled: set[str] = set()  # pages whose answer the model changed, for the screens to show
        # Filled pages emptied since "Sửa" opened a page (the relationship changed): asked on the way back.
        self._emptied: set[str] = set()
        self._offers_post = Delivery.POST in procedure.result_delivery
        pages = [Page(APPLICANT + q.id, PageKind.APPLICANT, q) for q in applicant_questions()]
        for question in procedure.questions():
            kind = PageKind.ATTACHMENT if question.kind is QuestionKind.ATTACHMENT else PageKind.QUESTION
            pages.append(Page(question.id, kind, question))
        if self._offers_post:
            pages.extend(Page(q.id, PageKind.DELIVERY, q) for q in _delivery_questions())
        pages.append(Page(CHECK, PageKind.CHECK, None))
        self._pages = pages
        self._by_id = {page.id: page for page in pages}
        self._prefill(applicant or {}, answers or {}, delivery or {})
        self._mark_from_applicant()
        self._follow_applicant()
        self._refilled.clear()
        self._current = self.first_incomplete()

    @classmethod
    def from_dossier(
        cls,
        procedure: Procedure,
        dossier: Dossier,
        *,
        consent_needed: bool = True,
        skip: Iterable[str] = (),
        fixed: Iterable[str] = (),
    ) -> Journey:
        """Resume a saved draft, migrating its answers when it was saved under an older procedure version."""
        answers = dict(dossier.answers)
        saved_under = dossier.summary.procedure_version
        try:
            older = version_key(saved_under) < version_key(procedure.version)
        except ValueError:
            older = False
        answers = migrate_answers(procedure, saved_under, answers) if older else answers
        return cls(
            procedure,
            client_ref=dossier.client_ref,
            applicant=dossier.applicant,
            answers=answers,
            delivery=dossier.delivery,
            attachments=dossier.attachments,
            consent_needed=consent_needed,
            skip=skip,
            fixed=fixed,
        )

    def _prefill(
        self, applicant: Mapping[str, object], answers: Mapping[str, object], delivery: Mapping[str, object]
    ) -> None:
        given: dict[str, object] = {APPLICANT + k: v for k, v in applicant.items() if k in APPLICANT_FIELDS}
        given.update({k: v for k, v in answers.items() if k in self._by_id and not k.startswith(APPLICANT)})
        if self._offers_post and delivery.get("method") in (Delivery.PICKUP.value, Delivery.POST.value):
            given[DELIVERY_METHOD] = delivery["method"]
            if delivery.get("address"):
                given[DELIVERY_ADDRESS] = delivery["address"]
        for page_id, value in given.items():
            page = self._by_id.get(page_id)
            if page is None or page.question is None or page.kind is PageKind.ATTACHMENT or value is None:
                continue
            self._raw[page_id] = raw_of(page.question, value)
            try:
                # A value saved under another version may no longer fit: the person is asked again.
                self._values[page_id] = check_value(page.question, value)
            except (KioskError, ValueError):
                continue

    # --- answers filled from the applicant block ----------------------------------------------------------
    def _prefills(self) -> Iterable[tuple[Page, Question, str]]:
        for page in self._pages:
            question = page.question
            if (
                page.kind is PageKind.QUESTION
                and question is not None
                and question.from_applicant is not None
            ):
                yield page, question, APPLICANT + question.from_applicant.field

    def _wanted(self, question: Question, source: str, kept: Mapping[str, object]) -> object:
        """The applicant's value for `question` when it applies and its `from_applicant` holds, else None."""
        assert question.from_applicant is not None
        value = self._values.get(source)
        if value is None or not question.applies(kept) or not question.from_applicant.holds(kept):
            return None
        try:
            return check_value(question, value)
        except (KioskError, ValueError):
            return None

    def _mark_from_applicant(self) -> None:
        """A resumed draft: answers that are the applicant's own values, where the condition holds, are
        filled ones again (they follow a change of the applicant's answers)."""
        kept = applicable_answers(self.procedure, self._question_values())
        for page, question, source in self._prefills():
            wanted = self._wanted(question, source, kept)
            if page.id in self._values and wanted is not None and self._values[page.id] == wanted:
                self._from_applicant[page.id] = wanted

    def _follow_applicant(self) -> None:
        """Fill the pages about the applicant's own person (the mother filing her child's birth) from the
        applicant block; empty them again when the condition stops holding (she chose "Cha" after all).
        A page the person answered differently is theirs and is left alone."""
        for _ in range(2):  # a filled answer may itself be a condition (never more than one level deep)
            kept = applicable_answers(self.procedure, self._question_values())
            changed = False
            for page, question, source in self._prefills():
                if page.id in self._own:
                    continue
                wanted = self._wanted(question, source, kept)
                if page.id in self._from_applicant:
                    if wanted is None:
                        del self._from_applicant[page.id]
                        self._values.pop(page.id, None)
                        self._raw.pop(page.id, None)
                        self._refilled.add(page.id)
                        self._emptied.add(page.id)
                        changed = True
                        continue
                elif wanted is None or page.id in self._values:
                    continue
                if self._values.get(page.id) != wanted or page.id not in self._from_applicant:
                    self._values[page.id] = wanted
                    self._raw[page.id] = raw_of(question, wanted)
                    self._from_applicant[page.id] = wanted
                    self._refilled.add(page.id)
                    changed = True
            if not changed:
                return

    def _answered(self, page_id: str) -> None:
        """The person gave `page_id` an answer: a filled page they changed becomes theirs."""
        filled = self._from_applicant.get(page_id, _NOTHING)
        if filled is not _NOTHING and self._values.get(page_id) != filled:
            del self._from_applicant[page_id]
            self._own.add(page_id)
            self._refilled.add(page_id)  # its note "Điền từ thông tin người nộp hồ sơ" goes
        elif filled is _NOTHING and page_id in self._values:
            self._own.add(page_id)
        self._follow_applicant()

    def filled_from_applicant(self, page_id: str) -> bool:
        """Whether the page's answer was filled from the applicant block (and not changed since)."""
        return page_id in self._from_applicant

    def take_refilled(self) -> set[str]:
        """Pages whose answer the model filled or emptied since the last call (the screens show them)."""
        pages, self._refilled = self._refilled, set()
        return pages

    # --- pages ---------------------------------------------------------------------------------------------
    def page(self, page_id: str) -> Page:
        return self._by_id[page_id]

    @property
    def current(self) -> Page:
        return self._current

    @property
    def returning_to_check(self) -> bool:
        """True while a page opened by "Sửa" is shown: Continue goes back to the check page."""
        return self._return_to_check

    def _question_values(self) -> dict[str, object]:
        return {
            page.id: self._values[page.id]
            for page in self._pages
            if page.kind is PageKind.QUESTION and page.id in self._values
        }

    def _expected_values(self) -> dict[str, object]:
        """The answers so far, and the default of each question not answered yet: the pages that apply
        are counted as the person will most likely meet them ("Bước 8/29" stays /29 when Việt Nam, shown
        already, makes the mother's ethnicity a question). Never sent: `answers()` takes real ones only."""
        values = self._question_values()
        for page in self._pages:
            question = page.question
            if page.kind is PageKind.QUESTION and question is not None and question.default is not None:
                values.setdefault(page.id, question.default)
        return values

    def applies(self, page: Page) -> bool:
        """Whether the page is asked, given the answers so far (conditions judged on applicable answers)."""
        if page.kind in (PageKind.QUESTION, PageKind.ATTACHMENT):
            assert page.question is not None
            return page.question.applies(applicable_answers(self.procedure, self._expected_values()))
        if page.id == DELIVERY_ADDRESS:
            return self._values.get(DELIVERY_METHOD) == Delivery.POST.value
        return True

    def pages(self, *, with_skipped: bool = False) -> list[Page]:
        """The pages that apply now, in order, ending with the check page (skipped ones only if asked)."""
        kept = applicable_answers(self.procedure, self._expected_values())
        result: list[Page] = []
        for page in self._pages:
            if page.id in self.skipped and not with_skipped:
                continue
            if page.kind in (PageKind.QUESTION, PageKind.ATTACHMENT):
                assert page.question is not None
                if not page.question.applies(kept):
                    continue
            elif page.id == DELIVERY_ADDRESS and self._values.get(DELIVERY_METHOD) != Delivery.POST.value:
                continue
            result.append(page)
        return result

    def progress(self) -> tuple[int, int] | None:
        """("Bước i/n") the current page among the question pages that apply; None on the check page."""
        questions = [page for page in self.pages() if page.is_question]
        if self._current not in questions:
            return None
        return questions.index(self._current) + 1, len(questions)

    def complete(self, page: Page) -> bool:
        """Answered, or optional; attachment pages need a file when required."""
        if page.question is None:
            return True
        if page.kind is PageKind.ATTACHMENT:
            return not page.question.required or bool(self.attachments_for(page.id))
        return not page.question.required or page.id in self._values

    def first_incomplete(self) -> Page:
        """Where a resumed journey opens: the first page still to answer, else the check page."""
        for page in self.pages():
            if not self.complete(page):
                return page
        return self._by_id[CHECK]

    # --- moving --------------------------------------------------------------------------------------------
    def next(self) -> Page:
        """The next page that applies; after "Sửa", the check page (through any page the change made due)."""
        pages = self.pages()
        index = self._index_in(pages)
        if self._return_to_check:
            # Only pages the change itself made due are asked on the way back (GOV.UK "change" loop): new
            # ones, and those whose filled answer it took away (the mother's, once "Cha" is chosen).
            fresh = [p for p in pages[index + 1 :] if p.id not in self._asked_before or p.id in self._emptied]
            due = [page for page in fresh if page.is_question and not self.complete(page)]
            self._current = due[0] if due else self._by_id[CHECK]
        else:
            self._current = pages[min(index + 1, len(pages) - 1)]
        if self._current.id == CHECK:
            self._return_to_check = False
        return self._current

    def back(self) -> Page | None:
        """The previous page that applies (None on the first page); after "Sửa", the check page."""
        if self._return_to_check:
            self._return_to_check = False
            self._current = self._by_id[CHECK]
            return self._current
        pages = self.pages()
        index = self._index_in(pages)
        if index == 0:
            return None
        self._current = pages[index - 1]
        return self._current

    def goto(self, page_id: str, *, returning: bool = False) -> Page:
        """Open a page; `returning` (the check page's "Sửa") makes Continue come back to the check page."""
        self._current = self._by_id[page_id]
        self._return_to_check = returning and page_id != CHECK
        if self._return_to_check:
            self._asked_before = {page.id for page in self.pages()}
            self._emptied = set()
        return self._current

    def _index_in(self, pages: list[Page]) -> int:
        if self._current in pages:
            return pages.index(self._current)
        # The current page stopped applying (its condition changed elsewhere): place it by position.
        position = self._pages.index(self._current)
        earlier = [i for i, page in enumerate(pages) if self._pages.index(page) < position]
        return earlier[-1] if earlier else 0

    # --- answering -----------------------------------------------------------------------------------------
    def raw(self, page_id: str) -> Raw | None:
        """What the person last typed or chose on the page (kept even when it was not valid)."""
        return self._raw.get(page_id)

    def value(self, page_id: str) -> object:
        return self._values.get(page_id)

    def shown_raw(self, page_id: str) -> Raw | None:
        """What the page shows when it opens: the last raw answer, else the question's default (another
        page's answer for `default_from`, e.g. the applicant's address; or `default`, e.g. Việt Nam).
        A default is only shown: it becomes an answer when the person continues from the page."""
        raw = self._raw.get(page_id)
        question = self._by_id[page_id].question
        if raw is not None or question is None:
            return raw
        if question.default_from is not None:
            return self._raw.get(question.default_from)
        if question.default is not None:
            return raw_of(question, question.default)
        return None

    def answer(self, page_id: str, raw: Raw, lang: Lang) -> list[FieldProblem]:
        """Record what the person gave on a page; the problems to show (empty when they may continue)."""
        page = self._by_id[page_id]
        question = page.question
        if question is None:
            return self.declaration_problems()
        if page.kind is PageKind.ATTACHMENT:
            if question.required and not self.attachments_for(page_id):
                return [FieldProblem(page_id, "journey.attachment_required")]
            return []
        self._raw[page_id] = raw
        try:
            value = parse_answer(question, raw, lang)
        except KioskError as err:
            self._values.pop(page_id, None)
            self._answered(page_id)
            return [FieldProblem.of(page_id, err)]
        if value is None:
            self._values.pop(page_id, None)
        else:
            self._values[page_id] = value
        self._answered(page_id)
        if page.kind is PageKind.APPLICANT and question.id in ("date_of_birth", "gender"):
            return self._cross_check(question.id)
        return []

    def keep(self, page_id: str, raw: Raw, lang: Lang) -> bool:
        """Record `raw` without moving on, only when it is a valid answer: "Lưu và tiếp tục sau" keeps
        what is typed on the page, and a half-typed one never replaces an answer given before."""
        page = self._by_id[page_id]
        question = page.question
        if question is None or page.kind is PageKind.ATTACHMENT:
            return False
        try:
            value = parse_answer(question, raw, lang)
        except KioskError:
            return False
        self._raw[page_id] = raw
        if value is None:
            self._values.pop(page_id, None)
        else:
            self._values[page_id] = value
        self._answered(page_id)
        return True

    def continue_from(self, raw: Raw | None, lang: Lang) -> list[FieldProblem]:
        """ "Tiếp tục" on the current page: record `raw`, move on when there is nothing to fix."""
        page = self._current
        problems = self.answer(page.id, raw if raw is not None else "", lang)
        if not problems and page.id != CHECK:
            self.next()
        return problems

    def _cross_check(self, only: str | None = None) -> list[FieldProblem]:
        """The CCCD number against the date of birth, and against the gender, each once both are known.

        A mismatch stops the person on the date-of-birth page (year) or the gender page (gender), which
        come after the number, and is a problem of that page's own field: its link lands on the field
        there, and "Quay lại" reaches the number. `only` ("date_of_birth" or "gender") checks that pair
        alone; None checks both (the check page, whose links open the date or the gender page).
        """
        number = self._values.get(APPLICANT + "id_number")
        if not isinstance(number, str):
            return []
        born = self._values.get(APPLICANT + "date_of_birth")
        gender = self._values.get(APPLICANT + "gender")
        found: list[FieldProblem] = []
        if only in (None, "date_of_birth") and isinstance(born, str):
            try:
                validate_cccd(number, date_of_birth=date.fromisoformat(born))
            except KioskError as err:
                found.append(FieldProblem.of(APPLICANT + "date_of_birth", err))
        if only in (None, "gender") and gender in ("male", "female"):
            try:
                validate_cccd(number, gender=gender)
            except KioskError as err:
                found.append(FieldProblem.of(APPLICANT + "gender", err))
        return found

    # --- attachments ---------------------------------------------------------------------------------------
    def attachments_for(self, page_id: str) -> list[AttachmentInfo]:
        question = self._by_id[page_id].question
        doc_type = question.doc_type if question is not None else None
        return [a for a in self._attachments if doc_type is not None and a.doc_type == doc_type]

    def add_attachment(self, info: AttachmentInfo) -> None:
        self._attachments.append(info)

    def remove_attachment(self, attachment_id: str) -> None:
        self._attachments = [a for a in self._attachments if a.id != attachment_id]

    def attachments(self) -> list[AttachmentInfo]:
        """Attachments of the attachment pages that apply (what will be sent)."""
        wanted = {p.question.doc_type for p in self.pages() if p.kind is PageKind.ATTACHMENT and p.question}
        return [a for a in self._attachments if a.doc_type in wanted]

    def stale_attachments(self) -> list[str]:
        """Ids of files attached for pages that no longer apply: removed before the dossier is queued."""
        kept = {a.id for a in self.attachments()}
        return [a.id for a in self._attachments if a.id not in kept]

    # --- check answers, declaration ------------------------------------------------------------------------
    def check_rows(self, lang: Lang) -> list[tuple[str, str, str]]:
        """(page id, label, value as shown) for every page that applies, in order."""
        rows: list[tuple[str, str, str]] = []
        for page in self.pages(with_skipped=True):
            question = page.question
            if question is None:
                continue
            if page.kind is PageKind.ATTACHMENT:
                names = [a.filename for a in self.attachments_for(page.id)]
                shown = ", ".join(names) if names else t("journey.check.no_file", lang)
            else:
                shown = display_value(question, self._values.get(page.id), lang)
            rows.append((page.id, question.label.get(lang), shown))
        return rows

    def problems(self) -> list[FieldProblem]:
        """Everything still to fix before the dossier can be queued (pages in order, then the cross-check)."""
        found = [
            FieldProblem(page.id, self._missing_key(page))
            for page in self.pages(with_skipped=True)
            if not self.complete(page)
        ]
        found.extend(self._cross_check())
        known = {problem.field for problem in found}
        found.extend(
            problem
            for problem in validate_answers(self.procedure, self.answers())
            if problem.field not in known and problem.field in self._by_id
        )
        return found

    @staticmethod
    def _missing_key(page: Page) -> str:
        if page.kind is PageKind.ATTACHMENT:
            return "journey.attachment_required"
        return required_key(page.question) if page.question is not None else "rules.answers.required"

    def declare(self, declared: bool, consented: bool) -> list[FieldProblem]:
        self.declared, self.consented = declared, consented
        return self.declaration_problems()

    def declaration_problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        if not self.declared:
            found.append(FieldProblem(DECLARATION, "journey.declaration_required"))
        if self.consent_needed and not self.consented:
            found.append(FieldProblem(CONSENT, "journey.consent_required"))
        return found

    # --- contract form -------------------------------------------------------------------------------------
    def applicant(self) -> dict[str, object]:
        """The applicant block answered so far, in contract form."""
        return {
            name: self._values[APPLICANT + name]
            for name in APPLICANT_FIELDS
            if APPLICANT + name in self._values
        }

    def answers(self) -> dict[str, object]:
        """The procedure's answers that apply (answers to questions that no longer apply are dropped)."""
        return applicable_answers(self.procedure, self._question_values())

    def delivery(self) -> dict[str, object]:
        """How the result comes back: pickup, or post to an address; and the contract's channel.

        Where the person must choose and has not yet, no method is given: a draft saved then opens again
        with nothing chosen (the page is asked; the dossier cannot be queued without an answer).
        """
        method = self._values.get(DELIVERY_METHOD) if self._offers_post else Delivery.PICKUP.value
        if method is None:
            return {"channel": CHANNEL_ONLINE}
        if method == Delivery.POST.value:
            return {
                "method": "post",
                "address": self._values.get(DELIVERY_ADDRESS),
                "channel": CHANNEL_ONLINE,
            }
        return {"method": Delivery.PICKUP.value, "address": None, "channel": CHANNEL_ONLINE}
