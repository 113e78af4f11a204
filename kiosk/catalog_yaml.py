"""Catalog folder → located nodes: the YAML files read with their line numbers.

Apart from kiosk.catalog_nodes so the YAML parser is imported only when files are read: a kiosk
start with the validated catalog cached (kiosk.catalog_load) never needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kiosk.catalog_nodes import BUNDLES_FILE, CATALOG_FILE, CATEGORIES_FILE, CatalogNodes, Node, NodeChecker


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


def _list_under(checker: NodeChecker, node: Node | None, key: str) -> list[Node]:
    if node is None:
        return []
    got = checker.fields(node, (key,))
    return checker.items(got[key], key) if key in got else []


def _read_if(path: Path, checker: NodeChecker) -> Node | None:
    return read_yaml(path, checker.problems) if path.is_file() else None
