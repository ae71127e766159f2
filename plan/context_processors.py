from django.utils.functional import SimpleLazyObject

from governance import permissions
from plan.models import ActionPlan


def roles(request):
    """Role flags and the main plan for the navigation; evaluated only when a template uses them."""
    user = request.user
    return {
        "is_process_leader": lambda: permissions.is_process_leader(user),
        "can_record_meetings": lambda: permissions.can_record_meetings(user),
        "main_plan": SimpleLazyObject(lambda: ActionPlan.objects.public().first()),
    }
