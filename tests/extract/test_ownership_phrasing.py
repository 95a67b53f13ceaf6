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


# -- a person as the owner --------------------------------------------------------------------------

_FOUNDER = "海川科技创始人陆远舟表示，公司将扩产。"  # introduces the person, as stories do
_FOUNDER_EN = "Haichuan Technology founder Lu Yuanzhou said the company would grow. "


@pytest.mark.parametrize(
    ("text", "child", "parent", "rel", "props"),
    [
        ("海川科技的实际控制人为创始人陆远舟。", "海川科技", "陆远舟", "CONTROLLED_BY", {"kind": "actual_control"}),
        (_FOUNDER + "海川科技的实际控制人为陆远舟。", "海川科技", "陆远舟", "CONTROLLED_BY",
         {"kind": "actual_control"}),
        (_FOUNDER + "陆远舟是海川科技的控股股东。", "海川科技", "陆远舟", "CONTROLLED_BY", {"kind": "equity"}),
        (_FOUNDER + "陆远舟直接持有公司42%的股份，为公司实际控制人。", "海川科技", "陆远舟", "CONTROLLED_BY",
         {"kind": "actual_control"}),
        (_FOUNDER + "陆远舟持有海川科技35%股权。", "海川科技", "陆远舟", "OWNED_BY", {"share": 0.35}),
        ("海川科技股东中，创始人陆远舟持股35%。", "海川科技", "陆远舟", "OWNED_BY", {"share": 0.35}),
        (_FOUNDER_EN + "Lu Yuanzhou owns 35% of Haichuan Technology.", "Haichuan Technology", "Lu Yuanzhou",
         "OWNED_BY", {"share": 0.35}),
        (_FOUNDER_EN + "Haichuan Technology is controlled by its founder Lu Yuanzhou.", "Haichuan Technology",
         "Lu Yuanzhou", "CONTROLLED_BY", {"kind": "equity"}),
    ],
)
def test_a_founder_owns_or_controls_the_company(text: str, child: str, parent: str, rel: str,
                                                props: dict[str, Any]) -> None:
    assert _rels(text)[(rel, child, parent)] == pytest.approx(props)


@pytest.mark.parametrize(
    "text",
    [
        _FOUNDER + "陆远舟认为海川科技的实际控制人不会变化。",  # a verb that only contains 为
        _FOUNDER + "陆远舟并不是海川科技的实际控制人。",  # denied
        "海川科技创始人陆远舟表示，蓝潮资本为公司实际控制人。",  # the controller is the fund he names
        _FOUNDER + "陆远舟持有海川科技的股票已超过三年。",  # no share or stake word
    ],
)
def test_near_misses_give_no_person_owner(text: str) -> None:
    rels = _rels(text)
    assert not any(k[2] == "陆远舟" for k in rels), rels


def test_an_organisation_owner_is_still_read_where_a_person_is_named() -> None:
    rels = _rels("海川科技创始人陆远舟表示，蓝潮资本为公司实际控制人。海川科技的实际控制人为蓝潮资本。")
    assert rels[("CONTROLLED_BY", "海川科技", "蓝潮资本")]["kind"] == "actual_control"
