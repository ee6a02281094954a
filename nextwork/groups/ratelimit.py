"""A fixed-window rate limit counted in the database, so every worker process shares the same counters: enough
to stop guessing personal links. Windows are aligned to the clock (a 10-minute window starts at :00, :10, ...);
each (key, window) is one RateCounter row, incremented with one UPDATE ... SET count = count + 1, which both
SQLite and PostgreSQL run atomically. Rows of passed windows are deleted when a new window's row is written."""

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCounter

MAX_KEY_LENGTH = 200


def _window_start(now: dt.datetime, window_seconds: int) -> dt.datetime:
    epoch = int(now.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % window_seconds, tz=dt.UTC)


def _stored_key(key: str) -> str:
    if len(key) <= MAX_KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """Counts one hit for `key` and says whether it is still within `limit` hits per window."""
    key = _stored_key(key)
    now = timezone.now()
    start = _window_start(now, window_seconds)
    counter = RateCounter.objects.filter(key=key, window_start=start)
    if not counter.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window_start=start, count=1,
                                           expires_at=start + dt.timedelta(seconds=window_seconds))
        except IntegrityError:  # another worker created it first
            counter.update(count=F("count") + 1)
        else:
            RateCounter.objects.filter(expires_at__lte=now).delete()
    hits = counter.values_list("count", flat=True).first() or 0
    return hits <= limit
