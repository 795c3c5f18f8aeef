"""Work that the sweeper (`core.sweep`) sends again when it waits too long. Each subject
registers a function in its AppConfig.ready: the core's PDF jobs, exports and e-mails in
CoreConfig.ready, the apps' own work (PDF upload checks) in theirs, as they register their
kinds of PDF (`rendering.register`). The sweep task imports none of them, and the core never
imports an app above it."""

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

_sweepers: dict[str, Callable[[], int]] = {}


def register(name: str, sweeper: Callable[[], int]) -> None:
    """Have `sweeper` (no arguments; returns how many it sent) run with every sweep."""
    _sweepers[name] = sweeper


def sweep_all() -> None:
    """Run every registered sweeper; one that fails is logged and does not stop the others."""
    for name, sweeper in list(_sweepers.items()):
        try:
            sweeper()
        except Exception:
            logger.exception("sweeper %s failed", name)
