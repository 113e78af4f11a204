"""Fetch a newer procedure catalog from the portal, validate it whole, and keep it for the next start.

A portal catalog replaces the bundled one only after `kiosk.catalog.catalog_from_documents` accepts all
of it; an empty or invalid catalog is refused and the current one stays. The accepted documents are
saved to `<data_dir>/catalog/catalog.json` (atomically); `current_catalog(data_dir)` picks it at start
when it is newer than the bundled catalog (an app update may ship a newer one). The bundled catalog is
kept validated beside it, in `bundled.json`, for a fast start (kiosk.catalog_load.bundled_catalog).

Drafts saved under an older procedure version are migrated when a person reopens them: the screen
calls `kiosk.catalog.migrate_answers(proc, draft.procedure_version, draft.answers)` and saves the result
with the procedure's current version. Queued dossiers are sent under the version they were finalised
with (the portal accepts a procedure's `previous_versions`); if the portal refuses one, it comes back as
"needs attention" and is migrated the same way when reopened.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.atomic import write_atomic
from kiosk.catalog import Catalog, CatalogError, version_key
from kiosk.catalog_load import bundled_catalog, catalog_from_documents
from kiosk.config import CATALOG_DIR

if TYPE_CHECKING:  # `current_catalog` runs before the first frame: it must not load the HTTP client
    from sync.client import PortalClient

log = logging.getLogger(__name__)

CATALOG_FILE = "catalog.json"
BUNDLED_FILE = "bundled.json"  # the shipped catalog, validated, for a fast start (kiosk.catalog_load)


@dataclass
class RefreshResult:
    outcome: str  # unchanged | updated | rejected | unavailable
    version: str | None = None
    problems: list[str] = field(default_factory=list)


def saved_catalog_path(data_dir: Path) -> Path:
    return data_dir / CATALOG_DIR / CATALOG_FILE


def _validate(payload: Any) -> Catalog:
    if not isinstance(payload, dict):
        raise CatalogError(["portal: the answer is not an object"])
    version, docs = payload.get("catalog_version"), payload.get("procedures")
    if not isinstance(version, str) or not version:
        raise CatalogError(["portal: catalog_version is missing"])
    if not isinstance(docs, list) or not docs:
        # "An empty list never means unchanged": it would leave the kiosk with nothing to offer.
        raise CatalogError(["portal: the catalog holds no procedure"])
    return catalog_from_documents(version, docs)


def _write_atomic(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path.parent, path.name, json.dumps(payload, ensure_ascii=False).encode())


def refresh_catalog(client: PortalClient, data_dir: Path, current_version: str | None) -> RefreshResult:
    """GET /procedures?since=<current>: 304 → unchanged; 200 → validate all of it, then save it."""
    from sync.client import NotBefore, ProtocolProblem, Unreachable

    try:
        reply = client.procedures(current_version)
    except ProtocolProblem:  # too large or not a catalog: logged by the client; the current one stays
        return RefreshResult("rejected", current_version)
    except Unreachable:
        return RefreshResult("unavailable", current_version)
    if isinstance(reply, NotBefore) or reply.status != 200:
        if not isinstance(reply, NotBefore) and reply.status == 304:
            return RefreshResult("unchanged", current_version)
        return RefreshResult("unavailable", current_version)
    payload = reply.body
    try:
        catalog = _validate(payload)
    except CatalogError as err:
        log.warning("portal catalog refused: %d problem(s)", len(err.problems))
        return RefreshResult("rejected", current_version, err.problems[:50])
    if catalog.version == current_version:
        return RefreshResult("unchanged", current_version)
    _write_atomic(
        saved_catalog_path(data_dir),
        {"catalog_version": catalog.version, "procedures": payload["procedures"]},
    )
    log.info("portal catalog %s saved for the next start", catalog.version)
    return RefreshResult("updated", catalog.version)


def load_saved_catalog(data_dir: Path) -> Catalog | None:
    """The saved portal catalog, validated again (a damaged file is ignored), or None."""
    path = saved_catalog_path(data_dir)
    try:
        return _validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, CatalogError):
        log.warning("saved portal catalog is unreadable or invalid; using the bundled one")
        return None


def current_catalog(data_dir: Path) -> Catalog:
    """The catalog to use at start: the saved portal one when newer than the bundled one."""
    bundled = bundled_catalog(kept=data_dir / CATALOG_DIR / BUNDLED_FILE)
    saved = load_saved_catalog(data_dir)
    try:
        if saved is not None and version_key(saved.version) > version_key(bundled.version):
            return saved
    except ValueError:
        log.warning("saved portal catalog has a malformed version; using the bundled one")
    return bundled
