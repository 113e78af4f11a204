"""The sandbox portal: a real HTTP server implementing the portal contract (training, demos, tests)."""

from __future__ import annotations

from sync.sandbox.faults import FaultKind, FaultPolicy
from sync.sandbox.portal import Sandbox, SandboxConfig
from sync.sandbox.server import RunningSandbox, build_arg_parser, serve, start_in_thread

__all__ = [
    "FaultKind",
    "FaultPolicy",
    "RunningSandbox",
    "Sandbox",
    "SandboxConfig",
    "build_arg_parser",
    "serve",
    "start_in_thread",
]
