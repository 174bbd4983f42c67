"""Where notifications about opinions take their reader."""

from __future__ import annotations

from notifications.links import first_url


def unit_referral(referral_id: int) -> str:
    return first_url([("opinions:referral", {"pk": referral_id})], "unitportal:inbox")


def opinion(opinion_id: int) -> str:
    return first_url([("opinions:detail", {"pk": opinion_id})], "accounts:home")
