PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FIXTURES := fixtures/reference.json fixtures/plan_tillsammans.json fixtures/indicators_tillsammans.json fixtures/demo_region.json
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run serve test install lint check-deploy load browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

load: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddata $(FIXTURES)
	$(BIN)/python manage.py load_demo_users

# The web server and the task worker (background work such as freezing the annual report) together:
# Ctrl-C stops both, and so does the server stopping.
RUN_PORT ?= 8000

run: load
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' INT TERM EXIT; \
	$(BIN)/python manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(RUN_PORT)

# Production-like on this machine: DEBUG off, hashed and compressed static files, gunicorn.
# Plain HTTP on localhost, so secure cookies, the HTTPS redirect and HSTS stay off unless set
# (behind nginx with TLS they are on: docs/deploy.md). PORT, HOST, WEB_CONCURRENCY and every
# variable of the settings are read as usual.
SERVE_ENV = DEBUG=0 \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" \
	SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" \
	SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}"

.secret_key:
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: install .secret_key
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(SERVE_ENV) exec $(BIN)/gunicorn --config config/gunicorn.conf.py

# Browser tests drive Debian's chromium (installed where it is missing) and inject axe-core
# from the npm registry for the accessibility checks.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --no-package-lock --silent

# Two workers (the machine's cores); each builds its own test database and loads the real plan once.
PYTEST_WORKERS ?= 2

test: install browser-deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install check-deploy
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

# Django's deployment checklist with the variables of deploy/tillsammans.env.example.
check-deploy: install
	DEBUG=0 SECRET_KEY="check-deploy-$$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
		ALLOWED_HOSTS=tillsammans.example.se SITE_URL=https://tillsammans.example.se \
		CSRF_TRUSTED_ORIGINS=https://tillsammans.example.se \
		SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
