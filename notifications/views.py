"""The user's own notifications: the list, opening one, marking read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from notifications import services
from notifications.models import TODO, Notification

PAGE_SIZE = 30


@require_GET
@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"  # "待处理": what the bell counts
    qs = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
    if unread_only:
        qs = qs.filter(TODO)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread_only": unread_only, "unread_total": services.unread_count(request.user)},
    )


@require_GET
@login_required
def notification_open(request, pk: int):
    """Open a notification: it becomes read and the reader goes to the page it points to."""
    notification = services.notification_mark_read(user=request.user, pk=pk)
    target = notification.link
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_read(request, pk: int):
    services.notification_mark_read(user=request.user, pk=pk)
    return redirect(_back(request))


@require_POST
@login_required
def notifications_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    left = services.todo_count(request.user)
    text = f"已将 {count} 条通知标为已读" if count else "没有未读通知"
    if left:
        text += f"；还有 {left} 条待办通知，办理完成后自动消除"
    messages.success(request, text)
    return redirect(_back(request))


def _back(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:list"
