"""Hand-made extractions, so store, resolution and projections are tested without the extractor."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
import opencc

from kg.extract import extract
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.model import Article, EntityMention, Extraction, RelationMention, Source
from kg.names import normalize_name
from kg.ontology import Ontology, load_ontology
from kg.queries import run_embedded, run_store
from kg.resolve import resolve
from kg.store import Store, open_store, write_article


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


# -- builders added for the named-query and loader tests -------------------------------------------


def record_all(store: Store, extractions: Iterable[Extraction], ontology: Ontology | None = None) -> None:
    """Resolve and write each extraction, as `kg build` would after extraction."""
    ontology = ontology or load_ontology()
    for ext in extractions:
        res = resolve(store, ext, ontology)
        write_article(store, ext.article, res.entities, res.relations, normalize_name)


_S2T = opencc.OpenCC("s2t")

#: (simplified name, English alias) of the synthetic companies; the traditional form is derived.
SYNTHETIC_COMPANIES = [
    ("星衡智能", "Stellar Balance AI"), ("智谱华章", "Zhipu Huazhang"), ("云图数据", "Cloudmap Data"),
    ("深维机器人", "Deepdim Robotics"), ("灵动视觉", "Lingdong Vision"), ("量子跃迁", "Quantum Leap"),
    ("光年计算", "Lightyear Compute"), ("启明芯片", "Qiming Chips"), ("海川医疗", "Haichuan Health"),
    ("极点语言", "Pole Language"), ("元象生成", "Yuanxiang Gen"), ("天枢导航", "Tianshu Navigation"),
]
#: (name, English alias, region, kind); kind "state_platform"/"guidance_fund" make a StateOwnedFund.
SYNTHETIC_INVESTORS = [
    ("红杉中国", "HongShan", "Beijing", "vc"), ("高瓴资本", "Hillhouse", "Beijing", "pe"),
    ("启明创投", "Qiming Venture", "Shanghai", "vc"), ("经纬创投", "Matrix China", "Beijing", "vc"),
    ("源码资本", "Source Code Capital", "Beijing", "vc"), ("腾讯投资", "Tencent Investment", "Shenzhen", "corporate"),
    ("上海国投", "Shanghai Guotou", "Shanghai", "state_platform"),
    ("上海人工智能产业投资基金", "Shanghai AI Industry Fund", "Shanghai", "guidance_fund"),
    ("北京市人工智能产业投资基金", "Beijing AI Industry Fund", "Beijing", "guidance_fund"),
    ("深创投", "Shenzhen Capital", "Shenzhen", "state_platform"),
    ("杭州资本", "Hangzhou Capital", "Hangzhou", "state_platform"),
]
SYNTHETIC_PEOPLE = ["林知远", "陈思齐", "王若水", "赵一鸣", "周清和", "吴晓岚", "郑启航", "孙立言", "钱慕白", "冯安然",
                    "蒋明远", "沈若溪"]
_ROUNDS = ["Angel", "A", "B", "C", "D"]


def investor_network(seed: int = 2025, *, companies: int = 12, repeat_sources: bool = True) -> list[Extraction]:
    """A deterministic, non-trivial investor network as hand-made extractions (no extractor involved).

    Companies with 1-3 funding rounds each, backed by private and state-owned investors of four regions;
    founders, executives and people who left one company to found another, from which the graph view
    derives FOUNDED_BY_ALUMNI_OF lineages (a chain of two generations among them; they name their people
    in `via`); a stated SPUN_OFF_FROM, which names nobody; IPO milestones on
    HKEX and the SSE STAR Market (one company on both); products; names written in simplified,
    traditional and English forms across articles; some facts stated by two articles. Same `seed`, same
    articles, so the graph and its ids are the same on every run.
    """
    rng = random.Random(seed)
    names = SYNTHETIC_COMPANIES[:companies]
    out: list[Extraction] = []

    def article(n: int, title: str, published: str) -> Article:
        return Article(text=f"synthetic article {seed}-{n}: {title}", path=f"synthetic/{n:03d}.txt", title=title,
                       published=published, lang="zh")

    def company(art: Article, handle: str, index: int, script: str = "zh") -> EntityMention:
        zh, en = names[index]
        surface = {"zh": zh, "zh-Hant": _S2T.convert(zh), "en": en}[script]
        return mention(art, handle, {"Company"}, surface, zh, en)

    def investor(art: Article, handle: str, index: int) -> EntityMention:
        zh, en, region, kind = SYNTHETIC_INVESTORS[index]
        types = {"StateOwnedFund"} if kind in ("state_platform", "guidance_fund") else {"Investor"}
        return mention(art, handle, types, zh, en, region=region, investor_kind=kind)

    n = 0
    # funding rounds: 1-3 per company, 2-4 investors each, the first one leads
    for ci in range(len(names)):
        for ri in range(1 + ci % 3):
            n += 1
            year, month = 2021 + ri, 1 + (ci * 5 + ri * 3) % 12
            art = article(n, f"{names[ci][0]}完成{_ROUNDS[ri]}轮融资", f"{year}-{month:02d}-15")
            # each company draws from a window of six investors, so the co-investment network has structure
            window = [(ci * 2 + j) % len(SYNTHETIC_INVESTORS) for j in range(6)]
            backers = rng.sample(window, 2 + (ci + ri) % 3)
            ents = [company(art, "c", ci, ("zh", "zh-Hant", "en")[(ci + ri) % 3])]
            rels = []
            amount = None if (ci + ri) % 4 == 3 else 10_000_000 * (1 + rng.randrange(50))
            for k, inv in enumerate(backers):
                ents.append(investor(art, f"i{k}", inv))
                props: dict[str, object] = {"round": _ROUNDS[ri], "role": "lead" if k == 0 else "follow"}
                if k == 0:
                    props.update(amount=amount, currency="CNY" if ci % 2 else "USD", date=f"{year}-{month:02d}")
                rels.append(relation(art, "INVESTED_IN", f"i{k}", "c", **props))
            out.append(Extraction(article=art, entities=ents, relations=rels))
    # people: founders and executives; some leave and found another company (a derived lineage). A
    # person's later stories always name a company an earlier one tied them to, so they resolve to
    # one person even where people of one name are kept apart unless they share an organisation.
    founders = {ci: SYNTHETIC_PEOPLE[ci] for ci in range(len(names))}
    for ci, person in founders.items():
        n += 1
        art = article(n, f"{person}创立{names[ci][0]}", f"2020-{1 + ci % 12:02d}-01")
        ents = [company(art, "c", ci), mention(art, "p", {"Person"}, person)]
        rels = [relation(art, "FOUNDED", "p", "c", date=f"{2015 + ci % 6}"),
                relation(art, "HOLDS_POSITION", "p", "c", title="CEO")]
        out.append(Extraction(article=art, entities=ents, relations=rels))
    if len(names) > 10:  # a serial founder: the founder of the first company co-founds another
        n += 1
        person = founders[0]
        art = article(n, f"{names[0][0]}创始人{person}再创业，联合创立{names[10][0]}", "2021-06-01")
        out.append(Extraction(article=art, entities=[
            company(art, "c", 0), company(art, "d", 10), mention(art, "p", {"Person"}, person)],
            relations=[relation(art, "FOUNDED", "p", "c", date="2015"),
                       relation(art, "FOUNDED", "p", "d", date="2019")]))
    spin_offs = [(3, 0), (6, 3), (4, 1)]  # (child, parent): 6 <- 3 <- 0 is a two-generation chain
    spin_offs = [(c, p) for c, p in spin_offs if c < len(names) and p < len(names)]
    for child, parent in spin_offs:
        n += 1
        person = founders[child]
        art = article(n, f"{person}离开{names[parent][0]}创立{names[child][0]}", f"2022-{1 + child % 12:02d}-20")
        ents = [company(art, "c", child), company(art, "parent", parent, "en"), mention(art, "p", {"Person"}, person)]
        # left before founding: the view derives child FOUNDED_BY_ALUMNI_OF parent, via the person, dated
        # by the founding (nothing states a spin-off)
        rels = [relation(art, "LEFT", "p", "parent", title="CTO", date=f"{2014 + child % 6}-{1 + parent % 12:02d}"),
                relation(art, "FOUNDED", "p", "c", date=f"{2015 + child % 6}")]
        out.append(Extraction(article=art, entities=ents, relations=rels))
    if len(names) > 7:  # a stated spin-off (incubated), no people named
        n += 1
        art = article(n, f"{names[7][0]}孵化自{names[2][0]}", "2023-03-03")
        out.append(Extraction(article=art, entities=[company(art, "c", 7), company(art, "parent", 2)],
                              relations=[relation(art, "SPUN_OFF_FROM", "c", "parent", date="2019")]))
        # someone who left without founding anything, and one who left and founded two companies
        n += 1
        art = article(n, "人事变动", "2023-04-04")
        out.append(Extraction(article=art, entities=[
            company(art, "c", 2), company(art, "d", 8), company(art, "e", 9),
            mention(art, "p", {"Person"}, "韩默"), mention(art, "q", {"Person"}, "许知行")],
            relations=[relation(art, "LEFT", "p", "c", title="VP", date="2023-02"),
                       relation(art, "LEFT", "q", "c", title="CFO", date="2022-11"),
                       relation(art, "HOLDS_POSITION", "q", "c", title="CFO"),
                       relation(art, "FOUNDED", "q", "d", date="2023"),
                       relation(art, "FOUNDED", "q", "e", date="2024")]))
    # IPO milestones on two exchanges
    hkex = ("港交所", "HKEX", "hkex")
    sse = ("上交所", "SSE", "sse")
    pipeline = [(0, hkex, 3, "2599"), (1, hkex, 2, None), (2, hkex, 1, None), (3, sse, 3, "688001"),
                (4, sse, 1, None), (1, sse, 1, None), (5, hkex, 3, "2600")]
    for ci, (xzh, xen, xkey), stage, ticker in pipeline:
        if ci >= len(names):
            continue
        n += 1
        art = article(n, f"{names[ci][0]} IPO", f"2025-{1 + ci % 12:02d}-10")
        ents = [company(art, "c", ci, "zh-Hant" if ci % 2 else "zh"),
                mention(art, "x", {"Exchange"}, xzh, xen, key=xkey)]
        rels = [relation(art, "FILED_FOR_IPO", "c", "x", date=f"2025-{1 + ci % 12:02d}-10",
                         board="科创板" if xkey == "sse" else "主板")]
        if stage >= 2:
            rels.append(relation(art, "PASSED_LISTING_HEARING", "c", "x", date=f"2025-{2 + ci % 10:02d}-20"))
        if stage >= 3:
            rels.append(relation(art, "LISTED_ON", "c", "x", ticker=ticker, date=f"2025-{3 + ci % 9:02d}"))
        out.append(Extraction(article=art, entities=ents, relations=rels))
    # products
    for ci in range(0, len(names), 3):
        n += 1
        art = article(n, f"{names[ci][0]}发布新模型", "2024-06-06")
        out.append(Extraction(article=art, entities=[company(art, "c", ci),
                                                     mention(art, "m", {"Product"}, f"{names[ci][1]} Model")],
                              relations=[relation(art, "DEVELOPS", "c", "m")]))
    if repeat_sources:  # a second, less confident source for some facts
        for ext in list(out[: len(out) // 3]):
            n += 1
            art = article(n, "转载: " + (ext.article.title or ""), ext.article.published or "2025-01-01")
            ents = [EntityMention(e.handle, set(e.types), list(e.names), [source(art)], e.key, e.preferred,
                                  [], dict(e.attrs)) for e in ext.entities]
            rels = [RelationMention(r.type, r.source, r.target, dict(r.props), source(art, confidence=0.6))
                    for r in ext.relations]
            out.append(Extraction(article=art, entities=ents, relations=rels))
    return out


#: Names and values that would break a query built by pasting text: quotes, braces, backticks, `$`,
#: comments, Cypher keywords, and a character outside the Basic Multilingual Plane.
HOSTILE = [
    "Robert'); MATCH (n) DETACH DELETE n; //",
    "`Company` {id:'x'}",
    "\"}) RETURN 1 //",
    "智譜 AI \\ $param {{}}",
    "x' OR 1=1 WITH * CALL db.labels() //",
    "MERGE (m:Admin {name: $name}) /* 😀 */",
]


def hostile_article() -> Extraction:
    """A funding story whose every name (and the state fund's region) is hostile text."""
    art = Article(text="hostile names: " + " | ".join(HOSTILE), path="hostile.txt", title=HOSTILE[0],
                  published="2025-05-05", lang="en")
    entities = [
        mention(art, "c", {"Company"}, HOSTILE[0]),
        mention(art, "d", {"Company"}, HOSTILE[1]),
        mention(art, "f", {"StateOwnedFund"}, HOSTILE[2], region=HOSTILE[4], investor_kind="state_platform"),
        mention(art, "v", {"Investor"}, HOSTILE[3]),
        mention(art, "p", {"Person"}, HOSTILE[5]),
        mention(art, "x", {"Exchange"}, HOSTILE[4] + " Exchange"),
    ]
    relations = [
        relation(art, "INVESTED_IN", "f", "c", round=HOSTILE[1], amount=1, currency="$", date="2025-05"),
        relation(art, "INVESTED_IN", "v", "c", round=HOSTILE[1], role="lead"),
        relation(art, "INVESTED_IN", "v", "d", round="A"),
        relation(art, "FOUNDED", "p", "d", date="2020"),
        relation(art, "LEFT", "p", "c", title=HOSTILE[2], date="2019-12"),  # the view derives d FOUNDED_BY_ALUMNI_OF c
        relation(art, "FILED_FOR_IPO", "c", "x", date="2025-05-05"),
        relation(art, "LISTED_ON", "c", "x", ticker=HOSTILE[3], date="2025-06"),
    ]
    return Extraction(article=art, entities=entities, relations=relations)


def rules_only_gazetteer() -> Gazetteer:
    """A gazetteer that knows only exchanges and universities: what extraction finds with it, the
    rules found (invented companies, investors and people in test sentences stay unknown)."""
    full = load_gazetteer()
    return load_gazetteer(
        exclude=frozenset(k for k, e in full.entries.items() if e.type not in ("Exchange", "University"))
    )


def extract_by_rules(text: str, published: str | None = "2025-06-10") -> Extraction:
    """`extract` of an invented sentence with `rules_only_gazetteer` (cached by `load_gazetteer`)."""
    return extract(Article(text=text, published=published), gazetteer=rules_only_gazetteer())


#: Three invented articles reporting 星衡智能's figures: one figure in both of the first two (once in the
#: table, two sources), one they disagree on (2024 revenue), an IPO raise target beside a valuation, and
#: (the third) the raise and offer price of the offering.
FINANCIAL_TEXTS = (
    ("星衡智能递交招股书。星衡智能2024年营收约3.12亿元,2025年上半年营收为1.91亿元,研发支出达1.6亿元。"
     "星衡智能计划募资约3亿美元,估值约40亿美元。", "2025-10-20"),
    ("星衡智能公布招股文件。星衡智能2024年營收為3.2億元,2025年上半年營收為1.91億元。", "2025-10-22"),
    ("星衡智能公布招股详情,发售价定为每股16.5港元,募资净额约25亿港元,基石投资者合共认购约6亿港元。", "2025-11-01"),
)


def financial_articles() -> list[Extraction]:
    """The extractions of `FINANCIAL_TEXTS` (the real extractor: figures are what it finds)."""
    return [extract(Article(text=text, published=published)) for text, published in FINANCIAL_TEXTS]


def run_kg(*args: object) -> tuple[int, str, str]:
    """The `kg` command run in-process (typer's runner): exit code, standard output, standard error."""
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def conforming_turtle(store: object, tmp_path: object) -> str:
    """The store exported as Turtle by `kg export`, checked by `kg validate` against the shapes."""
    from pathlib import Path

    out = Path(str(tmp_path)) / "g.ttl"
    code, _o, err = run_kg("export", "--format", "ttl", "-o", out, "--store", store)
    assert code == 0, err
    code, text, err = run_kg("validate", "--file", out)
    assert code == 0, text + err
    return out.read_text("utf-8")


#: The publication day the phrasing tests read their sentences on.
PHRASING_DAY = "2025-06-10"


def relations_by_name(text: str, published: str = PHRASING_DAY) -> dict[tuple[str, str, str], dict[str, object]]:
    """What extraction finds in `text`: (type, source name, target name) -> the relation's properties,
    so a phrasing test reads like the sentence it checks."""
    ex = extract(Article(text=text, published=published))
    name = {e.handle: e.names[0] for e in ex.entities}
    return {(r.type, name[r.source], name[r.target]): dict(r.props) for r in ex.relations}


STORIES = Path(__file__).parent / "data" / "stories"


def story_relations(name: str, published: str = PHRASING_DAY) -> dict[tuple[str, str, str], dict[str, object]]:
    """`relations_by_name` for a whole story of `tests/data/stories/` (written for the tests)."""
    return relations_by_name((STORIES / name).read_text(encoding="utf-8"), published)


def entity_types_by_name(text: str, published: str = PHRASING_DAY) -> dict[str, set[str]]:
    """Every name extraction gives an entity in `text` -> that entity's classes."""
    return {n: set(e.types) for e in extract(Article(text=text, published=published)).entities for n in e.names}


def store_and_view_rows(built: Path, view: nx.MultiDiGraph, name: str, *args: str,
                        **options: Any) -> list[dict[str, Any]]:
    """A named query's rows from the store's indexes, checked equal to those of the whole networkx view."""
    with open_store(built, create=False) as store:
        rows = run_store(store, name, *args, **options)
    assert rows == run_embedded(view, name, *args, **options)
    return rows
