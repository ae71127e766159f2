"""Plan content in English where the plan has it (issue 13, django-modeltrans): shown on the English public
page, and the Swedish text with a note where it has none."""

import pytest
from django.conf import settings
from django.urls import reverse

from measures.models import Measure
from plan.models import TargetArea
from tests.public.conftest import MEASURE, MEASURE_NEED_WORDS

pytestmark = pytest.mark.django_db
ENGLISH_NEED = "There is a lack of group activities for children of relatives with mental illness."


@pytest.fixture
def english_measure(published_plan):
    measure = Measure.objects.get(plan=published_plan, code=MEASURE)
    measure.need_en = ENGLISH_NEED
    measure.save()
    area = measure.target_area
    area.name_en = "Conditions in early life"
    area.save()
    return measure


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_english_page_shows_the_english_text_where_present(client, english_measure):
    page = (
        english(client)
        .get(reverse("public-measure", args=[english_measure.plan.slug, MEASURE]))
        .content.decode()
    )
    assert ENGLISH_NEED in page
    assert MEASURE_NEED_WORDS not in page
    assert "Conditions in early life" in page


def test_the_english_page_shows_the_swedish_text_and_a_note_where_not(client, english_measure):
    page = english(client).get(reverse("plan-detail", args=[english_measure.plan.slug])).content.decode()
    assert ENGLISH_NEED in page
    # 2.1.4 has no English text: its Swedish need, marked as Swedish, with the note.
    assert '<span lang="sv">Brist på kontaktfamiljer' in page
    assert "only in Swedish" in page


def test_the_swedish_page_keeps_the_swedish_text(client, english_measure):
    page = client.get(reverse("public-measure", args=[english_measure.plan.slug, MEASURE])).content.decode()
    assert MEASURE_NEED_WORDS in page
    assert ENGLISH_NEED not in page


def test_search_finds_the_english_text(client, english_measure):
    url = reverse("plan-detail", args=[english_measure.plan.slug])
    page = english(client).get(url, {"sok": "relatives with mental"}).content.decode()
    assert ENGLISH_NEED in page
    assert "Brist på kontaktfamiljer" not in page


def test_the_english_text_is_edited_in_the_admin_and_kept_in_history(client_for, english_measure):
    admin = client_for("admin")
    page = admin.get(reverse("admin:measures_measure_change", args=[english_measure.pk])).content.decode()
    assert 'name="need_en"' in page
    assert english_measure.history.first().i18n["need_en"] == ENGLISH_NEED
    assert TargetArea.objects.get(pk=english_measure.target_area_id).name_i18n  # falls back to Swedish in sv
