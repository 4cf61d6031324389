"""Means with their standard errors, and the grouping of items into folds."""

import hashlib
import math


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def standard_error(values):
    """Standard error of the mean: sample standard deviation / sqrt(n) (nan under 2 values)."""
    values = list(values)
    n = len(values)
    if n < 2:
        return float("nan")
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1) / n)


def stable_bucket(key, buckets):
    """A bucket in 0..buckets-1 that depends only on `key` (not on Python's hash seed), so a
    site or a source always lands in the same fold on every machine."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % buckets


def fmt(value, se=None, width=6):
    text = f"{value:{width}.2f}"
    if se is not None and not math.isnan(se):
        text += f" ± {se:4.2f}"
    return text
