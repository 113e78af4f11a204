"""Strict catalog loader: procedure YAML files or the portal's JSON documents → a validated Catalog."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk import __version__
from kiosk.assets import procedures_dir
from kiosk.atomic import write_atomic
from kiosk.catalog import APPLICANT_FIELDS, Bundle, Catalog, CatalogError, Category, Procedure, QuestionKind
from kiosk.catalog_documents import bundle_to_document, category_to_document, procedure_to_document
from kiosk.catalog_nodes import (
    BUNDLES_FILE,
    CATALOG_FILE,
    CATEGORIES_FILE,
    CatalogNodes,
    Node,
    portal_nodes,
)
from kiosk.catalog_procedure import ProcedureChecker, value_problem

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

log = logging.getLogger(__name__)


class _Checker(ProcedureChecker):
    """Adds the checks that span procedures: categories, bundles and their presets."""

    def category(self, node: Node, seen: dict[str, str]) -> Category | None:
        got = self.fields(node, ("id", "name"), ("description", "order"))
        cid = self.ident(got["id"], "category id") if "id" in got else None
        self.unique(got.get("id", node), cid, seen, "category id")
        name = self.text(got["name"], "category name") if "name" in got else None
        description = self.optional(got, "description", lambda n: self.text(n, "category description"))
        order = self.optional(got, "order", lambda n: self.integer(n, "order"))
        if cid is None or name is None:
            return None
        return Category(id=cid, name=name, description=description, order=order or 0)

    def bundle(self, node: Node, procedures: Mapping[str, Procedure], seen: dict[str, str]) -> Bundle | None:
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
        self, node: Node, procedures: Mapping[str, Procedure], members: list[str]
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
                problem = value_problem(question, value_node.value)
                if problem:
                    self.error(value_node, f"preset: {problem}")
                else:
                    result[code][qid] = value_node.value
        return result


def _assemble(checker: _Checker, nodes: CatalogNodes, *, drop_incomplete_bundles: bool = False) -> Catalog:
    version = checker.version(nodes.version, "catalog version") if nodes.version is not None else None
    categories: dict[str, Category] = {}
    seen: dict[str, str] = {}
    for node in nodes.categories:
        category = checker.category(node, seen)
        if category is not None:
            categories.setdefault(category.id, category)
    procedures: dict[str, Procedure] = {}
    codes: dict[str, str] = {}
    for node in nodes.procedures:
        proc = checker.procedure(node, categories)
        code_node = node.child("code")
        code_value = code_node.value if isinstance(code_node.value, str) else None
        checker.unique(code_node, code_value, codes, "procedure code")
        if proc is not None and proc.code not in procedures:
            procedures[proc.code] = proc
    bundles: dict[str, Bundle] = {}
    seen = {}
    for node in nodes.bundles:
        if drop_incomplete_bundles:
            members = node.child("members")
            codes_wanted = [m.value for m in members.value] if isinstance(members.value, list) else []
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


def load_catalog(directory: Path) -> Catalog:
    """Load every YAML file under `directory`; raise CatalogError listing every "file:line: problem"."""
    return _load_folder(directory, _Checker())


def _load_folder(directory: Path, checker: _Checker) -> Catalog:
    from kiosk.catalog_yaml import read_folder  # the YAML parser, only when files are read

    if not directory.is_dir():
        raise CatalogError([f"{directory}: not a directory"])
    return _assemble(checker, read_folder(directory, checker))


_BUNDLED: dict[Path, Catalog] = {}  # per assets folder, for the life of the process


def bundled_catalog(kept: Path | None = None) -> Catalog:
    """The shipped catalog, loaded once per process.

    With `kept` (a file in the data dir) the validated catalog is also kept there as JSON documents, and
    read back from there while the shipped files are byte for byte the same: a start then skips the
    YAML parser (~8 ms instead of ~30 ms, plus its import). What is read back is validated again.
    """
    directory = procedures_dir().resolve()
    catalog = _BUNDLED.get(directory)
    if catalog is None:
        catalog = load_catalog(directory) if kept is None else _kept_or_loaded(directory, kept)
        _BUNDLED[directory] = catalog
    return catalog


KEPT_FORMAT = 1  # raise when the kept file's layout or the documents' meaning changes


def _sources(directory: Path) -> str:
    """A digest of the catalog files and of what reads them (format, app version)."""
    digest = hashlib.sha256(f"{KEPT_FORMAT}\0{__version__}".encode())
    for path in sorted(directory.iterdir()):
        if path.suffix in (".yaml", ".yml"):
            digest.update(f"\0{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _kept_or_loaded(directory: Path, kept: Path) -> Catalog:
    sources = _sources(directory)
    try:
        payload = json.loads(kept.read_bytes())
        if payload["sources"] == sources:
            nodes = portal_nodes(
                payload["catalog_version"],
                payload["categories"],
                payload["procedures"],
                payload["bundles"],
                origin=str(kept),
            )
            return _assemble(_Checker(), nodes)
        log.info("catalog files changed since %s was written; reading them", kept)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError, CatalogError) as exc:
        log.warning("kept catalog %s is unusable (%s); reading the catalog files", kept, type(exc).__name__)
    catalog = load_catalog(directory)
    document = {
        "sources": sources,
        "catalog_version": catalog.version,
        "categories": [category_to_document(c) for c in catalog.categories.values()],
        "procedures": [procedure_to_document(p) for p in catalog.procedures.values()],
        "bundles": [bundle_to_document(b) for b in catalog.bundles.values()],
    }
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(kept.parent, kept.name, json.dumps(document, ensure_ascii=False).encode())
    except OSError as exc:  # the catalog is loaded all the same; the next start reads the files again
        log.warning("could not keep the catalog in %s: %s", kept, exc)
    return catalog


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
        portal_nodes(version, categories, docs, bundles),
        drop_incomplete_bundles=default_bundles,
    )


def check_catalog_dir(path: Path) -> list[str]:
    """Problems of the definitions under `path` ("file:line: message"), then the Vietnamese that breaks
    the house rules for citizens ("bạn", "hãy", the card's name: kiosk.wording); empty when all is fine.

    The wording lines are for the author only: loading a catalog (the shipped one, the portal's) never
    refuses it for its words, and a wording slip does not hide the structural problems behind it.
    """
    checker = _Checker(wording=True)
    try:
        _load_folder(Path(path), checker)
    except CatalogError as exc:
        return exc.problems + (checker.wording or [])
    return checker.wording or []
