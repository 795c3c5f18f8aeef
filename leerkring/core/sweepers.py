"""Work of the apps above the core that the sweeper (`core.sweep`) sends again when it waits
too long. An app registers a function in its AppConfig.ready, as it registers its document
kinds (`rendering.register`); the core never imports an app above it."""

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
