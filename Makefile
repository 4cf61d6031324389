# Pith: two commands from a fresh Debian clone.
#   make        install what is missing, build the CLI, the wasm engine and the extension
#               packages, and show the engine on a sample page
#   make test   formatting, lints, native tests, wasm tests in headless Chromium,
#               end-to-end extension tests in Chromium and in Firefox ESR, web-ext lint
# Other targets: make bench, make bench-quality, make bench-cv, make eval-readerable, make fit-article-page,
# make bench-peers, make fuzz, make clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all
MAKEFLAGS += --no-print-directory

WASM_TARGET := wasm32-unknown-unknown
# The one source of the wasm-bindgen version: Cargo.lock (Cargo.toml pins it with `=`).
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CARGO_BIN):$(PATH)

RUST_SOURCES := $(shell find src vendor crates -name '*.rs' -o -name Cargo.toml -o -name '*.txt') Cargo.toml Cargo.lock .cargo/config.toml
EXTENSION_SOURCES := manifest.json $(shell find extension -type f) tools/package.mjs
CLI := target/release/pith
WASM := pkg/pith_bg.wasm
SAMPLE := tests/pages/seed-news-page/source.html

say = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

.PHONY: all setup build demo test vendor-check lint test-native test-wasm test-e2e test-firefox lint-firefox bench bench-quality bench-click screenshots fuzz clean eval-similarity

all: setup build demo

# ---------------------------------------------------------------- setup (idempotent)

setup: .make/rust-target .make/wasm-bindgen-cli node_modules/.package-lock.json .make/chromium .make/firefox

.make/rust-target:
	$(call say,Installing the $(WASM_TARGET) Rust target)
	rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@mkdir -p .make && touch $@

# Re-checked whenever Cargo.lock changes: the CLI must match the crate exactly.
.make/wasm-bindgen-cli: Cargo.lock
	@mkdir -p .make
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  printf '\n\033[1m==> Installing wasm-bindgen-cli %s (a few minutes, once)\033[0m\n' "$(WASM_BINDGEN_VERSION)"; \
	  cargo install wasm-bindgen-cli --version "$(WASM_BINDGEN_VERSION)"; \
	fi
	@touch $@

node_modules/.package-lock.json: package-lock.json
	$(call say,Installing npm dev dependencies from package-lock.json)
	npm ci --no-fund --no-audit

# Debian's Chromium and ChromeDriver, for the browser tests; only root can install them.
.make/chromium:
	@mkdir -p .make
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  printf '\n\033[1m==> Installing Debian chromium and chromium-driver\033[0m\n'; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	else \
	  echo "note: chromium/chromedriver missing and not root; the browser tests need them (apt-get install chromium chromium-driver)"; \
	fi
	@touch $@

# Debian's Firefox ESR, for the end-to-end tests in Firefox (driven over WebDriver BiDi by
# puppeteer-core: no separate driver); only root can install it.
.make/firefox:
	@mkdir -p .make
	@if command -v firefox-esr >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  printf '\n\033[1m==> Installing Debian firefox-esr\033[0m\n'; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr; \
	else \
	  echo "note: firefox-esr missing and not root; make test-firefox needs it (apt-get install firefox-esr)"; \
	fi
	@touch $@

# ---------------------------------------------------------------- build

build: $(CLI) $(WASM) dist/pith-chrome.zip

$(CLI): $(RUST_SOURCES)
	$(call say,Building the pith CLI)
	cargo build --release --bin pith

# The module glue keeps one instance for good; after a trap the service worker needs a
# fresh one (extension/shared/engine.js). wasm-bindgen makes the reset itself:
# --experimental-reset-state-function exports __wbg_reset_state(), which instantiates the
# compiled module again, and tags the glue's objects with their instance so that a stale
# one throws instead of writing into the new memory. "Experimental" in name; the CLI is
# pinned to Cargo.lock's version, and the .wasm is byte-identical with or without it.
# (Rebuilt when this Makefile changes, so a pkg/ made with other flags is replaced.)
$(WASM): $(RUST_SOURCES) .make/rust-target .make/wasm-bindgen-cli Makefile
	$(call say,Building the wasm engine into pkg/)
	cargo build --profile wasm --target $(WASM_TARGET) --lib
	wasm-bindgen --target web --remove-name-section --remove-producers-section --experimental-reset-state-function \
	  --out-dir pkg target/$(WASM_TARGET)/wasm/pith.wasm
	@printf 'pkg/pith_bg.wasm: %s bytes, %s gzipped\n' "$$(stat -c %s $@)" "$$(gzip -9c $@ | wc -c)"
	@# core's float formatting and float parsing are out of the wasm (BENCHMARKS.md, *Shrinking
	@# the wasm*: -17.8 and -13.3 KB gzipped); one `{}` of an f64 or `parse::<f32>()` brings either back.
	@if grep -aq -e flt2dec -e dec2flt target/$(WASM_TARGET)/wasm/pith.wasm; then \
	  echo "warning: the wasm links core's float formatting (flt2dec) or parsing (dec2flt): 13-18 KB gzipped (BENCHMARKS.md, *Shrinking the wasm*)"; \
	fi

# (Content scripts load no engine: the extension's background cleans pages for them.)
dist/pith-chrome.zip: $(WASM) $(EXTENSION_SOURCES) node_modules/.package-lock.json
	$(call say,Packaging the extension for Chrome and Firefox)
	node tools/package.mjs

demo: $(CLI)
	$(call say,The engine on a sample page: $(SAMPLE))
	$(CLI) --format report --url https://news.example/world/rafah $(SAMPLE)
	@printf '\nTo use the extension: open chrome://extensions, turn on Developer mode,\n'
	@printf '"Load unpacked" and choose this folder (%s).\n' "$(CURDIR)"
	@printf 'Packaged builds: dist/pith-chrome.zip, dist/pith-firefox.zip\n'

# ---------------------------------------------------------------- test

test: setup vendor-check lint test-native test-wasm build test-e2e test-firefox lint-firefox
	$(call say,All checks passed)

# vendor/<crate>/ must be its pinned crates.io release plus its patches/ series, nothing
# else: rebuilt in a temporary folder and compared (vendor/pinned.txt, tools/vendor.sh).
vendor-check:
	$(call say,Vendored crates: pinned release + patch series (tools/vendor.sh check))
	tools/vendor.sh check

lint: setup
	$(call say,Formatting (cargo fmt --check))
	cargo fmt --all -- --check
	$(call say,Clippy: native)
	cargo clippy --all-targets -- -D warnings
	cargo clippy -p pith-lowercase --all-targets -- -D warnings
	$(call say,Clippy: $(WASM_TARGET))
	cargo clippy --target $(WASM_TARGET) --lib --tests -- -D warnings
	$(call say,ESLint)
	npx eslint .

test-native:
	$(call say,Native tests (cargo test))
	cargo test --all-targets
	@# crates/lowercase is a path dependency, not a workspace member: its tests compare every
	@# character's lower case with the standard library's (a newer toolchain's Unicode fails it).
	cargo test -p pith-lowercase

test-wasm: setup
	$(call say,wasm-bindgen tests in headless Chromium)
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(WASM_TARGET) --test wasm

# A test file that hangs fails after this long instead of holding the suite until CI's 90
# minutes run out. node's --test-timeout times each file as a whole (each runs in a process
# of its own), and the longest takes a few minutes on a loaded machine.
E2E_TEST_TIMEOUT_MS := 900000

test-e2e: build
	$(call say,End-to-end extension tests in headless Chromium)
	node --test --test-concurrency=1 --test-timeout=$(E2E_TEST_TIMEOUT_MS) tests/e2e/

# The user-facing suites with the Firefox build (dist/firefox) in headless Firefox ESR. The
# faults suite stays Chromium's: it stops service workers through the DevTools protocol.
FIREFOX_SUITES := panel auto-clean history hostile privacy reading typography listen copy resume extension-pages pick-text similar repeats
test-firefox: build
	$(call say,End-to-end extension tests in headless Firefox ESR)
	PITH_BROWSER=firefox node --test --test-concurrency=1 --test-timeout=$(E2E_TEST_TIMEOUT_MS) $(FIREFOX_SUITES:%=tests/e2e/%.test.mjs)

lint-firefox: dist/pith-chrome.zip
	$(call say,web-ext lint on the Firefox package)
	npx web-ext lint --source-dir dist/firefox --self-hosted --warnings-as-errors

# ---------------------------------------------------------------- benchmarks

# Python tools for the benchmarks (plots), in a git-ignored virtualenv.
VENV := .make/venv
$(VENV)/.ok:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet matplotlib
	@touch $@

.make/twiggy:
	@command -v twiggy >/dev/null || cargo install twiggy
	@touch $@

# Every figure in BENCHMARKS.md: in-browser against Readability.js and defuddle, criterion,
# size and memory, cost growth; then BENCHMARKS.md's tables are rewritten.
bench: build $(VENV)/.ok .make/twiggy
	@mkdir -p bench-out
	$(call say,In-browser: Pith against Readability.js and defuddle on the Readability corpus)
	node tools/bench/browser.mjs
	$(call say,Native: criterion benchmarks)
	cargo bench --benches -- --noplot --warm-up-time 1 --measurement-time 3
	node tools/bench/criterion.mjs
	$(call say,Size and memory)
	node tools/bench/footprint.mjs
	$(call say,Cost growth: 10 KB to 20 MB)
	cargo run --release --example growth > bench-out/growth.jsonl
	$(VENV)/bin/python tools/bench/growth.py
	node tools/bench/report.mjs

# ---------------------------------------------------------------- summary evaluation

# ROUGE of the extractive summary on ../shared/corpora/summaries, Lead-3 beside it (issue 5).
# rouge-score goes in a venv under .make/ (git-ignored); ROUGE_PYTHON=/path/to/python
# uses an existing interpreter that has it instead.
.PHONY: eval-summary
ROUGE_VENV := .make/venv-rouge
ROUGE_PYTHON ?= $(ROUGE_VENV)/bin/python

$(ROUGE_VENV)/.installed:
	$(call say,Creating $(ROUGE_VENV) with rouge-score)
	python3 -m venv $(ROUGE_VENV)
	$(ROUGE_VENV)/bin/pip install -q rouge-score==0.1.2
	@touch $@

# Per fold (BBC category, CNN/DM id groups, news-dev sites), mean ± standard error, Lead-3
# beside; EVAL_SUMMARY_ARGS='--grid FILE' chooses settings by leave-one-fold-out (issue 21).
EVAL_SUMMARY_ARGS ?=
eval-summary: $(CLI) summary-data $(if $(filter $(ROUGE_VENV)/bin/python,$(ROUGE_PYTHON)),$(ROUGE_VENV)/.installed)
	$(call say,Summary ROUGE per fold on the summary corpora (Lead-3 beside))
	$(ROUGE_PYTHON) tools/eval-summary --pith $(CLI) $(EVAL_SUMMARY_ARGS)

# The extra summary corpora built from material beside the project (tools/summary-data says
# what and why), into the git-ignored .make/corpora/summaries/.
.PHONY: summary-data summary-quality eval-dedupe
summary-data: .make/corpora/summaries/newsdev-desc.jsonl
.make/corpora/summaries/newsdev-desc.jsonl: tools/summary-data
	$(call say,Building the extra summary corpora into .make/corpora/summaries)
	python3 tools/summary-data

# How the summaries read: dangling connectives and pronouns, captions and label lines,
# citation marks, summaries that are most of their article (issue 21).
summary-quality: $(CLI) summary-data
	$(call say,Summary quality checks on the summary corpora and the page corpora)
	python3 tools/summary-quality --pith $(CLI)

# De-duplication precision against the human-written bodies of news-dev, per site fold, and
# the duplicate cases (tests/dedupe-cases/ and ../shared/corpora/dedup/) (issue 21).
eval-dedupe: $(CLI)
	$(call say,De-duplication precision against human bodies (news-dev))
	python3 tools/eval-dedupe --pith $(CLI)
	$(call say,Duplicate cases: tests/dedupe-cases and ../shared/corpora/dedup)
	python3 tools/dedupe-cases --pith $(CLI)

# ---------------------------------------------------------------- other

# Click-to-panel time over the readability corpus: the service worker running, then stopped
# before every click (a cold worker). Figures go to BENCHMARKS.md.
bench-click: build
	$(call say,Click to panel: the service worker running)
	node tools/bench/click-to-panel.mjs
	$(call say,Click to panel: the service worker stopped before each click)
	node tools/bench/click-to-panel.mjs --cold

# Rewrites the README's panel pictures (docs/panel-light.png, panel-sepia.png, panel-dark.png and
# the history frame at the article's end, docs/panel-history-{light,dark}.png, from Chromium;
# docs/panel-firefox.png from Firefox ESR).
screenshots: build
	UPDATE_SCREENSHOTS=1 node --test --test-name-pattern=screenshots tests/e2e/panel.test.mjs
	UPDATE_SCREENSHOTS=1 PITH_BROWSER=firefox node --test --test-name-pattern=screenshots tests/e2e/panel.test.mjs

# Every paragraph removed as a duplicate on Readability's 130 test pages, for review;
# fails on a removal not yet in tests/dedupe/readability-reviewed.txt.
.PHONY: dedupe-review
dedupe-review:
	$(call say,Duplicates removed on ../shared/corpora/readability)
	cargo test --test corpus_dedupe -- --ignored --nocapture

# Extraction quality (issue 3): Pith beside dom_smoothie alone, Readability.js + jsdom,
# trafilatura and readability-lxml on the three shared corpora; Pith's worst pages with a
# reason each. The Python peers live in a git-ignored virtualenv (.make/venv-quality) made on first use.
QUALITY_VENV := .make/venv-quality
.PHONY: quality-venv
quality-venv:
	@[ -x $(QUALITY_VENV)/bin/python ] || { python3 -m venv $(QUALITY_VENV) && $(QUALITY_VENV)/bin/pip install -q trafilatura lxml_html_clean; }
	@# readability-lxml apart: pip 23 fails to resolve it together with lxml_html_clean.
	@$(QUALITY_VENV)/bin/python -c 'import readability' 2>/dev/null || $(QUALITY_VENV)/bin/pip install -q readability-lxml

bench-quality: $(CLI) node_modules/.package-lock.json quality-venv
	$(call say,Extraction quality on ../shared/corpora)
	cargo build --release --example smoothie
	TRAFILATURA_PYTHON=$(QUALITY_VENV)/bin/python python3 tools/quality/quality.py

# Extraction quality by fold of sites (issue 18): Pith, trafilatura and Readability.js per
# fold of tools/quality/folds.json, mean ± SE over the validation folds; saved to
# bench-out/cv.json. To judge a change: save a run of each build and
# `python3 tools/quality/cv.py --baseline A.json --candidate B.json` (accept/reject).
.PHONY: bench-cv folds
bench-cv: $(CLI) node_modules/.package-lock.json quality-venv
	$(call say,Extraction quality by fold (validation folds decide))
	python3 tools/quality/folds.py --check
	@mkdir -p bench-out
	TRAFILATURA_PYTHON=$(QUALITY_VENV)/bin/python python3 tools/quality/cv.py --out bench-out/cv.json $(CV_ARGS)

# Pith's whole CLI per page beside trafilatura (with and without metadata) and
# readability-lxml, interleaved in one run on the same 60 Readability pages (issue 18).
.PHONY: bench-peers
bench-peers: $(CLI) quality-venv
	$(call say,Speed beside the Python peers: side by side in one run)
	$(QUALITY_VENV)/bin/python tools/bench/peers_speed.py $(PEERS_ARGS)

# Rewrites tools/quality/folds.json (pages of the corpora by fold, grouped by site).
folds:
	python3 tools/quality/folds.py

# "Is this an article?" (issue 18): precision and recall of pith::is_readerable and of
# clean()'s `readerable` on tests/readerable/labels.tsv (corpus articles, written
# non-articles and hard articles), every miss with a reason.
.PHONY: eval-readerable
eval-readerable: $(CLI)
	$(call say,Is this an article? tests/readerable/labels.tsv)
	cargo build --release --example readerable
	python3 tools/quality/readerable.py $(READERABLE_ARGS)

# The article-page model of src/extract/article_page.rs (issue 18), refitted on the
# training folds (0-2, grouped by site) of tests/readerable/labels.tsv and of the real
# pages of tools/quality/real_pages.tsv (python3 tools/quality/real_pages.py fetches them
# out of the repository, into ../readerable-real), and written into
# the source, with its report: training, validation folds 3-4 and a 5-fold grouped CV
# (`python3 tools/quality/article_page.py` prints the report without writing). Rebuild
# and run make eval-readerable after it.
.PHONY: fit-article-page
fit-article-page:
	$(call say,Fitting the article-page model)
	cargo build --release --example readerable
	python3 tools/quality/article_page.py --write

clean:
	cargo clean
	rm -rf pkg dist .make

# Similar readings: precision@5 of same-category neighbours on the BBC corpus (issue 7).
eval-similarity:
	$(call say,Similar readings: precision@5 and the cross-validated threshold on ../shared/corpora/summaries/bbc-dev.jsonl)
	cargo run --release --example eval_similarity

# ---------------------------------------------------------------- fuzz (issue 9)

# cargo-fuzz (libFuzzer) on the stable toolchain: libFuzzer's coverage instrumentation
# needs unstable rustc flags, which RUSTC_BOOTSTRAP=1 unlocks (no nightly can be fetched
# here); `--sanitizer none` because AddressSanitizer adds nothing to safe Rust.
# Each target runs FUZZ_SECONDS from the saved corpus in fuzz/corpus/<target> (committed,
# small); new inputs go to the git-ignored fuzz/target/corpus/. A crash stops the run and
# leaves its input in fuzz/artifacts/: add it to fuzz/corpus/ (replayed by
# `cargo test --test limits fuzz_corpus`) and fix.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := clean sentences
FUZZ := RUSTC_BOOTSTRAP=1 cargo fuzz

.make/cargo-fuzz:
	@mkdir -p .make
	@command -v cargo-fuzz >/dev/null || { printf '\n\033[1m==> Installing cargo-fuzz (a few minutes, once)\033[0m\n'; cargo install cargo-fuzz; }
	@touch $@

fuzz: .make/cargo-fuzz
	$(call say,Fuzzing $(FUZZ_TARGETS) for $(FUZZ_SECONDS) s each)
	$(FUZZ) build --sanitizer none
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/target/corpus/$$t; \
	  $(FUZZ) run --sanitizer none $$t fuzz/target/corpus/$$t fuzz/corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	    > fuzz/target/$$t.log 2>&1 || { tail -40 fuzz/target/$$t.log; exit 1; }; \
	  printf '%-10s %s\n' "$$t" "$$(grep -E '^Done [0-9]+ runs' fuzz/target/$$t.log)"; \
	done
