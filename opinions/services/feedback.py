"""Feedback (末端反馈): what the citizen is told about a suggestion's outcome, and their rating."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone

from opinions.figure_snapshots import figures_changed
from opinions.models import Opinion, OpinionState, Satisfaction, TriageStep
from opinions.outcome import answer_published
from opinions.services._common import fed_back, step, take
from proposals.errors import DomainError
from proposals.services._base import claim, service, today
from publicsite.models import Publication
from publicsite.selectors import live_publications


def suggestion_answered(opinion: Opinion) -> bool:
    proposal = opinion.suggestion
    return proposal is not None and proposal.first_replied_on is not None


@service
def opinion_release_outcome(*, opinion: Opinion, by, summary: str, on: dt.date | None = None) -> Opinion:
    """Release to the citizen a summary of how the suggestion made from their opinion was answered."""
    take(opinion=opinion, by=by, allowed=(OpinionState.SUGGESTED,), action="公布办理结果")
    if not suggestion_answered(opinion):
        raise DomainError("据此提出的建议尚未答复，不能公布办理结果")
    summary = (summary or "").strip()
    if len(summary) < 5:
        raise DomainError("请填写向群众公布的办理结果（至少5个字）")
    on = on or today()
    if on > today() or on < opinion.suggestion.first_replied_on:
        raise DomainError("公布日期须在建议答复之后、不晚于今天")
    step(opinion=opinion, by=by, decision=TriageStep.Decision.RELEASE, reason="建议已答复", answer=summary, on=on)
    opinion.released_summary, opinion.released_on = summary, on
    opinion.save(update_fields=["released_summary", "released_on", "version", *fed_back(opinion, on)])
    return opinion


@service
def opinion_rate(*, opinion: Opinion, result: str, comment: str = "") -> Opinion:
    """The citizen says whether they are satisfied — once there is an answer (fed back, or the suggestion's
    answer published), and once only."""
    if result not in Satisfaction.values:
        raise DomainError("请选择满意、基本满意或不满意")
    head = opinion.merged_into or opinion
    published = answer_published(head.suggestion, today=today())
    if opinion.fed_back_on is None and head.fed_back_on is None and not published:
        raise DomainError("您的意见还没有答复，答复后可以评价")
    if opinion.satisfaction:
        raise DomainError("您已评价过，感谢您的反馈")
    claim(opinion)
    opinion.satisfaction = result
    opinion.satisfaction_comment = (comment or "").strip()[:500]
    opinion.satisfaction_at = timezone.now()
    opinion.save(update_fields=["satisfaction", "satisfaction_comment", "satisfaction_at", "version"])
    return opinion


@service
def published_answers_feed_back(*, today: dt.date) -> int:
    """The daily scan: a suggestion made from opinions whose answer is now on the public pages has fed the
    answer back to those citizens (they read it on the query page). Records ``fed_back_on`` — the
    publication day — on the opinions it was made from and on those merged under them, once (a
    conditional UPDATE, so a second run or a second machine changes nothing). Returns how many."""
    live = live_publications(today=today)
    heads = Opinion.objects.filter(state=OpinionState.SUGGESTED).filter(
        Exists(live.filter(proposal_id=OuterRef("suggestion_id")))
    )
    publish_on = Publication.objects.filter(proposal_id=OuterRef("suggestion_id")).values("publish_on")[:1]
    fed = heads.filter(fed_back_on__isnull=True).update(fed_back_on=Subquery(publish_on), version=F("version") + 1)
    head_publish_on = Publication.objects.filter(proposal__source_opinions=OuterRef("merged_into_id")).values(
        "publish_on"
    )[:1]
    fed += Opinion.objects.filter(merged_into__in=heads.values("pk"), fed_back_on__isnull=True).update(
        fed_back_on=Subquery(head_publish_on), version=F("version") + 1
    )
    if fed:
        figures_changed()
    return fed
