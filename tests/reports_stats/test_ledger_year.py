"""A whole year imported from a hand-made ledger (data/ledger_2025.csv, 40 rows), every figure counted by hand.

The rows are referred to by their 编号 (#1 … #40; #28 is 2024-031 of 2024, #37 is 001 of 2026).
Units: 交通 = 市交通运输局, 住建 = 市住房和城乡建设局, 教育 = 市教育局, 公安 = 市公安局, 生态 = 市生态环境局,
卫健 = 市卫生健康委员会, 民政 = 市民政局, 财政 = 市财政局. Due = 交办日期 + 3 months unless 答复期限 is given;
an imported 延期至 counts on every day. The ledger dates a contact on the 答复日期 (or the 交办日期).

Row: kind (submitted, when not January/February) · units (协 = co-unit) · 交办 → due · first reply · first rating ·
re-handling · 办结 · contact.
 1 建议 · 交通 · 02-10→05-10 · 04-20 A · 满意 05-05 · – · 05-05 · 面谈
 2 建议 · 交通, 协 公安 · 02-10→05-10 · 05-08 B · 基本 05-20 · – · 05-20 · 电话
 3 建议 重点督办 · 交通, 协 财政 · 02-10→05-10 · 06-15 C · 不满 06-25 · 07-20 B, 满意 08-01 · 08-01 · 座谈会
 4 建议 · 交通 · 03-01→05-31 (答复期限), 延期至 07-31 · 07-15 A · – · – · – · 上门
 5 建议 · 分办 交通、住建 · 03-01→06-01 · 05-25 B · 满意 06-10 · – · 06-10 · 视察调研
 6 建议 (08-01) · 交通 · 08-15→11-15 · – · – · – · – · –
 7 建议 · 住建 · 02-10→05-10 · 04-28 A · 满意 05-10 · – · 05-10 · 面谈
 8 建议 · 住建, 协 交通、生态 · 02-10→05-10 · 05-12 B · 基本 05-30 · – · 05-30 · 无
 9 议案 转为建议 · 住建 · 03-20→06-20 · 06-18 D · 不满 07-01 · 07-25 C, 基本 08-10 · 08-10 · –
10 建议 · 住建 · 04-01→07-01 · 06-30 A · – · – · 08-15 · 电话
11 建议 · 民政, 协 交通 · 02-25→05-25 · 05-20 B · 不满 06-05 · none yet (due 07-05) · – · 书信
12 建议 (08-10) 重点督办 · 住建 · 08-20→11-20 · – · – · – · – · –
13 建议 · 教育 · 02-10→05-10 · 03-30 A · 满意 04-10 · – · 04-10 · 面谈
14 建议 · 教育 · 02-10→05-10 · 04-15 A · 满意 04-30 · – · 04-30 · 座谈会
15 建议 · 教育, 协 卫健 · 02-10→05-10 · 05-05 B · 基本 05-15 · – · 05-15 · 书信
16 建议 (05-20) · 教育 · 06-01→09-01 · 08-20 B · – · – · – · 邮件
17 建议 (10-15) · 教育 · 11-01→2026-02-01 · – · – · – · – · –
18 建议 · 公安 · 02-10→05-10 · 05-20 C · 不满 06-01 · 06-25 B, 不满 07-10 (round 3 due 08-10) · – · 电话
19 建议 · 公安 · 02-10→05-10 · 05-09 A · 满意 05-20 · – · 05-20 · –
20 建议 重点督办 · 公安 · 03-15→06-15 · – · – · – · – · 面谈 (dated 交办日期)
21 建议 (03-25) · 公安 · 04-10→07-10 · 07-05 D · 不满 07-20 · none yet (due 08-20) · – · 其他
22 议案 转为建议, no 领域 · 分办 公安、生态 · 04-10→07-10 · 07-08 B · 满意 07-25 · – · 07-25 · 视察调研
23 建议 (04-20) · 生态 · 05-10→08-10 · 08-01 A · 满意 08-20 · – · 08-20 · 上门
24 建议 (12-01) not assigned;  25, 35 议案 列入议程;  26, 39 议案 不列入议程;  27 议案 pending;
29 议案 转为建议 not assigned;  28 a 2024 item;  34 建议 (12-20) no 领域, not assigned;  37 a 2026 item
30 建议 (07-15) · 卫健 · 07-20→10-20 · 10-10 A · 满意 10-25 · – · 10-25 · 面谈
31 建议 · 民政 · 02-20→05-20 · 05-25 C · – · – · 06-30 · 无
32 建议 (03-01) · 分办 卫健、生态 · 03-10→06-10 · 06-12 A · 基本 06-28 · – · 06-28 · 座谈会
33 建议 (09-01) · 民政 · 09-10→12-10 · – · – · – · – · –
36 建议 · 卫健 · 02-15→04-30 (答复期限) · 04-25 B · 不满 05-05 · 05-30 A, 基本 06-10 · 06-10 · 电话
38 建议 (06-20) · 生态, 协 卫健 · 06-28→09-28 · 09-20 D · 满意 10-01 · – · 10-01 · –
40 建议 (05-01) · 民政 · 05-15→08-15, 延期至 10-15 · 09-30 B · – · – · – · 面谈
"""

from pathlib import Path

import pytest
import time_machine

from ledger.services import ledger_import
from reports.statistics import annual_report, monthly_report
from tests.reports_stats.conftest import D

pytestmark = pytest.mark.django_db

LEDGER = Path(__file__).parent / "data" / "ledger_2025.csv"
交通, 住建, 教育, 公安 = "市交通运输局", "市住房和城乡建设局", "市教育局", "市公安局"
生态, 卫健, 民政 = "市生态环境局", "市卫生健康委员会", "市民政局"


@pytest.fixture
def ledger(db):
    with time_machine.travel("2026-03-01 10:00 +0800", tick=False):
        report = ledger_import(file=LEDGER, filename=LEDGER.name)
    assert report.imported == 40


def unit_row(unit, lead, co, replied, on_time, due_or_replied, on_time_rate, evaluated, satisfied, sat_rate, rank):
    return {
        "unit": unit, "lead_items": lead, "co_items": co, "replied": replied, "replied_on_time": on_time,
        "due_or_replied": due_or_replied, "on_time_rate": on_time_rate, "evaluated": evaluated,
        "satisfied": satisfied, "satisfaction_rate": sat_rate, "rank": rank,
    }  # fmt: skip


# --- as of 2025-12-31 ------------------------------------------------------------------------------------------


def test_year_end_totals(ledger):
    totals = annual_report(year=2025, as_of=D(2025, 12, 31))["totals"]
    assert totals == {
        "items": 38,  # 40 rows less #28 (2024) and #37 (2026)
        "suggestions": 33,  # 30 建议 (1–8, 10–21, 23, 24, 30–34, 36, 38, 40) + 3 converted (9, 22, 29)
        "motions": 5,  # 25, 26, 27, 35, 39
        "motions_to_agenda": 2,  # 25, 35
        "motions_converted": 3,  # 9, 22, 29
        "assigned": 30,  # S less 24, 29, 34
        "replied": 25,  # assigned less the unanswered 6, 12, 17, 20, 33
        "replied_on_time": 20,  # 25 less the late 3 (06-15>05-10), 8 (05-12>05-10), 18, 31 (05-25>05-20), 32
        "due_or_replied": 29,  # 25 + unanswered and past due: 6 (11-15), 12 (11-20), 20 (06-15), 33 (12-10)
        "overdue_open": 4,  # 6, 12, 20, 33 (17 is due 2026-02-01)
        "closed": 19,  # 1 2 3 5 7 8 9 10 13 14 15 19 22 23 30 31 32 36 38
        "evaluated_first": 20,
        "satisfied_first": 10,  # 1 5 7 13 14 19 22 23 30 38
        "basically_satisfied_first": 4,  # 2 8 15 32
        "unsatisfied_first": 6,  # 3 9 11 18 21 36
        "evaluated_final": 20,
        "satisfied_final": 11,  # the 10 above + 3 (re-handled, 满意)
        "basically_satisfied_final": 6,  # 2 8 15 32 + 9, 36 (re-handled, 基本满意)
        "unsatisfied_final": 3,  # 18 (不满意 twice), 11 and 21 (no re-handling reply yet)
        "face_to_face": 12,  # replied with 面谈/座谈会/上门/视察调研: 1 3 4 5 7 13 14 22 23 30 32 40 (not 20: no reply)
        "key_supervision": 3,  # 3 12 20
    }


def test_year_end_rates_categories_and_fields(ledger):
    report = annual_report(year=2025, as_of=D(2025, 12, 31))
    assert report["rates"] == {
        "reply_rate": 0.8333,  # 25 / 30
        "on_time_rate": 0.6897,  # 20 / 29 = 0.68965…
        "closure_rate": 0.6333,  # 19 / 30
        "first_satisfaction_rate": 0.7,  # (10 + 4) / 20
        "satisfaction_rate": 0.85,  # (11 + 6) / 20
        "solved_or_planned_rate": 0.84,  # (A 11 + B 10) / 25
        "face_to_face_rate": 0.48,  # 12 / 25
    }
    # Latest reply: A 1 4 7 10 13 14 19 23 30 32 36(re) · B 2 3(re) 5 8 11 15 16 18(re) 22 40 · C 9(re) 31 · D 21 38
    assert report["categories"] == {"A": 11, "B": 10, "C": 2, "D": 2}
    assert list(report["fields"].items()) == [
        ("交通", 6),  # 1 2 3 4 6 11
        ("城乡建设", 6),  # 5 7 8 9 10 12
        ("教育", 6),  # 13 14 15 16 17 24
        ("社会治理", 4),  # 18 19 20 21
        ("卫生健康", 3),  # 30 32 36
        ("民政", 3),  # 31 33 40
        ("生态环境", 2),  # 23 38
        ("法制", 1),  # 29
        ("未分类", 2),  # 22 34
    ]


def test_year_end_units_and_their_ranks_with_a_tie(ledger):
    units = annual_report(year=2025, as_of=D(2025, 12, 31))["units"]
    assert units == [
        # 教育 leads 13–17; replied 13 14 15 16, all on time; 17 not due; rated 13 14 15, all good.
        unit_row(教育, 5, 0, 4, 4, 4, 1.0, 3, 3, 1.0, 1),
        # 交通 leads 1–6 (5 分办), co 8 11; replied 1–5, late 3; 6 overdue → 4/6; rated 1 2 3(re 满意) 5 → 4/4.
        unit_row(交通, 6, 2, 5, 4, 6, 0.6667, 4, 4, 1.0, 2),
        # 住建 leads 5 7 8 9 10 12; replied 5 7 8 9 10, late 8; 12 overdue → 4/6; rated 5 7 8 9(re 基本) → 4/4. Tie.
        unit_row(住建, 6, 0, 5, 4, 6, 0.6667, 4, 4, 1.0, 2),
        # 公安 leads 18–22 (22 分办), co 2; replied 18 19 21 22, late 18; 20 overdue → 3/5; good: 19 22 of 4 → 0.5.
        unit_row(公安, 5, 1, 4, 3, 5, 0.6, 4, 2, 0.5, 4),
        # Unranked, by name. 卫健 leads 30 32 36, co 15 38; late 32; rated 30 32 36(re 基本).
        unit_row(卫健, 3, 2, 3, 2, 3, 0.6667, 3, 3, 1.0, None),
        # 民政 leads 11 31 33 40; late 31; 33 overdue → 2/4; rated only 11 (不满意).
        unit_row(民政, 4, 0, 3, 2, 4, 0.5, 1, 0, 0.0, None),
        # 生态 leads 22 23 32 38 (22, 32 分办), co 8; late 32 → 3/4; all 4 rated good.
        unit_row(生态, 4, 1, 4, 3, 4, 0.75, 4, 4, 1.0, None),
        # 市财政局 only co-handles #3: not listed.
    ]


# --- as of 2025-06-30 ------------------------------------------------------------------------------------------


def test_mid_year_totals(ledger):
    totals = annual_report(year=2025, as_of=D(2025, 6, 30))["totals"]
    assert totals == {
        "items": 31,  # 38 less those submitted after 06-30: 6 12 17 24 30 33 34
        "suggestions": 26,
        "motions": 5,
        "motions_to_agenda": 2,
        "motions_converted": 3,
        "assigned": 25,  # S less 29
        "replied": 17,  # 1 2 3 5 7 8 9 10 (06-30) 11 13 14 15 18 19 31 32 36
        "replied_on_time": 12,  # 17 less the late 3 8 18 31 32
        "due_or_replied": 18,  # 17 + 20 (due 06-15); 4 is extended to 07-31
        "overdue_open": 1,  # 20
        "closed": 12,  # 1 2 5 7 8 13 14 15 19 31 32 36
        "evaluated_first": 14,  # 1 2 3 5 7 8 11 13 14 15 18 19 32 36 (9's is 07-01)
        "satisfied_first": 6,  # 1 5 7 13 14 19
        "basically_satisfied_first": 4,  # 2 8 15 32
        "unsatisfied_first": 4,  # 3 11 18 36
        "evaluated_final": 14,
        "satisfied_final": 6,
        "basically_satisfied_final": 5,  # 2 8 15 32 + 36 (re-handled 06-10)
        "unsatisfied_final": 3,  # 3 and 18 (second ratings come in July), 11
        "face_to_face": 7,  # 1 3 5 7 13 14 32
        "key_supervision": 2,  # 3 20 (12 not submitted yet)
    }


def test_mid_year_rates_categories_and_fields(ledger):
    report = annual_report(year=2025, as_of=D(2025, 6, 30))
    assert report["rates"] == {
        "reply_rate": 0.68,  # 17 / 25
        "on_time_rate": 0.6667,  # 12 / 18
        "closure_rate": 0.48,  # 12 / 25
        "first_satisfaction_rate": 0.7143,  # 10 / 14 = 0.714285…
        "satisfaction_rate": 0.7857,  # 11 / 14 = 0.785714…
        "solved_or_planned_rate": 0.8235,  # 14 / 17 = 0.823529…
        "face_to_face_rate": 0.4118,  # 7 / 17 = 0.411764…
    }
    # A 1 7 10 13 14 19 32 36(re 05-30) · B 2 5 8 11 15 18(re 06-25) · C 3 (re 07-20 not yet) 31 · D 9
    assert report["categories"] == {"A": 8, "B": 6, "C": 2, "D": 1}
    assert list(report["fields"].items()) == [
        ("交通", 5),  # 1 2 3 4 11
        ("城乡建设", 5),  # 5 7 8 9 10
        ("教育", 4),  # 13 14 15 16
        ("社会治理", 4),  # 18 19 20 21
        ("卫生健康", 2),  # 32 36
        ("民政", 2),  # 31 40
        ("生态环境", 2),  # 23 38
        ("法制", 1),  # 29
        ("未分类", 1),  # 22
    ]


def test_mid_year_units_and_their_ranks(ledger):
    units = annual_report(year=2025, as_of=D(2025, 6, 30))["units"]
    assert units == [
        # 住建 leads 5 7 8 9 10; all replied, late 8 → 4/5; rated 5 7 8 → 3/3.
        unit_row(住建, 5, 0, 5, 4, 5, 0.8, 3, 3, 1.0, 1),
        # 交通 leads 1–5, co 8 11; replied 1 2 3 5 (late 3); 4 extended → 3/4; rated 1 2 5 good, 3 不满意 → 3/4.
        unit_row(交通, 5, 2, 4, 3, 4, 0.75, 4, 3, 0.75, 2),
        # 公安 leads 18–22, co 2; replied 18 (late) 19; 20 overdue → 1/3; rated 18 不满意, 19 满意.
        unit_row(公安, 5, 1, 2, 1, 3, 0.3333, 2, 1, 0.5, 3),
        # Unranked, by name. 卫健 leads 32 36 (30 not yet), co 15 38.
        unit_row(卫健, 2, 2, 2, 1, 2, 0.5, 2, 2, 1.0, None),
        # 教育 leads 13–16 (17 not yet): only 4.
        unit_row(教育, 4, 0, 3, 3, 3, 1.0, 3, 3, 1.0, None),
        # 民政 leads 11 31 40; 40 not due (extended to 10-15).
        unit_row(民政, 3, 0, 2, 1, 2, 0.5, 1, 0, 0.0, None),
        # 生态 leads 22 23 32 38, co 8; only 32 replied (late); others not due.
        unit_row(生态, 4, 1, 1, 0, 1, 0.0, 1, 1, 1.0, None),
    ]


# --- the monthly report of December 2025 ------------------------------------------------------------------------


def test_the_december_report_lists_what_is_still_outstanding(ledger):
    report = monthly_report(year=2025, month=12)
    assert [(e["number"], e["due"], e["days_overdue"], e["stage"]) for e in report["overdue"]] == [
        ("020", "2025-06-15", 199, "首次办理"),  # 15 + 31 + 31 + 30 + 31 + 30 + 31
        ("011", "2025-07-05", 179, "重新办理"),  # 不满意 06-05 + 1 month; 26 + 153
        ("018", "2025-08-10", 143, "重新办理"),  # second 不满意 07-10 + 1 month; 21 + 122
        ("021", "2025-08-20", 133, "重新办理"),  # 不满意 07-20 + 1 month; 11 + 122
        ("006", "2025-11-15", 46, "首次办理"),
        ("012", "2025-11-20", 41, "首次办理"),
        ("033", "2025-12-10", 21, "首次办理"),
    ]
    assert report["near_due"] == []  # 17 is due 2026-02-01, 32 days on
    assert report["units"] == [
        {"unit": 公安, "open": 3, "near_due": 0, "overdue": 3},  # 18 20 21
        {"unit": 民政, "open": 2, "near_due": 0, "overdue": 2},  # 11 33
        {"unit": 交通, "open": 1, "near_due": 0, "overdue": 1},  # 6
        {"unit": 住建, "open": 1, "near_due": 0, "overdue": 1},  # 12
        {"unit": 教育, "open": 1, "near_due": 0, "overdue": 0},  # 17
    ]
    assert [(e["number"], e["status"]) for e in report["key_supervision"]] == [
        ("012", "超期未答复"),
        ("003", "已办结"),
        ("020", "超期未答复"),
    ]
    # unsatisfied by 12-31, by the date of the latest 不满意: 36 05-05, 11 06-05, 3 06-25, 9 07-01, 18 07-10, 21 07-20
    assert [(e["number"], e["final_evaluation"]) for e in report["rehandled"]] == [
        ("036", "基本满意"),
        ("011", None),
        ("003", "满意"),
        ("009", "基本满意"),
        ("018", None),
        ("021", None),
    ]
