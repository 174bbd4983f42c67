"""Recurring topics across opinions: the character n-grams (2–6 汉字) found in the most opinions, in SQL.

Chinese has no spaces, so frequent terms are found as substrings: for each length the database
cuts every opinion's content into n-grams and counts, per n-gram, the opinions that contain it
(PostgreSQL with ``generate_series``, SQLite with a recursive CTE). Common function words are dropped,
and a shorter term is dropped when a longer one containing it covers almost the same opinions
(``北山路`` and ``北山路路灯`` → ``北山路路灯``).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from opinions.models import Opinion

LENGTHS = (6, 5, 4, 3, 2)
PER_LENGTH = 400
STOP = {
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


def _is_term(gram: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in gram) and gram not in STOP and "的" not in gram[:1] + gram[-1:]


def _grams_sql(inner: str, length: int) -> str:
    if connection.vendor == "postgresql":
        return (
            f"SELECT g, COUNT(DISTINCT id) AS n FROM ("
            f"SELECT src.id, substr(src.content, i, {length}) AS g FROM ({inner}) AS src "
            f"CROSS JOIN LATERAL generate_series(1, GREATEST(char_length(src.content) - {length - 1}, 0)) AS i"
            f") AS grams GROUP BY g HAVING COUNT(DISTINCT id) >= 2 ORDER BY n DESC, g LIMIT {PER_LENGTH}"
        )
    return (
        f"WITH RECURSIVE src(id, content) AS ({inner}), "
        f"grams(id, i, g) AS ("
        f"SELECT id, 1, substr(content, 1, {length}) FROM src WHERE length(content) >= {length} "
        f"UNION ALL SELECT grams.id, grams.i + 1, substr(src.content, grams.i + 1, {length}) "
        f"FROM grams JOIN src ON src.id = grams.id WHERE grams.i + {length} <= length(src.content)) "
        f"SELECT g, COUNT(DISTINCT id) AS n FROM grams GROUP BY g HAVING COUNT(DISTINCT id) >= 2 "
        f"ORDER BY n DESC, g LIMIT {PER_LENGTH}"
    )


def recurring_topics(qs: QuerySet[Opinion], *, limit: int = 15) -> list[dict]:
    """The terms that recur across the opinions of ``qs``: ``[{"term", "opinions"}]``, most frequent first."""
    inner, params = qs.order_by().values("id", "content").query.sql_with_params()
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        for length in LENGTHS:
            cursor.execute(_grams_sql(inner, length), params)
            for gram, n in cursor.fetchall():
                if _is_term(gram):
                    found[gram] = n
    kept: list[tuple[str, int]] = []
    for gram, n in sorted(found.items(), key=lambda kv: (-len(kv[0]), -kv[1], kv[0])):
        if any(gram in longer and longer_n * 10 >= n * 7 for longer, longer_n in kept):
            continue
        kept.append((gram, n))
    kept.sort(key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    return [{"term": gram, "opinions": n} for gram, n in kept[:limit]]
