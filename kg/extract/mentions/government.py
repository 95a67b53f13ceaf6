"""Government bodies named by pattern: a region, perhaps a district, and the body
("深圳市南山区国资局", "广东省财政厅", "杭州市人民政府", "the Hefei municipal government",
"Shanghai SASAC"), typed GovernmentBody with the level of government and its region.

State capital is traced up ownership chains to the body that owns it; the gazetteer knows only a few
regulators by name, and every province, city and district has its own 国资委 and 财政局, so they are
read from how they are named instead of listed.
"""

from __future__ import annotations

import re

from kg.extract import vocab
from kg.extract.mentions.base import Occurrence
from kg.extract.mentions.rules import MentionRule, run_rules
from kg.extract.text import NormText
from kg.terms import C

#: The body words after a region; the longest first.
_BODY_ZH = r"(?:国有资产监督管理委员会|国有资产监督管理局|国资委|国资局|国资办|财政局|财政厅|人民政府|政府)"
_REGION_NAMES = "|".join(sorted(vocab.REGIONS, key=len, reverse=True))
_GOV_ZH = re.compile(
    rf"(?:(?P<prov>{_REGION_NAMES})(?:省|自治区|市)?)"
    rf"(?:(?P<city>{_REGION_NAMES})市?)?"
    rf"(?:(?P<dist>[\u4e00-\u9fff]{{1,3}}?)(?:新区|区|县))?"
    rf"{_BODY_ZH}"
)

_EN_LEVEL_WORD = {"municipal": "municipal", "city": "municipal", "provincial": "provincial", "district": "district"}
_EN_REGIONS = {en: level for en, level in vocab.REGIONS.values() if level != "district"}
_GOV_EN = re.compile(
    r"(?:\b[Tt]he\s+)?(?P<region>[A-Z][a-z]+(?:[ '][A-Z][a-z]+)?)\s+"
    r"(?:(?P<word>municipal|city|provincial|district)\s+(?:government|finance\s+bureau|finance\s+department)"
    r"|(?P<sasac>SASAC|State-owned\s+Assets\s+Supervision\s+and\s+Administration\s+Commission))\b"
)


def _level(name: str) -> str:
    """The ontology's level for a REGIONS level (a city's government is municipal)."""
    return {"city": "municipal"}.get(name, name)


def zh_government(name: str) -> dict[str, str] | None:
    """gov_level and region of a Chinese government body's name, or None when it is not one."""
    m = _GOV_ZH.fullmatch(name)
    if m is None:
        return None
    prov_en, prov_level = vocab.REGIONS[m.group("prov")]
    region, level = prov_en, _level(prov_level)
    if m.group("city"):
        city_en, city_level = vocab.REGIONS[m.group("city")]
        region, level = city_en, _level(city_level)
    if level == "district":
        return {"gov_level": "district", "region": region}
    if m.group("dist"):
        # "深圳市南山区": a district of the city; the city names the region
        return {"gov_level": "district", "region": region}
    return {"gov_level": level, "region": region}


_GovRule = MentionRule[list[Occurrence]]


def _government_zh(rule: _GovRule, m: re.Match[str], out: list[Occurrence]) -> None:
    """A region and a body in Chinese, when the regions make a level of government."""
    attrs = zh_government(m.group(0))
    if attrs is not None:
        out.append(Occurrence(m.start(), m.end(), {C.GovernmentBody}, rule.cue, rule.confidence, attrs=attrs))


def _government_en(rule: _GovRule, m: re.Match[str], out: list[Occurrence]) -> None:
    """A region the vocabulary knows and a body in English; "the" is not part of the name."""
    level = _EN_REGIONS.get(m.group("region"))
    if level is None:
        return  # "Northern provincial government": not a region the vocabulary knows
    word = m.group("word")
    if word:
        gov_level = _EN_LEVEL_WORD[word]
        # the province-level municipalities (Shanghai, Beijing...) have provincial governments
        gov_level = "provincial" if level == "provincial" and gov_level == "municipal" else gov_level
    else:
        gov_level = _level(level)
    attrs = {"gov_level": gov_level, "region": m.group("region")}
    out.append(Occurrence(m.start("region"), m.end(), {C.GovernmentBody}, rule.cue, rule.confidence, attrs=attrs))


#: The finder's table (see `kg.extract.mentions.rules`), Chinese names first.
GOVERNMENT_RULES: tuple[_GovRule, ...] = (
    _GovRule("government-zh", _GOV_ZH, _government_zh, "government-pattern", 0.8, ("prov",)),
    _GovRule("government-en", _GOV_EN, _government_en, "government-pattern", 0.8, ("region",)),
)


def government_occurrences(nt: NormText) -> list[Occurrence]:
    """Government bodies in the article, found by how they are named (`GOVERNMENT_RULES`)."""
    return run_rules(GOVERNMENT_RULES, nt.text, [])
