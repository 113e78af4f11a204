"""Located nodes (from JSON documents here, from YAML files in kiosk.catalog_yaml) and the typed readers that
report "file:line" or the key path."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple, TypeVar

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


class NodeChecker:
    """Reads located values as typed ones, collecting every problem instead of stopping at the first."""

    def __init__(self, *, wording: bool = False) -> None:
        self.problems: list[str] = []
        # With `wording`, Vietnamese that breaks the house rules for citizens (kiosk.wording) is noted
        # here, apart from `problems`: the author is told, but the catalog is not refused for it.
        self.wording: list[str] | None = [] if wording else None

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
                    if lang == "vi" and self.wording is not None:
                        from kiosk.wording import problems  # only when a folder is checked

                        at = got[lang].at()
                        self.wording.extend(f"{at}: {what}: {problem}" for problem in problems(value))
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


def portal_nodes(
    version: str,
    categories: list[Any],
    procedures: list[Any],
    bundles: list[Any],
    *,
    origin: str = "portal",
) -> CatalogNodes:
    """JSON documents (the portal's, or the kept catalog's) as nodes; problems name `origin`, the
    document and the key path, not a line."""
    return CatalogNodes(
        from_json(version, origin, "catalog_version"),
        [from_json(c, f"{origin}:categories[{i}]", "") for i, c in enumerate(categories)],
        [from_json(d, f"{origin}:procedures[{i}]", "") for i, d in enumerate(procedures)],
        [from_json(b, f"{origin}:bundles[{i}]", "") for i, b in enumerate(bundles)],
    )
