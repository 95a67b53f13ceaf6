"""A generated investment network of any size, for checking that the views stay readable at real scale.

Names look like the real ones (Chinese fund and company names of realistic length, some long, some
English), a share of the investors are state capital, a few investors are very active (real networks
are skewed), and rounds and dates vary, so the page's filters have something to filter.
"""

from __future__ import annotations

import random

import networkx as nx

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
        labels = ["Organization", "Investor"] + (["StateOwnedFund"] if state else [])
        g.add_node(node, labels=labels, name=name, aliases=[], region="Shanghai" if "上海" in name else None)
        inv_ids.append(node)
    co_ids = []
    for i in range(companies):
        name = unique(lambda: "".join(rng.sample(_SYLL, rng.choice([2, 2, 3]))) + rng.choice(_SUFFIX))
        node = f"organization:co{i}"
        g.add_node(node, labels=["Organization", "Company"], name=name, aliases=[])
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
        g.add_edge(investor, company, key=f"r{len(pairs)}", id=f"r{len(pairs)}", type="INVESTED_IN",
                   round=rng.choice(ROUNDS), date=f"{year}-{rng.randint(1, 12):02d}", amount=amount,
                   currency="CNY" if amount else None, sources=[f"a{len(pairs) % 97}"])
    return g
