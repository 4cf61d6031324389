"""readability-lxml (PyPI), for the quality table (`make bench-quality`).

Usage: python tools/quality/readability_lxml_run.py FILE...   (FILE may be .gz)
Prints one JSON object per file (JSON Lines): content HTML, title, author, seconds
(the extraction's own time: decoding, parsing, scoring, cleaning).
"""

import time

from readability import Document

from peer_runner import run_files


def extract(data):
    start = time.perf_counter()
    # Bytes in: readability-lxml finds the charset itself (<meta charset>, else
    # chardet), as for a download. summary() decodes, parses, scores and cleans.
    doc = Document(data)
    html = doc.summary(html_partial=True)
    seconds = time.perf_counter() - start
    # Untimed: in readability-lxml's API each of these parses the page again,
    # which would more than double its time; the timing stays the extraction's.
    title = doc.short_title()
    author = doc.author()
    return {
        "seconds": seconds,
        "html": html,
        "title": title,
        # readability-lxml answers "[no-author]" when it finds none.
        "byline": None if author == "[no-author]" else author,
    }


if __name__ == "__main__":
    run_files(extract)
