"""Django's Redis cache, except that Redis being away never breaks a page.

A cache is an optimisation: when Redis refuses or stops answering (its socket timeouts, set in settings, bound
the wait), a read is a miss and a write is dropped, logged once. After a failure the cache is skipped for
`RETRY_AFTER` seconds, so a page that reads the cache many times waits on a frozen Redis once, not each time.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 30.0  # seconds without trying Redis after it failed


def _tolerant(miss: Callable[..., Any]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run the cache operation unless Redis failed lately; on a Redis error answer `miss(*args)` instead."""

    def decorate(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def wrapper(self: ResilientRedisCache, *args: Any, **kwargs: Any) -> Any:
            if time.monotonic() < self.down_until:
                return miss(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                type(self).down_until = time.monotonic() + RETRY_AFTER  # for every thread of the process
                logger.warning("The cache is unavailable (%s): going without it for %d s.", error, RETRY_AFTER)
                return miss(*args, **kwargs)

        return wrapper

    return decorate


def _default(key: Any, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def _false(*args: Any, **kwargs: Any) -> bool:
    return False


def _no_values(*args: Any, **kwargs: Any) -> dict[str, Any]:
    return {}


def _all_failed(data: dict[str, Any], *args: Any, **kwargs: Any) -> list[str]:
    return list(data)


class ResilientRedisCache(RedisCache):
    down_until = 0.0  # monotonic time until which Redis is not tried, by any thread

    get = _tolerant(_default)(RedisCache.get)
    set = _tolerant(_nothing)(RedisCache.set)
    add = _tolerant(_false)(RedisCache.add)
    touch = _tolerant(_false)(RedisCache.touch)
    delete = _tolerant(_false)(RedisCache.delete)
    has_key = _tolerant(_false)(RedisCache.has_key)
    get_many = _tolerant(_no_values)(RedisCache.get_many)
    set_many = _tolerant(_all_failed)(RedisCache.set_many)
    delete_many = _tolerant(_nothing)(RedisCache.delete_many)
