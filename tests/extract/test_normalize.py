"""Money and date normalisers: the stated value, its precision, and never a date out of thin air."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.normalize import DateValue, find_dates, find_money, parse_date, parse_money


@pytest.mark.parametrize(
    ("text", "amount", "currency", "low", "high", "precision"),
    [
        ("3.12 亿元", 312_000_000, "CNY", None, None, "exact"),
        ("6-7 亿美元", None, "USD", 600_000_000, 700_000_000, "range"),
        ("数千万元", None, "CNY", 10_000_000, 100_000_000, "bucket"),
        ("数亿元", None, "CNY", 100_000_000, 1_000_000_000, "bucket"),
        ("超 62 亿元", 6_200_000_000, "CNY", 6_200_000_000, None, "lower_bound"),
        ("超过100亿元人民币", 10_000_000_000, "CNY", 10_000_000_000, None, "lower_bound"),
        ("近5亿美元", 500_000_000, "USD", None, 500_000_000, "upper_bound"),
        ("约3亿元", 300_000_000, "CNY", None, None, "approx"),
        ("$20 million", 20_000_000, "USD", None, None, "exact"),
        ("US$1.2 billion", 1_200_000_000, "USD", None, None, "exact"),
        ("HK$4.3 billion", 4_300_000_000, "HKD", None, None, "exact"),
        ("29.8亿港元", 2_980_000_000, "HKD", None, None, "exact"),
        ("5000万美元", 50_000_000, "USD", None, None, "exact"),
        ("5 billion yuan", 5_000_000_000, "CNY", None, None, "exact"),
        ("$300-million", 300_000_000, "USD", None, None, "exact"),
        ("151-165港元", None, "HKD", 151, 165, "range"),
        ("３亿元", 300_000_000, "CNY", None, None, "exact"),
        ("五亿美元", 500_000_000, "USD", None, None, "exact"),
        ("more than $1 billion", 1_000_000_000, "USD", 1_000_000_000, None, "lower_bound"),
    ],
)
def test_parse_money(text: str, amount, currency, low, high, precision) -> None:
    money = parse_money(text)
    assert money is not None
    assert (money.amount, money.currency, money.low, money.high, money.precision) == (
        amount,
        currency,
        low,
        high,
        precision,
    )
    assert money.raw.replace(" ", "") in text.replace(" ", "").replace("３", "3")


@pytest.mark.parametrize(
    "text", ["2025年12月", "B轮融资", "2538.92万股", "3亿用户", "Orion-2.5", "0100.HK", "第14家", ""]
)
def test_not_money(text: str) -> None:
    assert parse_money(text) is None


def test_money_props_keep_the_raw_text() -> None:
    props = parse_money("超 62 亿元").as_props()
    assert props == {
        "amount": 6_200_000_000,
        "currency": "CNY",
        "amount_low": 6_200_000_000,
        "amount_precision": "lower_bound",
        "amount_raw": "超 62 亿元",
    }


_UNITS = {"万": 10**4, "亿": 10**8, "千万": 10**7, "million": 10**6, "billion": 10**9}
_CURRENCIES = {"元": "CNY", "美元": "USD", "港元": "HKD"}


@given(
    whole=st.integers(min_value=1, max_value=9999),
    frac=st.integers(min_value=0, max_value=99),
    unit=st.sampled_from(sorted(_UNITS)),
    cur=st.sampled_from(sorted(_CURRENCIES)),
    space=st.sampled_from(["", " "]),
)
def test_generated_amounts_round_trip(whole: int, frac: int, unit: str, cur: str, space: str) -> None:
    number = f"{whole}.{frac:02d}" if frac else str(whole)
    if unit in ("million", "billion"):
        text = f"US${number} {unit}"
        currency = "USD"
    else:
        text = f"{number}{space}{unit}{cur}"
        currency = _CURRENCIES[cur]
    money = parse_money(text)
    assert money is not None, text
    expected = Decimal(number) * _UNITS[unit]
    assert Decimal(str(money.amount)) == expected
    assert money.currency == currency
    assert money.precision == "exact"


@given(
    low=st.integers(min_value=1, max_value=98),
    step=st.integers(min_value=1, max_value=50),
    unit=st.sampled_from(["亿", "万"]),
)
def test_generated_ranges_keep_both_bounds(low: int, step: int, unit: str) -> None:
    money = parse_money(f"{low}-{low + step}{unit}美元")
    assert money is not None
    assert (money.low, money.high, money.precision) == (
        low * _UNITS[unit],
        (low + step) * _UNITS[unit],
        "range",
    )
    assert money.amount is None


@pytest.mark.parametrize(
    ("text", "base", "iso", "precision"),
    [
        ("2025年12月19日 10:32", None, "2025-12-19", "day"),
        ("2025 年 12 月", None, "2025-12", "month"),
        ("2025年06月04日08:50:16", None, "2025-06-04", "day"),
        ("12月21日", "2026-01-10", "2025-12-21", "day"),
        ("1月8日", "2025-12-30", "2026-01-08", "day"),
        ("今年7月", "2025-09-01", "2025-07", "month"),
        ("去年", "2025-06-04", "2024", "year"),
        ("昨日", "2025-06-04", "2025-06-03", "day"),
        ("前天", "2025-06-04", "2025-06-02", "day"),
        ("本月5日", "2025-12-10", "2025-12-05", "day"),
        ("March 14, 2026", None, "2026-03-14", "day"),
        ("14 March 2026", None, "2026-03-14", "day"),
        ("Dec. 5, 2024", None, "2024-12-05", "day"),
        ("in April 2023", None, "2023-04", "month"),
        ("Q3 2025", None, "2025-Q3", "quarter"),
        ("2025年第三季度", None, "2025-Q3", "quarter"),
        ("2025-12-19", None, "2025-12-19", "day"),
        ("2025年底", None, "2025", "year"),
        ("二〇二四年三月", None, "2024-03", "month"),
        ("last year", "2025-12-05", "2024", "year"),
        ("last month", "2025-01-10", "2024-12", "month"),
        ("next month", "2025-12-10", "2026-01", "month"),
        ("in January last year", "2025-06-10", "2024-01", "month"),
        ("in March of last year", "2025-06-10", "2024-03", "month"),
        ("in December this year", "2025-06-10", "2025-12", "month"),
    ],
)
def test_parse_date(text: str, base: str | None, iso: str, precision: str) -> None:
    assert parse_date(text, base) == DateValue(iso, precision)


@pytest.mark.parametrize(
    "text", ["12月21日", "今年7月", "去年", "昨日", "前天", "Jan 9 (Reuters)", "本月", "yesterday"]
)
def test_relative_dates_need_a_base(text: str) -> None:
    assert parse_date(text, None) is None


def test_yesterday_of_a_month_is_unknown() -> None:
    assert parse_date("昨日", "2025-06") is None


def test_money_is_masked_before_dates() -> None:
    """'6-7 亿' is a range of money, not June 7th."""
    assert find_dates("计划募资 6-7 亿美元") == []
    assert [d[2].iso for d in find_dates("6-7亿美元，12月21日", "2025-12-22")] == ["2025-12-21"]


def test_find_money_spans_point_into_the_text() -> None:
    text = "公司完成5亿美元C轮融资，估值超30亿美元。"
    spans = [(text[s:e], m.amount) for s, e, m in find_money(text)]
    assert spans == [("5亿美元", 500_000_000), ("超30亿美元", 3_000_000_000)]


_REL_WORDS = [
    "今年",
    "去年",
    "前年",
    "明年",
    "昨日",
    "昨天",
    "前天",
    "今天",
    "今日",
    "本月",
    "上月",
    "yesterday",
    "today",
    "last year",
    "this year",
    "last month",
    "next month",
]


@given(
    word=st.sampled_from(_REL_WORDS), month=st.integers(1, 12), day=st.integers(1, 28), with_md=st.booleans()
)
def test_relative_dates_never_without_base(word: str, month: int, day: int, with_md: bool) -> None:
    text = f"{word}{month}月{day}日" if with_md and not word.isascii() else word
    assert parse_date(text, None) is None


@given(year=st.integers(1990, 2035), month=st.integers(1, 12), day=st.integers(1, 28))
def test_generated_full_dates_round_trip(year: int, month: int, day: int) -> None:
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    assert parse_date(f"{year}年{month}月{day}日", None) == DateValue(iso, "day")
    assert parse_date(iso, None) == DateValue(iso, "day")
    month_name = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][month - 1]
    assert parse_date(f"{month_name} {day}, {year}", None) == DateValue(iso, "day")


@given(
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    base_year=st.integers(2000, 2030),
    base_month=st.integers(1, 12),
)
def test_yearless_dates_land_within_half_a_year_of_the_base(
    month: int, day: int, base_year: int, base_month: int
) -> None:
    import datetime as dt

    base = f"{base_year:04d}-{base_month:02d}-15"
    value = parse_date(f"{month}月{day}日", base)
    assert value is not None and value.precision == "day"
    gap = abs((dt.date.fromisoformat(value.iso) - dt.date.fromisoformat(base)).days)
    assert gap <= 200


@given(month=st.integers(1, 12), day=st.integers(1, 28), base_year=st.integers(2000, 2030))
def test_yearless_dates_take_the_year_when_only_a_year_is_known(month: int, day: int, base_year: int) -> None:
    """A story whose last named year is 2021 puts "10月13日" in 2021: with no month to compare, the
    year before or after would be a guess."""
    for text in (f"{month}月{day}日", ["January", "February", "March", "April", "May", "June", "July",
                                      "August", "September", "October", "November", "December"][month - 1]
                 + f" {day}"):
        value = parse_date(text, f"{base_year:04d}")
        assert value is not None and value.iso == f"{base_year:04d}-{month:02d}-{day:02d}"


# -- weekdays and bare days, resolved against the article's date ---------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("周三（12日）岚峰科技通过聆讯", "2025-11-12"),  # the day in brackets wins
        ("12日，岚峰科技通过聆讯", "2025-11-12"),
        ("28日，岚峰科技递表", "2025-10-28"),  # after the base day: the month before
        ("本周三岚峰科技通过聆讯", "2025-11-12"),
        ("上周五岚峰科技递表", "2025-11-07"),
        ("周五岚峰科技挂牌", "2025-11-14"),  # the base day itself is a Friday
        ("The company said on Monday it had raised $50 million", "2025-11-10"),
        ("Shares debuted last Friday", "2025-11-07"),
    ],
)
def test_weekdays_and_bare_days(text: str, iso: str) -> None:
    assert parse_date(text, "2025-11-14") == DateValue(iso, "day")


@pytest.mark.parametrize("text", ["3日内完成交割", "10日均线", "1号线", "周三（12日）", "on Monday"])
def test_weekdays_and_bare_days_need_a_day_precise_base(text: str) -> None:
    """Durations and numbered things are no dates; without a day-precise base nothing is resolved."""
    assert parse_date(text, "2025-11") is None
    if not text.startswith(("周", "on")):
        assert parse_date(text, "2025-11-14") is None


@given(base=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), target=st.integers(0, 6))
def test_a_bare_weekday_is_the_last_such_day_on_or_before_the_base(base: dt.date, target: int) -> None:
    word = "周" + "一二三四五六日"[target]
    value = parse_date(word + "公司宣布", base.isoformat())
    assert value is not None and value.precision == "day"
    day = dt.date.fromisoformat(value.iso)
    assert day.weekday() == target and 0 <= (base - day).days < 7


@pytest.mark.parametrize(
    ("text", "base", "iso"),
    [
        ("能硕今(17)日挂牌", "2025-09-17", "2025-09-17"),
        ("董事会昨(11)日通过", "2025-09-12", "2025-09-11"),
        ("昨(30)日公告", "2025-10-01", "2025-09-30"),  # the day before the 1st is last month's
    ],
)
def test_a_written_out_day_after_today_or_yesterday_is_that_day(text: str, base: str, iso: str) -> None:
    assert [d.iso for _s, _e, d in find_dates(text, base)] == [iso]


def test_a_written_out_day_needs_a_day_precise_base() -> None:
    assert find_dates("今(17)日挂牌", "2025-09") == []


@pytest.mark.parametrize(
    "text",
    ["新台币15亿元", "新台幣15億元", "15亿元新台币", "NT$1.5 billion", "1.5 billion New Taiwan dollars",
     "TWD 1.5 billion"],
)
def test_new_taiwan_dollars_before_or_after_the_number(text: str) -> None:
    money = parse_money(text)
    assert money is not None and money.currency == "TWD" and money.amount == 1_500_000_000


@given(amount=st.integers(1, 9999), before=st.sampled_from(["新台币", "港元", "美元", "人民币"]))
def test_a_named_currency_before_the_number_outranks_a_bare_yuan_after_it(amount: int, before: str) -> None:
    expected = {"新台币": "TWD", "港元": "HKD", "美元": "USD", "人民币": "CNY"}[before]
    money = parse_money(f"{before}{amount}万元")
    assert money is not None and money.currency == expected and money.amount == amount * 10_000


def test_a_bare_yuan_is_still_renminbi() -> None:
    money = parse_money("15亿元")
    assert money is not None and money.currency == "CNY"


@given(year=st.integers(1995, 2035), month=st.integers(1, 12), shift=st.sampled_from(["last", "this", "next"]))
def test_a_month_of_a_year_relative_to_the_report_is_that_month_of_that_year(year: int, month: int, shift: str) -> None:
    month_name = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"][month - 1]
    expected = year + {"last": -1, "this": 0, "next": 1}[shift]
    expected_value = DateValue(f"{expected:04d}-{month:02d}", "month")
    assert parse_date(f"in {month_name} {shift} year", f"{year}-06-15") == expected_value
