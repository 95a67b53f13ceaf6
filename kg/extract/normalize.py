"""Normalisers for the values facts carry: sums of money and dates, each with its precision.

News rarely states an exact number or a full date. "数千万元" is a bucket, "超 62 亿元" a lower bound,
"6-7 亿美元" a range, "今年7月" a month that only the publication date can place. The graph must keep
what was said and how precisely, so every parser returns the raw text, a precision flag and, for
money, low/high bounds; and a date relative to the article ("去年", "12月21日") is resolved only
against a known base date, never against today's clock (that would invent facts).

Both parsers work on simplified or traditional Chinese and English, full- or half-width digits.
`find_money` / `find_dates` scan a text and report spans, so the extractor can mask amounts before
looking for dates ("6-7亿" is not June 7th).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kg.extract.prefilter import guarded

__all__ = [
    "DateValue",
    "Money",
    "find_dates",
    "find_money",
    "hedge_precision",
    "mask_spans",
    "parse_date",
    "parse_money",
    "quantity",
]


@dataclass(frozen=True)
class Money:
    """A sum as stated: `amount` is the point value when there is one (None for a bucket)."""

    amount: int | float | None
    currency: str | None
    low: int | float | None
    high: int | float | None
    precision: str  # exact | approx | range | bucket | lower_bound | upper_bound
    raw: str

    def as_props(self) -> dict[str, object]:
        """The relation properties this sum fills (None values dropped).

        Examples
        --------
        >>> parse_money("约 5000 万港元").as_props()
        {'amount': 50000000, 'currency': 'HKD', 'amount_precision': 'approx', 'amount_raw': '约 5000 万港元'}
        """
        props: dict[str, object] = {
            "amount": self.amount,
            "currency": self.currency,
            "amount_low": self.low,
            "amount_high": self.high,
            "amount_precision": self.precision,
            "amount_raw": self.raw,
        }
        return {k: v for k, v in props.items() if v is not None}


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text made it: 2025-12-19 (day), 2025-12 (month), 2025-Q3, 2025."""

    iso: str
    precision: str  # day | month | quarter | year


# -- shared vocabulary ---------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_NUM_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL_UNITS)

# Magnitude words, longest first so "千万" wins over "千" and "万".
_CN_MAGNITUDES: dict[str, int] = {
    "万亿": 10**12,
    "萬億": 10**12,
    "千亿": 10**11,
    "千億": 10**11,
    "百亿": 10**10,
    "百億": 10**10,
    "十亿": 10**9,
    "十億": 10**9,
    "亿": 10**8,
    "億": 10**8,
    "千万": 10**7,
    "千萬": 10**7,
    "百万": 10**6,
    "百萬": 10**6,
    "十万": 10**5,
    "十萬": 10**5,
    "万": 10**4,
    "萬": 10**4,
}
_EN_MAGNITUDES: dict[str, int] = {
    "trillion": 10**12,
    "tn": 10**12,
    "billion": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "million": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "thousand": 10**3,
    "k": 10**3,
}

# Currency words after a number (Chinese and English) and symbols before it.
_CURRENCY_AFTER: dict[str, str] = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "人民幣": "CNY",
    "元": "CNY",
    "块": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "yuan": "CNY",
    "美元": "USD",
    "美金": "USD",
    "usd": "USD",
    "dollars": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "hkd": "HKD",
    "hong kong dollars": "HKD",
    "欧元": "EUR",
    "歐元": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "日元": "JPY",
    "jpy": "JPY",
    "yen": "JPY",
    "英镑": "GBP",
    "英鎊": "GBP",
    "gbp": "GBP",
    "新加坡元": "SGD",
    "新元": "SGD",
    "元新台币": "TWD",
    "新台币": "TWD",
    "新台幣": "TWD",
    "台币": "TWD",
    "台幣": "TWD",
    "twd": "TWD",
    "new taiwan dollars": "TWD",
    "taiwan dollars": "TWD",
}
_CURRENCY_BEFORE: dict[str, str] = {
    "us$": "USD",
    "usd": "USD",
    "$": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "rmb": "CNY",
    "cny": "CNY",
    "¥": "CNY",
    "￥": "CNY",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "s$": "SGD",
    "人民币": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "nt$": "TWD",
    "twd": "TWD",
    "新台币": "TWD",
    "新台幣": "TWD",
}

# Hedges before a number: which bound the number is.
_LOWER = (
    "超过",
    "超出",
    "超",
    "逾",
    "不低于",
    "不少于",
    "至少",
    "more than",
    "over",
    "above",
    "at least",
    "upwards of",
    "in excess of",
    "exceeding",
)
_UPPER = (
    "将近",
    "接近",
    "近",
    "不超过",
    "不到",
    "最多",
    "最高",
    "up to",
    "nearly",
    "almost",
    "under",
    "less than",
    "at most",
    "close to",
)
_APPROX = (
    "约",
    "大约",
    "大概",
    "左右",
    "约合",
    "approximately",
    "about",
    "around",
    "roughly",
    "some",
    "an estimated",
    "estimated",
)

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_MAG_RE = "|".join(sorted(_CN_MAGNITUDES, key=len, reverse=True))
_EN_MAG_RE = r"trillion|billion|million|thousand|mln|bn|tn|mn|[bmk](?![a-z])"
_CUR_AFTER_RE = "|".join(re.escape(k) for k in sorted(_CURRENCY_AFTER, key=len, reverse=True))
_CUR_BEFORE_RE = r"us\$|hk\$|nt\$|s\$|\$|¥|￥|€|£|(?:usd|hkd|rmb|cny|eur|twd)\s?|人民币|美元|港元|新台币|新台幣"
_HEDGE_BEFORE_RE = "|".join(re.escape(h) for h in sorted(_LOWER + _UPPER + _APPROX, key=len, reverse=True))

# A number (digits or Chinese numerals), optional range partner, optional magnitude, optional currency.
_MONEY_RE = re.compile(
    rf"""
    (?P<hedge>(?:{_HEDGE_BEFORE_RE})\s*)?
    (?P<cur1>{_CUR_BEFORE_RE})?\s*
    (?:
        (?P<bucket>数|數|几|幾|上|好几|十几|数十|數十|几十|数百|數百|几百|数千|數千|几千)
        (?=[十百千万萬亿億])
      | (?P<num>{_NUM}|[{_CN_NUM_CHARS}]+(?=[万萬亿億元美港人]))
        (?:\s*(?:-|–|—|~|～|至|到|to)\s*(?P<cur2>{_CUR_BEFORE_RE})?\s*(?P<num2>{_NUM}))?
    )
    \s*
    (?P<mag>{_CN_MAG_RE}|-?\s*(?:{_EN_MAG_RE}))?
    \s*
    (?P<cur3>{_CUR_AFTER_RE})?
    (?P<hedge_after>\s*(?:左右|以上|多))?
    """,
    re.VERBOSE | re.IGNORECASE,
)

_BUCKETS: dict[str, tuple[int, int]] = {
    # multiplier range for "数/几 + magnitude": 数千万 = between 1 and 10 of 千万
    "数": (1, 10),
    "數": (1, 10),
    "几": (1, 10),
    "幾": (1, 10),
    "好几": (2, 10),
    "十几": (10, 20),
    "数十": (10, 100),
    "數十": (10, 100),
    "几十": (10, 100),
    "数百": (100, 1000),
    "數百": (100, 1000),
    "几百": (100, 1000),
    "数千": (1000, 10000),
    "數千": (1000, 10000),
    "几千": (1000, 10000),
}


def _cn_number(text: str) -> Decimal | None:
    """'三千五百' -> 3500, '十二' -> 12, '两' -> 2; None when it is not a plain Chinese numeral."""
    if not text or any(c not in _CN_NUM_CHARS for c in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        else:
            unit = _CN_SMALL_UNITS[ch]
            total += (current or 1) * unit
            current = 0
    return Decimal(total + current)


def _number(text: str) -> Decimal | None:
    text = text.replace(",", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return _cn_number(text)


def quantity(number: str, magnitude: str | None = None) -> int | float | None:
    """A plain number as written with its magnitude ("1200", "万" -> 12000000; "12", "million" ->
    12000000), for counts that are not money; None when `number` is no number.

    Examples
    --------
    >>> quantity("1200", "万"), quantity("12", "million"), quantity("1.5", "亿")
    (12000000, 12000000, 150000000)
    >>> quantity("三千"), quantity("abc")
    (3000, None)
    """
    value = _number(number)
    if value is None:
        return None
    mag = (magnitude or "").strip()
    return _plain(value * (_CN_MAGNITUDES.get(mag) or _EN_MAGNITUDES.get(mag.lower()) or 1))


def hedge_precision(hedge: str | None) -> str:
    """The precision a hedge before a number gives it: lower_bound (超过, more than), upper_bound (近,
    up to), approx (约, about) or exact (none).

    Examples
    --------
    >>> [hedge_precision(h) for h in ("超过", "近", "约", "More than", "up to", None)]
    ['lower_bound', 'upper_bound', 'approx', 'lower_bound', 'upper_bound', 'exact']
    """
    word = (hedge or "").strip().lower()
    if word in _LOWER:
        return "lower_bound"
    if word in _UPPER:
        return "upper_bound"
    return "approx" if word in _APPROX else "exact"


def _plain(value: Decimal) -> int | float:
    """An int when the value is whole (3.12亿 = 312000000 exactly), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _prep(text: str) -> str:
    """NFKC (full-width digits and symbols to ASCII), keeping length where possible."""
    out = unicodedata.normalize("NFKC", text)
    return (
        out
        if len(out) == len(text)
        else "".join(n if len(n := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)
    )


def _money_from_match(m: re.Match[str]) -> Money | None:
    groups = m.groupdict()
    mag_raw = (groups["mag"] or "").lstrip("- \t")
    mag_text = mag_raw.lower()
    cur_text = groups["cur1"] or groups["cur2"] or groups["cur3"]
    if not mag_text and not cur_text:
        return None  # a bare number is not money
    if mag_text in ("b", "m", "k") and not (groups["cur1"] or groups["cur2"]):
        return None  # "5m" without a currency symbol is a distance or a count, not money
    magnitude = _CN_MAGNITUDES.get(mag_raw) or _EN_MAGNITUDES.get(mag_text) or 1
    currency = None
    if groups["cur3"] and not (groups["cur3"] in ("元", "块") and (groups["cur1"] or groups["cur2"])):
        # "新台币15亿元", "港元3亿元": a named currency before the number outranks a bare 元 after it
        currency = _CURRENCY_AFTER.get(groups["cur3"].lower())
    for before in (groups["cur1"], groups["cur2"]):
        if before and currency is None:
            currency = _CURRENCY_BEFORE.get(before.strip().lower())
    raw = m.group(0).strip()
    if groups["bucket"]:
        low_mult, high_mult = _BUCKETS.get(groups["bucket"], (1, 10))
        if groups["bucket"] == "上":  # 上亿 = at least one 亿
            return Money(None, currency, magnitude, None, "lower_bound", raw)
        return Money(
            None,
            currency,
            _plain(Decimal(low_mult * magnitude)),
            _plain(Decimal(high_mult * magnitude)),
            "bucket",
            raw,
        )
    value = _number(groups["num"])
    if value is None:
        return None
    amount = value * magnitude
    if groups["num2"]:
        high_value = _number(groups["num2"])
        if high_value is None:
            return None
        high = high_value * magnitude
        if high < amount:
            return None
        return Money(None, currency, _plain(amount), _plain(high), "range", raw)
    hedge = (groups["hedge"] or "").strip().lower()
    after = (groups["hedge_after"] or "").strip()
    plain = _plain(amount)
    if hedge in _LOWER or after in ("以上", "多"):
        return Money(plain, currency, plain, None, "lower_bound", raw)
    if hedge in _UPPER:
        return Money(plain, currency, None, plain, "upper_bound", raw)
    if hedge in _APPROX or after == "左右":
        return Money(plain, currency, None, None, "approx", raw)
    return Money(plain, currency, None, None, "exact", raw)


#: Counters after a number that make it a count of things rather than money.
_COUNTED = re.compile(
    r"\s*(?:人|名|位|用户|用戶|股|次|个|個|家|台|辆|輛|份|倍|条|條|件|篇|张|張|户|戶|字|套|颗|枚|项|項|"
    r"亩|平方|吨|噸|部|款|token|tokens|users|shares|people|downloads)",
    re.IGNORECASE,
)


def find_money(text: str) -> list[tuple[int, int, Money]]:
    """Every sum of money in `text` with its (start, end) span, left to right.

    Spans index `text` itself (full-width digits are read, the span is not shifted). Several rules
    ask about the same sentence, and a sentence recurs in long texts: the answer is a pure function
    of the text, remembered (a fresh list each time, of immutable values).

    Examples
    --------
    A hedge belongs to the sum; a count of users is no money:

    >>> text = "公司完成3.12亿元B轮融资，估值超过10亿美元，拥有3亿用户。"
    >>> [(text[start:end], money.amount, money.currency, money.precision)
    ...  for start, end, money in find_money(text)]
    [('3.12亿元', 312000000, 'CNY', 'exact'), ('超过10亿美元', 1000000000, 'USD', 'lower_bound')]
    >>> find_money("raised $50 million in a round led by Sequoia")
    [(7, 18, Money(amount=50000000, currency='USD', low=None, high=None, precision='exact', raw='$50 million'))]
    """
    return list(_find_money(text) if len(text) <= _CACHED_CHARS else _find_money.__wrapped__(text))


#: Texts longer than this (a sentence that never ends) are not remembered: they would pin memory.
_CACHED_CHARS = 4096


#: `_MONEY_RE` as scanned: with a look-ahead for the characters a sum can start with (`guarded`)
_MONEY_SCAN = guarded(_MONEY_RE)


@lru_cache(maxsize=1024)
def _find_money(text: str) -> tuple[tuple[int, int, Money], ...]:
    prepared = _prep(text)
    out: list[tuple[int, int, Money]] = []
    for m in _MONEY_SCAN.finditer(prepared):
        if not m.group(0).strip():
            continue
        # a number glued to a preceding letter or digit is part of a code or word ("GLM-4", "A1");
        # a space before the number ("raised 500 million yuan") is no glue
        start = m.start()
        while start < m.end() and prepared[start].isspace():
            start += 1
        if (
            m.group("num")
            and not m.group("cur1")
            and not m.group("hedge")
            and start > 0
            and (
                (prepared[start - 1].isascii() and prepared[start - 1].isalnum())
                or prepared[start - 1] in "-."
            )
        ):
            continue
        money = _money_from_match(m)
        if money is not None and money.currency is None and _COUNTED.match(prepared, m.end()):
            continue  # "3亿用户", "2538万股": a count of things, not a sum of money
        if money is not None:
            end = m.end()
            while end > start and prepared[end - 1].isspace():
                end -= 1
            while start < end and prepared[start].isspace():
                start += 1
            out.append((start, end, money))
    return tuple(out)


def parse_money(text: str) -> Money | None:
    """The first sum of money stated in `text`, or None.

    Examples
    --------
    >>> parse_money("3.12 亿元").amount
    312000000
    >>> parse_money("6-7 亿美元").precision
    'range'
    >>> parse_money("数千万元").low, parse_money("数千万元").high
    (10000000, 100000000)
    >>> parse_money("no money here") is None
    True
    """
    found = find_money(text)
    return found[0][2] if found else None


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span blanked out (same length), so later scanners cannot read into it.

    Examples
    --------
    >>> mask_spans("融资3亿元后", [(2, 5)])
    '融资   后'
    """
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            chars[i] = " "
    return "".join(chars)


# -- dates ---------------------------------------------------------------------------------------

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name: i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["Sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_CN_MONTH_NUM = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
_CN_DAY_NUM = r"(?:\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_DATE_RE = re.compile(
    rf"""
    (?P<iso>(?<!\d)(?P<iy>(?:19|20)\d\d)[-/.](?P<im>\d{{1,2}})(?:[-/.](?P<id>\d{{1,2}}))?(?!\d))
  | (?P<cn>
        (?:(?P<cy>(?:19|20)\d\d|[二〇零一三四五六七八九]{{4}})\s*年\s*)?
        (?<!\d)(?P<cm>{_CN_MONTH_NUM})\s*月(?:份)?(?:\s*(?P<cd>{_CN_DAY_NUM})\s*[日号號])?
    )
  | (?P<paren_day>(?:今|昨|前|明)\s*\(\s*(?P<pd>\d{{1,2}})\s*\)\s*[日号號])
  | (?P<rel_cn>今年|去年|前年|明年|昨日|昨天|昨晚|昨夜|前天|前日|前晚|今日|今天|今晨|今早|今晚
               |本月|上月|上个月|上個月|下月|下个月)
        (?:\s*(?P<rm>{_CN_MONTH_NUM})\s*月(?:份)?\s*(?:(?P<rd>{_CN_DAY_NUM})\s*[日号號])?
           |\s*(?P<rdd>{_CN_DAY_NUM})\s*[日号號])?
  | (?P<en_mdy>(?<![A-Za-z])(?P<em>{_MONTH_RE})\.?\s+(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)
        (?:\s*,?\s*(?P<ey>(?:19|20)\d\d))?(?!\d))
  | (?P<en_dmy>(?<!\d)(?P<fd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<fm>{_MONTH_RE})\.?,?\s+
        (?P<fy>(?:19|20)\d\d)(?!\d))
  | (?P<en_my>(?<![A-Za-z])(?P<mm>{_MONTH_RE})\.?,?\s+(?P<my>(?:19|20)\d\d)(?!\d))
  | (?P<quarter>(?:(?P<qy1>(?:19|20)\d\d)\s*年\s*)?(?:第)?(?P<qcn>[一二三四1-4])\s*季度
        |(?<![A-Za-z])Q(?P<qn>[1-4])\s*(?P<qy2>(?:19|20)\d\d)|(?P<qy3>(?:19|20)\d\d)\s*Q(?P<qn3>[1-4])(?![A-Za-z0-9]))
  | (?P<rel_en>(?<![A-Za-z])(?:yesterday|today|(?:last|this|next)\s+(?:year|month|week))(?![A-Za-z]))
  | (?P<wd_cn>(?<!\()(?:(?P<wdp>上|下|本|这|這)|(?<![上下本这這]))(?:个|個)?
        (?:周|週|星期|礼拜|禮拜)(?P<wdd>[一二三四五六日天])
        (?![\u4e00-\u9fff]?年))
  | (?P<en_mo>(?<![A-Za-z])(?:in|since|early|late|mid|mid-|end\s+of|during)\s*(?P<mo>{_MONTH_RE})(?![A-Za-z])
        (?!\.?,?\s*\d)(?:\s+(?:of\s+)?(?P<mrel>last|this|next)\s+year(?![A-Za-z]))?)
  | (?P<en_mo_attr>(?<![A-Za-z])(?:the|its|their|a|an)\s+(?P<moa>{_MONTH_RE})(?=\s+(?:[A-Za-z-]+\s+)?
        (?:debuts?|listings?|IPOs?|rounds?|financing|funding|offerings?|hearings?|filings?|raise|launch|release|
        deals?|investments?)(?![A-Za-z])))
  | (?P<wd_en>(?<![A-Za-z])(?:on\s+(?:last\s+)?|last\s+)(?P<wd>{_WEEKDAY_RE})(?![A-Za-z])
        (?!\s*[(,]?\s*(?:{_MONTH_RE})\.?\s+\d|\s*[(,]?\s*\d))
  | (?P<en_y>(?<![A-Za-z])(?:in|since|early|late|mid|of|by|end\s+of|during)\s+(?P<yy>(?:19|20)\d\d)(?!\d))
  | (?P<cn_y_only>(?P<yo>(?:19|20)\d\d)\s*年(?:初|底|末|中|上半年|下半年)?)
  | (?P<dd_only>(?<![\d月年./\-])(?P<do>\d{{1,2}})\s*日(?![内均前后])(?!\d))
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _cn_small(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    value = _cn_number(text)
    return int(value) if value is not None else None


def _cn_year(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = "".join(str(_CN_DIGITS.get(c, "")) for c in text)
    return int(digits) if len(digits) == 4 else None


def _base_date(base: str | None) -> dt.date | None:
    """The article's publication date as a date; a partial base (2025-07) counts as its first day."""
    if not base:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", base.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _base_precision(base: str | None) -> str:
    parts = (base or "").strip()[:10].split("-")
    return {1: "year", 2: "month"}.get(len(parts), "day")


def _day(year: int, month: int, day: int | None) -> DateValue | None:
    try:
        if day is None:
            dt.date(year, month, 1)
            return DateValue(f"{year:04d}-{month:02d}", "month")
        return DateValue(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _nearest_year(month: int, day: int | None, base: dt.date) -> int:
    """The year that puts month/day nearest the base date (a December article's '1月8日' is next year)."""
    best = base.year
    best_gap: int | None = None
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidate = dt.date(year, month, day or 15)
        except ValueError:
            continue
        gap = abs((candidate - base).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _year_of(month: int, day: int | None, base: str | None, base_date: dt.date) -> int:
    """The year of a month and day written without one: the base's own year when only the year is
    known (a story that last named 2021 means 10月13日 of 2021, not of the year before), else the year
    that puts it nearest the base date."""
    if _base_precision(base) == "year":
        return base_date.year
    return _nearest_year(month, day, base_date)


def _day_of_month(day: int, base_date: dt.date) -> DateValue | None:
    """A bare day ("12日") in the article's month, or the month before when it is after the base day:
    news reports what happened, so "28日" in an article of 3 December is 28 November."""
    if not 1 <= day <= 31:
        return None
    year, month = base_date.year, base_date.month
    if day > base_date.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return _day(year, month, day)


def _date_from_match(m: re.Match[str], base: str | None) -> DateValue | None:
    g = m.groupdict()
    base_date = _base_date(base)
    if g["dd_only"]:
        if base_date is None or _base_precision(base) != "day":
            return None  # a bare day of an undated article is unknowable
        return _day_of_month(int(g["do"]), base_date)
    if g["iso"]:
        return _day(int(g["iy"]), int(g["im"]), int(g["id"]) if g["id"] else None)
    if g["cn"]:
        year = _cn_year(g["cy"]) if g["cy"] else None
        month = _cn_small(g["cm"]) if g["cm"] else None
        day = _cn_small(g["cd"]) if g["cd"] else None
        if month is None:
            return DateValue(f"{year:04d}", "year") if year else None
        if year is None:
            if base_date is None:
                return None
            year = _year_of(month, day, base, base_date)
        return _day(year, month, day)
    if g["paren_day"]:
        # Taiwan's "今(17)日", "昨(11)日": the day of the month is written out, in the base's month
        if base_date is None or _base_precision(base) != "day":
            return None
        day = int(g["pd"])
        year, month = base_date.year, base_date.month
        if day > base_date.day + 1:  # "昨(31)日" on the 1st: last month
            index = year * 12 + month - 2
            year, month = index // 12, index % 12 + 1
        return _day(year, month, day)
    if g["rel_cn"]:
        if base_date is None:
            return None
        word = g["rel_cn"]
        if word in ("今年", "去年", "前年", "明年"):
            year = base_date.year + {"今年": 0, "去年": -1, "前年": -2, "明年": 1}[word]
            if g["rm"]:
                month = _cn_small(g["rm"])
                day = _cn_small(g["rd"]) if g["rd"] else None
                return _day(year, month, day) if month else None
            return DateValue(f"{year:04d}", "year")
        if word in ("本月", "上月", "上个月", "上個月", "下月", "下个月"):
            shift = {"本月": 0, "上月": -1, "上个月": -1, "上個月": -1, "下月": 1, "下个月": 1}[word]
            index = base_date.year * 12 + base_date.month - 1 + shift
            year, month = index // 12, index % 12 + 1
            if g["rdd"]:
                return _day(year, month, _cn_small(g["rdd"]))
            return DateValue(f"{year:04d}-{month:02d}", "month")
        if _base_precision(base) != "day":
            return None  # "yesterday" of a month-precise base is unknowable
        shift = {"昨日": -1, "昨天": -1, "昨晚": -1, "昨夜": -1, "前天": -2, "前日": -2, "前晚": -2, "今日": 0,
                 "今天": 0, "今晨": 0, "今早": 0, "今晚": 0}[word]
        return DateValue((base_date + dt.timedelta(days=shift)).isoformat(), "day")
    if g["en_mdy"]:
        month = _MONTHS[_month_key(g["em"])]
        day = int(g["ed"])
        if g["ey"]:
            return _day(int(g["ey"]), month, day)
        if base_date is None:
            return None
        return _day(_year_of(month, day, base, base_date), month, day)
    if g["en_dmy"]:
        return _day(int(g["fy"]), _MONTHS[_month_key(g["fm"])], int(g["fd"]))
    if g["en_my"]:
        return _day(int(g["my"]), _MONTHS[_month_key(g["mm"])], None)
    if g["quarter"]:
        year_text = g["qy1"] or g["qy2"] or g["qy3"]
        quarter = g["qcn"] or g["qn"] or g["qn3"]
        q = int(quarter) if quarter.isdigit() else _CN_DIGITS[quarter]
        if year_text:
            year = int(year_text)
        elif base_date is not None:
            year = base_date.year
        else:
            return None
        return DateValue(f"{year:04d}-Q{q}", "quarter")
    if g["rel_en"]:
        if base_date is None:
            return None
        word = re.sub(r"\s+", " ", g["rel_en"].lower())
        if word.endswith("year"):
            shift = {"last year": -1, "this year": 0, "next year": 1}[word]
            return DateValue(f"{base_date.year + shift:04d}", "year")
        if word.endswith("month"):
            # "left last month": the month before the article's, as 上个月
            index = base_date.year * 12 + base_date.month - 1 + {"last": -1, "this": 0, "next": 1}[word.split()[0]]
            return DateValue(f"{index // 12:04d}-{index % 12 + 1:02d}", "month")
        if _base_precision(base) != "day":
            return None
        if word.endswith("week"):
            # "filed last week": the month of that week's Monday (a week is not a day; its month is
            # what can be said)
            monday = base_date - dt.timedelta(days=base_date.weekday())
            monday += dt.timedelta(days=7 * {"last": -1, "this": 0, "next": 1}[word.split()[0]])
            return DateValue(f"{monday.year:04d}-{monday.month:02d}", "month")
        shift = -1 if word == "yesterday" else 0
        return DateValue((base_date + dt.timedelta(days=shift)).isoformat(), "day")
    if g["wd_cn"]:
        if base_date is None or _base_precision(base) != "day":
            return None
        target = "一二三四五六日".index(g["wdd"].replace("天", "日"))
        week = {"上": -1, "下": 1}.get(g["wdp"] or "", 0)
        if g["wdp"]:  # "下周五": that week's Friday
            monday = base_date - dt.timedelta(days=base_date.weekday())
            return DateValue((monday + dt.timedelta(days=7 * week + target)).isoformat(), "day")
        back = (base_date.weekday() - target) % 7  # "周三递表": the latest Wednesday
        return DateValue((base_date - dt.timedelta(days=back)).isoformat(), "day")
    if g["en_mo"] or g["en_mo_attr"]:
        # "filed in June", "the January debuts": the June nearest the report (of the year in force when
        # only a year is known)
        if base_date is None:
            return None
        month = _MONTHS[_month_key(g["mo"] or g["moa"])]
        year = base_date.year if _base_precision(base) == "year" else _nearest_year(month, None, base_date)
        if g["mrel"]:  # "in March last year": that month of the year before the report's
            year = base_date.year + {"last": -1, "this": 0, "next": 1}[g["mrel"].lower()]
        return DateValue(f"{year:04d}-{month:02d}", "month")
    if g["wd_en"]:
        # wire copy reports the past week: "said on Monday" is the latest Monday up to the report
        if base_date is None or _base_precision(base) != "day":
            return None
        back = (base_date.weekday() - _WEEKDAYS.index(g["wd"].lower())) % 7
        if back == 0 and "last" in g["wd_en"].lower():
            back = 7  # "last Friday" said on a Friday is the week before
        return DateValue((base_date - dt.timedelta(days=back)).isoformat(), "day")
    if g["en_y"]:
        return DateValue(g["yy"], "year")
    if g["cn_y_only"]:
        return DateValue(g["yo"], "year")
    return None


def _month_key(name: str) -> str:
    key = name.capitalize()
    return key if key in _MONTHS else key[:3]


def find_dates(text: str, base: str | None = None) -> list[tuple[int, int, DateValue]]:
    """Every date in `text` with its span; sums of money are masked first ("6-7亿" is no date).

    A pure function of its arguments, remembered like `find_money` (rules ask about a sentence
    several times).

    Examples
    --------
    >>> find_dates("公司于2025年7月2日宣布融资")
    [(3, 12, DateValue(iso='2025-07-02', precision='day'))]

    "6-7亿元" is a range of money, not June 7th:

    >>> find_dates("融资6-7亿元")
    []
    """
    return list(_find_dates(text, base) if len(text) <= _CACHED_CHARS else _find_dates.__wrapped__(text, base))


#: `_DATE_RE` as scanned: with a look-ahead for the characters a date can start with (`guarded`)
_DATE_SCAN = guarded(_DATE_RE)


@lru_cache(maxsize=1024)
def _find_dates(text: str, base: str | None) -> tuple[tuple[int, int, DateValue], ...]:
    prepared = _prep(text)
    prepared = mask_spans(prepared, [(s, e) for s, e, _ in find_money(prepared)])
    out: list[tuple[int, int, DateValue]] = []
    for m in _DATE_SCAN.finditer(prepared):
        if not m.group(0).strip():
            continue
        value = _date_from_match(m, base)
        if value is not None:
            out.append((m.start(), m.end(), value))
    return tuple(out)


def parse_date(text: str, base: str | None = None) -> DateValue | None:
    """The first date stated in `text`, resolved against `base` (the publication date) if relative.

    Without a base, relative or year-less dates give None: a date is never invented.

    Examples
    --------
    >>> parse_date("2025年12月19日")
    DateValue(iso='2025-12-19', precision='day')
    >>> parse_date("12月21日") is None
    True
    >>> parse_date("去年", base="2025-06-04")
    DateValue(iso='2024', precision='year')
    >>> parse_date("March 5, 2024"), parse_date("2024年3月")
    (DateValue(iso='2024-03-05', precision='day'), DateValue(iso='2024-03', precision='month'))
    """
    found = find_dates(text, base)
    return found[0][2] if found else None
