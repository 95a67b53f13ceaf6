"""English funding and IPO phrasing of wire copy, and Hong Kong / Taiwan (traditional Chinese) IPO and
funding phrasing, on invented sentences: each way of stating a fact with a near miss that must not
produce it (a follower given the round's sum, a valuation taken for the round, a planned listing)."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.extract.gazetteer import load_gazetteer
from kg.model import Article

PUBLISHED = "2025-06-10"  # a Tuesday


def _no_companies():
    """Only exchanges and universities known: what is found here, the rules found."""
    full = load_gazetteer()
    return load_gazetteer(
        exclude=frozenset(k for k, e in full.entries.items() if e.type not in ("Exchange", "University"))
    )


_GAZ = None


def _extract(text: str):
    global _GAZ
    if _GAZ is None:
        _GAZ = _no_companies()
    return extract(Article(text=text, published=PUBLISHED), gazetteer=_GAZ)


def _rels(text: str) -> dict[tuple[str, str, str], dict[str, Any]]:
    ex = _extract(text)
    name = {e.handle: e.names[0] for e in ex.entities}
    return {(r.type, name[r.source], name[r.target]): dict(r.props) for r in ex.relations}


def _investors(text: str, company: str) -> dict[str, dict[str, Any]]:
    return {s: p for (t, s, o), p in _rels(text).items() if t == "INVESTED_IN" and o == company}


def _names(text: str) -> set[str]:
    return {n for e in _extract(text).entities for n in e.names}


CO = "Qorvane Robotics"

# -- English funding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (f"{CO} raised $120 million in a Series C round. Halvard Capital led the round.", {"Halvard Capital": "lead"}),
        (f"Halvard Capital led a $120 million Series C round in {CO}.", {"Halvard Capital": "lead"}),
        (
            f"{CO} has secured $50 million in Series B financing, with Halvard Capital leading and Brisk "
            "Ventures joining.",
            {"Halvard Capital": "lead", "Brisk Ventures": "follow"},
        ),
        (
            f"{CO} closed a $120 million Series C round. The round was led by Halvard Capital and included "
            "Brisk Ventures and Tamsin Partners.",
            {"Halvard Capital": "lead", "Brisk Ventures": "follow", "Tamsin Partners": "follow"},
        ),
        (
            f"{CO} raised $120 million in Series C funding led by Halvard Capital. Brisk Ventures and Tamsin "
            "Partners also participated.",
            {"Halvard Capital": "lead", "Brisk Ventures": "follow", "Tamsin Partners": "follow"},
        ),
        (
            f"{CO} raised $120 million in a round led by Halvard Capital. Existing investors Brisk Ventures "
            "and Tamsin Partners also joined the round.",
            {"Halvard Capital": "lead", "Brisk Ventures": "follow", "Tamsin Partners": "follow"},
        ),
        (
            f"{CO} raised $120 million in a round led by Halvard Capital. Other investors in the round "
            "included Brisk Ventures.",
            {"Halvard Capital": "lead", "Brisk Ventures": "follow"},
        ),
    ],
)
def test_leads_and_followers_in_their_many_phrasings(text: str, roles: dict[str, str]) -> None:
    found = _investors(text, CO)
    assert {k: v.get("role") for k, v in found.items()} == roles
    for inv, props in found.items():
        if roles[inv] == "lead":
            assert props["amount"] in (120_000_000, 50_000_000)
        else:
            assert "amount" not in props, (inv, props)  # the round's sum is the lead's, not a follower's


def test_a_round_led_by_a_fund_and_the_round_is_not_the_company() -> None:
    # near miss: the funding word is not a company to invest in
    found = _investors("Halvard Capital and Brisk Ventures co-led the $120 million round.", CO)
    assert not found


def test_a_sentence_break_after_a_name_ends_the_name() -> None:
    names = _names(f"{CO} raised $1 million led by Halvard Capital. Brisk Ventures also participated.")
    assert {"Halvard Capital", "Brisk Ventures"} <= names
    assert not {n for n in names if ". " in n}
    # near miss: an abbreviation's full stop stays inside a name
    assert "J.P. Morgan Asset Management" in _names("J.P. Morgan Asset Management invested in the deal.")


@pytest.mark.parametrize(
    "text",
    [
        f"{CO} raised $120 million from investors including Halvard Capital.",
        f"{CO}, which counts Halvard Capital and Brisk Ventures among its investors, raised $50 million.",
    ],
)
def test_a_partial_investor_list_names_investors_without_the_sum(text: str) -> None:
    found = _investors(text, CO)
    assert "Halvard Capital" in found
    assert all("amount" not in p for p in found.values())


def test_money_from_a_single_named_investor_is_that_investors() -> None:
    found = _investors(f"{CO} raised $50 million from Halvard Capital.", CO)
    assert found["Halvard Capital"]["amount"] == 50_000_000


def test_a_backer_in_apposition_or_before_backed_is_a_standing_investor() -> None:
    text = (
        f"{CO} makes warehouse robots. The company, backed by Halvard Capital, raised $50 million in a "
        "Series B round."
    )
    found = _investors(text, CO)
    assert set(found) == {"Halvard Capital"}
    assert "amount" not in found["Halvard Capital"]  # a backer is not known to have put up this round
    found = _investors(f"Halvard Capital-backed {CO} raised $120 million in a Series C round.", CO)
    assert set(found) == {"Halvard Capital"}
    assert "amount" not in found["Halvard Capital"] and "round" not in found["Halvard Capital"]
    # near miss: "Shenzhen-based" is a place, not a backer
    assert _names(f"Shenzhen-based {CO} raised $10 million.") == {CO}


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        (f"{CO} raised a $300 million round at a valuation of $4 billion, led by Halvard Capital.", 300e6, "USD"),
        (f"{CO} raised $300 million at a $4 billion valuation in a round led by Halvard Capital.", 300e6, "USD"),
        (f"{CO}, now valued at $4 billion, raised $300 million in a round led by Halvard Capital.", 300e6, "USD"),
        (f"{CO} raised $1.2 billion in a Series D round led by Halvard Capital.", 1.2e9, "USD"),
        (f"{CO} raised US$300 million in a Series D round led by Halvard Capital.", 300e6, "USD"),
        (f"{CO} raised HK$4.8 billion in a round led by Halvard Capital.", 4.8e9, "HKD"),
        (f"{CO} raised RMB 500 million in a Series B round led by Halvard Capital.", 500e6, "CNY"),
    ],
)
def test_the_round_sum_not_the_valuation(text: str, amount: float, currency: str) -> None:
    props = _investors(text, CO)["Halvard Capital"]
    assert props["amount"] == amount and props["currency"] == currency


def test_only_a_valuation_is_no_round_sum() -> None:
    text = f"{CO} raised new funds at a valuation of $4 billion in a round led by Halvard Capital."
    assert "amount" not in _investors(text, CO)["Halvard Capital"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (f"{CO} raised $120 million on Monday in a Series C round led by Halvard Capital.", "2025-06-09"),
        (f"{CO} said on Tuesday it had raised $120 million in a round led by Halvard Capital.", "2025-06-10"),
        (f"{CO} said on Dec. 19 it had raised $120 million in a round led by Halvard Capital.", "2024-12-19"),
    ],
)
def test_weekdays_and_short_month_dates(text: str, date: str) -> None:
    assert _investors(text, CO)["Halvard Capital"]["date"] == date


def test_a_weekday_without_a_publication_date_stays_unresolved() -> None:
    text = f"{CO} raised $120 million on Monday in a round led by Halvard Capital."
    ex = extract(Article(text=text), gazetteer=_no_companies())
    assert all("date" not in r.props for r in ex.relations)


# -- English listings ---------------------------------------------------------------------------


def _listed(text: str) -> dict[tuple[str, str], dict[str, Any]]:
    return {(s, o): p for (t, s, o), p in _rels(text).items() if t == "LISTED_ON"}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (f"Shares of {CO} began trading in Hong Kong on Monday.", "2025-06-09"),
        (f"{CO} shares debuted on the Nasdaq on Dec. 19.", "2024-12-19"),
        (f"{CO} made its trading debut on the Hong Kong stock exchange on Friday (Dec 12).", "2024-12-12"),
        (f"{CO}'s shares jumped 30% in their Hong Kong debut on Thursday.", "2025-06-05"),
    ],
)
def test_debuts_and_their_dates(text: str, date: str) -> None:
    found = _listed(text)
    assert len(found) == 1
    assert next(iter(found.values()))["date"] == date


@pytest.mark.parametrize(
    "text", [f"{CO} will debut on the Nasdaq next week.", f"{CO} plans to list in Hong Kong next year."]
)
def test_a_planned_debut_is_not_a_listing(text: str) -> None:
    assert not _listed(text)


def test_priced_ipo_with_offer_price_and_ipo_proceeds() -> None:
    found = _listed(f"{CO} priced its IPO at HK$21.50 per share, the top of the range.")
    assert [p.get("offer_price") for p in found.values()] == [21.5]
    assert _listed(f"{CO} raised HK$4.8 billion in its Hong Kong IPO.")
    # near miss: money raised in a funding round is no IPO
    assert not _listed(f"{CO} raised $48 million in its Series B round.")


@pytest.mark.parametrize(
    ("text", "ticker"),
    [
        (f"{CO} (NASDAQ: QRVN) said revenue rose 20%.", "QRVN"),
        (f"{CO} (NYSE: QRV) priced its IPO at $18 per share on Wednesday.", "QRV"),
        (f"{CO} (2650.HK) said revenue rose 20%.", "2650"),
        (f"Nasdaq-listed {CO} said revenue rose 20%.", None),
        (f"Hong Kong-listed {CO} said revenue rose 20%.", None),
    ],
)
def test_tickers_and_listed_adjectives_state_a_listing(text: str, ticker: str | None) -> None:
    found = _listed(text)
    assert [s for s, _o in found] == [CO]
    assert next(iter(found.values())).get("ticker") == ticker


def test_a_place_before_based_or_a_bracketed_number_is_not_a_listing() -> None:
    assert not _listed(f"Hong Kong-based {CO} said revenue rose 20%.")
    assert not _listed(f"{CO} (2021) said revenue rose 20%.")


@pytest.mark.parametrize(
    ("text", "rel", "date"),
    [
        (f"{CO} filed for a Hong Kong IPO on Monday.", "FILED_FOR_IPO", "2025-06-09"),
        (f"{CO} passed the listing hearing of the Hong Kong stock exchange on Tuesday.", "PASSED_LISTING_HEARING",
         "2025-06-10"),
    ],
)
def test_filings_and_hearings_with_weekday_dates(text: str, rel: str, date: str) -> None:
    found = {k: p for k, p in _rels(text).items() if k[0] == rel}
    assert [k[1] for k in found] == [CO]
    assert next(iter(found.values()))["date"] == date
