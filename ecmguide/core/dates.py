"""Reproducible dates: tools that stamp output with "now" read SOURCE_DATE_EPOCH instead."""

from __future__ import annotations

import contextlib
import datetime as dt
import os

_USER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH", "")  # a caller's own pin wins


@contextlib.contextmanager
def source_date(day: dt.date):
    """Pin SOURCE_DATE_EPOCH to a day for one step (mkdocs' sitemap dates, fontTools' font stamps).

    Restored afterwards, so the next edition built by the same worker gets its own date.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    epoch = int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp())
    os.environ["SOURCE_DATE_EPOCH"] = _USER_EPOCH or str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
