# Llwybr: `make run` starts the whole system (embedded mode); `make test` runs every test.
# Both install what is missing and are safe to re-run. `make` alone lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
UV_HOME ?= $(HOME)/.cache/llwybr/uv-$(UV_VERSION)
UV ?= $(shell command -v uv 2>/dev/null || echo $(UV_HOME)/bin/uv)
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
RUN := $(UV) run --frozen --no-sync

.PHONY: help run run-stack stop-stack test install uv infra-up infra-down k8s-tools browser keycloak lint format unit schemas bench clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

# make run SAMPLE=0 (or LLWYBR_SAMPLE_DATA=0 make run): start without the sample data; the same
# for make run-stack.
SAMPLE ?= $(or $(LLWYBR_SAMPLE_DATA),1)

run: install ## start the whole system in embedded mode on http://127.0.0.1:8000 with sample data (SAMPLE=0: none)
	LLWYBR_MODE=embedded LLWYBR_SAMPLE_DATA=$(SAMPLE) $(RUN) python -m gateway

run-stack: install infra-up ## each deployable its own process on PostgreSQL + Kafka (stack mode) with sample data (SAMPLE=0: none); logs in var/stack
	LLWYBR_SAMPLE_DATA=$(SAMPLE) $(RUN) python -m gateway.stack

stop-stack: ## stop what make run-stack started (PostgreSQL and Kafka keep running)
	@pid="$$(cat "$${LLWYBR_STACK_DIR:-var/stack}/run-stack.pid" 2>/dev/null)"; \
	if [ -n "$$pid" ] && kill -TERM "$$pid" 2>/dev/null; then \
	  while kill -0 "$$pid" 2>/dev/null; do sleep 0.2; done; echo "stack stopped"; \
	else echo "no stack running"; fi

test: install infra-up k8s-tools browser keycloak lint unit ## start PostgreSQL and Kafka if needed, then lint, types and every test

install: uv ## install the locked dependencies into .venv
	$(UV) sync --frozen --all-packages --quiet

uv: ## install uv (pinned) if it is not on PATH
	@if [ ! -x "$(UV)" ]; then \
	  echo "installing uv $(UV_VERSION) into $(UV_HOME)"; \
	  "$(PYTHON)" -m venv "$(UV_HOME)" && "$(UV_HOME)/bin/pip" install --quiet "uv==$(UV_VERSION)"; \
	fi

infra-up: ## start PostgreSQL (127.0.0.1:55432) and Kafka (127.0.0.1:9092) unless already up
	bash scripts/postgres.sh start
	bash scripts/kafka.sh start
	bash scripts/fonts.sh ensure

infra-down: ## stop PostgreSQL and Kafka (and a Keycloak make test started)
	bash scripts/keycloak.sh stop
	bash scripts/kafka.sh stop
	bash scripts/postgres.sh stop

k8s-tools: install ## kustomize, kubeconform and the Kubernetes/Strimzi/CloudNativePG schemas (cached)
	bash scripts/k8s-tools.sh ensure

keycloak: ## start Keycloak in the background for the console's sign-in test (fetched once; its first start takes minutes)
	bash scripts/keycloak.sh start-background

browser: ## Debian's chromium and chromium-driver, for the console's browser tests (installed once)
	bash scripts/browser.sh ensure

lint: install ## ruff, formatting, mypy --strict, import-linter
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy .
	$(RUN) lint-imports

format: install ## apply ruff's fixes and formatting
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

unit: install ## pytest only (needs the servers for integration tests)
	$(RUN) pytest

schemas: install ## regenerate contracts/schemas (JSON Schema + AsyncAPI), gateway/openapi.json and the Python SDK
	$(RUN) python -m contracts
	$(RUN) python -m gateway.openapi
	$(RUN) python sdk/python/generate.py

bench: install infra-up ## benchmarks that print figures (bench/results/*.json; bench/README.md)
	$(RUN) python -m bench.replay
	$(RUN) python -m bench.commands
	$(RUN) python -m bench.bulk
	$(RUN) python -m bench.rebuild
	$(RUN) python -m bench.provision
	$(RUN) python bench/webhooks.py
	$(RUN) python -m bench.summary

clean: ## stop the servers and remove var/ and .venv
	-bash scripts/kafka.sh clean
	-bash scripts/postgres.sh stop
	rm -rf var .venv
