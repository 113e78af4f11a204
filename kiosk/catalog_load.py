"""Strict catalog loader: procedure YAML files or the portal's JSON documents → a validated Catalog."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from kiosk.assets import procedures_dir
from kiosk.catalog import (
    ACCEPTED_MEDIA_TYPES,
    Bundle,
    Catalog,
    CatalogError,
    Category,
    Change,
    Condition,
    Delivery,
    Fee,
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
from kiosk.catalog_documents import bundle_to_document, category_to_document, procedure_to_document

# Re-exported: callers import the document converters from here (and sync/sandbox looks here too).
__all__ = [
    "APPLICANT_FIELDS",
    "BUNDLES_FILE",
    "CATALOG_FILE",
    "CATEGORIES_FILE",
    "bundle_to_document",
    "bundled_catalog",
    "catalog_from_documents",
    "category_to_document",
    "check_catalog_dir",
    "load_catalog",
    "procedure_to_document",
]

CATALOG_FILE, CATEGORIES_FILE, BUNDLES_FILE = "catalog.yaml", "categories.yaml", "bundles.yaml"
APPLICANT_FIELDS = frozenset(
    {"full_name", "id_number", "date_of_birth", "gender", "phone", "email", "address"}
)
_CODE = re.compile(r"^\d\.\d{6}$")
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
_VERSION = re.compile(r"^\d+(\.\d+)*$")
_T = TypeVar("_T")
_PROCEDURE_REQUIRED = (
    *("code", "version", "name", "description", "category", "level", "fee"),
    *("processing_time", "processing_days", "who_may_file", "steps"),
)
_PROCEDURE_OPTIONAL = (
    *("code_verified", "search_words", "authority", "documents", "result_delivery", "popularity"),
    "changes",
)


@dataclass
class _Node:
    """A parsed value with where it came from: a file line for YAML, a key path for JSON."""

    value: Any  # dict[str, _Node] | list[_Node] | scalar
    origin: str
    line: int | None
    path: str
    key_lines: dict[str, int] = field(default_factory=dict)

    def at(self) -> str:
        if self.line is not None:
            return f"{self.origin}:{self.line}"
        return f"{self.origin}: {self.path or '(document)'}"

    def key_at(self, key: str) -> str:
        if key in self.key_lines:
            return f"{self.origin}:{self.key_lines[key]}"
        return f"{self.origin}: {self.path + '.' if self.path else ''}{key}"


def _from_yaml(node: yaml.Node, origin: str, path: str, problems: list[str]) -> _Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = _Node({}, origin, line, path)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(f"{origin}:{key_line}: a key must be a plain word")
                continue
            key = str(key_node.value)
            if key in result.value:
                problems.append(
                    f"{origin}:{key_line}: duplicate key '{key}' (first at line {result.key_lines[key]})"
                )
                continue
            result.key_lines[key] = key_line
            result.value[key] = _from_yaml(value_node, origin, f"{path}.{key}".lstrip("."), problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = [_from_yaml(item, origin, f"{path}[{i}]", problems) for i, item in enumerate(node.value)]
        return _Node(items, origin, line, path)
    # Scalars get YAML's own typing (so an unquoted `no` is a bool and the checks below say so).
    return _Node(_SCALARS.construct_object(node), origin, line, path)


_SCALARS = yaml.SafeLoader("")
# The C composer (libyaml) keeps marks too and is several times faster where it is installed.
_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _from_json(value: Any, origin: str, path: str) -> _Node:
    if isinstance(value, Mapping):
        return _Node(
            {str(k): _from_json(v, origin, f"{path}.{k}".lstrip(".")) for k, v in value.items()},
            origin,
            None,
            path,
        )
    if isinstance(value, list | tuple):
        return _Node([_from_json(v, origin, f"{path}[{i}]") for i, v in enumerate(value)], origin, None, path)
    return _Node(value, origin, None, path)


def _read_yaml(path: Path, problems: list[str]) -> _Node | None:
    try:
        text = path.read_text(encoding="utf-8")
        nodes = list(yaml.compose_all(text, Loader=_COMPOSER))
    except UnicodeDecodeError:
        problems.append(f"{path}:1: not UTF-8 text")
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problems.append(f"{path}:{line}: YAML syntax: {exc.problem or exc.context}")
        return None
    nodes = [n for n in nodes if n is not None]
    if len(nodes) != 1:
        problems.append(f"{path}:1: expected exactly one YAML document, found {len(nodes)}")
        return None
    return _from_yaml(nodes[0], str(path), "", problems)


class _Checker:
    """Turns located nodes into models, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def error(self, where: _Node | str, message: str) -> None:
        self.problems.append(f"{where if isinstance(where, str) else where.at()}: {message}")

    # ---- primitives -------------------------------------------------------------------------------
    def fields(self, node: _Node, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, _Node]:
        if not isinstance(node.value, dict):
            self.error(node, "expected a mapping")
            return {}
        required, allowed = set(required), set(required) | set(optional)
        for key in node.value:
            if key not in allowed:
                self.error(node.key_at(key), f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - node.value.keys()):
            self.error(node, f"missing required key '{key}'")
        return {k: v for k, v in node.value.items() if k in allowed}

    def items(self, node: _Node, what: str, *, non_empty: bool = False) -> list[_Node]:
        if not isinstance(node.value, list):
            self.error(node, f"{what} must be a list")
            return []
        if non_empty and not node.value:
            self.error(node, f"{what} must not be empty")
        return list(node.value)

    def string(self, node: _Node, what: str) -> str | None:
        if not isinstance(node.value, str) or not node.value.strip():
            self.error(node, f"{what} must be a non-empty string (quote it in YAML), got {node.value!r}")
            return None
        return node.value.strip()

    def ident(self, node: _Node, what: str) -> str | None:
        value = node.value
        if not isinstance(value, str) or not _IDENT.match(value):
            self.error(node, f"{what} must be a lowercase id like 'child_full_name', got {value!r}")
            return None
        return value

    def version(self, node: _Node, what: str = "version") -> str | None:
        if not isinstance(node.value, str) or not _VERSION.match(node.value):
            self.error(node, f'{what} must be a quoted string like "2026.11.1", got {node.value!r}')
            return None
        return node.value

    def integer(self, node: _Node, what: str, minimum: int | None = 0) -> int | None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int) or (minimum is not None and value < minimum):
            bound = f" ≥ {minimum}" if minimum is not None else ""
            self.error(node, f"{what} must be a whole number{bound}, got {value!r}")
            return None
        return value

    def boolean(self, node: _Node, what: str) -> bool | None:
        if not isinstance(node.value, bool):
            self.error(node, f"{what} must be true or false, got {node.value!r}")
            return None
        return node.value

    def text(self, node: _Node, what: str) -> Text | None:
        if not isinstance(node.value, dict):
            self.error(node, f"{what} must have a Vietnamese and an English form ({{vi: ..., en: ...}})")
            return None
        got = self.fields(node, ("vi", "en"))
        forms: dict[str, str] = {}
        for lang in ("vi", "en"):
            if lang in got:
                value = got[lang].value
                if not isinstance(value, str) or not value.strip():
                    self.error(got[lang], f"{what}: the '{lang}' form is empty")
                else:
                    forms[lang] = value.strip()
        return Text(forms["vi"], forms["en"]) if len(forms) == 2 else None

    def optional(self, got: dict[str, _Node], key: str, parse: Callable[[_Node], _T | None]) -> _T | None:
        return parse(got[key]) if key in got else None

    def unique(self, node: _Node, value: str | None, seen: dict[str, str], what: str) -> None:
        if value is None:
            return
        if value in seen:
            self.error(node, f"duplicate {what} '{value}' (first at {seen[value]})")
        else:
            seen[value] = node.at()

    def media_types(self, node: _Node, what: str) -> tuple[str, ...] | None:
        result: list[str] = []
        for item in self.items(node, what, non_empty=True):
            if item.value not in ACCEPTED_MEDIA_TYPES:
                self.error(
                    item, f"media type {item.value!r} is not accepted ({', '.join(ACCEPTED_MEDIA_TYPES)})"
                )
            else:
                result.append(item.value)
        return tuple(result) if result else None

    # ---- procedure parts --------------------------------------------------------------------------
    def condition(self, node: _Node, defined: Mapping[str, Question], what: str) -> Condition | None:
        got = self.fields(node, ("question",), ("equals", "one_of"))
        if "question" not in got:
            return None
        qid = self.ident(got["question"], "condition question")
        if ("equals" in got) == ("one_of" in got):
            self.error(node, f"{what}: give exactly one of 'equals' or 'one_of'")
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
        if "one_of" in got:
            values = [item.value for item in self.items(got["one_of"], "one_of", non_empty=True)]
            if target.kind is not QuestionKind.CHOICE:
                self.error(got["one_of"], f"{what}: 'one_of' only works with a choice question")
                return None
            bad = [v for v in values if v not in option_ids]
            if bad:
                self.error(got["one_of"], f"{what}: {bad!r} not among the options of '{qid}'")
                return None
            return Condition(question=qid, one_of=tuple(values))
        equals = got["equals"].value
        problem = _value_problem(target, equals)
        if problem:
            self.error(got["equals"], f"{what}: {problem}")
            return None
        return Condition(question=qid, equals=equals)

    def question(
        self, node: _Node, defined: Mapping[str, Question], documents: Mapping[str, RequiredDocument]
    ) -> Question | None:
        got = self.fields(
            node,
            ("id", "kind", "label"),
            (
                *("hint", "required", "options", "when", "doc_type", "accept"),
                *("min", "max", "max_length", "not_future"),
            ),
        )
        qid = self.ident(got["id"], "question id") if "id" in got else None
        if qid in APPLICANT_FIELDS:
            self.error(got["id"], f"question id '{qid}' is reserved for the applicant block")
        kind: QuestionKind | None = None
        if "kind" in got:
            try:
                kind = QuestionKind(got["kind"].value)
            except ValueError:
                kinds = ", ".join(k.value for k in QuestionKind)
                self.error(got["kind"], f"unknown kind {got['kind'].value!r} (use one of: {kinds})")
        label = self.text(got["label"], "label") if "label" in got else None
        hint = self.optional(got, "hint", lambda n: self.text(n, "hint"))
        required = self.optional(got, "required", lambda n: self.boolean(n, "required"))
        when = self.optional(got, "when", lambda n: self.condition(n, defined, f"question '{qid}'"))
        if "when" in got and when is None:
            return None
        for key, allowed_kinds in (
            ("options", {QuestionKind.CHOICE}),
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
        if kind is QuestionKind.CHOICE:
            if "options" not in got:
                self.error(node, f"choice question '{qid}' needs 'options'")
            seen: dict[str, str] = {}
            for opt_node in self.items(got["options"], "options", non_empty=True) if "options" in got else []:
                opt = self.fields(opt_node, ("id", "label"))
                oid = self.ident(opt["id"], "option id") if "id" in opt else None
                self.unique(opt_node, oid, seen, f"option id in '{qid}'")
                olabel = self.text(opt["label"], "option label") if "label" in opt else None
                if oid is not None and olabel is not None:
                    options.append(Option(id=oid, label=olabel))
            if "options" in got and len(got["options"].value or ()) == 1:
                self.error(got["options"], f"choice question '{qid}' needs at least two options")
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
        if qid is None or kind is None or label is None or accept is None:
            return None
        return Question(
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
        )

    def document(self, node: _Node) -> tuple[RequiredDocument | None, _Node | None]:
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

    def changes(self, node: _Node, current: str | None, question_ids: set[str]) -> tuple[Change, ...]:
        result: list[Change] = []
        where: dict[tuple[str, str], _Node] = {}  # (version, question id) → where it was declared
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
                        _Node(old, new_node.origin, renamed_node.key_lines.get(old), new_node.path),
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

    def procedure(self, node: _Node, categories: Mapping[str, Category]) -> Procedure | None:
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
        level: Level | None = None
        if "level" in got:
            try:
                level = Level(got["level"].value)
            except ValueError:
                self.error(got["level"], f"level must be toan_trinh or mot_phan, got {got['level'].value!r}")
        fee = self.optional(got, "fee", self.fee)
        days = self.optional(got, "processing_days", lambda n: self.integer(n, "processing_days"))
        popularity = self.optional(got, "popularity", lambda n: self.integer(n, "popularity"))
        delivery: list[Delivery] = []
        for item in (
            self.items(got["result_delivery"], "result_delivery", non_empty=True)
            if "result_delivery" in got
            else []
        ):
            try:
                delivery.append(Delivery(item.value))
            except ValueError:
                self.error(item, f"result delivery must be pickup or post, got {item.value!r}")

        documents: dict[str, RequiredDocument] = {}
        doc_conditions: dict[str, _Node] = {}
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
                id_node = q_node.value.get("id", q_node) if isinstance(q_node.value, dict) else q_node
                self.unique(id_node, question.id if question else None, question_ids, "question id")
                if question is not None:
                    defined.setdefault(question.id, question)
                    questions.append(question)
            if sid is not None and title is not None:
                steps.append(Step(id=sid, title=title, questions=tuple(questions)))
        for doc_type, when_node in doc_conditions.items():
            cond = self.condition(when_node, defined, f"document '{doc_type}'")
            documents[doc_type] = replace(documents[doc_type], when=cond)
        changes = self.optional(got, "changes", lambda n: self.changes(n, version, set(defined)))

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
            result_delivery=tuple(delivery) or (Delivery.PICKUP,),
            popularity=popularity or 0,
            changes=changes or (),
        )

    def fee(self, node: _Node) -> Fee | None:
        got = self.fields(node, ("amount_vnd",), ("note", "set_by_province"))
        amount = self.integer(got["amount_vnd"], "amount_vnd") if "amount_vnd" in got else None
        note = self.optional(got, "note", lambda n: self.text(n, "fee note"))
        by_province = self.optional(got, "set_by_province", lambda n: self.boolean(n, "set_by_province"))
        if by_province and note is None:
            self.error(node, "a fee set by the province needs a 'note' saying so")
        return (
            None if amount is None else Fee(amount_vnd=amount, note=note, set_by_province=bool(by_province))
        )

    def category(self, node: _Node, seen: dict[str, str]) -> Category | None:
        got = self.fields(node, ("id", "name"), ("description", "order"))
        cid = self.ident(got["id"], "category id") if "id" in got else None
        self.unique(got.get("id", node), cid, seen, "category id")
        name = self.text(got["name"], "category name") if "name" in got else None
        description = self.optional(got, "description", lambda n: self.text(n, "category description"))
        order = self.optional(got, "order", lambda n: self.integer(n, "order"))
        if cid is None or name is None:
            return None
        return Category(id=cid, name=name, description=description, order=order or 0)

    def bundle(self, node: _Node, procedures: Mapping[str, Procedure], seen: dict[str, str]) -> Bundle | None:
        start = len(self.problems)
        got = self.fields(node, ("id", "name", "description", "members"), ("shared", "presets"))
        bid = self.ident(got["id"], "bundle id") if "id" in got else None
        self.unique(got.get("id", node), bid, seen, "bundle id")
        name = self.text(got["name"], "bundle name") if "name" in got else None
        description = self.text(got["description"], "bundle description") if "description" in got else None
        members: list[str] = []
        for item in self.items(got["members"], "members", non_empty=True) if "members" in got else []:
            code = self.string(item, "bundle member")
            if code is not None and code not in procedures:
                self.error(item, f"bundle member '{code}' is not a procedure of the catalog")
            elif code is not None:
                members.append(code)
        presets = self.presets(got["presets"], procedures, members) if "presets" in got else {}
        shared: list[str] = []
        for item in self.items(got["shared"], "shared") if "shared" in got else []:
            qid = self.ident(item, "shared question")
            if qid is None:
                continue
            kinds: dict[str, tuple[QuestionKind, tuple[str, ...]]] = {}
            for code in members:
                try:
                    question = procedures[code].question(qid)
                except KeyError:
                    self.error(item, f"shared question '{qid}' is not asked by member {code}")
                    continue
                kinds[code] = (question.kind, tuple(o.id for o in question.options))
                if not question.applies(presets.get(code, {})):
                    self.error(
                        item, f"shared question '{qid}' is conditional in {code}: preset its condition"
                    )
            if len(set(kinds.values())) > 1:
                detail = ", ".join(f"{c}: {k[0]}" for c, k in kinds.items())
                self.error(
                    item, f"shared question '{qid}' differs in kind or options between members ({detail})"
                )
            shared.append(qid)
        if len(self.problems) > start or bid is None or name is None or description is None:
            return None
        return Bundle(
            id=bid,
            name=name,
            description=description,
            members=tuple(members),
            shared=tuple(shared),
            presets=MappingProxyType({code: MappingProxyType(values) for code, values in presets.items()}),
        )

    def presets(
        self, node: _Node, procedures: Mapping[str, Procedure], members: list[str]
    ) -> dict[str, dict[str, str | bool | int]]:
        result: dict[str, dict[str, str | bool | int]] = {}
        for code, answers in self.fields(node, (), members).items():
            result[code] = {}
            for qid, value_node in self.fields(
                answers, (), answers.value if isinstance(answers.value, dict) else ()
            ).items():
                try:
                    question = procedures[code].question(qid)
                except KeyError:
                    self.error(answers.key_at(qid), f"preset question '{qid}' is not asked by {code}")
                    continue
                problem = _value_problem(question, value_node.value)
                if problem:
                    self.error(value_node, f"preset: {problem}")
                else:
                    result[code][qid] = value_node.value
        return result


def _value_problem(question: Question, value: object) -> str | None:
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


def _assemble(
    checker: _Checker,
    version_node: _Node | None,
    category_nodes: list[_Node],
    procedure_nodes: list[_Node],
    bundle_nodes: list[_Node],
    *,
    drop_incomplete_bundles: bool = False,
) -> Catalog:
    version = checker.version(version_node, "catalog version") if version_node is not None else None
    categories: dict[str, Category] = {}
    seen: dict[str, str] = {}
    for node in category_nodes:
        category = checker.category(node, seen)
        if category is not None:
            categories.setdefault(category.id, category)
    procedures: dict[str, Procedure] = {}
    codes: dict[str, str] = {}
    for node in procedure_nodes:
        proc = checker.procedure(node, categories)
        code_node = node.value.get("code", node) if isinstance(node.value, dict) else node
        code_value = code_node.value if isinstance(code_node.value, str) else None
        checker.unique(code_node, code_value, codes, "procedure code")
        if proc is not None and proc.code not in procedures:
            procedures[proc.code] = proc
    bundles: dict[str, Bundle] = {}
    seen = {}
    for node in bundle_nodes:
        if drop_incomplete_bundles:
            members = node.value.get("members") if isinstance(node.value, dict) else None
            codes_wanted = (
                [m.value for m in members.value] if members and isinstance(members.value, list) else []
            )
            if any(code not in procedures for code in codes_wanted):
                continue
        bundle = checker.bundle(node, procedures, seen)
        if bundle is not None:
            bundles.setdefault(bundle.id, bundle)
    if checker.problems:
        raise CatalogError(checker.problems)
    assert version is not None
    return Catalog(
        version=version,
        categories=MappingProxyType(dict(sorted(categories.items(), key=lambda kv: (kv[1].order, kv[0])))),
        procedures=MappingProxyType(dict(sorted(procedures.items()))),
        bundles=MappingProxyType(bundles),
    )


def _list_under(checker: _Checker, node: _Node | None, key: str) -> list[_Node]:
    if node is None:
        return []
    got = checker.fields(node, (key,))
    return checker.items(got[key], key) if key in got else []


def load_catalog(directory: Path) -> Catalog:
    """Load every YAML file under `directory`; raise CatalogError listing every "file:line: problem"."""
    checker = _Checker()
    if not directory.is_dir():
        raise CatalogError([f"{directory}: not a directory"])
    version_node: _Node | None = None
    catalog_path = directory / CATALOG_FILE
    if catalog_path.is_file():
        root = _read_yaml(catalog_path, checker.problems)
        if root is not None:
            version_node = checker.fields(root, ("version",)).get("version")
    else:
        checker.error(str(catalog_path), "missing (it holds the catalog version)")
    if not (directory / CATEGORIES_FILE).is_file():
        checker.error(str(directory / CATEGORIES_FILE), "missing (it defines the categories)")
    categories = _list_under(checker, _read_if(directory / CATEGORIES_FILE, checker), "categories")
    bundles = _list_under(checker, _read_if(directory / BUNDLES_FILE, checker), "bundles")
    special = {CATALOG_FILE, CATEGORIES_FILE, BUNDLES_FILE}
    procedure_nodes = [
        node
        for path in sorted(directory.iterdir())
        if path.suffix in (".yaml", ".yml") and path.name not in special
        for node in [_read_yaml(path, checker.problems)]
        if node is not None
    ]
    if not procedure_nodes and not checker.problems:
        checker.error(str(directory), "no procedure files")
    return _assemble(checker, version_node, categories, procedure_nodes, bundles)


def _read_if(path: Path, checker: _Checker) -> _Node | None:
    return _read_yaml(path, checker.problems) if path.is_file() else None


@lru_cache(maxsize=4)
def _bundled(directory: Path) -> Catalog:
    return load_catalog(directory)


def bundled_catalog() -> Catalog:
    """The shipped catalog (cached per assets folder)."""
    return _bundled(procedures_dir().resolve())


def catalog_from_documents(
    version: str,
    docs: list[dict[str, Any]],
    *,
    categories: list[dict[str, Any]] | None = None,
    bundles: list[dict[str, Any]] | None = None,
) -> Catalog:
    """Build a catalog from the portal's JSON procedure documents, validated like the YAML files.

    The portal sends procedures only; categories and bundles default to the bundled ones, and a
    bundled bundle is left out when the portal no longer lists one of its members.
    """
    checker = _Checker()
    if categories is None or bundles is None:
        shipped = bundled_catalog()
        categories = (
            categories
            if categories is not None
            else [category_to_document(c) for c in shipped.categories.values()]
        )
        default_bundles = bundles is None
        bundles = (
            bundles if bundles is not None else [bundle_to_document(b) for b in shipped.bundles.values()]
        )
    else:
        default_bundles = False
    if not isinstance(docs, list):
        raise CatalogError(["portal: procedures must be a list"])
    return _assemble(
        checker,
        _from_json(version, "portal", "catalog_version"),
        [_from_json(c, f"portal:categories[{i}]", "") for i, c in enumerate(categories)],
        [_from_json(d, f"portal:procedures[{i}]", "") for i, d in enumerate(docs)],
        [_from_json(b, f"portal:bundles[{i}]", "") for i, b in enumerate(bundles)],
        drop_incomplete_bundles=default_bundles,
    )


def check_catalog_dir(path: Path) -> list[str]:
    """Problems of the definitions under `path` ("file:line: message"); empty when they are fine."""
    try:
        load_catalog(Path(path))
    except CatalogError as exc:
        return exc.problems
    return []
