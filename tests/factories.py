"""Hand-made extractions, so store, resolution and projections are tested without the extractor."""

from __future__ import annotations

from kg.model import Article, EntityMention, Extraction, RelationMention, Source


def source(article: Article, start: int = 0, method: str = "test", confidence: float = 0.9) -> Source:
    return Source(article.id, 0, start, start + 2, method, confidence, None)


def mention(article: Article, handle: str, types: set[str], *names: str, key: str | None = None,
            **attrs: object) -> EntityMention:
    return EntityMention(handle=handle, types=types, names=list(names), sources=[source(article)], key=key,
                         preferred=names[0], attrs=dict(attrs))


def relation(article: Article, rel_type: str, src: str, dst: str, confidence: float = 0.9,
             **props: object) -> RelationMention:
    return RelationMention(rel_type, src, dst, dict(props), source(article, confidence=confidence))


def funding_article(text: str = "星衡智能完成B轮融资，上海国投领投，红杉中国跟投。",
                    amount: int | None = 300_000_000) -> Extraction:
    """A funding story: a company, a state fund leading, a VC following, and the CEO."""
    art = Article(text=text, path="funding.txt", title="星衡智能完成B轮融资", published="2025-07-02", lang="zh")
    return Extraction(
        article=art,
        entities=[
            mention(art, "c", {"Company"}, "星衡智能", "星衡智能科技有限公司"),
            mention(art, "f", {"StateOwnedFund"}, "上海国投", key="shanghai-guotou", region="Shanghai",
                    investor_kind="state_platform"),
            mention(art, "v", {"Investor"}, "红杉中国", "HongShan"),
            mention(art, "p", {"Person"}, "林知远"),
        ],
        relations=[
            relation(art, "INVESTED_IN", "f", "c", round="B", amount=amount, currency="CNY", role="lead",
                     date="2025-07"),
            relation(art, "INVESTED_IN", "v", "c", round="B", role="follow"),
            relation(art, "HOLDS_POSITION", "p", "c", title="CEO"),
            relation(art, "FOUNDED", "p", "c"),
        ],
    )


def ipo_article() -> Extraction:
    """An IPO story in traditional script: the same company under another name, an exchange."""
    art = Article(text="星衡智能科技有限公司通過港交所上市聆訊，並於12月挂牌。", path="ipo.txt",
                  title="星衡通過聆訊", published="2025-12-19", lang="zh-Hant")
    return Extraction(
        article=art,
        entities=[
            mention(art, "c", {"Company"}, "星衡智能科技有限公司", "星衡"),
            mention(art, "x", {"Exchange"}, "港交所", "HKEX", key="hkex", qid="Q496672"),
            mention(art, "v", {"Investor"}, "紅杉中國"),
        ],
        relations=[
            relation(art, "PASSED_LISTING_HEARING", "c", "x", date="2025-12-19", date_precision="day"),
            relation(art, "LISTED_ON", "c", "x", ticker="2599", date="2025-12", date_precision="month"),
            relation(art, "INVESTED_IN", "v", "c", round="B", amount=310_000_000, currency="CNY",
                     confidence=0.5),
        ],
    )
