"""Frozen procedure catalog models, keystroke-fast search and answer migration between versions."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk.errors import KioskError
from kiosk.fees import Fee
from kiosk.i18n import Lang
from kiosk.text import search_key

ACCEPTED_MEDIA_TYPES: tuple[str, ...] = ("application/pdf", "image/jpeg", "image/png")
_VERSION = re.compile(r"^\d+(\.\d+)*$")


def _frozen_map(items: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
    return MappingProxyType(dict(items or {}))


# The applicant block every dossier carries; the kiosk asks it, procedures never define these ids.
APPLICANT_FIELDS = ("full_name", "id_number", "date_of_birth", "gender", "phone", "email", "address")


@dataclass(frozen=True)
class Text:
    """A citizen-facing string in both languages; the loader refuses an empty form."""

    vi: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.vi


class QuestionKind(StrEnum):
    TEXT = "text"
    PERSON_NAME = "person_name"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"
    NUMBER = "number"
    CCCD = "cccd"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    ATTACHMENT = "attachment"


class Level(StrEnum):
    """Online service level: fully online, or online with a visit to finish (show originals, collect)."""

    TOAN_TRINH = "toan_trinh"
    MOT_PHAN = "mot_phan"


class Delivery(StrEnum):
    PICKUP = "pickup"
    POST = "post"


@dataclass(frozen=True, kw_only=True)
class Option:
    id: str
    label: Text


@dataclass(frozen=True, kw_only=True)
class Condition:
    """A question applies only when an earlier answer equals a value or is one of some values."""

    question: str
    equals: str | bool | int | None = None
    one_of: tuple[str, ...] = ()

    def holds(self, answers: Mapping[str, object]) -> bool:
        if self.question not in answers:
            return False
        value = answers[self.question]
        if self.one_of:
            return isinstance(value, str) and value in self.one_of
        if self.equals is None:
            # Neither value given: the condition is "was answered at all".
            return value not in (None, "")
        # bool is an int in Python; True must not match 1, nor False match 0.
        if isinstance(self.equals, bool) or isinstance(value, bool):
            return value is self.equals
        return value == self.equals


@dataclass(frozen=True, kw_only=True)
class AnyOf:
    """A question applies when any of several conditions holds (a YAML list under `when`): the father's
    pages of a birth when the parents are married, or when the father is acknowledged now."""

    conditions: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, object]) -> bool:
        return any(condition.holds(answers) for condition in self.conditions)


@dataclass(frozen=True, kw_only=True)
class FromApplicant:
    """The answer is the applicant's own `field` while `when` holds (the mother files her child's birth:
    her name, date of birth and number are the applicant's); shown filled in, still editable."""

    field: str
    when: Condition | None = None

    def holds(self, answers: Mapping[str, object]) -> bool:
        return self.when is None or self.when.holds(answers)


@dataclass(frozen=True, kw_only=True)
class Question:
    id: str
    kind: QuestionKind
    label: Text
    hint: Text | None = None
    required: bool = True
    options: tuple[Option, ...] = ()
    when: Condition | AnyOf | None = None
    doc_type: str | None = None
    accept: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    not_future: bool = False  # dates of birth, death, events that already happened
    # A choice whose options are an official list (kiosk.lists: "dan_toc", "quoc_tich"), expanded into
    # `options` when the catalog loads; the screen offers a search box over them.
    options_from: str | None = None
    # Shown already chosen or typed when the page opens (never recorded before the person passes it):
    # an option id, a number, true/false.
    default: str | bool | int | None = None
    # Shown already filled with the answer to another page: "applicant.address" or an earlier question.
    default_from: str | None = None
    from_applicant: FromApplicant | None = None

    def applies(self, answers: Mapping[str, object]) -> bool:
        """Whether this question is asked, given the answers so far."""
        return self.when is None or self.when.holds(answers)

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)


@dataclass(frozen=True, kw_only=True)
class Step:
    id: str
    title: Text
    questions: tuple[Question, ...]


@dataclass(frozen=True, kw_only=True)
class RequiredDocument:
    doc_type: str
    label: Text
    required: bool = True
    formats: tuple[str, ...] = ACCEPTED_MEDIA_TYPES
    when: Condition | None = None
    note: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Category:
    id: str
    name: Text
    description: Text | None = None
    order: int = 0


@dataclass(frozen=True, kw_only=True)
class Change:
    """Question ids renamed or removed in `version` of a procedure, so older drafts can migrate."""

    version: str
    renamed: Mapping[str, str] = field(default_factory=_frozen_map)
    removed: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Procedure:
    code: str
    code_verified: bool = True
    version: str
    name: Text
    description: Text
    category: str
    search_words: tuple[str, ...] = ()
    level: Level
    fee: Fee
    processing_time: Text
    processing_days: int
    who_may_file: Text
    authority: Text | None = None
    steps: tuple[Step, ...]
    documents: tuple[RequiredDocument, ...] = ()
    result_delivery: tuple[Delivery, ...] = (Delivery.PICKUP,)
    popularity: int = 0
    changes: tuple[Change, ...] = ()

    @property
    def renamed(self) -> Mapping[str, str]:
        """Every rename ever declared, old id → the id it has now (chains followed)."""
        result: dict[str, str] = {}
        for change in self.changes:
            for old, new in change.renamed.items():
                for key, target in result.items():
                    if target == old:
                        result[key] = new
                result[old] = new
        return MappingProxyType(result)

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(qid for change in self.changes for qid in change.removed)

    @property
    def previous_versions(self) -> tuple[str, ...]:
        """Versions in which the questions changed (a draft from before one of them needs migrating)."""
        return tuple(change.version for change in self.changes)

    def questions(self) -> Iterator[Question]:
        for step in self.steps:
            yield from step.questions

    def question(self, question_id: str) -> Question:
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def attachments(self) -> Iterator[Question]:
        return (q for q in self.questions() if q.kind is QuestionKind.ATTACHMENT)

    def document(self, doc_type: str) -> RequiredDocument:
        for doc in self.documents:
            if doc.doc_type == doc_type:
                return doc
        raise KeyError(doc_type)


@dataclass(frozen=True, kw_only=True)
class Bundle:
    """A liên thông bundle: member procedures filed together, the shared questions asked once."""

    id: str
    name: Text
    description: Text
    members: tuple[str, ...]
    shared: tuple[str, ...] = ()
    # Answers fixed by the bundle itself, per member: e.g. thường trú is "for a child" in the birth bundle.
    presets: Mapping[str, Mapping[str, str | bool | int]] = field(default_factory=_frozen_map)


class CatalogError(KioskError):
    """A catalog that failed validation; `problems` are "file:line: message" lines for its authors."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("catalog.invalid", count=len(problems))
        self.problems = list(problems)

    def __str__(self) -> str:
        return f"{len(self.problems)} catalog problem(s):\n" + "\n".join(self.problems)


def version_key(version: str) -> tuple[int, ...]:
    """Order "2026.11.1" < "2026.11.10" numerically; raises ValueError on a malformed version."""
    if not _VERSION.match(version):
        raise ValueError(f"not a version: {version!r}")
    return tuple(int(part) for part in version.split("."))


def migrate_answers(proc: Procedure, from_version: str, answers: Mapping[str, object]) -> dict[str, object]:
    """Carry answers saved under `from_version` over to `proc.version`.

    Every change newer than `from_version` (and not newer than the procedure) is applied in order:
    renamed ids move (never over an answer already under the new id), removed ids are dropped. Keys
    that are still not questions of the procedure are dropped too: the portal would refuse them.
    """
    start, end = version_key(from_version), version_key(proc.version)
    result = dict(answers)
    for change in proc.changes:
        if not start < version_key(change.version) <= end:
            continue
        for old, new in change.renamed.items():
            if old in result:
                value = result.pop(old)
                result.setdefault(new, value)
        for qid in change.removed:
            result.pop(qid, None)
    known = {q.id for q in proc.questions()}
    return {key: value for key, value in result.items() if key in known}


class _SearchIndex:
    """Prefix search with procedure sets as int bitmasks; bit i = i-th procedure by popularity.

    People type sentences ("tôi muốn làm giấy khai sinh cho con") and slips ("lm giấy khai sinh"): a
    query word that starts no word of the catalog says nothing about which procedure is meant and is
    left out; the others must all match. When no procedure matches them all, those matching the most
    of them are shown. A search phrase of a procedure ("báo tử") met whole in the query comes first.
    """

    _NAME, _WORDS, _DESCRIPTION = 0, 1, 2

    def __init__(self, procedures: Mapping[str, Procedure]) -> None:
        ranked = sorted(procedures.values(), key=lambda p: (-p.popularity, search_key(p.name.vi), p.code))
        self.ranked: tuple[Procedure, ...] = tuple(ranked)
        self.exact: dict[str, int] = {}
        self.phrases: dict[str, int] = {}  # " word word " of names and search phrases → procedures
        masks: dict[str, list[int]] = {}
        for bit_no, proc in enumerate(ranked):
            bit = 1 << bit_no
            for name in (proc.name.vi, proc.name.en, proc.code):
                self.exact[search_key(name)] = self.exact.get(search_key(name), 0) | bit
            for phrase in (proc.name.vi, proc.name.en, *proc.search_words):
                padded = f" {search_key(phrase)} "
                self.phrases[padded] = self.phrases.get(padded, 0) | bit
            fields = (
                (self._NAME, (proc.name.vi, proc.name.en, proc.code)),
                (self._WORDS, proc.search_words),
                (self._DESCRIPTION, (proc.description.vi, proc.description.en)),
            )
            for tier, texts in fields:
                for text in texts:
                    for word in search_key(text).split():
                        masks.setdefault(word, [0, 0, 0])[tier] |= bit
        self.vocabulary: list[str] = sorted(masks)
        self.masks: list[list[int]] = [masks[word] for word in self.vocabulary]

    def _prefix_masks(self, prefix: str) -> tuple[int, int, int]:
        """Procedures with a word starting with `prefix`: in the name, name+words, anywhere."""
        name = words = anywhere = 0
        start = bisect_left(self.vocabulary, prefix)
        end = bisect_left(self.vocabulary, prefix + "{", start)  # "{" sorts after every key char
        for by_tier in self.masks[start:end]:
            name |= by_tier[0]
            words |= by_tier[1]
            anywhere |= by_tier[2]
        words |= name
        return name, words, words | anywhere

    def search(self, query: str, limit: int) -> list[Procedure]:
        key = search_key(query)
        if not key or limit <= 0:
            return []
        known = [m for m in (self._prefix_masks(word) for word in key.split()) if m[2]]
        if not known:
            return []
        tiers = [-1, -1, -1]  # all-ones masks, narrowed by every known query word
        for masks in known:
            for tier, mask in enumerate(masks):
                tiers[tier] &= mask
        if not tiers[2]:
            tiers = [0, 0, self._best_partial([masks[2] for masks in known])]
        padded = f" {key} "
        phrase = 0
        for text, bits in self.phrases.items():
            if text in padded:
                phrase |= bits
        order = (self.exact.get(key, 0), phrase & tiers[2], tiers[0], tiers[1], tiers[2])
        found: list[Procedure] = []
        taken = 0
        for tier_mask in order:
            mask = tier_mask & ~taken
            taken |= mask
            while mask and len(found) < limit:
                low = mask & -mask
                found.append(self.ranked[low.bit_length() - 1])
                mask ^= low
            if len(found) >= limit:
                break
        return found

    def _best_partial(self, word_masks: list[int]) -> int:
        """The procedures matching the most of the query's words (none matches them all)."""
        best, chosen = 0, 0
        for bit_no in range(len(self.ranked)):
            bit = 1 << bit_no
            score = sum(1 for mask in word_masks if mask & bit)
            if score > best:
                best, chosen = score, bit
            elif score == best and score:
                chosen |= bit
        return chosen


@dataclass(frozen=True, kw_only=True)
class Catalog:
    version: str
    categories: Mapping[str, Category]
    procedures: Mapping[str, Procedure]
    bundles: Mapping[str, Bundle] = field(default_factory=_frozen_map)
    _index: _SearchIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Keys are computed once here, so a keystroke search only walks a sorted vocabulary.
        object.__setattr__(self, "_index", _SearchIndex(self.procedures))

    def search(self, query: str, limit: int = 20) -> list[Procedure]:
        """Procedures whose words start with every word of `query` (accents and case ignored) that
        starts any word of the catalog; failing that, those matching the most of those words.

        Exact name (or code) matches first, then a name or search phrase met whole in the query, then
        matches within the name, then the search words, then the description; most popular first
        within each group.
        """
        return self._index.search(query, limit)

    def procedure(self, code: str) -> Procedure:
        return self.procedures[code]

    def in_category(self, category_id: str) -> list[Procedure]:
        """The category's procedures, most popular first."""
        return [p for p in self._index.ranked if p.category == category_id]

    def bundles_of(self, code: str) -> list[Bundle]:
        return [b for b in self.bundles.values() if code in b.members]


def load_catalog(directory: Path) -> Catalog:
    """Load and validate every definition under `directory`; CatalogError lists all problems."""
    from kiosk.catalog_load import load_catalog as load

    return load(directory)


def bundled_catalog(kept: Path | None = None) -> Catalog:
    """The catalog shipped in assets/procedures (the offline default); `kept`: see kiosk.catalog_load."""
    from kiosk.catalog_load import bundled_catalog as load

    return load(kept)


def catalog_from_documents(version: str, docs: list[dict[str, Any]]) -> Catalog:
    """Validate the portal's JSON procedure documents exactly as the bundled YAML is validated."""
    from kiosk.catalog_load import catalog_from_documents as load

    return load(version, docs)
