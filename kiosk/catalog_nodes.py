"""Catalog files and portal documents → located nodes, and the typed readers that report "file:line"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import yaml

from kiosk.catalog import ACCEPTED_MEDIA_TYPES, Text, version_key

# The files of a catalog folder that are not procedures.
CATALOG_FILE, CATEGORIES_FILE, BUNDLES_FILE = "catalog.yaml", "categories.yaml", "bundles.yaml"
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
_T = TypeVar("_T")
_E = TypeVar("_E", bound=Enum)


@dataclass
class Node:
    """A parsed value with where it came from: a file line for YAML, a key path for JSON."""

    value: Any  # dict[str, Node] | list[Node] | scalar
    origin: str
    line: int | None
    path: str
    key_lines: dict[str, int] = field(default_factory=dict)

    def at(self) -> str:
        if self.line is not None:
            return f"{self.origin}:{self.line}"
        return f"{self.origin}: {self.path or '(document)'}"

    def child(self, key: str) -> Node:
        """The node under `key`, or this one when there is none (a problem about it still has a place)."""
        return self.value.get(key, self) if isinstance(self.value, dict) else self

    def key_at(self, key: str) -> str:
        if key in self.key_lines:
            return f"{self.origin}:{self.key_lines[key]}"
        return f"{self.origin}: {self.path + '.' if self.path else ''}{key}"


def _from_yaml(node: yaml.Node, origin: str, path: str, problems: list[str]) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = Node({}, origin, line, path)
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
        return Node(items, origin, line, path)
    # Scalars get YAML's own typing (so an unquoted `no` is a bool and the checks below say so).
    return Node(_SCALARS.construct_object(node), origin, line, path)


_SCALARS = yaml.SafeLoader("")
# The C composer (libyaml) keeps marks too and is several times faster where it is installed.
_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def from_json(value: Any, origin: str, path: str) -> Node:
    if isinstance(value, Mapping):
        return Node(
            {str(k): from_json(v, origin, f"{path}.{k}".lstrip(".")) for k, v in value.items()},
            origin,
            None,
            path,
        )
    if isinstance(value, list | tuple):
        return Node([from_json(v, origin, f"{path}[{i}]") for i, v in enumerate(value)], origin, None, path)
    return Node(value, origin, None, path)


def read_yaml(path: Path, problems: list[str]) -> Node | None:
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


class NodeChecker:
    """Reads located values as typed ones, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def error(self, where: Node | str, message: str) -> None:
        self.problems.append(f"{where if isinstance(where, str) else where.at()}: {message}")

    # ---- primitives -------------------------------------------------------------------------------
    def fields(self, node: Node, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, Node]:
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

    def items(self, node: Node, what: str, *, non_empty: bool = False) -> list[Node]:
        if not isinstance(node.value, list):
            self.error(node, f"{what} must be a list")
            return []
        if non_empty and not node.value:
            self.error(node, f"{what} must not be empty")
        return list(node.value)

    def string(self, node: Node, what: str) -> str | None:
        if not isinstance(node.value, str) or not node.value.strip():
            self.error(node, f"{what} must be a non-empty string (quote it in YAML), got {node.value!r}")
            return None
        return node.value.strip()

    def ident(self, node: Node, what: str) -> str | None:
        value = node.value
        if not isinstance(value, str) or not _IDENT.match(value):
            self.error(node, f"{what} must be a lowercase id like 'child_full_name', got {value!r}")
            return None
        return value

    def version(self, node: Node, what: str = "version") -> str | None:
        # version_key is the one definition of a version, so whatever loads can also be compared.
        if isinstance(node.value, str):
            try:
                version_key(node.value)
            except ValueError:
                pass
            else:
                return node.value
        self.error(node, f'{what} must be a quoted string like "2026.11.1", got {node.value!r}')
        return None

    def member(self, node: Node, enum: type[_E], message: str) -> _E | None:
        """The enum member named by the value; else `message` (its `{got}` is the value) is recorded."""
        try:
            return enum(node.value)
        except ValueError:
            self.error(node, message.format(got=repr(node.value)))
            return None

    def integer(self, node: Node, what: str, minimum: int | None = 0) -> int | None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int) or (minimum is not None and value < minimum):
            bound = f" ≥ {minimum}" if minimum is not None else ""
            self.error(node, f"{what} must be a whole number{bound}, got {value!r}")
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        if not isinstance(node.value, bool):
            self.error(node, f"{what} must be true or false, got {node.value!r}")
            return None
        return node.value

    def text(self, node: Node, what: str) -> Text | None:
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

    def optional(self, got: dict[str, Node], key: str, parse: Callable[[Node], _T | None]) -> _T | None:
        return parse(got[key]) if key in got else None

    def unique(self, node: Node, value: str | None, seen: dict[str, str], what: str) -> None:
        if value is None:
            return
        if value in seen:
            self.error(node, f"duplicate {what} '{value}' (first at {seen[value]})")
        else:
            seen[value] = node.at()

    def media_types(self, node: Node, what: str) -> tuple[str, ...] | None:
        result: list[str] = []
        for item in self.items(node, what, non_empty=True):
            if item.value not in ACCEPTED_MEDIA_TYPES:
                self.error(
                    item, f"media type {item.value!r} is not accepted ({', '.join(ACCEPTED_MEDIA_TYPES)})"
                )
            else:
                result.append(item.value)
        return tuple(result) if result else None


class CatalogNodes(NamedTuple):
    """The parts of one catalog, still as located nodes: its version, categories, procedures, bundles."""

    version: Node | None
    categories: list[Node]
    procedures: list[Node]
    bundles: list[Node]


def read_folder(directory: Path, checker: NodeChecker) -> CatalogNodes:
    """Read every YAML file of a catalog folder; what cannot be read becomes a problem of `checker`."""
    version_node: Node | None = None
    catalog_path = directory / CATALOG_FILE
    if catalog_path.is_file():
        root = read_yaml(catalog_path, checker.problems)
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
        for node in [read_yaml(path, checker.problems)]
        if node is not None
    ]
    if not procedure_nodes and not checker.problems:
        checker.error(str(directory), "no procedure files")
    return CatalogNodes(version_node, categories, procedure_nodes, bundles)


def portal_nodes(
    version: str, categories: list[Any], procedures: list[Any], bundles: list[Any]
) -> CatalogNodes:
    """The portal's JSON documents as nodes; problems name the document and key path, not a line."""
    return CatalogNodes(
        from_json(version, "portal", "catalog_version"),
        [from_json(c, f"portal:categories[{i}]", "") for i, c in enumerate(categories)],
        [from_json(d, f"portal:procedures[{i}]", "") for i, d in enumerate(procedures)],
        [from_json(b, f"portal:bundles[{i}]", "") for i, b in enumerate(bundles)],
    )


def _list_under(checker: NodeChecker, node: Node | None, key: str) -> list[Node]:
    if node is None:
        return []
    got = checker.fields(node, (key,))
    return checker.items(got[key], key) if key in got else []


def _read_if(path: Path, checker: NodeChecker) -> Node | None:
    return read_yaml(path, checker.problems) if path.is_file() else None
