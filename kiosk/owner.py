"""Who holds an outbox lease, and whether that sender still runs (no Qt, no third-party code).

A lease owner id names the process that took the lease, closely enough to tell later whether it still
runs: `ROLE:PID@HOST/BOOT/PIDNS/START`, for example
`cli:4242@kiosk-hn-01/3f0c…-boot-id/4026531836/981234`:

- HOST: the machine's host name (letters, digits, `.`, `_`, `-` only);
- BOOT: this boot of the machine (Linux: /proc/sys/kernel/random/boot_id);
- PIDNS: the pid namespace the pid is counted in (Linux: the inode of /proc/self/ns/pid), so a process in
  another container on the same kernel is never judged by a pid of ours;
- START: when the process started, in clock ticks since boot (field 22 of /proc/PID/stat), so a pid the
  kernel has since given to another process is not taken for the sender.

`owner_gone` answers True only when it is certain the sender no longer runs: it was a process of this
machine (same host) and either of an earlier boot (a power cut, a restart), or of this boot and pid
namespace with its pid gone, a zombie, or reused by a process with another start time. Anything it cannot
check (another host, another pid namespace, an owner id of an older version, an OS without /proc) is
"maybe alive": such a lease is respected until it expires (sync.queue.LEASE_FOR). On macOS and Windows
BOOT is "-" and every lease is kept until it expires; the code runs there, only without the shortcut.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PROC = Path("/proc")
UNKNOWN = "-"
_OWNER = re.compile(
    r"^(?P<role>[A-Za-z0-9_.-]+):(?P<pid>\d+)@(?P<host>[A-Za-z0-9_.-]+)"
    r"/(?P<boot>[A-Za-z0-9-]+)/(?P<pidns>[0-9-]+|-)/(?P<start>\d+|-)$"
)


@dataclass(frozen=True)
class Owner:
    """A parsed owner id."""

    role: str
    pid: int
    host: str
    boot: str
    pidns: str
    start: str

    def text(self) -> str:
        return f"{self.role}:{self.pid}@{self.host}/{self.boot}/{self.pidns}/{self.start}"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None


def host_name() -> str:
    """This machine's host name, reduced to the characters an owner id allows."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", socket.gethostname())[:64]
    return cleaned or "localhost"


@functools.cache
def boot_id() -> str:
    """This boot of the machine (Linux); "-" where the OS does not say (then leases only expire)."""
    found = _read(PROC / "sys/kernel/random/boot_id")
    return found if found and re.fullmatch(r"[A-Za-z0-9-]+", found) else UNKNOWN


def pid_namespace(pid: int | str = "self") -> str:
    """The inode of a process's pid namespace ("-" where there is none to read)."""
    try:
        link = str((PROC / str(pid) / "ns/pid").readlink())
    except OSError:
        return UNKNOWN
    found = re.fullmatch(r"pid:\[(\d+)\]", link)
    return found.group(1) if found else UNKNOWN


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (field 3 first); None when there is no such pid.

    The command name (field 2) is in parentheses and may itself hold spaces and parentheses: split after
    the last ")".
    """
    text = _read(PROC / str(pid) / "stat")
    if not text or ")" not in text:
        return None
    return text.rsplit(")", 1)[1].split()


def start_time(pid: int) -> str | None:
    """When process `pid` started (field 22 of /proc/PID/stat, clock ticks since boot); None if gone."""
    fields = _stat_fields(pid)
    if fields is None or len(fields) < 20:
        return None
    return fields[19]  # field 22 of the line; fields[0] is field 3


@functools.cache
def _parts(pid: int) -> tuple[str, str, str, str]:
    # Keyed by pid: a forked child gets its own pid and start time, not its parent's.
    return host_name(), boot_id(), pid_namespace(), start_time(pid) or UNKNOWN


def owner_id(role: str) -> str:
    """The owner id of this process for leases it takes as `role` ("cli", "ui", "drainer", …)."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]", "_", role) or "sender"
    pid = os.getpid()
    return Owner(cleaned, pid, *_parts(pid)).text()


def parse_owner(text: str | None) -> Owner | None:
    """An owner id in the form above, or None (an older version's `cli:PID`, a test's name, garbage)."""
    if not text:
        return None
    found = _OWNER.match(text)
    if found is None:
        return None
    return Owner(
        found["role"], int(found["pid"]), found["host"], found["boot"], found["pidns"], found["start"]
    )


def owner_gone(text: str | None) -> bool:
    """True only when the sender named by `text` certainly no longer runs (see the module's docstring)."""
    owner = parse_owner(text)
    if owner is None or owner.host != host_name():
        return False
    here = boot_id()
    if UNKNOWN in (here, owner.boot):
        return False
    if owner.boot != here:
        return True  # a process of an earlier boot of this machine: it cannot run any more
    if owner.pidns == UNKNOWN or owner.pidns != pid_namespace():
        return False
    fields = _stat_fields(owner.pid)
    if fields is None:
        return True  # no such process
    if fields and fields[0] in ("Z", "X"):
        return True  # it has exited; only its parent has not collected its status yet
    if owner.start == UNKNOWN or len(fields) < 20:
        return False
    return fields[19] != owner.start  # the pid now names another process
