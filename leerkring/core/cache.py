"""A Redis cache that lets the site work on when Redis is away. The cache only holds what can
be lost (login rate-limit counters): while Redis cannot be reached, reads miss and writes are
dropped, with a warning in the log, instead of every page answering 500."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(name, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(TolerantRedisCache, self), name)(*args, **kwargs)
        except UNREACHABLE:
            logger.warning("cache: Redis unreachable during %s; carrying on without it", name)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


class TolerantRedisCache(RedisCache):
    get = _tolerant("get", lambda key, default=None, version=None: default)
    # Failing open: a counter that cannot be stored does not lock anyone out.
    add = _tolerant("add", True)
    set = _tolerant("set", None)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    get_many = _tolerant("get_many", {})
    set_many = _tolerant("set_many", [])
    delete_many = _tolerant("delete_many", None)
    has_key = _tolerant("has_key", False)
    incr = _tolerant("incr", lambda key, delta=1, version=None: delta)
    clear = _tolerant("clear", None)
