"""Region names as a reader types them -> the English form the store keeps (`Shanghai`).

Funds carry `region` in English (the extraction writes 上海 as "Shanghai"), but an analyst asking about
Shanghai state capital types 上海, 上海市 or shanghai just as often. This is the one place that maps
those spellings, so `kg query state-capital --region 上海` gives the rows `--region Shanghai` gives.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files

from kg.names import normalize_name

#: Places outside the mainland's provinces and cities that funds are commonly attributed to.
_ABROAD = {"中国": "China", "香港": "Hong Kong", "澳门": "Macau", "台湾": "Taiwan", "美国": "United States",
           "新加坡": "Singapore", "日本": "Japan", "韩国": "South Korea", "英国": "United Kingdom",
           "德国": "Germany", "法国": "France", "加拿大": "Canada", "瑞士": "Switzerland", "荷兰": "Netherlands",
           "阿布扎比": "Abu Dhabi", "沙特阿拉伯": "Saudi Arabia", "卡塔尔": "Qatar", "科威特": "Kuwait",
           "挪威": "Norway", "澳大利亚": "Australia", "印度": "India", "马来西亚": "Malaysia"}
#: Administrative suffixes a typed name may carry (上海市, 广东省, 广西壮族自治区, 香港特别行政区).
_SUFFIX = re.compile(r"(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    # the regions of the extraction's word list (`kg.extract.vocab.REGIONS`), read from its file: importing
    # kg.extract would load every extraction rule (seconds) before a query with --region answers
    levels = tomllib.loads(files("kg").joinpath("data/vocab/state.toml").read_text(encoding="utf-8"))["REGIONS"]
    table = {normalize_name(zh): en for names in levels.values() for zh, en in names.items()}
    table.update({normalize_name(zh): en for zh, en in _ABROAD.items()})
    table.update({normalize_name(en): en for en in list(table.values())})
    return table


def canonical_region(name: str) -> str:
    """The stored spelling of a region typed in Chinese (simplified or traditional, with or without
    省/市) or in English of any case; a name the table does not know is returned as typed.

    Examples
    --------
    >>> [canonical_region(name) for name in ("上海市", "shanghai", "廣東省", "香港特别行政区")]
    ['Shanghai', 'Shanghai', 'Guangdong', 'Hong Kong']
    >>> canonical_region(" 北京 "), canonical_region("Atlantis")
    ('Beijing', 'Atlantis')
    """
    key = normalize_name(name)
    table = _table()
    return table.get(key) or table.get(_SUFFIX.sub("", key)) or name.strip()
