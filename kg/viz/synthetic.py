"""A generated investment network of any size, for checking that the views stay readable at real scale.

Names look like the real ones (Chinese fund and company names of realistic length, some long, some
English), a share of the investors are state capital, a few investors are very active (real networks
are skewed), and rounds and dates vary, so the page's filters have something to filter.
"""

from __future__ import annotations

import random

import networkx as nx

from kg.terms import C, R

_CITY = ["北京", "上海", "深圳", "杭州", "苏州", "合肥", "武汉", "成都", "广州", "南京", "西安", "重庆"]
_FIELD = ["人工智能", "集成电路", "新能源", "生物医药", "高端装备", "数字经济", "机器人", "新材料"]
_STATE = ["国投", "产业投资基金", "引导基金", "科创投", "国资运营", "城投"]
_PRIVATE = ["资本", "创投", "投资", "基金", "Capital", "Ventures", "Partners"]
_SYLL = "云星澄岚启光明远智衡拓维森朗曜辰川泽瀚宇若谷灵境元航"
_SUFFIX = ["科技", "智能", "机器人", "半导体", "医疗", "能源", "数据", "Robotics", "AI", "Labs"]
ROUNDS = ["天使", "Pre-A", "A", "A+", "B", "C", "D", "strategic"]


def investment_network(investors: int = 300, companies: int = 500, investments: int = 2000,
                       seed: int = 15) -> nx.MultiDiGraph:
    """A graph shaped like `kg.graph.to_networkx`'s (labels, name, aliases, INVESTED_IN edges)."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    names: set[str] = set()

    def unique(make) -> str:  # noqa: ANN001 - a name factory
        while (name := make()) in names:
            pass
        names.add(name)
        return name

    inv_ids = []
    for i in range(investors):
        state = rng.random() < 0.3
        if state:
            name = unique(lambda: rng.choice(_CITY) + rng.choice(["市", ""]) + rng.choice(_FIELD + [""])
                          + rng.choice(_STATE))
        else:
            name = unique(lambda: "".join(rng.sample(_SYLL, 2)) + rng.choice(_PRIVATE))
        node = f"organization:inv{i}"
        labels = [C.Organization, C.Investor] + ([C.StateOwnedFund] if state else [])
        g.add_node(node, labels=labels, name=name, aliases=[], region="Shanghai" if "上海" in name else None)
        inv_ids.append(node)
    co_ids = []
    for i in range(companies):
        name = unique(lambda: "".join(rng.sample(_SYLL, rng.choice([2, 2, 3]))) + rng.choice(_SUFFIX))
        node = f"organization:co{i}"
        g.add_node(node, labels=[C.Organization, C.Company], name=name, aliases=[])
        co_ids.append(node)
    weights = [1.0 / (1 + i) ** 0.8 for i in range(investors)]  # a few investors are very active
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < investments:
        investor = rng.choices(inv_ids, weights)[0]
        company = rng.choice(co_ids)
        if (investor, company) in pairs:
            continue
        pairs.add((investor, company))
        year = rng.randint(2018, 2025)
        amount = rng.choice([None, None, 10 ** rng.randint(7, 10) * rng.randint(1, 9)])
        g.add_edge(investor, company, key=f"r{len(pairs)}", id=f"r{len(pairs)}", type=R.INVESTED_IN,
                   round=rng.choice(ROUNDS), date=f"{year}-{rng.randint(1, 12):02d}", amount=amount,
                   currency="CNY" if amount else None, sources=[f"a{len(pairs) % 97}"])
    return g


def _company_name(rng: random.Random, names: set[str]) -> str:
    while (name := "".join(rng.sample(_SYLL, rng.choice([2, 2, 3]))) + rng.choice(_SUFFIX)) in names:
        pass
    names.add(name)
    return name


def _spinoff(g: nx.MultiDiGraph, rng: random.Random, child: str, parent: str, year: int, n: int) -> None:
    """`child` founded in `year` by a person who left `parent`: the FOUNDED_BY_ALUMNI_OF edge `kg.spinoffs`
    derives, with its person."""
    person = f"person:p{n}"
    name = rng.choice("王李张刘陈杨赵黄周吴") + rng.choice(_SYLL) + rng.choice(_SYLL)
    g.add_node(person, labels=[C.Person], name=name, aliases=[])
    g.add_edge(child, parent, key=f"s{n}", type=R.FOUNDED_BY_ALUMNI_OF, via=[person],
               date=f"{year}-{rng.randint(1, 12):02d}", derived=True, sources=[f"a{n}"])


def _company(g: nx.MultiDiGraph, node: str, name: str) -> None:
    g.add_node(node, labels=[C.Organization, C.Company], name=name, aliases=[])


def wide_lineage(spinoffs: int = 24, seed: int = 15) -> nx.MultiDiGraph:
    """One parent and `spinoffs` companies founded by its former staff (a "字节系" or "阿里系"), over ten
    years; names invented, of real length. The parent is `organization:parent`."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    names: set[str] = set()
    _company(g, "organization:parent", "星澄跳动集团")
    for i in range(spinoffs):
        node = f"organization:s{i}"
        _company(g, node, _company_name(rng, names))
        _spinoff(g, rng, node, "organization:parent", 2014 + rng.randint(0, 10), i)
    return g


def deep_lineage(generations: int = 7, seed: int = 15) -> nx.MultiDiGraph:
    """A lineage `generations` deep below `organization:g0` (A -> B -> C -> D -> E -> F ...), with side
    branches: every generation has one company that carries on and one to three that do not."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    names: set[str] = set()
    _company(g, "organization:g0", _company_name(rng, names))
    trunk, n = "organization:g0", 0
    for gen in range(1, generations):
        children = [f"organization:g{gen}"] + [f"organization:g{gen}b{k}" for k in range(rng.randint(1, 3))]
        for child in children:
            _company(g, child, _company_name(rng, names))
            _spinoff(g, rng, child, trunk, 2004 + 3 * gen + rng.randint(0, 2), n)
            n += 1
        if gen == 2:  # a side branch that goes on for a generation of its own
            grandchild = f"organization:g{gen}b0x"
            _company(g, grandchild, _company_name(rng, names))
            _spinoff(g, rng, grandchild, children[1], 2004 + 3 * gen + 4, n)
            n += 1
        trunk = children[0]
    return g


def wide_lineage_with_investors(spinoffs: int = 24, investors: int = 6, seed: int = 15) -> nx.MultiDiGraph:
    """`wide_lineage` with investors that each put money into three or four spin-offs, so
    `--with-investors` has to draw money running across the lanes: an investor is listed under the first
    company it invested in and reaches the others from there."""
    g = wide_lineage(spinoffs, seed)
    rng = random.Random(seed + 1)
    spun = [f"organization:s{i}" for i in range(spinoffs)]
    names: set[str] = set()
    for k in range(investors):
        node = f"organization:inv{k}"
        state = k % 3 == 0
        while (name := (rng.choice(_CITY) + rng.choice(_FIELD) + rng.choice(_STATE) if state
                        else "".join(rng.sample(_SYLL, 2)) + rng.choice(_PRIVATE))) in names:
            pass
        names.add(name)
        g.add_node(node, labels=[C.Organization, C.Investor] + ([C.StateOwnedFund] if state else []), name=name,
                   aliases=[])
        for n, company in enumerate(rng.sample(spun, rng.randint(3, 4))):
            g.add_edge(node, company, key=f"i{k}-{n}", id=f"i{k}-{n}", type=R.INVESTED_IN, round=rng.choice(ROUNDS),
                       date=f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}", amount=None, currency=None,
                       sources=[f"b{k}"])
    return g


#: Investor names as long as real ones get: a city's industry fund, a group with its legal form, an
#: English fund name. They must wrap in their boxes, not shrink.
LONG_INVESTOR_NAMES = ("北京市人工智能产业投资基金", "深圳市创新投资集团有限公司", "Sequoia Capital China Growth Fund",
                       "苏州工业园区元禾原点创业投资基金")


def wide_lineage_with_parent_investors(spinoffs: int = 24, investors: int = 3, seed: int = 15) -> nx.MultiDiGraph:
    """`wide_lineage` whose parent also has investors of its own (listed under it, from
    `LONG_INVESTOR_NAMES`), each of which put money into a spin-off or two as well: the investors take
    the parent's bottom edge, where the arrows of the lower spin-offs would otherwise land."""
    g = wide_lineage(spinoffs, seed)
    rng = random.Random(seed + 2)
    for k in range(investors):
        node = f"organization:backer{k}"
        name = LONG_INVESTOR_NAMES[k % len(LONG_INVESTOR_NAMES)] + ("" if k < len(LONG_INVESTOR_NAMES) else f" {k}")
        state = "市" in name
        g.add_node(node, labels=[C.Organization, C.Investor] + ([C.StateOwnedFund] if state else []), name=name,
                   aliases=[])
        spun = [f"organization:s{i}" for i in range(spinoffs)]
        targets = ["organization:parent", *rng.sample(spun, rng.randint(1, 2))]
        for n, company in enumerate(targets):
            g.add_edge(node, company, key=f"p{k}-{n}", id=f"p{k}-{n}", type=R.INVESTED_IN, round=rng.choice(ROUNDS),
                       date=f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}", amount=None, currency=None,
                       sources=[f"c{k}"])
    return g
