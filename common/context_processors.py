from django.utils.functional import SimpleLazyObject

from common.office import office_name


def office(request):
    """``office_name`` for the header, footer and login page (read only when a template shows it)."""
    return {"office_name": SimpleLazyObject(office_name)}
