"""Strict checks of one procedure definition (steps, questions, conditions, documents, fee, changes)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from kiosk.catalog import (
    ACCEPTED_MEDIA_TYPES,
    APPLICANT_FIELDS,
    AnyOf,
    Category,
    Change,
    Condition,
    Delivery,
    FromApplicant,
    Level,
    Option,
    Procedure,
    Question,
    QuestionKind,
    RequiredDocument,
    Step,
    Text,
    version_key,
)
from kiosk.catalog_nodes import CATEGORIES_FILE, Node, NodeChecker
from kiosk.fees import Exemption, Fee, OnlineRate, PageRate
from kiosk.lists import ListError, option_list

_CODE = re.compile(r"^\d\.\d{6}$")
_UNKNOWN_KIND = f"unknown kind {{got}} (use one of: {', '.join(k.value for k in QuestionKind)})"
# The kind a question must have to take an applicant field (`from_applicant`, `default_from: applicant.…`).
_APPLICANT_KINDS = {
    "full_name": QuestionKind.PERSON_NAME,
    "id_number": QuestionKind.CCCD,
    "date_of_birth": QuestionKind.DATE,
    "gender": QuestionKind.CHOICE,
    "phone": QuestionKind.PHONE,
    "email": QuestionKind.EMAIL,
    "address": QuestionKind.ADDRESS,
}
_PROCEDURE_REQUIRED = (
    *("code", "version", "name", "description", "category", "level", "fee"),
    *("processing_time", "processing_days", "who_may_file", "steps"),
)
_FEE_RULES = ("per_copy", "per_page", "page_rates", "cap_vnd", "online", "exemption")
_PROCEDURE_OPTIONAL = (
    *("code_verified", "search_words", "authority", "documents", "result_delivery", "popularity"),
    "changes",
)


class ProcedureChecker(NodeChecker):
    """Turns a procedure node into a frozen Procedure, recording every problem with where it is."""

    def condition(self, node: Node, defined: Mapping[str, Question], what: str) -> Condition | None:
        got = self.fields(node, ("question",), ("equals", "one_of", "answered"))
        if "question" not in got:
            return None
        qid = self.ident(got["question"], "condition question")
        if sum(key in got for key in ("equals", "one_of", "answered")) != 1:
            self.error(node, f"{what}: give exactly one of 'equals', 'one_of' or 'answered'")
            return None
        if "answered" in got and got["answered"].value is not True:
            self.error(got["answered"], f"{what}: 'answered' can only be true")
            return None
        if qid is None:
            return None
        target = defined.get(qid)
        if target is None:
            self.error(got["question"], f"{what} refers to question '{qid}', which is not defined earlier")
            return None
        if target.kind is QuestionKind.ATTACHMENT:
            self.error(got["question"], f"{what} cannot depend on the attachment '{qid}'")
            return None
        option_ids = {opt.id for opt in target.options}
        if "answered" in got:
            return Condition(question=qid)  # neither value: the question was answered at all
        if "one_of" in got:
            values = [item.value for item in self.items(got["one_of"], "one_of", non_empty=True)]
            if target.kind is not QuestionKind.CHOICE:
                self.error(got["one_of"], f"{what}: 'one_of' only works with a choice question")
                return None
            bad = [v for v in values if not isinstance(v, str) or v not in option_ids]
            if bad:
                self.error(got["one_of"], f"{what}: {bad!r} not among the options of '{qid}'")
                return None
            return Condition(question=qid, one_of=tuple(values))
        equals = got["equals"].value
        problem = value_problem(target, equals)
        if problem:
            self.error(got["equals"], f"{what}: {problem}")
            return None
        return Condition(question=qid, equals=equals)

    def when(self, node: Node, defined: Mapping[str, Question], what: str) -> Condition | AnyOf | None:
        """A question's `when`: one condition, or a list of them of which any may hold."""
        if not isinstance(node.value, list):
            return self.condition(node, defined, what)
        items = self.items(node, "when", non_empty=True)
        if len(items) == 1:
            self.error(node, f"{what}: a list under 'when' needs at least two conditions (or write one)")
            return None
        conditions = [self.condition(item, defined, what) for item in items]
        if not items or any(c is None for c in conditions):
            return None
        return AnyOf(conditions=tuple(c for c in conditions if c is not None))

    def from_applicant(
        self, node: Node, defined: Mapping[str, Question], kind: QuestionKind | None, what: str
    ) -> FromApplicant | None:
        """`from_applicant: {field: full_name, when: {...}}`: filled from the applicant block while `when`
        holds (the relationship question that says so must come earlier)."""
        got = self.fields(node, ("field",), ("when",))
        if "field" not in got:
            return None
        name = got["field"].value
        if name not in APPLICANT_FIELDS:
            self.error(
                got["field"], f"{what}: from_applicant field must be one of {', '.join(APPLICANT_FIELDS)}"
            )
            return None
        if kind is not None and kind is not _APPLICANT_KINDS[name]:
            self.error(
                got["field"], f"{what}: the applicant's {name} fits a {_APPLICANT_KINDS[name]} question"
            )
            return None
        when = self.optional(got, "when", lambda n: self.condition(n, defined, f"{what} from_applicant"))
        if "when" in got and when is None:
            return None
        return FromApplicant(field=name, when=when)

    def question(
        self, node: Node, defined: Mapping[str, Question], documents: Mapping[str, RequiredDocument]
    ) -> Question | None:
        got = self.fields(
            node,
            ("id", "kind", "label"),
            (
                *("hint", "required", "options", "when", "doc_type", "accept"),
                *("min", "max", "max_length", "not_future", "options_from", "default", "default_from"),
                "from_applicant",
            ),
        )
        qid = self.ident(got["id"], "question id") if "id" in got else None
        if qid in APPLICANT_FIELDS:
            self.error(got["id"], f"question id '{qid}' is reserved for the applicant block")
        kind = self.optional(got, "kind", lambda n: self.member(n, QuestionKind, _UNKNOWN_KIND))
        label = self.text(got["label"], "label") if "label" in got else None
        hint = self.optional(got, "hint", lambda n: self.text(n, "hint"))
        required = self.optional(got, "required", lambda n: self.boolean(n, "required"))
        when = self.when(got["when"], defined, f"question '{qid}'") if "when" in got else None
        if "when" in got and when is None:
            return None
        prefill = self.optional(
            got, "from_applicant", lambda n: self.from_applicant(n, defined, kind, f"question '{qid}'")
        )
        if "from_applicant" in got and prefill is None:
            return None
        for key, allowed_kinds in (
            ("options", {QuestionKind.CHOICE}),
            ("options_from", {QuestionKind.CHOICE}),
            ("default", {QuestionKind.CHOICE, QuestionKind.YES_NO, QuestionKind.NUMBER}),
            ("default_from", set(QuestionKind) - {QuestionKind.ATTACHMENT}),
            ("doc_type", {QuestionKind.ATTACHMENT}),
            ("accept", {QuestionKind.ATTACHMENT}),
            ("min", {QuestionKind.NUMBER}),
            ("max", {QuestionKind.NUMBER}),
            ("max_length", {QuestionKind.TEXT, QuestionKind.PERSON_NAME}),
            ("not_future", {QuestionKind.DATE}),
        ):
            if key in got and kind is not None and kind not in allowed_kinds:
                self.error(node.key_at(key), f"'{key}' does not apply to {kind}")
        options: list[Option] = []
        options_from: str | None = None
        if kind is QuestionKind.CHOICE and "options_from" in got:
            if "options" in got:
                self.error(got["options_from"], f"choice question '{qid}': give 'options' or 'options_from'")
            options_from = self.ident(got["options_from"], "options_from")
            if options_from is not None:
                try:
                    official = option_list(options_from)
                except ListError as exc:
                    self.error(got["options_from"], f"options_from '{options_from}': {exc}")
                    return None  # its default and the conditions on it cannot be checked either
                else:
                    options = [Option(id=i.id, label=Text(vi=i.vi, en=i.en)) for i in official.items]
        elif kind is QuestionKind.CHOICE:
            if "options" not in got:
                self.error(node, f"choice question '{qid}' needs 'options' or 'options_from'")
            seen: dict[str, str] = {}
            for opt_node in self.items(got["options"], "options", non_empty=True) if "options" in got else []:
                opt = self.fields(opt_node, ("id", "label"))
                oid = self.ident(opt["id"], "option id") if "id" in opt else None
                self.unique(opt_node, oid, seen, f"option id in '{qid}'")
                olabel = self.text(opt["label"], "option label") if "label" in opt else None
                if oid is not None and olabel is not None:
                    options.append(Option(id=oid, label=olabel))
            if "options" in got and isinstance(got["options"].value, list) and len(got["options"].value) == 1:
                self.error(got["options"], f"choice question '{qid}' needs at least two options")
            if prefill is not None and prefill.field == "gender" and not {"male", "female"} <= set(seen):
                self.error(
                    got["from_applicant"],
                    f"question '{qid}': the applicant's gender needs options male and female",
                )
        doc_type: str | None = None
        accept: tuple[str, ...] | None = ()
        if kind is QuestionKind.ATTACHMENT:
            if "doc_type" not in got:
                self.error(node, f"attachment '{qid}' needs a 'doc_type'")
            else:
                doc_type = self.ident(got["doc_type"], "doc_type")
                if doc_type is not None and doc_type not in documents:
                    self.error(got["doc_type"], f"doc_type '{doc_type}' is not in the procedure's documents")
            accept = self.media_types(got["accept"], "accept") if "accept" in got else ()
            listed = documents[doc_type].formats if doc_type is not None and doc_type in documents else None
            if "accept" not in got and listed is not None:
                accept = listed
            elif accept and listed is not None and not set(accept) <= set(listed):
                self.error(got["accept"], f"accept of '{qid}' allows formats its document does not list")
        bounds = {k: self.integer(got[k], k, None) if k in got else None for k in ("min", "max")}
        max_length = self.optional(got, "max_length", lambda n: self.integer(n, "max_length", 1))
        not_future = self.optional(got, "not_future", lambda n: self.boolean(n, "not_future"))
        default_from = self.optional(got, "default_from", lambda n: self.source(n, kind, defined))
        if qid is None or kind is None or label is None or accept is None:
            return None
        question = Question(
            id=qid,
            kind=kind,
            label=label,
            hint=hint,
            required=True if required is None else required,
            options=tuple(options),
            when=when,
            doc_type=doc_type,
            accept=accept,
            min=bounds["min"],
            max=bounds["max"],
            max_length=max_length,
            not_future=bool(not_future),
            options_from=options_from,
            default_from=default_from,
            from_applicant=prefill,
        )
        if "default" in got:
            value = got["default"].value
            problem = value_problem(question, value)
            if problem is None and kind is QuestionKind.NUMBER and isinstance(value, int):
                low, high = bounds["min"], bounds["max"]
                if (low is not None and value < low) or (high is not None and value > high):
                    problem = f"default {value} is outside {low}…{high}"
            if problem:
                self.error(got["default"], f"default of '{qid}': {problem}")
            else:
                question = replace(question, default=value)
        return question

    def source(self, node: Node, kind: QuestionKind | None, defined: Mapping[str, Question]) -> str | None:
        """A `default_from`: "applicant.<field>" or an earlier question, of the same kind as the question."""
        text = self.string(node, "default_from")
        if text is None:
            return None
        if text.startswith("applicant."):
            field = text.removeprefix("applicant.")
            source_kind = _APPLICANT_KINDS.get(field)
            if source_kind is None:
                fields = ", ".join(_APPLICANT_KINDS)
                self.error(node, f"default_from {text!r}: not an applicant field ({fields})")
                return None
        else:
            source = defined.get(text)
            if source is None:
                self.error(node, f"default_from {text!r}: not a question defined earlier")
                return None
            source_kind = source.kind
        if kind is not None and source_kind is not kind:
            self.error(node, f"default_from {text!r} is {source_kind}, the question is {kind}")
            return None
        return text

    def document(self, node: Node) -> tuple[RequiredDocument | None, Node | None]:
        got = self.fields(node, ("doc_type", "label"), ("required", "formats", "when", "note"))
        doc_type = self.ident(got["doc_type"], "doc_type") if "doc_type" in got else None
        label = self.text(got["label"], "document label") if "label" in got else None
        required = self.optional(got, "required", lambda n: self.boolean(n, "required"))
        formats = self.optional(got, "formats", lambda n: self.media_types(n, "formats"))
        note = self.optional(got, "note", lambda n: self.text(n, "document note"))
        if doc_type is None or label is None or ("formats" in got and formats is None):
            return None, None
        doc = RequiredDocument(
            doc_type=doc_type,
            label=label,
            required=True if required is None else required,
            formats=formats or ACCEPTED_MEDIA_TYPES,
            note=note,
        )
        return doc, got.get("when")

    def changes(self, node: Node, current: str | None, question_ids: set[str]) -> tuple[Change, ...]:
        result: list[Change] = []
        where: dict[tuple[str, str], Node] = {}  # (version, question id) → where it was declared
        for item in self.items(node, "changes"):
            got = self.fields(item, ("version",), ("renamed", "removed"))
            version = self.version(got["version"]) if "version" in got else None
            if version is None:
                continue
            if current is not None and version_key(version) > version_key(current):
                self.error(got["version"], f"change {version} is newer than the procedure version {current}")
            if result and version_key(version) <= version_key(result[-1].version):
                self.error(got["version"], "changes must be listed oldest first, one entry per version")
            renamed: dict[str, str] = {}
            renamed_node = got.get("renamed")
            if renamed_node is not None and not isinstance(renamed_node.value, dict):
                self.error(renamed_node, "renamed must be a mapping {old_id: new_id}")
            elif renamed_node is not None:
                for old, new_node in renamed_node.value.items():
                    old_ok = self.ident(
                        Node(old, new_node.origin, renamed_node.key_lines.get(old), new_node.path),
                        "renamed id",
                    )
                    new = self.ident(new_node, "renamed target")
                    if old_ok and new:
                        renamed[old] = new
                        where[version, old] = new_node
            removed: list[str] = []
            for removed_node in self.items(got["removed"], "removed") if "removed" in got else []:
                qid = self.ident(removed_node, "removed id")
                if qid is not None:
                    removed.append(qid)
                    where[version, qid] = removed_node
            result.append(Change(version=version, renamed=MappingProxyType(renamed), removed=tuple(removed)))
        # A renamed id must end up as a question of today's procedure (or be removed later).
        for index, change in enumerate(result):
            for old, new in change.renamed.items():
                final = new
                for later in result[index + 1 :]:
                    if final in later.removed:
                        final = ""
                        break
                    final = later.renamed.get(final, final)
                if final and final not in question_ids:
                    self.error(
                        where[change.version, old],
                        f"rename target '{new}' (from '{old}', {change.version}) is not a question",
                    )
            for qid in change.removed:
                if qid in question_ids and not any(qid in c.renamed.values() for c in result[index + 1 :]):
                    self.error(where[change.version, qid], f"removed question '{qid}' is still defined")
        return tuple(result)

    def procedure(self, node: Node, categories: Mapping[str, Category]) -> Procedure | None:
        start = len(self.problems)
        got = self.fields(node, _PROCEDURE_REQUIRED, _PROCEDURE_OPTIONAL)
        code = self.string(got["code"], "code") if "code" in got else None
        if code is not None and not _CODE.match(code):
            self.error(got["code"], f'procedure code {code!r} is not of the form d.dddddd (e.g. "1.001193")')
        verified = self.optional(got, "code_verified", lambda n: self.boolean(n, "code_verified"))
        version = self.version(got["version"]) if "version" in got else None
        texts = {
            key: self.text(got[key], key) if key in got else None
            for key in ("name", "description", "processing_time", "who_may_file")
        }
        authority = self.optional(got, "authority", lambda n: self.text(n, "authority"))
        category = self.ident(got["category"], "category") if "category" in got else None
        if category is not None and category not in categories:
            self.error(got["category"], f"category '{category}' is not defined in {CATEGORIES_FILE}")
        words = (
            [self.string(n, "search word") for n in self.items(got["search_words"], "search_words")]
            if "search_words" in got
            else []
        )
        level = self.optional(
            got, "level", lambda n: self.member(n, Level, "level must be toan_trinh or mot_phan, got {got}")
        )
        fee = self.optional(got, "fee", self.fee)
        days = self.optional(got, "processing_days", lambda n: self.integer(n, "processing_days"))
        popularity = self.optional(got, "popularity", lambda n: self.integer(n, "popularity"))
        delivery = [
            self.member(item, Delivery, "result delivery must be pickup or post, got {got}")
            for item in (
                self.items(got["result_delivery"], "result_delivery", non_empty=True)
                if "result_delivery" in got
                else []
            )
        ]

        documents: dict[str, RequiredDocument] = {}
        doc_conditions: dict[str, Node] = {}
        seen: dict[str, str] = {}
        for doc_node in self.items(got["documents"], "documents") if "documents" in got else []:
            doc, when_node = self.document(doc_node)
            self.unique(doc_node, doc.doc_type if doc else None, seen, "document doc_type")
            if doc is not None and doc.doc_type not in documents:
                documents[doc.doc_type] = doc
                if when_node is not None:
                    doc_conditions[doc.doc_type] = when_node

        defined: dict[str, Question] = {}
        steps: list[Step] = []
        step_ids: dict[str, str] = {}
        question_ids: dict[str, str] = {}
        for step_node in self.items(got["steps"], "steps", non_empty=True) if "steps" in got else []:
            step = self.fields(step_node, ("id", "title", "questions"))
            sid = self.ident(step["id"], "step id") if "id" in step else None
            self.unique(step.get("id", step_node), sid, step_ids, "step id")
            title = self.text(step["title"], "step title") if "title" in step else None
            questions: list[Question] = []
            for q_node in (
                self.items(step["questions"], "questions", non_empty=True) if "questions" in step else []
            ):
                question = self.question(q_node, defined, documents)
                self.unique(
                    q_node.child("id"), question.id if question else None, question_ids, "question id"
                )
                if question is not None:
                    defined.setdefault(question.id, question)
                    questions.append(question)
            if sid is not None and title is not None:
                steps.append(Step(id=sid, title=title, questions=tuple(questions)))
        for doc_type, when_node in doc_conditions.items():
            cond = self.condition(when_node, defined, f"document '{doc_type}'")
            documents[doc_type] = replace(documents[doc_type], when=cond)
        changes = self.optional(got, "changes", lambda n: self.changes(n, version, set(defined)))
        if fee is not None:
            self.fee_inputs(got["fee"], fee, defined)

        if len(self.problems) > start:
            return None
        assert code and version and category and level and fee and days is not None
        return Procedure(
            code=code,
            code_verified=True if verified is None else verified,
            version=version,
            name=texts["name"],  # type: ignore[arg-type]  # checked: no problems were recorded
            description=texts["description"],  # type: ignore[arg-type]
            category=category,
            search_words=tuple(w for w in words if w),
            level=level,
            fee=fee,
            processing_time=texts["processing_time"],  # type: ignore[arg-type]
            processing_days=days,
            who_may_file=texts["who_may_file"],  # type: ignore[arg-type]
            authority=authority,
            steps=tuple(steps),
            documents=tuple(documents.values()),
            result_delivery=tuple(d for d in delivery if d is not None) or (Delivery.PICKUP,),
            popularity=popularity or 0,
            changes=changes or (),
        )

    def fee(self, node: Node) -> Fee | None:
        got = self.fields(
            node,
            ("amount_vnd",),
            ("note", "set_by_province", "source", *_FEE_RULES),
        )
        amount = self.integer(got["amount_vnd"], "amount_vnd") if "amount_vnd" in got else None
        note = self.optional(got, "note", lambda n: self.text(n, "fee note"))
        by_province = self.optional(got, "set_by_province", lambda n: self.boolean(n, "set_by_province"))
        source = self.optional(got, "source", lambda n: self.string(n, "fee source"))
        if by_province and note is None:
            self.error(node, "a fee set by the province needs a 'note' saying so")
        per_copy = self.optional(got, "per_copy", lambda n: self.ident(n, "per_copy"))
        per_page = self.optional(got, "per_page", lambda n: self.ident(n, "per_page"))
        rates = self.page_rates(got["page_rates"]) if "page_rates" in got else ()
        cap = self.optional(got, "cap_vnd", lambda n: self.integer(n, "cap_vnd"))
        online = self.optional(got, "online", self.online_rate)
        exemption = self.optional(got, "exemption", self.exemption)
        if rates and per_page is None:
            self.error(got["page_rates"], "'page_rates' needs 'per_page' (the question giving the pages)")
        if online is not None and online.amount_vnd is not None and per_page is not None:
            self.error(got["online"], "a fee by the page takes its online rate as 'percent_off'")
        rules = [key for key in _FEE_RULES if key in got]
        if by_province and rules:
            self.error(node, f"a fee set by the province has no rules of its own ({', '.join(rules)})")
        if rules and source is None:
            self.error(node, "a fee with rules needs a 'source': the circular or resolution it follows")
        if amount is None:
            return None
        return Fee(
            amount_vnd=amount,
            note=note,
            set_by_province=bool(by_province),
            source=source,
            per_copy=per_copy,
            per_page=per_page,
            page_rates=rates,
            cap_vnd=cap,
            online=online,
            exemption=exemption,
        )

    def page_rates(self, node: Node) -> tuple[PageRate, ...]:
        rates: list[PageRate] = []
        for item in self.items(node, "page_rates", non_empty=True):
            got = self.fields(item, ("from_page", "amount_vnd"))
            first = self.integer(got["from_page"], "from_page", 2) if "from_page" in got else None
            amount = self.integer(got["amount_vnd"], "amount_vnd") if "amount_vnd" in got else None
            if first is None or amount is None:
                continue
            if rates and first <= rates[-1].from_page:
                self.error(got["from_page"], "page_rates go in order of 'from_page', each after the last")
                continue
            rates.append(PageRate(first, amount))
        return tuple(rates)

    def online_rate(self, node: Node) -> OnlineRate | None:
        got = self.fields(node, ("source",), ("amount_vnd", "percent_off"))
        source = self.string(got["source"], "online source") if "source" in got else None
        amount = self.optional(got, "amount_vnd", lambda n: self.integer(n, "online amount_vnd"))
        percent = self.optional(got, "percent_off", lambda n: self.integer(n, "percent_off"))
        if ("amount_vnd" in got) == ("percent_off" in got):
            self.error(node, "online: give exactly one of 'amount_vnd' or 'percent_off'")
            return None
        if percent is not None and percent > 100:
            self.error(got["percent_off"], f"percent_off must be at most 100, got {percent}")
            return None
        if source is None or (amount is None and percent is None):
            return None
        return OnlineRate(source=source, amount_vnd=amount, percent_off=percent)

    def exemption(self, node: Node) -> Exemption | None:
        got = self.fields(node, ("question", "options", "source"))
        qid = self.ident(got["question"], "exemption question") if "question" in got else None
        listed = self.items(got["options"], "exemption options", non_empty=True) if "options" in got else []
        options = [self.ident(n, "exemption option") for n in listed]
        source = self.string(got["source"], "exemption source") if "source" in got else None
        if qid is None or source is None or not options or None in options:
            return None
        return Exemption(question=qid, options=tuple(o for o in options if o), source=source)

    def fee_inputs(self, node: Node, fee: Fee, defined: Mapping[str, Question]) -> None:
        """The questions a fee counts on exist, are always asked, and hold what the fee reads."""
        got = node.value if isinstance(node.value, dict) else {}
        for key, qid in (("per_copy", fee.per_copy), ("per_page", fee.per_page)):
            if qid is None:
                continue
            question = defined.get(qid)
            where = got.get(key, node)
            if question is None or question.kind is not QuestionKind.NUMBER:
                self.error(where, f"{key} must name a number question of this procedure, got '{qid}'")
            elif not question.required or question.when is not None:
                self.error(where, f"{key}: '{qid}' must be required and always asked (the fee counts on it)")
            elif question.min is None or question.min < 0:
                self.error(where, f"{key}: '{qid}' needs 'min' of 0 or more (a fee is never negative)")
        if fee.exemption is not None:
            qid = fee.exemption.question
            question = defined.get(qid)
            where = got.get("exemption", node)
            if question is None or question.kind is not QuestionKind.CHOICE:
                self.error(where, f"exemption must name a choice question of this procedure, got '{qid}'")
                return
            ids = {o.id for o in question.options}
            for option in fee.exemption.options:
                if option not in ids:
                    self.error(where, f"exemption option '{option}' is not an option of '{qid}'")
            if ids <= set(fee.exemption.options):
                self.error(where, f"exemption: at least one option of '{qid}' must not exempt")


def value_problem(question: Question, value: object) -> str | None:
    """Why `value` cannot be an answer to `question` in a condition or preset (None when it can)."""
    qid, kind = question.id, question.kind
    if kind is QuestionKind.ATTACHMENT:
        return f"'{qid}' is an attachment and has no value to compare"
    if kind is QuestionKind.YES_NO:
        return None if isinstance(value, bool) else f"'{qid}' is yes/no, compare it to true or false"
    if kind is QuestionKind.CHOICE:
        ids = [o.id for o in question.options]
        return None if value in ids else f"{value!r} is not an option of '{qid}' ({', '.join(ids)})"
    if kind is QuestionKind.NUMBER:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"'{qid}' is a number, compare it to a whole number"
    return None if isinstance(value, str) else f"'{qid}' is {kind}, compare it to a string"
