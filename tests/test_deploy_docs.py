"""The deployment guide documents every environment variable the settings and gunicorn read."""

import re

from tests.servers import BASE_DIR

SOURCES = ["config/settings.py", "config/gunicorn.conf.py"]
READ = re.compile(r"""(?:getenv|envbool|envlist|envadmins)\(\s*["']([A-Z0-9_]+)["']""")


def test_every_environment_variable_is_in_the_deployment_guide():
    names = {name for source in SOURCES for name in READ.findall((BASE_DIR / source).read_text())}
    guide = (BASE_DIR / "docs" / "deploy.md").read_text()
    assert len(names) > 30
    assert sorted(name for name in names if f"`{name}`" not in guide) == []


def test_the_systemd_unit_runs_the_gunicorn_configuration_the_tests_boot():
    unit = (BASE_DIR / "deploy" / "tillsammans.service").read_text()
    assert "gunicorn --config config/gunicorn.conf.py" in unit
    assert "EnvironmentFile=/etc/tillsammans/tillsammans.env" in unit


def test_the_worker_unit_runs_the_database_task_worker_and_the_guide_installs_it():
    unit = (BASE_DIR / "deploy" / "tillsammans-worker.service").read_text()
    assert "manage.py db_worker" in unit and "--no-reload" in unit
    assert "EnvironmentFile=/etc/tillsammans/tillsammans.env" in unit
    guide = (BASE_DIR / "docs" / "deploy.md").read_text()
    assert "systemctl enable --now tillsammans.service tillsammans-worker.service" in guide


def test_make_run_starts_the_web_server_and_the_task_worker_and_stops_both():
    makefile = (BASE_DIR / "Makefile").read_text()
    recipe = makefile.split("\nrun: load\n", 1)[1].split("\n\n", 1)[0]
    assert "manage.py db_worker" in recipe and "manage.py runserver" in recipe
    assert "trap 'kill $$worker" in recipe and "INT TERM EXIT" in recipe
