"""Every edit keeps history: who, when, what changed."""

from measures.models import Measure


def test_admin_edit_records_the_editing_user_in_history(client_for, plan):
    client = client_for("processledare")
    measure = Measure.objects.get(plan=plan, code="2.1.2")
    page = client.get(f"/admin/measures/measure/{measure.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name, "") for name in ("plan", "code", "target_area", "need", "status")}
    data.update(
        {
            "need": "Behov av ett utbyggt föräldraskapsstöd i hela kommunen.",
            "traffic_light": "",
            "status_note": "",
            "is_active": "on",
        }
    )
    for prefix in ("activities", "expected_results", "responsibilities"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(f"/admin/measures/measure/{measure.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = measure.history.latest()
    assert latest.history_user.username == "processledare"
    assert latest.need == "Behov av ett utbyggt föräldraskapsstöd i hela kommunen."
    history_page = client.get(f"/admin/measures/measure/{measure.pk}/history/")
    assert "processledare" in history_page.content.decode()
