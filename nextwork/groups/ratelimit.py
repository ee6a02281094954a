"""A fixed-window rate limit in the cache: enough to stop guessing personal links from one address."""

from django.core.cache import cache


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """Counts one hit for `key` and says whether it is still within `limit` hits per window."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        hits = 1
    return hits <= limit
