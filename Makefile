# One command each to set up, run, test, lint and benchmark. Needs only python3 (3.11+) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup run serve demo test unit fuzz lint typecheck format bench lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

run: setup demo
	$(BIN)/duban serve --host 127.0.0.1 --port 8000

serve: setup
	$(BIN)/duban serve --host 127.0.0.1 --port 8000

demo: setup
	$(BIN)/duban demo

test: setup lint typecheck
	$(BIN)/pytest -q

unit: setup
	$(BIN)/pytest -q tests/unit

# the API fuzzed from its OpenAPI schema on SQLite and PostgreSQL, at length (make test runs
# the same with 12 examples an operation); FUZZ_EXAMPLES=N to go longer still
FUZZ_EXAMPLES ?= 100
fuzz: setup
	DUBAN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/fuzz

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python -m bench

lock: setup
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -c requirements.lock -o requirements-runtime.lock

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
