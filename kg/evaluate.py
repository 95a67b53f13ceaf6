"""`kg eval`: measure extraction against hand-written gold facts.

For every `<id>.gold.json` beside `<id>.txt`, the article alone is built into a fresh store and its
node-link export is scored with the corpus's rules (see the corpus README): an entity is found when a
node shares a normalised name with it and carries its type; extra nodes for one entity count against
precision; a relation is found when its type and both endpoints match; attribute accuracy is the share
of gold attributes of matched relations that the prediction agrees with. Micro-averaged over articles.

A gold file may also list the article's financial figures (`"figures"`: company, metric, period, value,
currency); then those are scored too: a predicted FinancialFigure matches a gold one when its company
carries one of the gold company's names (company: a gold entity's key or one of its names), and
metric, period and currency are the same and the value is within 1% (a `[low, high]` gold value
matches the figure's bounds). Figure precision and recall are reported beside entities and relations,
for the articles whose gold lists figures only: a gold file without "figures" is scored as before.

Honest measurement needs articles the rules were not written on, so a corpus is split into two fixed
halves by a hash of each article's id (`corpus_half`): rules are developed on the `dev` half, and the
`blind` half is only ever scored, never read. Every miss carries a class (`Miss.kind`: an entity never
named, named with a wrong boundary or type; a relation whose end is missing, or whose ends are found
but no rule tied them; an attribute), so `kg eval --verbose` shows where recall goes.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.build import build
from kg.extract.gazetteer import Gazetteer
from kg.graph import node_link, to_networkx
from kg.names import normalize_name
from kg.store import open_store
from kg.terms import C, R

if TYPE_CHECKING:
    from kg.extract.ner import NerConfig

ENTITY_LABELS = {C.Company, C.Person, C.Investor, C.StateOwnedFund, C.Exchange, C.Product, C.University,
                 C.Organization, C.GovernmentBody, C.ResearchInstitute}
TYPE_OK = {
    C.Company: {C.Company}, C.Person: {C.Person}, C.Investor: {C.Investor, C.StateOwnedFund},
    C.StateOwnedFund: {C.StateOwnedFund}, C.Exchange: {C.Exchange}, C.Product: {C.Product},
    C.University: {C.University, C.ResearchInstitute, C.Organization},
}
REL_TYPES = {R.INVESTED_IN, R.FILED_FOR_IPO, R.PASSED_LISTING_HEARING, R.LISTED_ON, R.FOUNDED,
             R.HOLDS_POSITION, R.LEFT, R.SPUN_OFF_FROM, R.DEVELOPS}
ATTRIBUTES = ("date", "amount", "currency", "round", "title", "ticker")

Half = Literal["dev", "blind"]
HALVES: tuple[Half, ...] = ("dev", "blind")


def corpus_half(article_id: str) -> Half:
    """The fixed half of an evaluation corpus an article belongs to: by the parity of the SHA-256 of
    its id, so the split never depends on the order, the number or the content of the articles.

    Examples
    --------
    >>> corpus_half("163-moonshot-c-round"), corpus_half("seed-itjuzi-ipo")
    ('dev', 'blind')
    """
    return "dev" if int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "blind"


@dataclass(frozen=True)
class Miss:
    """One gold fact not found, or one predicted fact not in the gold: its class and a description.

    Classes: `entity: not named` (no node has any of its names), `entity: boundary` (a node's name
    contains one of its names or is contained in one: a character gained or lost), `entity: type`
    (named, wrong type); `relation TYPE: end missing` (an end entity was not found),
    `relation TYPE: reversed or retyped` (its ends are linked otherwise), `relation TYPE: not linked`
    (both ends found, no rule tied them); `attribute NAME`; false positives as `extra entity` and
    `extra relation TYPE`.
    """

    kind: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.detail}"


@dataclass
class Score:
    """Counts for one article (or the sum over many), plus what was missed and wrongly found."""

    article: str
    e_tp: int = 0
    e_fp: int = 0
    e_fn: int = 0
    r_tp: int = 0
    r_fp: int = 0
    r_fn: int = 0
    a_ok: int = 0
    a_total: int = 0
    f_tp: int = 0
    f_fp: int = 0
    f_fn: int = 0
    f_articles: int = 0  # articles whose gold lists figures (those alone are scored on figures)
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[Miss] = field(default_factory=list)
    error: str | None = None
    lang: str | None = None

    def add(self, other: Score) -> None:
        for key in ("e_tp", "e_fp", "e_fn", "r_tp", "r_fp", "r_fn", "a_ok", "a_total", "f_tp", "f_fp", "f_fn",
                    "f_articles"):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def miss_classes(self) -> Counter[str]:
        """How many misses of each class (`Miss.kind`).

        Examples
        --------
        >>> score = Score("xh", misses=[Miss("entity: not named", "zg (Investor)"),
        ...                             Miss("entity: not named", "li (Person)"), Miss("attribute date", "...")])
        >>> score.miss_classes()
        Counter({'entity: not named': 2, 'attribute date': 1})
        """
        return Counter(m.kind for m in self.misses)

    @property
    def entity_prf(self) -> tuple[float, float, float]:
        return prf(self.e_tp, self.e_fp, self.e_fn)

    @property
    def relation_prf(self) -> tuple[float, float, float]:
        return prf(self.r_tp, self.r_fp, self.r_fn)

    @property
    def figure_prf(self) -> tuple[float, float, float]:
        return prf(self.f_tp, self.f_fp, self.f_fn)

    @property
    def attribute_accuracy(self) -> float:
        return self.a_ok / self.a_total if self.a_total else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of true positives, false positives and false negatives (0.0 when undefined).

    Examples
    --------
    >>> prf(3, 1, 2)
    (0.75, 0.6, 0.6666666666666665)
    >>> prf(0, 0, 0)
    (0.0, 0.0, 0.0)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def same_attribute(key: str, gold: Any, pred: Any) -> bool:
    """The corpus's attribute rules: amounts within 1%, dates by prefix, tickers without zeros/suffix.

    Examples
    --------
    >>> same_attribute("amount", 3e8, 3.01e8), same_attribute("amount", 3e8, 3.1e8)
    (True, False)
    >>> same_attribute("date", "2025-07", "2025-07-02"), same_attribute("ticker", "2513", "02513.HK")
    (True, True)
    >>> same_attribute("round", "B", "B轮"), same_attribute("title", "CEO", None)
    (True, False)
    """
    if pred is None:
        return False
    if key == "amount":
        try:
            return abs(float(pred) - float(gold)) <= 0.01 * abs(float(gold))
        except (TypeError, ValueError):
            return False
    g, p = normalize_name(str(gold)), normalize_name(str(pred))
    if key == "date":
        return p.startswith(g)
    if key == "ticker":
        return p.lstrip("0").split("hk")[0] == g.lstrip("0")
    return g == p or g in p or p in g


def _entity_miss(names: set[str], node_names: list[set[str]], typed_ok: bool) -> str:
    """Why a gold entity was not found: named with a wrong type, a boundary error, or not named."""
    if typed_ok:
        return "entity: type"
    for predicted in node_names:
        for p in predicted:
            if any(len(p) != len(g) and (g in p or p in g) and min(len(p), len(g)) >= 2 for g in names):
                return "entity: boundary"
    return "entity: not named"


def score_graph(gold: dict[str, Any], graph: dict[str, Any]) -> Score:
    """Score one node-link graph against one gold file.

    Examples
    --------
    HongShan is found under its English name; 真格基金 is not, so its investment is missed too, and
    李明 is not in the gold:

    >>> gold = {"id": "xh", "lang": "zh",
    ...         "entities": [{"key": "xh", "type": "Company", "names": ["星衡智能"]},
    ...                      {"key": "hs", "type": "Investor", "names": ["红杉中国", "HongShan"]},
    ...                      {"key": "zg", "type": "Investor", "names": ["真格基金"]}],
    ...         "relations": [{"type": "INVESTED_IN", "source": "hs", "target": "xh", "attrs": {"round": "B"}},
    ...                       {"type": "INVESTED_IN", "source": "zg", "target": "xh"}]}
    >>> graph = {"nodes": [{"id": "o:xh", "labels": ["Organization", "Company"], "name": "星衡智能"},
    ...                    {"id": "o:hs", "labels": ["Organization", "Investor"], "name": "HongShan"},
    ...                    {"id": "p:li", "labels": ["Person"], "name": "李明"}],
    ...          "edges": [{"source": "o:hs", "target": "o:xh", "type": "INVESTED_IN", "round": "B"}]}
    >>> score = score_graph(gold, graph)
    >>> (score.e_tp, score.e_fp, score.e_fn), (score.r_tp, score.r_fp, score.r_fn), (score.a_ok, score.a_total)
    ((2, 1, 1), (1, 0, 1), (1, 1))
    >>> [miss.kind for miss in score.misses], [extra.detail for extra in score.false_positives]
    (['entity: not named', 'relation INVESTED_IN: end missing'], ["李明 ['Person']"])
    """
    score = Score(article=gold["id"], lang=gold.get("lang"))
    nodes = [n for n in graph["nodes"] if set(n.get("labels", [])) & ENTITY_LABELS]
    gold_names = {e["key"]: {normalize_name(n) for n in e["names"]} for e in gold["entities"]}
    gold_type = {e["key"]: e["type"] for e in gold["entities"]}
    node_key: dict[str, str] = {}
    found: set[str] = set()
    all_node_names: list[set[str]] = []
    for node in nodes:
        names = {normalize_name(n) for n in [node.get("name", ""), *node.get("aliases", [])] if n}
        all_node_names.append(names)
        hits = [k for k, g in gold_names.items() if names & g and set(node["labels"]) & TYPE_OK[gold_type[k]]]
        if not hits:
            score.e_fp += 1
            score.false_positives.append(Miss("extra entity", f"{node.get('name')} {node['labels']}"))
            continue
        node_key[str(node["id"])] = hits[0]
        if hits[0] in found:
            score.e_fp += 1
            score.false_positives.append(Miss("extra entity", f"duplicate node {node.get('name')} for {hits[0]}"))
        found.add(hits[0])
    score.e_tp = len(found)
    score.e_fn = len(gold_names) - len(found)
    for k, names in gold_names.items():
        if k not in found:
            named = any(names & predicted for predicted in all_node_names)
            kind = _entity_miss(names, all_node_names, named)
            score.misses.append(Miss(kind, f"{k} ({gold_type[k]})"))
    gold_rels: dict[tuple, list[dict]] = {}
    for rel in gold["relations"]:
        gold_rels.setdefault((rel["type"], rel["source"], rel["target"]), []).append(rel.get("attrs", {}))
    pred_rels: dict[tuple, list[dict]] = {}
    for edge in graph["edges"]:
        if edge.get("type") in REL_TYPES:
            key = (edge["type"], node_key.get(str(edge["source"])), node_key.get(str(edge["target"])))
            pred_rels.setdefault(key, []).append(edge)
    linked_pairs = {frozenset((s, o)) for (_t, s, o) in pred_rels if s and o}
    matched = [k for k in pred_rels if k in gold_rels]
    score.r_tp, score.r_fp, score.r_fn = len(matched), len(pred_rels) - len(matched), len(gold_rels) - len(matched)
    for t, s, o in gold_rels:
        if (t, s, o) in pred_rels:
            continue
        if s not in found or o not in found:
            kind = f"relation {t}: end missing"
        elif frozenset((s, o)) in linked_pairs:
            kind = f"relation {t}: reversed or retyped"
        else:
            kind = f"relation {t}: not linked"
        score.misses.append(Miss(kind, f"{t} {s} -> {o}"))
    for (t, s, o), edges in pred_rels.items():
        if (t, s, o) not in gold_rels:
            first = edges[0]
            score.false_positives.append(Miss(f"extra relation {t}", f"{t} {s or first['source']} -> "
                                                                     f"{o or first['target']}"))
    for key in matched:
        for attrs in gold_rels[key]:
            for name, value in attrs.items():
                if name in ATTRIBUTES:
                    score.a_total += 1
                    ok = any(same_attribute(name, value, e.get(name)) for e in pred_rels[key])
                    score.a_ok += ok
                    if not ok:
                        got = [e.get(name) for e in pred_rels[key]]
                        score.misses.append(Miss(f"attribute {name}", f"{name}={value!r} of {key[0]} {key[1]} -> "
                                                                      f"{key[2]} (got {got})"))
    if "figures" in gold:
        score_figures(gold, graph, score)
    return score


def _within(gold: Any, pred: Any) -> bool:
    return pred is not None and same_attribute("amount", gold, pred)


def same_figure_value(gold: Any, figure: dict[str, Any]) -> bool:
    """A gold value against a predicted figure: a number within 1% of its amount (or, for a bound
    without an amount, of that bound); `[low, high]` within 1% of its low and high."""
    if isinstance(gold, list | tuple):
        low, high = (list(gold) + [None, None])[:2]
        return ((low is None or _within(low, figure.get("amount_low")))
                and (high is None or _within(high, figure.get("amount_high"))))
    amount = figure.get("amount")
    if amount is None:
        amount = figure.get("amount_low") if figure.get("amount_low") is not None else figure.get("amount_high")
    return _within(gold, amount)


def _figure_text(fig: dict[str, Any]) -> str:
    return f"{fig.get('company')} {fig.get('metric')} {fig.get('period')} {fig.get('value')} {fig.get('currency')}"


def score_figures(gold: dict[str, Any], graph: dict[str, Any], score: Score) -> None:
    """Score the graph's FinancialFigures against the gold's `figures` (see the module docstring):
    each gold figure matches at most one predicted figure and each predicted one at most one gold."""
    score.f_articles = 1
    gold_names = {e["key"]: {normalize_name(n) for n in e["names"]} for e in gold["entities"]}
    nodes = {str(n["id"]): n for n in graph["nodes"]}
    names_of = {node_id: {normalize_name(n) for n in [n.get("name", ""), *n.get("aliases", [])] if n}
                for node_id, n in nodes.items()}
    predicted: list[tuple[dict[str, Any], set[str]]] = []
    for edge in graph["edges"]:
        figure = nodes.get(str(edge.get("source")))
        if edge.get("type") == R.FIGURE_OF and figure and C.FinancialFigure in figure.get("labels", []):
            predicted.append((figure, names_of.get(str(edge["target"]), set())))
    used: set[int] = set()
    for fig in gold["figures"]:
        company = str(fig["company"])
        # the gold entity's key, or any one of its names (then all its names count), or a bare name
        wanted = gold_names.get(company) or next(
            (names for names in gold_names.values() if normalize_name(company) in names), {normalize_name(company)})
        currency = str(fig.get("currency") or "").upper()
        hit = next((i for i, (p, names) in enumerate(predicted) if i not in used and names & wanted
                    and p.get("metric") == fig["metric"] and str(p.get("period")) == str(fig["period"])
                    and str(p.get("currency") or "").upper() == currency
                    and (fig.get("unit") is None or p.get("unit") == fig["unit"])
                    and same_figure_value(fig["value"], p)), None)
        if hit is None:
            score.f_fn += 1
            score.misses.append(Miss(f"figure {fig['metric']}", _figure_text(fig)))
        else:
            used.add(hit)
            score.f_tp += 1
    for i, (p, _names) in enumerate(predicted):
        if i not in used:
            score.f_fp += 1
            value = p.get("amount") if p.get("amount") is not None else [p.get("amount_low"), p.get("amount_high")]
            score.false_positives.append(Miss(f"extra figure {p.get('metric')}",
                                              f"{p.get('name')} {value} {p.get('currency')}"))


def strip_header(text: str) -> str:
    """Drop the corpus's `URL:` / `QUERY:` header lines, as the cross-check script does.

    Examples
    --------
    >>> strip_header("URL: https://example.com/a\\nQUERY: 星衡\\n\\n星衡智能完成B轮融资。")
    '星衡智能完成B轮融资。'
    >>> strip_header("星衡智能完成B轮融资。")
    '星衡智能完成B轮融资。'
    """
    lines = text.split("\n")
    if lines and lines[0].startswith("URL: "):
        i = 1
        while i < len(lines) and lines[i].startswith("QUERY: "):
            i += 1
        return "\n".join(lines[i:]).lstrip("\n")
    return text


def article_file(gold_file: Path) -> Path:
    """The article a gold file scores: `<id>.txt` beside it, else `<id>.md` (whose front matter gives
    the article date, which financial periods are resolved against).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     before = article_file(Path(tmp, "xh.gold.json")).name
    ...     _ = Path(tmp, "xh.md").write_text("---\\ndate: 2025-07-02\\n---\\n", encoding="utf-8")
    ...     after = article_file(Path(tmp, "xh.gold.json")).name
    >>> before, after
    ('xh.txt', 'xh.md')
    """
    stem = gold_file.name.removesuffix(".gold.json")
    text = gold_file.with_name(f"{stem}.txt")
    markdown = gold_file.with_name(f"{stem}.md")
    return markdown if not text.exists() and markdown.exists() else text


def gold_files(directory: Path, half: Half | None = None) -> list[Path]:
    """The gold files of `directory` in name order, only those of one half when `half` is given.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for stem in ("seed-itjuzi-ipo", "163-moonshot-c-round"):
    ...         _ = Path(tmp, f"{stem}.gold.json").write_text("{}", encoding="utf-8")
    ...     every = [f.name for f in gold_files(Path(tmp))]
    ...     dev = [f.name for f in gold_files(Path(tmp), "dev")]
    >>> every, dev
    (['163-moonshot-c-round.gold.json', 'seed-itjuzi-ipo.gold.json'], ['163-moonshot-c-round.gold.json'])
    """
    files = sorted(directory.glob("*.gold.json"))
    if half is None:
        return files
    return [f for f in files if corpus_half(f.name.removesuffix(".gold.json")) == half]


def evaluate_dir(
    directory: Path,
    *,
    half: Half | None = None,
    gazetteer: Gazetteer | None = None,
    ner: NerConfig | None = None,
) -> tuple[list[Score], Score]:
    """Score every gold file in `directory` (or one half of them); per-article scores and their
    micro-average. `gazetteer` replaces the shipped one (the ablation measure); `ner` builds with an
    optional statistical tagger's candidates (`kg.extract.ner`)."""
    total = Score(article="micro-average")
    scores: list[Score] = []
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        for gold_file in gold_files(directory, half):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            text_file = article_file(gold_file)
            if not text_file.exists():
                score = Score(article=gold["id"], error=f"no text at {text_file}", lang=gold.get("lang"),
                              e_fn=len(gold["entities"]), r_fn=len(gold["relations"]),
                              f_fn=len(gold.get("figures", [])), f_articles=int("figures" in gold))
            else:
                # the article keeps its suffix: a Markdown file's front matter gives its date
                article = Path(tmp) / f"{gold['id']}{text_file.suffix}"
                article.write_text(strip_header(text_file.read_text(encoding="utf-8")), encoding="utf-8")
                with open_store(Path(tmp) / f"store-{gold['id']}") as store:
                    report = build(store, [article], gazetteer=gazetteer, ner=ner)
                    graph = node_link(to_networkx(store))
                score = score_graph(gold, graph)
                if report.failures:
                    score.error = "; ".join(reason for _p, reason in report.failures)
            scores.append(score)
            total.add(score)
    return scores, total


def micro_average(scores: list[Score], article: str = "micro-average") -> Score:
    """The sum of some articles' counts (their micro-average).

    Examples
    --------
    >>> total = micro_average([Score("a", e_tp=2, e_fn=2), Score("b", e_tp=1, e_fp=1)])
    >>> total.article, (total.e_tp, total.e_fp, total.e_fn), total.entity_prf
    ('micro-average', (3, 1, 2), (0.75, 0.6, 0.6666666666666665))
    """
    total = Score(article=article)
    for s in scores:
        total.add(s)
    return total


def summary_line(score: Score, label: str) -> str:
    """One line: micro-averaged entity and relation P/R/F1 and attribute accuracy, and figure P/R/F1
    when some gold file listed figures.

    Examples
    --------
    >>> gold = {"id": "xh", "lang": "zh",
    ...         "entities": [{"key": "xh", "type": "Company", "names": ["星衡智能"]},
    ...                      {"key": "hs", "type": "Investor", "names": ["红杉中国", "HongShan"]},
    ...                      {"key": "zg", "type": "Investor", "names": ["真格基金"]}],
    ...         "relations": [{"type": "INVESTED_IN", "source": "hs", "target": "xh", "attrs": {"round": "B"}},
    ...                       {"type": "INVESTED_IN", "source": "zg", "target": "xh"}]}
    >>> graph = {"nodes": [{"id": "o:xh", "labels": ["Organization", "Company"], "name": "星衡智能"},
    ...                    {"id": "o:hs", "labels": ["Organization", "Investor"], "name": "HongShan"},
    ...                    {"id": "p:li", "labels": ["Person"], "name": "李明"}],
    ...          "edges": [{"source": "o:hs", "target": "o:xh", "type": "INVESTED_IN", "round": "B"}]}
    >>> score = score_graph(gold, graph)
    >>> summary_line(score, "xh")
    'xh: entities P=0.67 R=0.67 F1=0.67; relations P=1.00 R=0.50 F1=0.67; attributes 1.00 of 1'
    """
    ep, rp = score.entity_prf, score.relation_prf
    line = (f"{label}: entities P={ep[0]:.2f} R={ep[1]:.2f} F1={ep[2]:.2f}; relations P={rp[0]:.2f} R={rp[1]:.2f} "
            f"F1={rp[2]:.2f}; attributes {score.attribute_accuracy:.2f} of {score.a_total}")
    if score.f_articles:
        fp = score.figure_prf
        line += (f"; figures P={fp[0]:.2f} R={fp[1]:.2f} F1={fp[2]:.2f} "
                 f"({score.f_tp + score.f_fn} gold in {score.f_articles} articles)")
    return line


def article_line(score: Score) -> str:
    """One article's row: its half, entity and relation P/R/F1 and relation counts."""
    ep, rp = score.entity_prf, score.relation_prf
    return (f"{score.article:42s} {corpus_half(score.article):5s} ent P={ep[0]:.2f} R={ep[1]:.2f} F1={ep[2]:.2f} | "
            f"rel P={rp[0]:.2f} R={rp[1]:.2f} F1={rp[2]:.2f} (tp={score.r_tp} fp={score.r_fp} fn={score.r_fn})"
            + (f" | fig P={score.figure_prf[0]:.2f} R={score.figure_prf[1]:.2f} F1={score.figure_prf[2]:.2f} "
               f"(tp={score.f_tp} fp={score.f_fp} fn={score.f_fn})" if score.f_articles else "")
            + (f"  ERROR {score.error}" if score.error else ""))


def miss_table(scores: list[Score]) -> list[str]:
    """Misses and false positives counted by class and by article language, largest class first.

    Examples
    --------
    >>> gold = {"id": "xh", "lang": "zh",
    ...         "entities": [{"key": "xh", "type": "Company", "names": ["星衡智能"]},
    ...                      {"key": "hs", "type": "Investor", "names": ["红杉中国", "HongShan"]},
    ...                      {"key": "zg", "type": "Investor", "names": ["真格基金"]}],
    ...         "relations": [{"type": "INVESTED_IN", "source": "hs", "target": "xh", "attrs": {"round": "B"}},
    ...                       {"type": "INVESTED_IN", "source": "zg", "target": "xh"}]}
    >>> graph = {"nodes": [{"id": "o:xh", "labels": ["Organization", "Company"], "name": "星衡智能"},
    ...                    {"id": "o:hs", "labels": ["Organization", "Investor"], "name": "HongShan"},
    ...                    {"id": "p:li", "labels": ["Person"], "name": "李明"}],
    ...          "edges": [{"source": "o:hs", "target": "o:xh", "type": "INVESTED_IN", "round": "B"}]}
    >>> score = score_graph(gold, graph)
    >>> print("\\n".join(miss_table([score])))
    class                                               zh   total
    entity: not named                                    1       1
    extra entity                                         1       1
    relation INVESTED_IN: end missing                    1       1
    """
    counts: Counter[tuple[str, str]] = Counter()
    for s in scores:
        for m in [*s.misses, *s.false_positives]:
            counts[(m.kind, s.lang or "?")] += 1
    langs = sorted({lang for _k, lang in counts})
    kinds = sorted({k for k, _l in counts}, key=lambda k: (-sum(counts[(k, lang)] for lang in langs), k))
    lines = [f"{'class':46s} " + " ".join(f"{lang:>7s}" for lang in langs) + "   total"]
    for kind in kinds:
        row = [counts[(kind, lang)] for lang in langs]
        lines.append(f"{kind:46s} " + " ".join(f"{n:7d}" for n in row) + f" {sum(row):7d}")
    return lines
