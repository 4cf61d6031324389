"""trafilatura, for the quality table (`make bench-quality`).

Usage: python tools/quality/trafilatura_run.py FILE...   (FILE may be .gz)
Prints one JSON object per file (JSON Lines): text, metadata, seconds.
"""

import time

import trafilatura

from peer_runner import run_files


def extract(data):
    start = time.perf_counter()
    # Bytes in: trafilatura detects the encoding itself, as for a download.
    out = trafilatura.bare_extraction(data, with_metadata=True)
    seconds = time.perf_counter() - start
    if out is None:
        return {"seconds": seconds, "error": "no article"}
    doc = out if isinstance(out, dict) else out.as_dict()
    return {
        "seconds": seconds,
        "text": doc.get("text") or "",
        "title": doc.get("title"),
        "byline": doc.get("author"),
        "site_name": doc.get("sitename"),
        "published_time": doc.get("date"),
        "lang": doc.get("language"),
    }


if __name__ == "__main__":
    run_files(extract)
