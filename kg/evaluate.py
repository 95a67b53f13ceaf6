"""`kg eval`: measure extraction against hand-written gold facts.

For every `<id>.gold.json` beside `<id>.txt`, the article alone is built into a fresh store and its
node-link export is scored with the corpus's rules (see the corpus README): an entity is found when a
node shares a normalised name with it and carries its type; extra nodes for one entity count against
precision; a relation is found when its type and both endpoints match; attribute accuracy is the share
of gold attributes of matched relations that the prediction agrees with. Micro-averaged over articles.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.build import build
from kg.graph import node_link, to_networkx
from kg.names import normalize_name
from kg.store import open_store

if TYPE_CHECKING:
    from kg.extract.ner import NerConfig

ENTITY_LABELS = {"Company", "Person", "Investor", "StateOwnedFund", "Exchange", "Product", "University",
                 "Organization", "GovernmentBody", "ResearchInstitute"}
TYPE_OK = {
    "Company": {"Company"}, "Person": {"Person"}, "Investor": {"Investor", "StateOwnedFund"},
    "StateOwnedFund": {"StateOwnedFund"}, "Exchange": {"Exchange"}, "Product": {"Product"},
    "University": {"University", "ResearchInstitute", "Organization"},
}
REL_TYPES = {"INVESTED_IN", "FILED_FOR_IPO", "PASSED_LISTING_HEARING", "LISTED_ON", "FOUNDED",
             "HOLDS_POSITION", "LEFT", "SPUN_OFF_FROM", "DEVELOPS"}
ATTRIBUTES = ("date", "amount", "currency", "round", "title", "ticker")


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
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    error: str | None = None

    def add(self, other: Score) -> None:
        for key in ("e_tp", "e_fp", "e_fn", "r_tp", "r_fp", "r_fn", "a_ok", "a_total"):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @property
    def entity_prf(self) -> tuple[float, float, float]:
        return prf(self.e_tp, self.e_fp, self.e_fn)

    @property
    def relation_prf(self) -> tuple[float, float, float]:
        return prf(self.r_tp, self.r_fp, self.r_fn)

    @property
    def attribute_accuracy(self) -> float:
        return self.a_ok / self.a_total if self.a_total else 0.0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def same_attribute(key: str, gold: Any, pred: Any) -> bool:
    """The corpus's attribute rules: amounts within 1%, dates by prefix, tickers without zeros/suffix."""
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


def score_graph(gold: dict[str, Any], graph: dict[str, Any]) -> Score:
    """Score one node-link graph against one gold file."""
    score = Score(article=gold["id"])
    nodes = [n for n in graph["nodes"] if set(n.get("labels", [])) & ENTITY_LABELS]
    gold_names = {e["key"]: {normalize_name(n) for n in e["names"]} for e in gold["entities"]}
    gold_type = {e["key"]: e["type"] for e in gold["entities"]}
    node_key: dict[str, str] = {}
    found: set[str] = set()
    for node in nodes:
        names = {normalize_name(n) for n in [node.get("name", ""), *node.get("aliases", [])] if n}
        hits = [k for k, g in gold_names.items() if names & g and set(node["labels"]) & TYPE_OK[gold_type[k]]]
        if not hits:
            score.e_fp += 1
            score.false_positives.append(f"entity {node.get('name')} {node['labels']}")
            continue
        node_key[str(node["id"])] = hits[0]
        if hits[0] in found:
            score.e_fp += 1
            score.false_positives.append(f"duplicate node {node.get('name')} for {hits[0]}")
        found.add(hits[0])
    score.e_tp = len(found)
    score.e_fn = len(gold_names) - len(found)
    score.misses += [f"entity {k} ({gold_type[k]})" for k in gold_names if k not in found]
    gold_rels: dict[tuple, list[dict]] = {}
    for rel in gold["relations"]:
        gold_rels.setdefault((rel["type"], rel["source"], rel["target"]), []).append(rel.get("attrs", {}))
    pred_rels: dict[tuple, list[dict]] = {}
    for edge in graph["edges"]:
        if edge.get("type") in REL_TYPES:
            key = (edge["type"], node_key.get(str(edge["source"])), node_key.get(str(edge["target"])))
            pred_rels.setdefault(key, []).append(edge)
    matched = [k for k in pred_rels if k in gold_rels]
    score.r_tp, score.r_fp, score.r_fn = len(matched), len(pred_rels) - len(matched), len(gold_rels) - len(matched)
    score.misses += [f"relation {t} {s} -> {o}" for (t, s, o) in gold_rels if (t, s, o) not in pred_rels]
    for (t, s, o), edges in pred_rels.items():
        if (t, s, o) not in gold_rels:
            first = edges[0]
            score.false_positives.append(f"relation {t} {s or first['source']} -> {o or first['target']}")
    for key in matched:
        for attrs in gold_rels[key]:
            for name, value in attrs.items():
                if name in ATTRIBUTES:
                    score.a_total += 1
                    ok = any(same_attribute(name, value, e.get(name)) for e in pred_rels[key])
                    score.a_ok += ok
                    if not ok:
                        got = [e.get(name) for e in pred_rels[key]]
                        score.misses.append(f"attribute {name}={value!r} of {key[0]} {key[1]} -> {key[2]} "
                                            f"(got {got})")
    return score


def strip_header(text: str) -> str:
    """Drop the corpus's `URL:` / `QUERY:` header lines, as the cross-check script does."""
    lines = text.split("\n")
    if lines and lines[0].startswith("URL: "):
        i = 1
        while i < len(lines) and lines[i].startswith("QUERY: "):
            i += 1
        return "\n".join(lines[i:]).lstrip("\n")
    return text


def evaluate_dir(directory: Path, ner: NerConfig | None = None) -> tuple[list[Score], Score]:
    """Score every gold file in `directory`; returns per-article scores and their micro-average.

    `ner`: build with an optional statistical tagger's candidates (`kg.extract.ner`)."""
    total = Score(article="micro-average")
    scores: list[Score] = []
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        for gold_file in sorted(directory.glob("*.gold.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            text_file = gold_file.with_name(gold_file.name.replace(".gold.json", ".txt"))
            if not text_file.exists():
                score = Score(article=gold["id"], error=f"no text at {text_file}",
                              e_fn=len(gold["entities"]), r_fn=len(gold["relations"]))
            else:
                article = Path(tmp) / f"{gold['id']}.txt"
                article.write_text(strip_header(text_file.read_text(encoding="utf-8")), encoding="utf-8")
                with open_store(Path(tmp) / f"store-{gold['id']}") as store:
                    report = build(store, [article], ner=ner)
                    graph = node_link(to_networkx(store))
                score = score_graph(gold, graph)
                if report.failures:
                    score.error = "; ".join(reason for _p, reason in report.failures)
            scores.append(score)
            total.add(score)
    return scores, total
