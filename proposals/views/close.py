"""办结 of a replied item."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from accounts.decorators import staff_required
from proposals import services
from proposals.forms import CloseForm

from ._actions import act


@staff_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return act(
        request,
        pk,
        form_class=CloseForm,
        panel="close",
        run=lambda p, d: services.proposal_close(
            proposal=p, by=request.user, comment=d["comment"], unevaluated=d["unevaluated"]
        ),
        success="已办结",
    )
