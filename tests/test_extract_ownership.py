"""Ownership and control phrasing (kg/extract/relations/ownership.py) and government bodies named by
pattern (kg/extract/mentions/government.py). Invented sentences; each rule has a near miss."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.model import Article


def _extract(text: str):
    return extract(Article(text=text, published="2025-06-10"))


def _rels(text: str) -> dict[tuple[str, str, str], dict[str, Any]]:
    ex = _extract(text)
    name = {e.handle: e.names[0] for e in ex.entities}
    return {(r.type, name[r.source], name[r.target]): dict(r.props) for r in ex.relations
            if r.type in ("OWNED_BY", "CONTROLLED_BY")}


@pytest.mark.parametrize(
    ("text", "child", "parent", "share"),
    [
        ("星澜创投基金是青禾产业投资集团的全资子公司。", "星澜创投基金", "青禾产业投资集团", 1.0),
        ("星瀾創投基金是青禾產業投資集團的全資子公司。", "星瀾創投基金", "青禾產業投資集團", 1.0),
        ("蓝潮资本持有海川科技35%股权。", "海川科技", "蓝潮资本", 0.35),
        ("海川科技股东中,蓝潮资本持股35%。", "海川科技", "蓝潮資本".replace("資", "资"), 0.35),
        ("Starlake Fund is wholly owned by Bluewave Capital.", "Starlake Fund", "Bluewave Capital", 1.0),
        ("Bluewave Capital owns 35% of Starlake Fund.", "Starlake Fund", "Bluewave Capital", 0.35),
        ("Starlake Fund is 60% owned by Bluewave Capital.", "Starlake Fund", "Bluewave Capital", 0.6),
    ],
)
def test_a_stated_share_is_an_owned_by_fraction(text: str, child: str, parent: str, share: float) -> None:
    assert _rels(text)[("OWNED_BY", child, parent)]["share"] == pytest.approx(share)


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        ("星澜基金为杭州市国资委旗下的投资平台。", "星澜基金", "杭州市国资委"),
        ("青禾产业投资集团由上海市国资委出资设立。", "青禾产业投资集团", "上海市国资委"),
        ("Starlake Fund, a unit of Bluewave Capital, said.", "Starlake Fund", "Bluewave Capital"),
        ("Starlake Fund, backed by the Hefei municipal government, led the round.", "Starlake Fund",
         "Hefei municipal government"),
    ],
)
def test_ownership_without_a_share_leaves_it_unknown(text: str, child: str, parent: str) -> None:
    assert "share" not in _rels(text)[("OWNED_BY", child, parent)]


def test_owners_that_each_hold_a_share_get_theirs_in_order() -> None:
    rels = _rels("青禾资本、蓝潮资本分别持有星澜基金60%和40%股权。")
    assert rels[("OWNED_BY", "星澜基金", "青禾资本")]["share"] == pytest.approx(0.6)
    assert rels[("OWNED_BY", "星澜基金", "蓝潮资本")]["share"] == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("text", "child", "parent", "kind"),
    [
        ("海川科技由蓝潮资本控股。", "海川科技", "蓝潮资本", "equity"),
        ("蓝潮资本控股的海川科技今天发布新品。", "海川科技", "蓝潮资本", "equity"),
        ("海川科技的实际控制人为杭州市国资委。", "海川科技", "杭州市国资委", "actual_control"),
        ("海川科技的实际控制人为蓝潮资本。", "海川科技", "蓝潮资本", "actual_control"),
        ("星澜基金的GP为蓝潮资本。", "星澜基金", "蓝潮资本", "gp"),
    ],
)
def test_control_phrasing_is_controlled_by(text: str, child: str, parent: str, kind: str) -> None:
    assert _rels(text)[("CONTROLLED_BY", child, parent)]["kind"] == kind


@pytest.mark.parametrize(
    "text",
    [
        "星澜基金是青禾产业投资集团的客户。",  # not a subsidiary
        "蓝潮资本持有海川科技的股票已超过三年。",  # a holding without a share or stake word
        "海川科技的实际控制人未发生变化。",  # no controller named
        "星澜基金的LP为蓝潮资本。",  # a limited partner does not control the fund
        "Bluewave Capital owns 35% of the market.",  # a market share, not a stake
        "Starlake Fund, backed by Bluewave Capital, led the round.",  # a backer that is no government
        "海川科技由蓝潮资本领投。",  # leading a round is no control
        "星澜基金由蓝潮资本担任管理人。",  # managing is not funding the set-up
    ],
)
def test_near_misses_give_no_ownership(text: str) -> None:
    rels = _rels(text)
    assert not any(k[0] == "OWNED_BY" for k in rels), rels
    assert not any(k[0] == "CONTROLLED_BY" and v.get("kind") != "subsidiary" for k, v in rels.items()), rels


@pytest.mark.parametrize(
    ("text", "name", "level", "region"),
    [
        ("深圳市南山区国资局表示。", "深圳市南山区国资局", "district", "Shenzhen"),
        ("北京市财政局表示。", "北京市财政局", "provincial", "Beijing"),
        ("广东省财政厅表示。", "广东省财政厅", "provincial", "Guangdong"),
        ("杭州市国资委表示。", "杭州市国资委", "municipal", "Hangzhou"),
        ("杭州市余杭区人民政府表示。", "杭州市余杭区人民政府", "district", "Hangzhou"),
        ("The Hefei municipal government said.", "Hefei municipal government", "municipal", "Hefei"),
        ("Shanghai SASAC said.", "Shanghai SASAC", "provincial", "Shanghai"),
    ],
)
def test_government_bodies_are_named_by_region_and_body(text: str, name: str, level: str, region: str) -> None:
    ents = {e.names[0]: e for e in _extract(text).entities}
    assert ents[name].types == ["GovernmentBody"] or set(ents[name].types) == {"GovernmentBody"}
    assert ents[name].attrs["gov_level"] == level
    assert ents[name].attrs["region"] == region


@pytest.mark.parametrize("text", ["市政府表示。", "The Northern provincial government said.", "国资委员工表示。"])
def test_a_body_without_a_known_region_is_not_a_pattern_match(text: str) -> None:
    ents = _extract(text).entities
    assert not any(e.attrs.get("gov_level") in ("municipal", "district") for e in ents)
