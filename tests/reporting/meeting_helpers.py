from governance.models import SteeringGroupMember


def meeting_post(plan, *, date="2024-03-14", agenda=(), decisions=(), attendees=None, **extra):
    """POST data for the meeting form: agenda items as (title, codes), decisions as (number, text, codes).

    The version is that of a new or never-edited meeting; pass version=... after edits."""
    if attendees is None:
        attendees = list(
            SteeringGroupMember.objects.filter(steering_group__plan=plan).values_list("pk", flat=True)[:3]
        )
    data = {
        "date": date,
        "location": "Kommunhuset, Norrtälje",
        "attendees": [str(pk) for pk in attendees],
        "minutes": "Styrgruppen gick igenom årets uppföljning.",
        "version": "0",
        "punkt-TOTAL_FORMS": str(len(agenda)),
        "punkt-INITIAL_FORMS": "0",
        "beslut-TOTAL_FORMS": str(len(decisions)),
        "beslut-INITIAL_FORMS": "0",
    }
    for i, (title, codes) in enumerate(agenda):
        data.update(
            {f"punkt-{i}-position": str(i + 1), f"punkt-{i}-title": title, f"punkt-{i}-measures": codes}
        )
    for i, (number, text, codes) in enumerate(decisions):
        data.update({f"beslut-{i}-number": number, f"beslut-{i}-text": text, f"beslut-{i}-measures": codes})
    data.update(extra)
    return data
