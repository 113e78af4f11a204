"""Composition root without Qt: config, data key, store and catalog, built once and passed in."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config, check_portal_url, data_dir, insecure_http_allowed, load_config
from kiosk.crypto import Sealer, load_data_key, sealed_data_in, terminal_secret, training_key
from kiosk.errors import KioskError
from kiosk.home_list import CardGroup, keep_first_screen, read_first_screen
from kiosk.i18n import Lang
from kiosk.logs import configure_logging

if TYPE_CHECKING:  # the database (SQLAlchemy) and HTTP (httpx) load on first use, after the first frame
    from concurrent.futures import Future

    from kiosk.agents import DemoAccount
    from kiosk.catalog import Catalog
    from kiosk.store import Store
    from sync.client import PortalClient
    from sync.clock import Clock

log = logging.getLogger("ui.services")
# The sandbox portal's built-in terminal account (sync/sandbox); training mode only.
SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET = "kiosk-demo", "demo-secret"


@dataclass
class Services:
    """What commands and screens need, opened lazily so a first frame never waits for the database."""

    config: Config
    data_dir: Path
    key: bytes
    training: bool = False
    # Sync: a disk too full to open the database gives back the space reserve (kiosk.diskspace).
    use_reserve: bool = False
    # The sandbox's practice agent accounts (`kiosk demo`): listed on the sign-in page, training only.
    demo_accounts: tuple[DemoAccount, ...] = ()
    _preload: Future[Catalog] | None = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def sealer(self) -> Sealer:
        return Sealer(self.key)

    @cached_property
    def store(self) -> Store:
        from kiosk.store import Store

        # Refuses a missing, lost or damaged database (kiosk.store.guard).
        store = Store.open(self.data_dir, self.sealer, use_reserve=self.use_reserve)
        self.keep_backup_fresh(store)
        return store

    def keep_backup_fresh(self, store: Store) -> Path | None:
        """Today's automatic backup written when there is none yet or the store changed since it was taken
        (kiosk.store.backup.daily_backup; a check of one query when nothing changed). Called where the store
        is first opened (the app's store thread, a command's start), where it is closed (a command's end,
        the app's exit) and periodically on the app's store thread (ui.backup_schedule). A failure is
        logged (doctor shows the newest backup's date), never a reason to stop the terminal. Not in
        training mode. Returns the file written, if any."""
        if self.training:
            return None
        import sqlite3
        from datetime import date

        from sqlalchemy.exc import SQLAlchemyError

        from kiosk.crypto import key_fingerprint
        from kiosk.store.backup import daily_backup

        try:
            return daily_backup(store, key_fingerprint(self.key), date.today())
        except (OSError, sqlite3.Error, SQLAlchemyError, KioskError) as exc:
            log.warning("the daily backup failed: %s", getattr(exc, "strerror", None) or type(exc).__name__)
            return None

    @cached_property
    def catalog(self) -> Catalog:
        if self._preload is not None:
            return self._preload.result()
        return _load_catalog(self.data_dir)

    def preload_catalog(self) -> None:
        """Start loading the catalog on a worker thread now (once); `catalog` then waits for it.

        `kiosk` calls this before it imports Qt when the first frame must wait for the catalog (no
        kept home, see `kept_home`): the catalog's code is imported here, on the calling thread (once
        PySide is loaded every import statement costs more, see docs/ARCHITECTURE.md), and its files
        are read on the worker while Qt loads.
        """
        if self._preload is None:
            import importlib
            from concurrent.futures import ThreadPoolExecutor

            importlib.import_module("sync.catalog_refresh")  # the loader's code, on this thread (above)
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="catalog-preload")
            self._preload = pool.submit(_load_catalog, self.data_dir)
            pool.shutdown(wait=False)

    def kept_home(self, lang: Lang) -> CardGroup | None:
        """The home screen's first category as the last start kept it, in `lang`: with it the first
        frame is painted before the catalog is imported; None when there is none (a first start)."""
        return read_first_screen(self.data_dir, lang)

    def _checked_portal_url(self) -> str:
        """The configured portal address; KioskError when there is none or it is refused (http://)."""
        url = self.config.portal_url
        if not url:
            raise KioskError("sync.no_portal")
        insecure_http = insecure_http_allowed()
        check_portal_url(url, insecure_http=insecure_http)  # http:// only to this machine
        if insecure_http and url.strip().lower().startswith("http:"):
            log.warning("plain http to the portal allowed by --insecure-http (a test portal only)")
        return url

    def health_client(self, clock: Clock | None = None) -> PortalClient:
        """A client for the configured portal's /health alone: needs only its address (checked as for
        portal_client), not the terminal account; for measuring the clock (sync.clock.measure_clock)."""
        url = self._checked_portal_url()
        from sync.client import health_only_client
        from sync.clock import system_clock

        return health_only_client(url, self.config.kiosk_id, clock=clock or system_clock)

    def portal_client(self, store: Store | None = None, clock: Clock | None = None) -> PortalClient:
        """A client for the configured portal with the terminal account; KioskError saying what is missing.

        The portal's pause (Retry-After) is kept in `store` (default: this terminal's store), so every
        process of the terminal honours it (sync.pause).
        """
        config = self.config
        self._checked_portal_url()
        if not config.client_id:
            raise KioskError("sync.no_client_id")
        secret = config.client_secret or terminal_secret(config.client_id)
        if not secret:
            raise KioskError("sync.no_client_secret", client_id=config.client_id)
        from sync.client import PortalClient
        from sync.clock import system_clock
        from sync.pause import StorePause

        pause = StorePause(store if store is not None else self.store)
        return PortalClient(
            config.portal_url,
            config.client_id,
            secret,
            config.kiosk_id,
            clock=clock or system_clock,
            pause=pause,
        )

    def close(self) -> None:
        """Close the store, once today's backup holds what this process changed (keep_backup_fresh)."""
        if "store" in self.__dict__:
            try:
                self.keep_backup_fresh(self.store)
            finally:
                self.store.close()


def _load_catalog(data_dir: Path) -> Catalog:
    """The portal's catalog once one validated and was saved, when newer than the bundled one; its home
    screen's first category is kept for the next start (kiosk.home_list)."""
    from sync.catalog_refresh import current_catalog

    catalog = current_catalog(data_dir)
    try:
        keep_first_screen(data_dir, catalog)
    except Exception as exc:  # only a head start for the next start: never a reason to lose this one
        log.warning("could not keep the home screen's first category: %s", type(exc).__name__)
    return catalog


def open_services(*, allow_create_key: bool = True) -> Services:
    """Services for this terminal: its data dir, its config and its data key (keyring or key file).

    Raises NoKeySourceError (with how to fix it) when no key source exists: never a plaintext fallback.
    A key is made only for a data dir that holds no sealed data; with data and no key it refuses, with
    the fix (`kiosk key import`), before anything is written.
    """
    directory = data_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(PermissionError):  # not ours to change: the store says what it cannot open
        if os.name == "posix" and (directory.stat().st_mode & 0o777) != 0o700:
            directory.chmod(0o700)  # made before (or by hand) with a looser mode: owner only
    config = load_config(directory)
    key = data_key(directory, config, allow_create=allow_create_key)
    configure_logging(directory)
    return Services(config=config, data_dir=directory, key=key)


KEY_MISSING_WITH_DATA = ("key.missing_with_data", "key.missing_with_data_keyring")


def data_key(directory: Path, config: Config, *, allow_create: bool) -> bytes:
    """The data key of the terminal in `directory` (see open_services); with sealed data and no key it
    raises KioskError with a KEY_MISSING_WITH_DATA key (the fix: `kiosk key import`)."""
    try:
        return load_data_key(config.key_path, allow_create=False)
    except KioskError as error:
        if error.key not in ("key.file_missing", "key.keyring_missing"):
            raise
        # Only when the key is missing is the data dir looked through (every attachment file is listed).
        present = sealed_data_in(directory)
        if present is None:
            if allow_create:
                return load_data_key(config.key_path, allow_create=True)
            raise
        if config.key_path is None:
            raise KioskError("key.missing_with_data_keyring", data=present) from None
        raise KioskError("key.missing_with_data", where=str(config.key_path), data=present) from None


@contextmanager
def training_services(
    portal_url: str = "", demo_accounts: tuple[DemoAccount, ...] = ()
) -> Iterator[Services]:
    """Training mode: a throwaway data dir and key, removed afterwards; nothing real is kept.

    With `portal_url` (the built-in sandbox portal) it uses the sandbox's demo terminal account, and
    the sign-in page lists `demo_accounts`, the sandbox's practice agents.
    """
    directory = Path(tempfile.mkdtemp(prefix="dvc-kiosk-training-"))
    config = replace(
        load_config(directory),
        portal_url=portal_url,
        client_id=SANDBOX_CLIENT_ID if portal_url else "",
        client_secret=SANDBOX_CLIENT_SECRET if portal_url else "",
        mode="post_office",
    )
    configure_logging(directory)
    services = Services(
        config=config, data_dir=directory, key=training_key(), training=True, demo_accounts=demo_accounts
    )
    log.info("training mode started")
    try:
        yield services
    finally:
        services.close()
        shutil.rmtree(directory, ignore_errors=True)
