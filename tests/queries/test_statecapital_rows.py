"""`statecapital.neo4j_table` works per fund on state-capital.cypher's grouped rows; it must give exactly
what `table` gives for the same rows made one per investment and chain (what it did before), order and
ties included. Hypothesis draws funds with any mix of chains: none, state and private owners, one owner
reached by two chains (its investments then come twice in one row), levels, and investments that tie
on company, fund and round."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.queries.statecapital import INVESTMENT_KEYS, LEVELS, neo4j_table, table
from kg.terms import C

_FUND_KEYS = ("fund", "fund_id", "region", "fund_labels", "fund_level", "owner")

owners = st.one_of(st.none(), st.fixed_dictionaries({
    "id": st.sampled_from(["gov:a", "gov:b", "org:c", "person:d"]),
    "name": st.sampled_from(["上海市国资委", "Beijing SASAC", "某集团", "张三"]),
    "gov_level": st.sampled_from([None, "national", "provincial", "municipal", "district"]),
    "labels": st.sampled_from([[C.GovernmentBody], [C.StateOwnedFund, C.Organization], [C.Organization],
                               [C.Person]]),
}))
investments = st.lists(st.tuples(
    st.sampled_from(["星衡", "Stellar", None]), st.sampled_from(["co:1", "co:2", "co:3"]),
    st.sampled_from(["r1", "r2", "r3", "r4", "r5", "r6"]), st.sampled_from(["A", "B", None]),
    st.sampled_from([None, 1_000_000]), st.sampled_from([None, "CNY"]), st.sampled_from([None, "2025-07"]),
), max_size=6)


@st.composite
def grouped_rows(draw: Any) -> list[dict[str, Any]]:
    """state-capital.cypher's rows: per fund, one row per (top owner) with the fund's investments; a
    relation belongs to one fund, so relation ids are made unique per fund."""
    rows = []
    for n in range(draw(st.integers(0, 4))):
        fund = {"fund": draw(st.sampled_from(["国投", "Fund", None])), "fund_id": f"fund:{n}",
                "region": draw(st.sampled_from(["Shanghai", None])),
                "fund_labels": draw(st.sampled_from([[C.Organization], [C.Organization, C.StateOwnedFund]])),
                "fund_level": draw(st.sampled_from([None, "municipal", "district"]))}
        mine = [(c, cid, f"{fund['fund_id']}/{rid}", *rest) for c, cid, rid, *rest in draw(investments)]
        mine = list({i[2]: i for i in mine}.values())
        chains = draw(st.lists(owners, min_size=1, max_size=4, unique_by=lambda o: None if o is None else o["id"]))
        for owner in chains:
            twice = owner is not None and draw(st.booleans())  # two chains ending at this owner
            rows.append({**fund, "owner": owner, "investments": [list(i) for i in (mine * 2 if twice else mine)]})
    return rows


def flattened(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows one per investment and chain, in the order the Cypher gave them before it grouped them."""
    flat = [{**dict(zip(INVESTMENT_KEYS, investment, strict=True)), **{key: row[key] for key in _FUND_KEYS}}
            for row in rows for investment in row["investments"]]
    flat.sort(key=lambda r: (r["company_id"], r["fund_id"], str(r["relation_id"])))
    return flat


@settings(max_examples=300, deadline=None)
@given(rows=grouped_rows(), level=st.sampled_from([None, *LEVELS]))
def test_grouped_rows_give_what_the_flat_rows_gave(rows: list[dict[str, Any]], level: str | None) -> None:
    params = {"level": level}
    assert neo4j_table(rows, params) == table(flattened(rows), params)


def test_a_fund_owned_through_two_chains_by_one_state_owner_lists_each_investment_once() -> None:
    owner = {"id": "gov:sh", "name": "上海市国资委", "gov_level": "municipal", "labels": [C.GovernmentBody]}
    fund = {"fund": "某基金", "fund_id": "fund:1", "region": "Shanghai", "fund_labels": [C.Organization],
            "fund_level": "district", "owner": owner}
    deal = ["星衡", "co:1", "rel:1", "A", 10, "CNY", "2025-07"]
    rows = neo4j_table([{**fund, "investments": [deal, deal]}])
    assert [(r["company"], r["gov_levels"], r["state_owners"]) for r in rows] == [
        ("星衡", ["municipal"], ["上海市国资委"])]
