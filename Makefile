# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := out
# The database: lagebild's default ($LAGEBILD_DB, else lagebild.db in the user data directory), the same
# one `lagebild events`, `lagebild serve` and the other commands use when no --db is given.

.PHONY: run test eval lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/lagebild ingest examples
	$(BIN)/lagebild export --format jsonl -o $(OUT)/events.jsonl
	$(BIN)/lagebild export --format acled -o $(OUT)/events.csv
	$(BIN)/lagebild export --format acled --level incident -o $(OUT)/incidents.csv
	$(BIN)/lagebild events
	$(BIN)/lagebild incidents
	@echo
	@$(BIN)/lagebild info
	@echo "exports: $(OUT)/events.jsonl, $(OUT)/events.csv (one row per report), $(OUT)/incidents.csv (one per incident)"
	@echo "browse them: $(BIN)/lagebild serve   then open http://127.0.0.1:8000/"
	@echo "lagebild on your PATH for this shell: . $(BIN)/activate"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/lagebild eval
	$(BIN)/python bench/noise.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/geocode.py
	$(BIN)/python bench/linking.py
	$(BIN)/python bench/export.py 20000

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
