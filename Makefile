# Two commands do everything on a fresh machine:  make build  and  make test.
# J=ca (or J=ca,tx) limits a build to some editions; JOBS=N sets worker processes.
# Sharded (many machines): make plan SHARDS=n; make build SHARD=i/n on each; make merge DIRS="...".
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
RUN := NO_MKDOCS_2_WARNING=1 $(BIN)/python -m ecmguide
J ?=
JOBS ?=
FILE ?=
BASE ?= origin/main
ONLY := $(if $(J),--only $(J))
SHARDS ?= auto
SHARD ?=
PLAN ?= .build/plan.json
CACHE ?=
OUT ?=
DIRS ?= $(sort $(wildcard shards/*))
TIMINGS ?= .build/timings.json

.PHONY: build test test-fast lint pdf serve validate coverage readability translations diff schema check bench lock clean syslibs browser-deps qc qc-round qc-worksheet review-packet record-review watch-sources record-digests pr-check affected plan merge export

# SHARD=i/n builds share i of the plan into shards/<i>/ (OUT= elsewhere); CACHE=dir reuses editions by digest.
build: $(STAMP)
	$(RUN) build $(ONLY) $(if $(JOBS),-j $(JOBS)) $(if $(SHARD),--shard $(SHARD) --plan $(PLAN)) \
	  $(if $(CACHE),--cache $(CACHE)) $(if $(OUT),--out $(OUT))

# Split the editions into SHARDS shares (a number, or auto) of about equal cost; writes PLAN.
plan: $(STAMP)
	$(RUN) plan --shards $(SHARDS) --output $(PLAN) $(if $(wildcard $(TIMINGS)),--timings $(TIMINGS)) \
	  $(if $(GITHUB_OUTPUT),--github-output "$(GITHUB_OUTPUT)")

# Assemble the shards' outputs (DIRS, default shards/*) into site/: every edition exactly once, hub rebuilt.
merge: $(STAMP)
	@test -n "$(DIRS)" || { echo "error: no shard outputs; say which, e.g. make merge DIRS=\"shards/1 shards/2\""; exit 2; }
	$(RUN) merge $(DIRS) --timings $(TIMINGS) $(if $(OUT),--out $(OUT))

# A self-contained copy of one edition of site/ (its own theme files), to deploy alone: export/<code>/.
export: $(STAMP)
	@test -n "$(J)" || { echo "error: say which edition, e.g. make export J=ca-la"; exit 2; }
	$(RUN) export $(J) --out $(or $(OUT),export)

# The full suite CI runs: lint, then every test (sites, PDFs and the browser checks included).
test: $(STAMP) browser-deps lint
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q

# The quick loop while editing: every test that starts no build (under a minute on 2 cores), and lint.
test-fast: $(STAMP) lint
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

pdf: $(STAMP)
	@test -n "$(J)" || { echo "error: say which edition, e.g. make pdf J=ca"; exit 2; }
	$(RUN) build --only $(J) $(if $(JOBS),-j $(JOBS))

serve: $(STAMP)
	@test -n "$(J)" || { echo "error: say which edition, e.g. make serve J=ca"; exit 2; }
	$(RUN) serve $(J)

validate: $(STAMP)
	$(RUN) validate $(FILE)

coverage: $(STAMP)
	$(RUN) coverage

# Which translated messages are behind their English (exit 1 if any); record them with python -m ecmguide translations --record.
translations: $(STAMP)
	$(RUN) translations

# How easy the survivor explainers are to read: every edition's score in both languages (fails above the limits).
readability: $(STAMP)
	$(RUN) readability

# COMMENT_LINK (the workflow run's address) also writes change-report-comment.md, cut to a comment's size.
COMMENT_LINK ?=
diff: $(STAMP)
	$(RUN) diff --base $(BASE) --output change-report.md $(if $(COMMENT_LINK),--comment change-report-comment.md --link $(COMMENT_LINK))

# Weekly, from a scheduled workflow: which official texts changed under recorded facts.
watch-sources: $(STAMP)
	$(RUN) watch --output source-watch.md --json research/source-watch.json

# On main, after facts are reviewed: digests of their official-text pages (research/source-digests.json).
record-digests: $(STAMP)
	$(RUN) watch --record

# The pull-request path: validate everything; the 12-month currency rule as an error for the facts the pull
# request changes; if only data changed, build and check only the editions it touches; otherwise the full suite.
pr-check: $(STAMP) browser-deps
	$(RUN) validate
	$(RUN) currency --base $(BASE)
	@set -e; editions=$$($(RUN) affected --base $(BASE)); echo "affected editions: $$editions"; \
	if [ "$$editions" = all ]; then $(MAKE) --no-print-directory test; \
	elif [ -n "$$editions" ]; then CHECK_EDITIONS=$$editions CHECK_OUT=site CHECK_HOSTILE=0 \
	  NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/check_site.py; \
	else echo "no edition is affected"; fi

# Attorney review: a packet (PDF and CSV worksheet) for J=<code>; record the returned worksheet FILE= with ROLE=.
ROLE ?=
review-packet: $(STAMP)
	@test -n "$(J)" || { echo "error: say which jurisdiction, e.g. make review-packet J=tx"; exit 2; }
	$(RUN) review-packet $(J)

record-review: $(STAMP)
	@test -n "$(J)" -a -n "$(FILE)" -a -n "$(ROLE)" || { echo "error: e.g. make record-review J=tx FILE=worksheet.csv ROLE=\"attorney, Texas bar\""; exit 2; }
	$(RUN) record-review $(J) --file "$(FILE)" --role "$(ROLE)"

# Double coding. ROUND=<name> (research/qc/<name>/): make qc-round draws it from SNAPSHOT (default HEAD);
# make qc-worksheet writes a batch's blind questions; make qc compares, after checking the commits' order.
ROUND ?=
BATCH ?= batch-1
SNAPSHOT ?= HEAD
qc: $(STAMP)
	$(RUN) qc $(if $(ROUND),--round $(ROUND))

qc-round: $(STAMP)
	@test -n "$(ROUND)" || { echo "error: name the round, e.g. make qc-round ROUND=2027-01"; exit 2; }
	$(RUN) qc-round --name $(ROUND) --snapshot $(SNAPSHOT)

qc-worksheet: $(STAMP)
	@test -n "$(ROUND)" || { echo "error: name the round, e.g. make qc-worksheet ROUND=2027-01 BATCH=batch-1"; exit 2; }
	@$(RUN) qc-worksheet --round $(ROUND) --batch $(BATCH)

schema: $(STAMP)
	$(RUN) schema

check: $(STAMP) browser-deps
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/check_site.py

bench: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/bench.py

# Re-resolve exact pins from requirements.in (needs the network to PyPI).
lock:
	rm -rf .venv-lock && $(PY) -m venv .venv-lock && .venv-lock/bin/pip install -q -r requirements.in
	(echo "# Exact pins resolved from requirements.in; regenerate with 'make lock'."; .venv-lock/bin/pip freeze) > requirements.lock
	rm -rf .venv-lock

$(STAMP): requirements.lock
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11 or newer is needed; install python3 (Debian: apt-get install python3 python3-venv)"; exit 1; }
	@$(PY) -m venv --help >/dev/null 2>&1 || { echo "error: python3 venv is missing; install it (Debian: apt-get install python3-venv)"; exit 1; }
	rm -f $(VENV)/.installed-*
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	@$(MAKE) --no-print-directory syslibs
	touch $@

# WeasyPrint needs Pango and a font. Install them with apt where we can; otherwise say how, in one line.
syslibs:
	@$(BIN)/python -c "import weasyprint" 2>/dev/null && fc-list 2>/dev/null | grep -qi dejavu || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null)); \
	  fi; \
	  $(BIN)/python -c "import weasyprint" 2>/dev/null && fc-list | grep -qi dejavu || { \
	    echo "error: WeasyPrint needs Pango and the DejaVu fonts; run: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; exit 1; }; }

# Chromium, Java and the npm checkers used by `make check` (axe-core, vnu-jar, playwright-core).
browser-deps:
	@bash scripts/install_browser_deps.sh

clean:
	rm -rf site .site.staging-* change-report.md shards export
