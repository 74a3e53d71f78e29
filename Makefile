# Targetline — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test deps deps-test fmt lint unit e2e cli bundle bench-split bench-import bench-variance bench-plan bench-gantt bench-grid

## Opens the app (installs missing system packages, builds, starts; the demo company on first launch).
run: deps
	cargo run --bin targetline

## Runs every test: formatting, lints, unit and command tests, and the real window under Xvfb.
test: deps-test fmt lint unit e2e

deps:
	@./scripts/deps.sh

deps-test:
	@./scripts/deps.sh --test

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --all-targets -- -D warnings

unit:
	cargo test --workspace
	node --test ui/tests/

e2e:
	./scripts/e2e.sh --skip bench_

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

## Installers for this platform (.deb/.AppImage/.rpm on Linux, .msi/.exe on Windows, .dmg/.app on macOS).
bundle: deps
	npx --yes @tauri-apps/cli@2 build

bench-split:
	cargo run --release -p targetline-cli -- bench split

bench-import:
	cargo run --release -p targetline-cli -- bench import

bench-variance:
	cargo run --release -p targetline-cli -- bench variance

bench-plan:
	cargo run --release -p targetline-cli -- bench plan
