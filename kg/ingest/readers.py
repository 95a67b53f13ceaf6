"""Reading articles from files: decode, find the main text, and what the file says about itself.

Articles arrive as plain text, Markdown, saved web pages or JSON Lines, in UTF-8, UTF-16, GB18030 or
Big5, with page furniture around them. A reader turns each file into `Article`s: decoded text (the
text every span points into), title, URL, publication date and a language guess. A file that cannot
be an article (binary, empty, undecodable, malformed line) raises `InputError` naming the file and,
for JSON Lines, the line, so a build reports it and carries on with the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from kg.errors import InputError
from kg.extract.normalize import find_dates, parse_date
from kg.model import Article
from kg.names import to_simplified

__all__ = [
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "guess_language",
    "iter_articles",
    "list_input_files",
    "read_path",
]

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"})
#: How far into a text a stated publication date is trusted (a dateline, a byline).
_DATE_WINDOW = 400
#: Less main text than this in a web page is navigation or a stub, not an article.
_MIN_HTML_TEXT = 20


# -- decoding --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 3,755 level-1 characters of GB2312: the most common simplified Chinese characters.

    Built from the codec itself, so no data file is needed. Used to tell a real GB18030 decode from a
    Big5 file that GB18030 also happens to decode (into gibberish), and the other way round.
    """
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Share of Chinese characters (after conversion to simplified) that are common ones."""
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    common = _common_hanzi()
    simplified = to_simplified("".join(cjk))
    return sum(c in common for c in simplified) / len(simplified)


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 or Big5.

    Strict decodes are tried in that order. GB18030 and Big5 overlap so much that both often
    "succeed"; then the one whose characters are common Chinese characters wins.
    Raises `InputError` for empty, binary (NUL bytes outside UTF-16) or undecodable data.
    """
    if not data.strip():
        raise InputError(f"{source}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{source}: invalid UTF-16: {exc.reason}") from exc
        return _check_text(text, source)
    if b"\x00" in data:
        raise InputError(f"{source}: binary file (NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8-sig"), source)
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, int, str]] = []
    for rank, codec in enumerate(("gb18030", "big5")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), -rank, text))
    if not candidates:
        raise InputError(f"{source}: cannot decode as UTF-8, UTF-16, GB18030 or Big5")
    return _check_text(max(candidates)[2], source)


def _check_text(text: str, source: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{source}: empty file")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > max(8, len(text) // 100):
        raise InputError(f"{source}: binary file (control characters), not text")
    return text


# -- metadata --------------------------------------------------------------------------------------


def guess_language(text: str) -> str | None:
    """'zh' (simplified), 'zh-Hant' (traditional) or 'en', from the characters used.

    Chinese when Chinese characters are at least a fifth of the letters; traditional when more of
    them change under traditional->simplified conversion than would in simplified text.
    """
    sample = text[:20000]
    cjk = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    if not cjk and not latin:
        return None
    if len(cjk) * 3 < latin * 0.2 * 3 or len(cjk) < 0.2 * (len(cjk) + latin / 5):
        return "en" if latin else None
    joined = "".join(cjk)
    changed = sum(1 for a, b in zip(joined, to_simplified(joined), strict=False) if a != b)
    return "zh-Hant" if changed > 0.05 * len(cjk) else "zh"


_HEADER = re.compile(
    r"\A(?:\ufeff)?URL:\s*(?P<url>\S+)[ \t]*\n(?:(?:QUERY|TITLE|DATE):[^\n]*\n)*\s*", re.IGNORECASE
)


def _strip_header(text: str) -> tuple[str, str | None]:
    """Drop a "URL: ..." / "QUERY: ..." header (as in scraped corpora), keeping the URL."""
    m = _HEADER.match(text)
    if not m:
        return text, None
    return text[m.end() :], m.group("url")


_DATE_LABEL = re.compile(
    r"(?:发布时间|发布日期|发布于|发表于|发布|更新时间|更新于|出版|日期|时间|Published|Updated|Posted|Date)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"\s*\d{1,2}:\d{2}")
#: A dateline carries little besides the date: an outlet, an author, a section, a time.
_DATELINE_REST = 30


def stated_date(text: str) -> str | None:
    """The publication date stated near the top of a text (never guessed): the first full date, or a
    month that is labelled ("发布时间：", "Published") or stands on a dateline (a short line with no
    Chinese clause in it, or one with a time). A month inside a body sentence ("2023年6月，X完成A轮
    融资") is what the story is about, not when it was published, and would skew every relative date."""
    head = text[:_DATE_WINDOW]
    for start, end, value in find_dates(head, None):
        if value.precision == "day":
            return value.iso
        if value.precision != "month":
            continue
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", end)
        line_end = len(head) if line_end < 0 else line_end
        labelled = bool(_DATE_LABEL.search(head[line_start:start]))
        rest = (head[line_start:start] + head[end:line_end]).strip()
        dateline = len(rest) <= _DATELINE_REST and not re.search(r"[，。；,;]\s*[\u4e00-\u9fff]", rest)
        if labelled or dateline or _TIME_AFTER.match(head, end):
            return value.iso
    return None


_NAV_LINE = re.compile(r"\s>\s|>|\||首页|当前位置|导航|分享到|扫一扫|责任编辑|来源[:：]|^\W*$")


def _title_guess(text: str) -> str | None:
    """The first line that reads like a headline: short, not navigation, not a dateline."""
    for line in text.splitlines()[:12]:
        line = line.strip().lstrip("#").strip()
        if len(line) < 6 or _NAV_LINE.search(line):
            continue
        if parse_date(line[:30], None) is not None and len(line) < 40:
            continue  # a date or dateline
        if len(line) <= 120 and not line.endswith(("。", ".", "；", ";")):
            return line
        return None
    return None


def _date_value(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    m = re.match(r"^\s*(\d{4}-\d{2}(?:-\d{2})?)", value)
    if m:
        return m.group(1)
    parsed = parse_date(value, None)
    return parsed.iso if parsed else None


# -- formats ---------------------------------------------------------------------------------------


def _read_text(path: Path, article_date: str | None) -> list[Article]:
    text, url = _strip_header(decode_bytes(path.read_bytes(), str(path)))
    if not text.strip():
        raise InputError(f"{path}: no article text after the header")
    return [
        Article(
            text=text,
            path=str(path),
            title=_title_guess(text),
            url=url,
            published=stated_date(text) or article_date,
            lang=guess_language(text),
        )
    ]


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _markdown_to_text(md: str) -> str:
    """Markdown to plain text: headings, emphasis, links and images keep only their words."""
    lines = []
    for line in md.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


def _read_markdown(path: Path, article_date: str | None) -> list[Article]:
    raw, url = _strip_header(decode_bytes(path.read_bytes(), str(path)))
    title = None
    for line in raw.splitlines():
        m = re.match(r"^\s{0,3}#\s+(.+)$", line)
        if m:
            title = m.group(1).strip()
            break
    text = _markdown_to_text(raw)
    if not text.strip():
        raise InputError(f"{path}: no article text")
    return [
        Article(
            text=text,
            path=str(path),
            title=title or _title_guess(text),
            url=url,
            published=stated_date(text) or article_date,
            lang=guess_language(text),
        )
    ]


def _read_html(path: Path, article_date: str | None) -> list[Article]:
    import trafilatura

    html = decode_bytes(path.read_bytes(), str(path))
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura raises many parser exception types
        raise InputError(f"{path}: cannot parse HTML: {exc}") from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < _MIN_HTML_TEXT:
        raise InputError(f"{path}: no main text found in the HTML page")
    title = getattr(doc, "title", None) or _title_guess(text)
    published = _date_value(getattr(doc, "date", None)) or stated_date(text) or article_date
    url = getattr(doc, "url", None)
    return [
        Article(
            text=text, path=str(path), title=title, url=url, published=published, lang=guess_language(text)
        )
    ]


def _read_jsonl(path: Path, article_date: str | None) -> list[Article]:
    content = decode_bytes(path.read_bytes(), str(path))
    articles = []
    for lineno, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: malformed JSON: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{path}:{lineno}: missing or empty 'text'")
        text = text.replace("\r\n", "\n")
        published = _date_value(obj.get("published")) or _date_value(obj.get("date"))
        title = obj.get("title") if isinstance(obj.get("title"), str) else None
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        articles.append(
            Article(
                text=text,
                path=f"{path}:{lineno}",
                title=title or _title_guess(text),
                url=url,
                published=published or stated_date(text) or article_date,
                lang=obj.get("lang") if isinstance(obj.get("lang"), str) else guess_language(text),
            )
        )
    if not articles:
        raise InputError(f"{path}: no articles (empty JSON Lines file)")
    return articles


_READERS = {
    ".txt": _read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
}


def read_path(path: Path, *, article_date: str | None = None) -> list[Article]:
    """The articles in one file (one, or one per line for .jsonl).

    `article_date` (YYYY-MM-DD) is the publication date for articles that state none.
    Raises `InputError` with the path (and line) when the file cannot be read as articles.
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(
            f"{path}: unsupported file type {path.suffix or '(none)'!r}; expected one of "
            f"{', '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    try:
        return reader(path, article_date)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _skipped(path: Path) -> bool:
    """Hidden files, gold annotations and READMEs are not articles."""
    name = path.name
    return name.startswith(".") or name.endswith(".gold.json") or name.lower().startswith("readme")


def list_input_files(paths: Iterable[Path]) -> list[Path]:
    """Files to read: given files as they are, folders walked in sorted order for supported types.

    Hidden files and folders, `*.gold.json` and READMEs inside folders are skipped. A file named
    explicitly is kept whatever its type, so reading it reports a clear error.
    """
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not child.is_file() or _skipped(child):
                    continue
                if child.suffix.lower() in SUPPORTED_SUFFIXES:
                    out.append(child)
        else:
            out.append(path)
    return out


def iter_articles(
    paths: Iterable[Path], *, article_date: str | None = None
) -> Iterator[tuple[Path, list[Article] | InputError]]:
    """(file, its articles) for every input file, or (file, InputError) for one that cannot be read.

    A bad file never stops the walk: it is reported and the next file is read.
    """
    for path in list_input_files(paths):
        try:
            yield path, read_path(path, article_date=article_date)
        except InputError as exc:
            yield path, exc
