import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

PLAN_SLUG = "tillsammans-for-psykisk-halsa"
FIXTURES = [
    str(settings.BASE_DIR / "fixtures" / name) for name in ("reference.json", "plan_tillsammans.json")
]
DEMO_PASSWORD = "tillsammans-demo"


def load_real_plan():
    call_command("loaddata", *FIXTURES, verbosity=0)
    call_command("load_demo_users", force=True, stdout=open(os.devnull, "w"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real plan and the demo users."""
    with django_db_blocker.unblock():
        load_real_plan()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Cached pages are keyed by history ids, which a rolled-back test database hands out again."""
    from django.core.cache import caches

    caches["pages"].clear()


@pytest.fixture
def plan(db):
    from plan.models import ActionPlan

    return ActionPlan.objects.get(slug=PLAN_SLUG)


@pytest.fixture
def user(db):
    """user('rapportor.soc') -> that demo user."""
    return lambda username: get_user_model().objects.get(username=username)


@pytest.fixture
def client_for(client, user):
    """client_for('rapportor.soc') -> a test client logged in as that demo user."""

    def login(username):
        client.force_login(user(username), backend=settings.AUTHENTICATION_BACKENDS[-1])
        return client

    return login
