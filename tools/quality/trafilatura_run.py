"""trafilatura, for the quality table (`make bench-quality`).

Usage: python tools/quality/trafilatura_run.py FILE...   (FILE may be .gz)
Prints one JSON object per file (JSON Lines): text, metadata, seconds.
"""

import gzip
import json
import sys
import time

import trafilatura


def main():
    for path in sys.argv[1:]:
        record = {"file": path}
        try:
            with open(path, "rb") as f:
                data = f.read()
            if path.endswith(".gz"):
                data = gzip.decompress(data)
            start = time.perf_counter()
            # Bytes in: trafilatura detects the encoding itself, as for a download.
            out = trafilatura.bare_extraction(data, with_metadata=True)
            record["seconds"] = time.perf_counter() - start
            if out is None:
                record["error"] = "no article"
            else:
                doc = out if isinstance(out, dict) else out.as_dict()
                record.update(
                    text=doc.get("text") or "",
                    title=doc.get("title"),
                    byline=doc.get("author"),
                    site_name=doc.get("sitename"),
                    published_time=doc.get("date"),
                    lang=doc.get("language"),
                )
        except Exception as e:  # one bad page must not stop the run
            record["error"] = repr(e)
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
