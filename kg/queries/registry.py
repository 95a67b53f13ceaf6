"""The named queries' registry: each query's arguments, options and twins, and the binding of entity names
to ids (`bind`, `find_entity`), shared by every backend (`kg.queries` runs them; `kg.queries.indexed` answers
them from the store's indexes)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.names import normalize_name
from kg.queries import deals, disputes, embedded, exposure, financials, ownership, statecapital
from kg.queries.asof import parse_as_of
from kg.regions import canonical_region
from kg.terms import C

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Argument:
    """A positional entity argument: its name in help texts, its Cypher parameter, the label the entity
    must carry (None: any entity), and whether it may be left out (then the parameter is null).

    A `many` argument (only the last one) takes every remaining name, at least `at_least` of them,
    each resolved on its own and none twice, and its parameter is the list of their ids."""

    name: str
    param: str
    label: str | None = None
    required: bool = True
    many: bool = False
    at_least: int = 1

    @property
    def usage(self) -> str:
        if self.many:
            return " ".join([self.name] * self.at_least + [f"[{self.name}...]"])
        return self.name if self.required else f"[{self.name}]"


@dataclass(frozen=True)
class Option:
    """A named option with its default and bounds; `flag` is how the CLI spells it."""

    name: str
    flag: str
    default: Any
    help: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedQuery:
    """A named query: what it answers, its arguments and options, and its two implementations.

    `embedded(graph, **params)` computes the rows from the networkx view; on Neo4j the `.cypher` file runs
    with the same params and, when `finish` is set, its rows are passed through `finish(rows, params)`.
    `prepare` turns option values into the Cypher parameters (e.g. a direction into two booleans).
    """

    name: str
    description: str
    embedded: Callable[..., Rows]
    arguments: tuple[Argument, ...] = ()
    options: tuple[Option, ...] = ()
    finish: Callable[[Rows, dict[str, Any]], Rows] | None = None
    prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = field(default=None)

    @property
    def cypher(self) -> str:
        """The query text shipped as `kg/queries/<name>.cypher` (usable as-is in Neo4j Browser).

        Examples
        --------
        >>> get_query("path").cypher.splitlines()[0]
        '// path A B [--max-hops N] [--as-of DATE]: the shortest connections between two entities, through facts.'
        """
        return resources.files("kg.queries").joinpath(f"{self.name}.cypher").read_text(encoding="utf-8")

    @property
    def entity_arg(self) -> str | None:
        """The first argument's name (COMPANY, INVESTOR…), or None for a query without arguments."""
        return self.arguments[0].name if self.arguments else None

    @property
    def usage(self) -> str:
        """How to call it: `path A B [--max-hops N]`.

        Examples
        --------
        >>> get_query("path").usage
        'path A B [--max-hops N] [--as-of DATE]'
        >>> get_query("compare").usage  # two companies or more
        'compare COMPANY COMPANY [COMPANY...] [--as-of DATE]'
        """
        parts = [self.name]
        parts += [a.usage for a in self.arguments]
        parts += [f"[{o.flag}]" for o in self.options]
        return " ".join(parts)


def _lineage_params(params: dict[str, Any]) -> dict[str, Any]:
    direction = params.pop("direction")
    return _params({**params, "up": direction in ("both", "up"), "down": direction in ("both", "down")})


def _params(params: dict[str, Any]) -> dict[str, Any]:
    """Option values as the queries take them: a region in its stored spelling, `--as-of` as a day,
    `--level central` as the ontology's national."""
    out = dict(params)
    if out.get("region") is not None:
        out["region"] = canonical_region(out["region"])
    if "as_of" in out:
        out["as_of"] = parse_as_of(out["as_of"])
    if "level" in out:
        out["level"] = statecapital.ontology_level(out["level"])
    return out


#: `--as-of DATE` (`kg.queries.asof`), on the queries where a date makes sense.
_AS_OF = Option("as_of", "--as-of DATE", None, "only facts in force at DATE: dated (else first reported) by then, "
                "positions and stakes not ended (YYYY, YYYY-MM or YYYY-MM-DD; a year or month is its last day)")


def _centrality(rows: Rows, params: dict[str, Any]) -> Rows:
    from kg.queries.centrality import ranking_of_deals  # numpy and igraph: only when asked

    return ranking_of_deals(rows, params["top"])


_COMPANY = Argument("COMPANY", "id", C.Organization)
QUERIES: dict[str, NamedQuery] = {
    q.name: q
    for q in (
        NamedQuery("investors", "who invested in COMPANY: round, own amount, round total, date, "
                                "state-owned or not", deals.investors, (_COMPANY,), (_AS_OF,), prepare=_params),
        NamedQuery("portfolio", "the companies INVESTOR invested in: round, own amount, round total, "
                                "date, role", deals.portfolio, (Argument("INVESTOR", "id", C.Organization),),
                   (_AS_OF,), prepare=_params),
        NamedQuery("co-investors", "investors sharing deals with ENTITY, with the count and the companies",
                   embedded.co_investors, (Argument("ENTITY", "id"),), (_AS_OF,), prepare=_params),
        NamedQuery("state-capital", "companies with state investors, per fund: state-owned funds and funds whose "
                                    "ownership chains end at the state, with the level(s) of government whose "
                                    "money it is and the state owners at the top",
                   statecapital.state_capital,
                   options=(Option("region", "--region R", None,
                                   "only funds of this region (上海, 上海市 or Shanghai)"),
                            Option("level", "--level L", None, "only state money of this level of government "
                                   "(central = national)", choices=statecapital.LEVELS),
                            _AS_OF),
                   finish=statecapital.neo4j_table, prepare=_params),
        NamedQuery("path", "the shortest connections between A and B through facts (articles left out): "
                           "every shortest path, with names and relationship types along it",
                   embedded.path, (Argument("A", "a"), Argument("B", "b")),
                   (Option("max_hops", "--max-hops N", 4, "longest path wanted", 1, embedded.MAX_HOPS_LIMIT),
                    _AS_OF), prepare=_params),
        NamedQuery("central-investors", "investors at the centre of the co-investment network: degree, "
                                        "betweenness and eigenvector centrality (computed with networkx "
                                        "on both backends)",
                   embedded.central_investors,
                   options=(Option("top", "--top N", 10, "how many investors", 1), _AS_OF), finish=_centrality,
                   prepare=_params),
        NamedQuery("ipo-pipeline", "IPOs per exchange: stage and the filed, hearing and listed dates, ticker; "
                                   "raise target, raise, valuation and offer price from the company's figures",
                   embedded.ipo_pipeline, (Argument("EXCHANGE", "exchange", C.Exchange, required=False),),
                   (_AS_OF,), finish=financials.ipo_terms, prepare=_params),
        NamedQuery("alumni", "people who left COMPANY (or worked at or founded it) and what they founded "
                             "elsewhere", embedded.alumni, (_COMPANY,), (_AS_OF,), prepare=_params),
        NamedQuery("lineage", "the spin-off tree of COMPANY along SPUN_OFF_FROM (stated spin-offs) and "
                              "FOUNDED_BY_ALUMNI_OF (derived: founders who left, worked at or founded the "
                              "parent): generation (negative = ancestors), company, parent, relation, via people",
                   embedded.lineage, (_COMPANY,),
                   (Option("depth", "--depth N", 3, "spin-offs away from COMPANY", 1, embedded.MAX_DEPTH_LIMIT),
                    Option("direction", "--up|--down", "both", "ancestors only (up) or descendants only (down)",
                           choices=("both", "up", "down")),
                    _AS_OF),
                   prepare=_lineage_params),
        NamedQuery("timeline", "dated facts touching ENTITY, oldest first, with their source articles; "
                               "--as-of: those by DATE and the positions and stakes held then",
                   embedded.timeline, (Argument("ENTITY", "id"),), (_AS_OF,), prepare=_params),
        NamedQuery("financials", "COMPANY's reported figures, metric x period: value, currency, modality "
                                 "(stated, planned, estimated), every source; disagreeing values marked",
                   financials.financials, (_COMPANY,), (_AS_OF,), finish=financials.table, prepare=_params),
        NamedQuery("ownership", "the chains from ENTITY up OWNED_BY/CONTROLLED_BY to its ultimate owners "
                                "(organisations, or people such as a controlling founder): share along each "
                                "chain (multiplied; ? where unknown), each owner's total (summed over chains), "
                                "its level and region",
                   ownership.ownership, (Argument("ENTITY", "id", C.Organization),), (_AS_OF,),
                   finish=ownership.chains, prepare=_params),
        NamedQuery("state-exposure", "each investor in COMPANY with the owners at the top of its ownership "
                                     "chains: state or not, level, region, the share of the investor they hold; "
                                     "the state money in USD and its share of the rounds (exact, or at least)",
                   exposure.state_exposure, (_COMPANY,), (_AS_OF,), finish=exposure.exposure, prepare=_params),
        NamedQuery("disputes", "facts whose articles disagree (two amounts for one round, two dates, two "
                               "titles one person cannot hold at once), touching ENTITY or all: one row per "
                               "value with the articles stating it",
                   disputes.disputes, (Argument("ENTITY", "id", required=False),), (_AS_OF,),
                   finish=disputes.table, prepare=_params),
        NamedQuery("compare", "companies' latest figures side by side: one row per metric, one column per "
                              "company with the value of its latest period, currency and period",
                   financials.compare, (Argument("COMPANY", "ids", C.Organization, many=True, at_least=2),),
                   (_AS_OF,), finish=financials.compare_table, prepare=_params),
    )
}


class UnknownEntity(KGError):
    """No entity has that name."""


class AmbiguousEntity(KGError):
    """Several entities share that name."""


def get_query(name: str) -> NamedQuery:
    """The named query `name`, or a `KGError` naming close matches.

    Examples
    --------
    >>> query = get_query("lineage")
    >>> query.entity_arg, [option.flag for option in query.options]
    ('COMPANY', ['--depth N', '--up|--down', '--as-of DATE'])
    >>> get_query("investor")
    Traceback (most recent call last):
    ...
    kg.errors.KGError: unknown query 'investor'; did you mean investors, co-investors, central-investors?
    (`kg query --list` shows them all)
    """
    if name not in QUERIES:
        close = difflib.get_close_matches(name, list(QUERIES), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KGError(f"unknown query {name!r}{hint} (`kg query --list` shows them all)")
    return QUERIES[name]


def describe() -> Rows:
    """One row per named query for `kg query --list`: name, usage, arguments, options, description.

    Examples
    --------
    >>> row = describe()[0]
    >>> row["query"], row["usage"], row["options"]
    ('investors', 'investors COMPANY [--as-of DATE]', '--as-of DATE: only facts in force at DATE: dated ...')
    """
    rows = []
    for q in QUERIES.values():
        options = "; ".join(f"{o.flag}: {o.help}" + (f" (default {o.default})" if o.default is not None else "")
                            for o in q.options)
        arguments = " ".join(a.usage for a in q.arguments)
        rows.append({"query": q.name, "usage": q.usage, "arguments": arguments, "options": options,
                     "description": q.description})
    return rows


#: Nodes the view derives (articles, funding rounds, IPOs) and financial figures (named after their
#: company: "智谱 revenue FY2024"): reachable by id, never by name, so a name lookup or a suggestion
#: always lands on a real-world entity ("澄湖科技 A" is a round, not a company).
DERIVED_LABELS = frozenset({C.Article, C.FundingRound, C.IPO, C.FinancialFigure})
#: The shortest normalised prefix that may stand for a longer name ("chenghu" for "Chenghu Technology").
MIN_PREFIX = 2


def _name_index(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Normalised name or alias -> the entities carrying it (derived nodes left out)."""
    index: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        if DERIVED_LABELS.intersection(data.get("labels", [])):
            continue
        for alias in (data.get("name", ""), *(data.get("aliases") or [])):
            index.setdefault(normalize_name(str(alias)), set()).add(node)
    return index


def find_entity(graph: nx.MultiDiGraph, name: str, label: str | None = None) -> str:
    """The id of the one entity called `name` (id, name or any alias, any script or case).

    A name no entity carries may be the start of one (`chenghu` for the alias "Chenghu Technology",
    `澄湖科` for 澄湖科技): typing a whole legal name is not a user's job. When several entities share the
    name (or the prefix) and `label` is given, those carrying that label are preferred (an EXCHANGE
    argument picks the exchange called "HKEX" over a fund of the same name). Only entities are matched
    or suggested, never the rounds, IPOs and articles the view derives.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("org-chenghu", labels=["Organization", "Company"], name="澄湖科技",
    ...                aliases=["Chenghu Technology"])
    >>> graph.add_node("org-hongshan", labels=["Organization", "Investor"], name="红杉中国",
    ...                aliases=["HongShan", "Sequoia China"])
    >>> graph.add_node("org-hongshan-seed", labels=["Organization", "Investor"], name="红杉中国种子基金")
    >>> find_entity(graph, "chenghu technology"), find_entity(graph, "澄湖科"), find_entity(graph, "Sequoia China")
    ('org-chenghu', 'org-chenghu', 'org-hongshan')
    >>> find_entity(graph, "红杉")
    Traceback (most recent call last):
    ...
    kg.queries.registry.AmbiguousEntity: '红杉' starts several names: 红杉中国 (org-hongshan),
    红杉中国种子基金 (org-hongshan-seed); pass the id instead
    >>> find_entity(graph, "Chenhu Tech")
    Traceback (most recent call last):
    ...
    kg.queries.registry.UnknownEntity: no entity called 'Chenhu Tech' in the graph; close matches: 澄湖科技
    """
    if name in graph and C.Article not in graph.nodes[name].get("labels", []):
        return name
    key = normalize_name(name)
    index = _name_index(graph)
    matches = set(index.get(key, set()))
    prefixed = not matches and len(key) >= MIN_PREFIX
    if prefixed:
        matches = {n for alias, nodes in index.items() if alias.startswith(key) for n in nodes}
    if label and len(matches) > 1:
        matches = {m for m in matches if label in graph.nodes[m].get("labels", [])} or matches
    if len(matches) == 1:
        return next(iter(matches))
    if len(matches) > 1:
        options = ", ".join(f"{graph.nodes[m]['name']} ({m})" for m in sorted(matches))
        how = "starts several names" if prefixed else "is ambiguous"
        raise AmbiguousEntity(f"{name!r} {how}: {options}; pass the id instead")
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
    names = sorted({str(graph.nodes[n]["name"]) for c in close for n in index[c]})
    hint = f"; close matches: {', '.join(names)}" if names else ""
    raise UnknownEntity(f"no entity called {name!r} in the graph{hint}")


def _resolve(graph: nx.MultiDiGraph, query: NamedQuery, argument: Argument, name: str) -> str:
    entity = find_entity(graph, name, argument.label)
    labels = graph.nodes[entity].get("labels", [])
    if argument.label and argument.label not in labels:
        kinds = "/".join(sorted(labels)) or "no label"
        article = "an" if argument.label[0] in "AEIOU" else "a"
        raise KGError(f"{name!r} is {graph.nodes[entity].get('name')} ({entity}: {kinds}), not {article} "
                      f"{argument.label}; `kg query {query.name}` takes {argument.name}")
    return entity


def _check_option(query: NamedQuery, option: Option, value: Any) -> Any:
    if value is None:
        return option.default
    if option.choices and value not in option.choices:
        raise KGError(f"{option.flag} for `{query.name}` must be one of {', '.join(option.choices)}, got {value!r}")
    if option.minimum is not None or option.maximum is not None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise KGError(f"{option.flag} for `{query.name}` wants a whole number, got {value!r}")
        if option.minimum is not None and value < option.minimum:
            raise KGError(f"{option.flag} for `{query.name}` must be at least {option.minimum}, got {value}")
        if option.maximum is not None and value > option.maximum:
            raise KGError(f"{option.flag} for `{query.name}` must be at most {option.maximum}, got {value}")
    return value


def bind(graph: nx.MultiDiGraph, name: str, arguments: Sequence[str | None] = (),
         options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The Cypher parameters of a call: entity names resolved to ids through `graph` (which needs only
    the nodes' `labels`, `name` and `aliases`), options checked and defaulted.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("org-chenghu", labels=["Organization", "Company"], name="澄湖科技",
    ...                aliases=["Chenghu Technology"])
    >>> graph.add_node("org-hongshan", labels=["Organization", "Investor"], name="红杉中国",
    ...                aliases=["HongShan", "Sequoia China"])
    >>> graph.add_node("org-hongshan-seed", labels=["Organization", "Investor"], name="红杉中国种子基金")
    >>> bind(graph, "investors", ["Chenghu Technology"])
    {'as_of': None, 'id': 'org-chenghu'}
    >>> bind(graph, "path", ["澄湖科技", "HongShan"], {"max_hops": 3})
    {'max_hops': 3, 'as_of': None, 'a': 'org-chenghu', 'b': 'org-hongshan'}
    >>> bind(graph, "lineage", ["澄湖科技"], {"direction": "up"})  # the direction as Cypher takes it
    {'depth': 3, 'as_of': None, 'id': 'org-chenghu', 'up': True, 'down': False}
    >>> bind(graph, "path", ["澄湖科技", "HongShan"], {"max_hops": 99})
    Traceback (most recent call last):
    ...
    kg.errors.KGError: --max-hops N for `path` must be at most 15, got 99
    >>> bind(graph, "ipo-pipeline", [])  # EXCHANGE may be left out
    {'as_of': None, 'exchange': None}
    >>> bind(graph, "ipo-pipeline", ["红杉中国"])
    Traceback (most recent call last):
    ...
    kg.errors.KGError: '红杉中国' is 红杉中国 (org-hongshan: Investor/Organization), not an Exchange;
    `kg query ipo-pipeline` takes EXCHANGE
    """
    query = get_query(name)
    given = [a for a in arguments if a is not None]
    required = [b for a in query.arguments if a.required for b in [a] * (a.at_least if a.many else 1)]
    if len(given) < len(required):
        missing = " ".join(a.name for a in required[len(given):])
        raise KGError(f"`kg query {name}` needs {missing} (usage: kg query {query.usage})")
    many = query.arguments[-1] if query.arguments and query.arguments[-1].many else None
    if many is not None:
        fixed = len(query.arguments) - 1
        given, rest = given[:fixed], given[fixed:]
        ids = [_resolve(graph, query, many, value) for value in rest]
        for i, entity in enumerate(ids):
            if entity in ids[:i]:
                raise KGError(f"{rest[ids.index(entity)]!r} and {rest[i]!r} are the same entity ({entity}): "
                              f"name each {many.name} once")
        query_arguments = query.arguments[:-1]
    else:
        query_arguments = query.arguments
    if len(given) > len(query_arguments) and many is None:
        raise KGError(f"`kg query {name}` takes {len(query.arguments) or 'no'} argument(s), got {len(given)} "
                      f"(usage: kg query {query.usage})")
    params: dict[str, Any] = {}
    known = {o.name: o for o in query.options}
    for key, value in (options or {}).items():
        if key not in known and value is not None:
            flag = "--" + key.replace("_", "-")
            raise KGError(f"`kg query {name}` takes no {flag} (usage: kg query {query.usage})")
    for option in query.options:
        params[option.name] = _check_option(query, option, (options or {}).get(option.name))
    for argument, value in zip(query_arguments, [*given, *[None] * len(query_arguments)], strict=False):
        params[argument.param] = None if value is None else _resolve(graph, query, argument, value)
    if many is not None:
        params[many.param] = ids
    if name == "path" and params["a"] == params["b"]:
        raise KGError(f"A and B are the same entity ({params['a']}): a path needs two different ends")
    return query.prepare(params) if query.prepare else params
