"""Recurring topics across opinions: the character n-grams (2–4 汉字) found in the most opinions, in SQL.

Chinese has no spaces, so frequent terms are found as substrings: for each length the database
cuts every opinion's content into n-grams and counts, per n-gram, the opinions that contain it
(PostgreSQL with ``generate_series``, SQLite with a recursive CTE), and how many different characters
stand before and after it. A word is used in varied contexts, while a piece of a longer phrase always
has the same neighbour on one side (``望尽快`` after ``希``), so only n-grams with at least
``MIN_VARIETY`` different neighbours on both sides count. Function words are dropped, a term is dropped
when a longer one containing it covers most of its opinions, and of overlapping pieces of one phrase
the most frequent is kept. The work is bounded: only the latest ``SAMPLE`` opinions of the period are cut.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

from opinions.models import Opinion

LENGTHS = (4, 3, 2)
PER_LENGTH = 200
CACHE_SECONDS = 600  # new opinions show in the topics within ten minutes
SAMPLE = 1000  # the latest opinions of the period that are cut into n-grams (bounded work per page)
MIN_VARIETY = 3
STOP = {
    "晚上",
    "白天",
    "早上",
    "希望",
    "问题",
    "群众",
    "反映",
    "建议",
    "我们",
    "没有",
    "现在",
    "一个",
    "这个",
    "政府",
    "相关",
    "部门",
    "进行",
    "解决",
    "尽快",
    "情况",
    "目前",
    "存在",
    "非常",
    "可以",
    "已经",
    "很多",
    "时候",
    "什么",
    "这些",
    "那些",
    "因为",
    "所以",
    "但是",
    "而且",
    "以及",
    "一些",
    "不能",
    "不是",
    "就是",
    "还是",
    "能够",
    "希望政府",
    "有关",
    "方面",
    "加强",
    "工作",
    "居民",
    "市民",
    "大家",
    "需要",
    "影响",
    "考虑",
    "出现",
    "经常",
    "比较",
    "一下",
    "之后",
    "以后",
    "以前",
    "今年",
    "去年",
    "每天",
    "自己",
    "他们",
    "你们",
    "其他",
    "不够",
    "能否",
    "是否",
    "问题的",
    "的问题",
    "希望能",
    "有关部门",
    "相关部门",
}


# Characters that seldom belong to a topic's name: particles, pronouns, negations, measure words, verbs of wishing.
FUNCTION_CHARS = set("的了很不就在是和与及也都还又把被让给对向从我你他她们这那有没吗呢吧啊请能会要几个一些太")


def _is_term(gram: str) -> bool:
    return (
        all("\u4e00" <= ch <= "\u9fff" for ch in gram)
        and gram not in STOP
        and not any(ch in FUNCTION_CHARS for ch in gram)
        and not gram.startswith("希望")
    )


def _overlap(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are pieces of one longer phrase (a suffix of one is a prefix of the other)."""
    return any(a[-k:] == b[:k] or b[-k:] == a[:k] for k in range(2, min(len(a), len(b))))


def _grams_sql(inner: str, length: int) -> str:
    """Per n-gram: the opinions containing it, and how many different characters stand before and after it."""
    counts = "COUNT(DISTINCT id) AS n, COUNT(DISTINCT l) AS lv, COUNT(DISTINCT r) AS rv"
    tail = f"GROUP BY g HAVING COUNT(DISTINCT id) >= 2 ORDER BY n DESC, g LIMIT {PER_LENGTH}"
    if connection.vendor == "postgresql":
        return (
            f"SELECT g, {counts} FROM ("
            f"SELECT src.id, substr(src.content, i, {length}) AS g, "
            f"substr(src.content, i - 1, 1) AS l, substr(src.content, i + {length}, 1) AS r FROM ({inner}) AS src "
            f"CROSS JOIN LATERAL generate_series(1, GREATEST(char_length(src.content) - {length - 1}, 0)) AS i"
            f") AS grams {tail}"
        )
    return (
        f"WITH RECURSIVE src(id, content) AS ({inner}), "
        f"pos(id, i) AS (SELECT id, 1 FROM src WHERE length(content) >= {length} "
        f"UNION ALL SELECT pos.id, pos.i + 1 FROM pos JOIN src ON src.id = pos.id "
        f"WHERE pos.i + {length} <= length(src.content)) "
        f"SELECT g, {counts} FROM (SELECT pos.id AS id, substr(src.content, pos.i, {length}) AS g, "
        f"substr(src.content, pos.i - 1, 1) AS l, substr(src.content, pos.i + {length}, 1) AS r "
        f"FROM pos JOIN src ON src.id = pos.id) AS grams {tail}"
    )


def recurring_topics(qs: QuerySet[Opinion], *, limit: int = 15, sample: int = SAMPLE) -> list[dict]:
    """The terms that recur across the latest ``sample`` opinions of ``qs``: ``[{"term", "opinions"}]``,
    most frequent first."""
    latest = qs.order_by("-received_on", "-id").values("id", "content")[:sample]
    inner, params = latest.query.sql_with_params()
    key = "opinions:topics:" + hashlib.sha256(repr((inner, params, limit)).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = _topics(inner, params, limit=limit)
    cache.set(key, result, CACHE_SECONDS)
    return result


def _topics(inner: str, params, *, limit: int) -> list[dict]:
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        for length in LENGTHS:
            cursor.execute(_grams_sql(inner, length), params)
            for gram, n, left, right in cursor.fetchall():
                # A word is used in different contexts: several different characters stand before and after it
                # (a piece of a longer phrase always has the same neighbour on one side).
                if left >= MIN_VARIETY and right >= MIN_VARIETY and _is_term(gram):
                    found[gram] = n
    # Drop a term when a longer one containing it covers most of its opinions (it is only part of that one).
    maximal = {
        gram: n
        for gram, n in found.items()
        if not any(len(h) > len(gram) and gram in h and hn * 10 >= n * 7 for h, hn in found.items())
    }
    # Of the pieces of one longer phrase, keep the most frequent.
    kept: list[tuple[str, int]] = []
    for gram, n in sorted(maximal.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
        if not any(_overlap(gram, other) for other, _ in kept):
            kept.append((gram, n))
    return [{"term": gram, "opinions": n} for gram, n in kept[:limit]]
