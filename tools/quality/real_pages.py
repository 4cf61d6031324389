#!/usr/bin/env python3
"""Fetches the real pages of `tools/quality/real_pages.tsv` (issue 18, "Is this an article?").

    python3 tools/quality/real_pages.py [--git-dir autopager=DIR] [--git-dir formasaurus=DIR]

Saved real pages from two MIT-licensed projects' training data, pinned to a commit. They are
third-party pages, so they stay out of the repository: they go to `../readerable-real` beside
the worktree (or `$PITH_REAL_PAGES`), where `tools/quality/article_page.py` reads them.
Each project is cloned from GitHub (network), unless `--git-dir NAME=DIR` names a local clone
or mirror that holds the pinned commit. Only the files the labels list are written.

Standard library only.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tools" / "quality" / "real_pages.tsv"
PAGES = Path(os.environ.get("PITH_REAL_PAGES", ROOT.parent / "readerable-real"))

# name: (GitHub repository, pinned commit, folder of the saved pages)
SOURCES = {
    "autopager": ("TeamHG-Memex/autopager", "990e480bee9f780088db05e7586b2b84e255abeb", "autopager/data/html"),
    "formasaurus": ("TeamHG-Memex/Formasaurus", "a5ffcec391be3abb0c5136aad2ccefe65f7b5a5f", "formasaurus/data/html"),
}


def listed():
    """The pages the labels name, per source."""
    names = {name: [] for name in SOURCES}
    for line in LABELS.read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#") and not line.startswith("path\t"):
            source, file = line.split("\t")[0].split("/", 1)
            names[source].append(file)
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--git-dir", action="append", default=[], help="NAME=DIR: a local git directory for a source")
    args = ap.parse_args()
    local = dict(arg.split("=", 1) for arg in args.git_dir)
    for name, files in listed().items():
        repo, commit, folder = SOURCES[name]
        with tempfile.TemporaryDirectory() as tmp:
            git_dir = local.get(name)
            if git_dir is None:
                git_dir = str(Path(tmp) / "repo.git")
                subprocess.run(["git", "clone", "--bare", "--quiet", f"https://github.com/{repo}", git_dir], check=True)
            out = PAGES / name
            out.mkdir(parents=True, exist_ok=True)
            for file in files:
                blob = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{commit}:{folder}/{file}"],
                                      capture_output=True, check=True).stdout
                (out / file).write_bytes(blob)
        print(f"{name}: {len(files)} pages in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
