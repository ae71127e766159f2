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
