"""The order of financial figures' periods (`FY2024`, `H1 2025`, `Q3 2025`, `9M 2025`, an as-of date, the
IPO), apart from `kg.extract.periods`, which reads them from text: the queries sort figures by period,
and importing `kg.extract` for that would load every extraction rule (seconds of regular expressions
compiled before a `kg query` answers).
"""

from __future__ import annotations

import datetime as dt
import re


def month_end(year: int, month: int) -> str:
    """The last day of a month, as an ISO date.

    Examples
    --------
    >>> month_end(2024, 2), month_end(2025, 12)
    ('2024-02-29', '2025-12-31')
    """
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return f"{year:04d}-{month:02d}-{last:02d}"


_LABEL = re.compile(r"^(?:FY(?P<fy>\d{4})|H(?P<h>[12]) (?P<hy>\d{4})|Q(?P<q>[1-4]) (?P<qy>\d{4})|"
                    r"(?P<n>\d{1,2})M (?P<ny>\d{4}))$")


def period_sort_key(label: str) -> tuple[str, int, str]:
    """Order periods by when they end, the shorter first on the same day (Q4 2024, H2 2024, FY2024); an
    as-of date by itself; the IPO after every period; anything else last, by its text.

    Examples
    --------
    >>> sorted(["FY2024", "IPO", "H2 2024", "Q4 2024", "2024-09-30", "9M 2024"], key=period_sort_key)
    ['2024-09-30', '9M 2024', 'Q4 2024', 'H2 2024', 'FY2024', 'IPO']
    >>> period_sort_key("H1 2025")
    ('2025-06-30', 6, 'H1 2025')
    """
    m = _LABEL.match(label)
    if m:
        if m["fy"]:
            return (month_end(int(m["fy"]), 12), 12, label)
        if m["h"]:
            return (month_end(int(m["hy"]), 6 * int(m["h"])), 6, label)
        if m["q"]:
            return (month_end(int(m["qy"]), 3 * int(m["q"])), 3, label)
        months = int(m["n"])
        if 1 <= months <= 12:
            return (month_end(int(m["ny"]), months), months, label)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", label):
        return (label, 0, label)
    return ("9999" if label == "IPO" else "99999", 0, label)
