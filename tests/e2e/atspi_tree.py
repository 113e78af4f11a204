"""Print the accessibility tree of one running app as JSON, read through AT-SPI like a screen reader.

Run with the SYSTEM Python (Debian's python3-gi and gir1.2-atspi-2.0; PyGObject does not build in the
venv without a compiler and the GLib headers), never imported by the tests themselves:

    /usr/bin/python3 tests/e2e/atspi_tree.py --pid 1234 [--timeout 20]

It needs the session bus and the accessibility bus of the app (DBUS_SESSION_BUS_ADDRESS and
AT_SPI_BUS_ADDRESS, see tests/e2e/accessibility.py). It waits until the app is on the AT-SPI registry,
then walks every showing object of its showing windows and prints one JSON document:
{"app": {"name", "pid"}, "objects": [{"index", "parent", "depth", "role", "name", "description",
"states", "extents": [x, y, width, height] in screen pixels, "id"}, ...]}, parents before children.
Exit status 2 (and a line on stderr) when the app does not appear in time.

The app answers every one of these questions on its own UI thread, so whoever runs this script must
keep that thread's event loop running meanwhile (accessibility.py does, with a QProcess).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402  (after require_version, as PyGObject wants)

MAX_OBJECTS = 20000  # a runaway tree (a cycle in a broken bridge) must end, not hang the test


def find_app(pid: int | None, name: str | None, timeout: float) -> Any:
    """The application object on the registry with this pid (or name), waiting up to `timeout` s."""
    deadline = time.monotonic() + timeout
    context = GLib.MainContext.default()
    while True:
        while context.iteration(False):  # let libatspi hear about apps that registered meanwhile
            pass
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is None:
                continue
            try:
                if (pid is not None and app.get_process_id() == pid) or (
                    name is not None and app.get_name() == name
                ):
                    return app
            except GLib.Error:  # an app that just quit is still listed for a moment
                continue
        if time.monotonic() > deadline:
            return None
        time.sleep(0.1)


def states_of(accessible: Any) -> list[str]:
    return sorted(state.value_nick for state in accessible.get_state_set().get_states())


def walk(app: Any) -> list[dict[str, Any]]:
    """Every showing object under the app, parents before children (a hidden parent hides its subtree)."""
    found: list[dict[str, Any]] = []
    stack: list[tuple[Any, int, int]] = [(app, -1, 0)]
    while stack and len(found) < MAX_OBJECTS:
        accessible, parent, depth = stack.pop()
        try:
            states = states_of(accessible)
            if depth > 0 and "showing" not in states:
                continue
            extents = accessible.get_extents(Atspi.CoordType.SCREEN)
            entry = {
                "index": len(found),
                "parent": parent,
                "depth": depth,
                "role": accessible.get_role_name(),
                "name": accessible.get_name() or "",
                "description": accessible.get_description() or "",
                "states": states,
                "extents": [extents.x, extents.y, extents.width, extents.height],
                "id": _accessible_id(accessible),
            }
            count = accessible.get_child_count()
            children = [accessible.get_child_at_index(i) for i in range(count)]
        except GLib.Error as error:  # the object went away while being read: say so, do not stop
            found.append({"index": len(found), "parent": parent, "depth": depth, "error": str(error)})
            continue
        found.append(entry)
        # Reversed onto the stack: children come out in their own order.
        stack.extend((child, entry["index"], depth + 1) for child in reversed(children) if child is not None)
    return found


def _accessible_id(accessible: Any) -> str:
    try:
        return accessible.get_accessible_id() or ""
    except (GLib.Error, AttributeError):  # older libatspi, or a bridge without the property
        return ""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pid", type=int, default=None)
    parser.add_argument("--name", default=None, help="the application's name, when there is no pid")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for the app")
    args = parser.parse_args(argv)
    if args.pid is None and args.name is None:
        parser.error("give --pid or --name")
    app = find_app(args.pid, args.name, args.timeout)
    if app is None:
        who = f"pid {args.pid}" if args.pid is not None else repr(args.name)
        print(f"no application with {who} on the AT-SPI registry after {args.timeout:.0f} s", file=sys.stderr)
        return 2
    document = {"app": {"name": app.get_name(), "pid": app.get_process_id()}, "objects": walk(app)}
    json.dump(document, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
