# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := out
DB     := sqlite:///$(OUT)/lagebild.db

.PHONY: run test eval lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/lagebild ingest examples --db $(DB)
	$(BIN)/lagebild export --db $(DB) --format jsonl -o $(OUT)/events.jsonl
	$(BIN)/lagebild export --db $(DB) --format acled -o $(OUT)/events.csv
	$(BIN)/lagebild events --db $(DB)
	$(BIN)/lagebild incidents --db $(DB)
	@echo
	@echo "database: $(OUT)/lagebild.db   events JSONL: $(OUT)/events.jsonl   CSV: $(OUT)/events.csv"
	@echo "browse them: $(BIN)/lagebild serve --db $(DB)   then open http://127.0.0.1:8000/"

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
