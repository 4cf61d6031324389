"""Running the pith CLI over many inputs at once (one process per batch)."""

import json
import os
import subprocess
import sys
import tempfile

BATCH = 400  # files per CLI call: keeps the command line short of the system's limit


def run_json(pith, files, extra_args=()):
    """`pith --format json [extra] FILE...` over `files`: a dict file -> parsed object (an
    object with an "error" key when the CLI refused that input)."""
    out = {}
    # NAME=VALUE items set the CLI's environment (a grid's experiment knobs), the rest are arguments.
    env = dict(os.environ)
    env.update(a.split("=", 1) for a in extra_args if "=" in a and not a.startswith("-"))
    extra_args = [a for a in extra_args if not ("=" in a and not a.startswith("-"))]
    for start in range(0, len(files), BATCH):
        batch = files[start:start + BATCH]
        command = [pith, "--format", "json", *extra_args, *batch]
        result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        if result.returncode != 0 and not result.stdout:
            sys.exit(f"pith failed ({result.returncode}): {result.stderr.strip()[:500]}")
        # Split on "\n" only: str.splitlines() would also split inside strings at U+2028 etc.
        for line in filter(None, result.stdout.split("\n")):
            obj = json.loads(line)
            out[obj["file"]] = obj
    return out


def summarize_texts(pith, texts, sentences=3, extra_args=()):
    """Pith's summary of each plain text (paragraphs separated by blank lines), in order:
    `pith --input text --summary N --format json FILE...`."""
    with tempfile.TemporaryDirectory(prefix="pith-eval-") as tmp:
        files = []
        for i, text in enumerate(texts):
            path = os.path.join(tmp, f"{i:06d}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            files.append(path)
        args = ["--input", "text", "--summary", str(sentences), *extra_args]
        by_file = run_json(pith, files, args)
        return [by_file.get(path, {}).get("summary", []) for path in files]
