from governance import permissions


def roles(request):
    user = request.user
    return {
        "is_process_leader": lambda: permissions.is_process_leader(user),
        "can_record_meetings": lambda: permissions.can_record_meetings(user),
        "user_office_ids": lambda: permissions.office_ids(user),
    }
