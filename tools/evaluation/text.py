"""Text normalisation shared by the evaluation commands."""

import re
import unicodedata

_SINGLE_QUOTES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]")
_DOUBLE_QUOTES = re.compile(r"[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def normalise(text):
    """NFKC, straight quotes, one kind of dash, single spaces: two copies of a paragraph that
    differ only in typography compare equal."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    text = _DASHES.sub("-", text)
    return re.sub(r"\s+", " ", text).strip()


def words(text):
    return len(text.split())
