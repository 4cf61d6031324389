"""The loop shared by the Python peers' runners (trafilatura_run.py, readability_lxml_run.py):
each file given on the command line is read (gunzipped when .gz), handed to the peer as
bytes, and one JSON object per file is printed (JSON Lines) with the file's name.
"""

import gzip
import json
import sys


def run_files(extract):
    """`extract(data: bytes) -> dict` returns the record's fields (text or html, metadata,
    seconds); an exception becomes the record's `error` and the run goes on."""
    for path in sys.argv[1:]:
        record = {"file": path}
        try:
            with open(path, "rb") as f:
                data = f.read()
            if path.endswith(".gz"):
                data = gzip.decompress(data)
            record.update(extract(data))
        except Exception as e:  # one bad page must not stop the run
            record["error"] = repr(e)
        print(json.dumps(record), flush=True)
