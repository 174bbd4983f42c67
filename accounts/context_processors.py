from accounts.roles import ROLE_LABELS, role_of


def roles(request):
    user = getattr(request, "user", None)
    role = role_of(user) if user is not None else None
    return {"user_role": role, "user_role_label": ROLE_LABELS.get(role, "")}
