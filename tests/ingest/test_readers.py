"""Readers: every format and encoding becomes the same kind of Article; bad files are reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.readers import (
    decode_bytes,
    guess_language,
    iter_articles,
    list_input_files,
    read_file,
    read_path,
)
from tests import paths

EXAMPLES = paths.EXAMPLES

ZH = (
    "2025年12月19日 10:32\n"
    "星衡智能完成B轮融资，由上海国投领投，红杉中国跟投。本轮资金将用于大模型研发和商业化落地。"
)
HANT = "2025年12月19日\n星衡智能完成B輪融資，由上海國投領投，紅杉中國跟投。本輪資金將用於大模型研發與商業化。"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", ZH),
        ("utf-8-sig", ZH),
        ("utf-16", ZH),
        ("utf-16-le-bom", ZH),
        ("gbk", ZH),
        ("gb18030", ZH),
        ("big5", HANT),
        ("utf-8", HANT),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "a.txt"
    if encoding == "utf-16-le-bom":
        path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(encoding))
    [article] = read_path(path)
    assert article.text == text
    assert article.published == "2025-12-19"
    assert article.path == str(path)


def test_big5_is_not_mistaken_for_gb18030() -> None:
    """GB18030 decodes most Big5 bytes too (into nonsense); the common-character check decides."""
    data = HANT.encode("big5")
    data.decode("gb18030")  # it does "succeed"
    assert decode_bytes(data) == HANT


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (ZH, "zh"),
        (HANT, "zh-Hant"),
        ("Zhipu AI raised $140 million in a Series B round led by Alibaba.", "en"),
        ("MiniMax 通过港交所上市聆讯，并于1月9日挂牌交易。", "zh"),
    ],
)
def test_language_guess(text: str, lang: str) -> None:
    assert guess_language(text) == lang


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\x00\x00\x01", "binary"),
        ("bad.html", b"", "empty"),
        ("doc.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_bad_files_raise_input_error_with_path(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=re.escape(str(path)) + ".*" + reason):
        read_path(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_path(tmp_path / "nope.txt")


def test_url_and_query_header_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "URL: https://example.com/news/1\nQUERY: 智谱 IPO\nQUERY: 港交所\n\n智谱通过港交所上市聆讯。\n",
        encoding="utf-8",
    )
    [article] = read_path(path)
    assert article.url == "https://example.com/news/1"
    assert article.text.startswith("智谱通过港交所")
    assert "QUERY" not in article.text


@pytest.mark.parametrize(
    ("head", "given", "expected"),
    [
        ("2025年12月19日 10:32 来源：某报", None, "2025-12-19"),
        ("HONG KONG, March 14, 2026 (Reuters) - Shares rose.", None, "2026-03-14"),
        ("Dec 19 (Reuters) - Shares rose.", "2025-12-20", "2025-12-20"),
        ("Dec 19 (Reuters) - Shares rose.", None, None),
        ("No date at all here.", "2025-01-02", "2025-01-02"),
        # a month in a body sentence is what the story is about, not when it was published
        ("2023年6月，岚峰科技完成了A轮融资，由远川资本领投，此后公司持续扩张。", "2025-01-02", "2025-01-02"),
        ("发布时间：2025年6月", None, "2025-06"),
        ("星衡日报 2025年6月", None, "2025-06"),
    ],
)
def test_publication_date_from_text_or_argument(
    tmp_path: Path, head: str, given: str | None, expected: str | None
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(head + "\nBody text follows in the next line.\n", encoding="utf-8")
    [article] = read_path(path, article_date=given)
    assert article.published == expected


def test_markdown_keeps_words_not_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "# Big title\n\n**SHANGHAI, March 14, 2026** – [Yaotu](https://x.y) raised *$150 million*.\n",
        encoding="utf-8",
    )
    [article] = read_path(path)
    assert article.title == "Big title"
    assert "**" not in article.text and "](" not in article.text
    assert "Yaotu raised $150 million." in article.text
    assert article.published == "2026-03-14"


def test_html_main_text_title_date_and_url() -> None:
    [article] = read_path(EXAMPLES / "10-yanshi-star-market.html")
    assert article.title.startswith("砚石智能登陆科创板")
    assert article.published == "2025-10-28"
    assert article.url == "https://news.example.com/finance/2025/10/28/yanshi-star-market.html"
    assert "上海砚石智能科技股份有限公司" in article.text
    for boilerplate in ("恭喜上市", "版权所有", "登录", "机器视觉行业观察"):
        assert boilerplate not in article.text
    assert article.lang == "zh"


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><body><nav><a href='/'>首页</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no main text"):
        read_path(path)


def test_jsonl_one_article_per_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [
        {"text": "智谱通过港交所上市聆讯。", "title": "t1", "date": "2025-12-19", "url": "https://a"},
        {"text": "MiniMax listed in Hong Kong.", "published": "2026-01-09T10:00:00Z"},
        {"text": "No date.", "title": "t3"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    articles = read_path(path, article_date="2025-01-01")
    assert [a.title for a in articles] == ["t1", None, "t3"]  # a lone sentence is no headline
    assert [a.published for a in articles] == ["2025-12-19", "2026-01-09", "2025-01-01"]
    assert articles[0].url == "https://a"
    assert [a.lang for a in articles] == ["zh", "en", "en"]
    assert articles[1].path == f"{path}:2"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "malformed JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"title": "x"}', "missing or empty 'text'"),
        ('{"text": "   "}', "missing or empty 'text'"),
    ],
)
def test_jsonl_bad_line_names_path_and_line_and_keeps_the_good_ones(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "good line"}\n' + line + '\n{"text": "another good line"}\n', encoding="utf-8")
    read = read_file(path)
    assert [a.text for a in read.articles] == ["good line", "another good line"]
    [(where, why)] = read.problems
    assert where == f"{path}:2" and reason in why and str(path) not in why
    only_bad = tmp_path / "b.jsonl"
    only_bad.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{only_bad}:1") + ".*" + re.escape(reason)):
        read_path(only_bad)


def test_directory_walk_is_sorted_skips_hidden_and_gold_and_continues_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("星衡智能完成B轮融资。", encoding="utf-8")
    (tmp_path / "a.txt").write_text("MiniMax listed in Hong Kong.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.md").write_text("# D\n\nZhipu filed for a listing.", encoding="utf-8")
    hidden_dir = tmp_path / ".git"
    hidden_dir.mkdir()
    (hidden_dir / "e.txt").write_text("not an article", encoding="utf-8")
    results = list(iter_articles([tmp_path]))
    assert [p.name for p, _ in results] == ["a.txt", "b.txt", "c.txt", "d.md"]
    outcomes = {p.name: o for p, o in results}
    assert isinstance(outcomes["c.txt"], InputError) and "c.txt" in str(outcomes["c.txt"])
    assert outcomes["d.md"][0].title == "D"
    assert outcomes["b.txt"][0].text == "星衡智能完成B轮融资。"


def test_explicit_unsupported_file_is_listed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04")
    assert list_input_files([path]) == [path]
    [(p, outcome)] = list(iter_articles([path]))
    assert p == path and isinstance(outcome, InputError)


def test_every_example_reads() -> None:
    """The example corpus: each file decodes and carries the metadata its README line promises."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    metas = dict(re.findall(r"^## (\S+)\n\nmeta: (.+)$", readme, flags=re.MULTILINE))
    assert len(metas) == 12
    for name, meta in metas.items():
        fields = dict(kv.split("=", 1) for kv in meta.split())
        [article] = read_path(EXAMPLES / name)
        assert article.lang == fields["lang"], name
        assert article.published == fields["published"], name
        raw = (EXAMPLES / name).read_bytes()
        encoding = fields["encoding"]
        if encoding == "utf-8-sig":
            assert raw.startswith(b"\xef\xbb\xbf")
        elif encoding in ("gbk", "big5"):
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
            assert raw.decode(encoding).replace("\r\n", "\n") == article.text or name.endswith(".html")
