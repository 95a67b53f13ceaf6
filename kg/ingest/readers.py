"""Reading articles from files: decode, find the main text, and what the file says about itself.

Articles arrive as plain text, Markdown, saved web pages or JSON Lines, in UTF-8, UTF-16, GB18030 or
Big5, with page furniture around them. `read_file` turns one file into a `FileRead`: its `Article`s
(decoded text every span points into, title, URL, publication date, language guess), the parts it
could not read (a JSON Lines line, with its number) and warnings (a date that is no date). A file
that cannot be an article at all (binary, empty, undecodable, over a limit) raises `InputFileError`
saying where and why, so a build reports it and carries on with the rest.

Files come from anywhere, so nothing here trusts them: sizes and line lengths are checked before the
work that depends on them (`kg.ingest.limits`), names are made printable (`kg.ingest.safe`), and
every pattern is linear in its input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError, InputFileError
from kg.ingest.decode import DecodeError, decode_bytes, text_problem
from kg.ingest.limits import DEFAULT_LIMITS, Limits, count_tags, json_depth_exceeds, longest_line
from kg.ingest.markdown import front_matter, markdown_title, markdown_to_text
from kg.ingest.metadata import checked_date, guess_language, stated_date, strip_header, title_guess
from kg.ingest.safe import display_path, escape_controls, replace_surrogates
from kg.model import Article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "FileRead",
    "decode_bytes",
    "guess_language",
    "iter_articles",
    "list_input_files",
    "read_file",
    "read_path",
    "stated_date",
]

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".jsonl"})
#: Less main text than this in a web page is navigation or a stub, not an article.
_MIN_HTML_TEXT = 20
#: Bad lines of one JSON Lines file reported one by one; beyond this, one line counts the rest.
_MAX_LINE_PROBLEMS = 20


@dataclass
class FileRead:
    """One file's articles, the parts of it that could not be read, and warnings about the rest.

    `problems` and `warnings` are (where, reason) pairs; `where` is the printable path, with the
    line number for JSON Lines (``feed.jsonl:7``).
    """

    where: str
    articles: list[Article] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def date(self, where: str, name: str, value: object) -> str | None:
        """A metadata date if it is a real one; else None, and a warning when one was given.

        Examples
        --------
        >>> read = FileRead("feed.jsonl")
        >>> read.date("feed.jsonl:1", "published", "2025-07-02"), read.date("feed.jsonl:3", "published", "2025-13-01")
        ('2025-07-02', None)
        >>> read.warnings
        [('feed.jsonl:3', "published '2025-13-01' dropped: not a calendar date")]
        """
        iso, why = checked_date(value)
        if why:
            shown = escape_controls(str(value))[:60]
            self.warnings.append((where, f"{name} {shown!r} dropped: {why}"))
        return iso


def _article(text: str, where: str, article_date: str | None, *, title: str | None = None,
             url: str | None = None, published: str | None = None, lang: str | None = None) -> Article:
    return Article(
        text=text,
        path=where,
        title=title or title_guess(text),
        url=url,
        published=published or stated_date(text) or article_date,
        lang=lang or guess_language(text),
    )


# -- formats ---------------------------------------------------------------------------------------


def _read_text(read: FileRead, content: str, article_date: str | None, limits: Limits) -> None:
    text, url = strip_header(content)
    if not text.strip():
        raise InputFileError(read.where, "no article text after the header")
    read.articles.append(_article(text, read.where, article_date, url=url))


def _read_markdown(read: FileRead, content: str, article_date: str | None, limits: Limits) -> None:
    raw, url = strip_header(content)
    raw, meta = front_matter(raw)
    text = markdown_to_text(raw)
    if not text.strip():
        raise InputFileError(read.where, "no article text")
    published = read.date(read.where, "published", meta.get("published") or meta.get("date"))
    read.articles.append(_article(
        text, read.where, article_date, title=meta.get("title") or markdown_title(raw),
        url=meta.get("url") or url, published=published, lang=meta.get("lang"),
    ))


def _read_html(read: FileRead, content: str, article_date: str | None, limits: Limits) -> None:
    import trafilatura

    tags = count_tags(content)
    if tags > limits.max_html_tags:
        raise InputFileError(read.where, f"page of {tags:,} HTML tags is over the limit of "
                                         f"{limits.max_html_tags:,} (--max-html-tags)")
    try:
        doc = trafilatura.bare_extraction(
            content, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura and lxml raise many parser exception types
        raise InputFileError(read.where, f"cannot parse HTML: {type(exc).__name__}: {exc}") from exc
    text = replace_surrogates((getattr(doc, "text", None) or "").strip()) if doc is not None else ""
    if len(text) < _MIN_HTML_TEXT:
        raise InputFileError(read.where, "no main text found in the HTML page")
    published = read.date(read.where, "page date", getattr(doc, "date", None))
    read.articles.append(_article(
        text, read.where, article_date, title=getattr(doc, "title", None),
        url=getattr(doc, "url", None), published=published,
    ))


def _json_line(read: FileRead, line: str, where: str, limits: Limits, article_date: str | None) -> Article:
    """One JSON Lines record as an article; `InputFileError` (for this line only) when it is none."""
    if len(line) > limits.max_line_chars:
        raise InputFileError(where, f"line of {len(line):,} characters is over the limit of "
                                    f"{limits.max_line_chars:,} (--max-line-chars)")
    if json_depth_exceeds(line, limits.max_json_depth):
        raise InputFileError(where, f"JSON nested deeper than {limits.max_json_depth} levels (--max-json-depth)")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputFileError(where, f"malformed JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputFileError(where, "JSON nested too deeply to parse") from exc
    except ValueError as exc:  # e.g. an integer literal of more digits than Python converts
        raise InputFileError(where, f"malformed JSON: {escape_controls(str(exc))[:200]}") from exc
    if not isinstance(obj, dict):
        raise InputFileError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputFileError(where, "missing or empty 'text'")
    text = replace_surrogates(text.replace("\r\n", "\n").replace("\r", "\n"))
    problem = text_problem(text)
    if problem:
        raise InputFileError(where, f"'text' is no article: {problem}")

    def string(key: str) -> str | None:
        value = obj.get(key)
        return replace_surrogates(value) if isinstance(value, str) and value.strip() else None

    published = read.date(where, "published", obj.get("published")) or read.date(where, "date", obj.get("date"))
    return _article(text, where, article_date, title=string("title"), url=string("url"),
                    published=published, lang=string("lang"))


def _read_jsonl(read: FileRead, content: str, article_date: str | None, limits: Limits) -> None:
    bad = 0
    for lineno, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{read.where}:{lineno}"
        try:
            read.articles.append(_json_line(read, line, where, limits, article_date))
        except InputFileError as exc:
            bad += 1
            if bad <= _MAX_LINE_PROBLEMS:
                read.problems.append((exc.where, exc.reason))
    if bad > _MAX_LINE_PROBLEMS:
        read.problems.append((read.where, f"{bad - _MAX_LINE_PROBLEMS} more bad lines not listed"))
    if not read.articles and not read.problems:
        raise InputFileError(read.where, "no articles (empty JSON Lines file)")


_READERS: dict[str, Callable[[FileRead, str, str | None, Limits], None]] = {
    ".txt": _read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": _read_jsonl,
}


# -- files -----------------------------------------------------------------------------------------


def _read_bytes(path: Path, where: str, limits: Limits) -> bytes:
    """The file's bytes, refusing what is no regular file or is over the size limit before reading."""
    try:
        info = path.stat()
    except OSError as exc:
        hint = " (a symbolic link)" if path.is_symlink() else ""
        raise InputFileError(where, f"cannot read: {exc.strerror or exc}{hint}") from exc
    if not path.is_file():
        raise InputFileError(where, "not a regular file (a folder, pipe or device)")
    mb = limits.max_file_bytes / 1024 / 1024
    too_big = InputFileError(where, f"file is over the size limit of {mb:g} MB (--max-file-mb)")
    if info.st_size > limits.max_file_bytes:
        raise too_big
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise InputFileError(where, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > limits.max_file_bytes:
        raise too_big
    return data


def read_file(path: Path, *, article_date: str | None = None, limits: Limits = DEFAULT_LIMITS) -> FileRead:
    """Everything one file holds: its articles (one, or one per good line of a .jsonl), what could not
    be read and why, and warnings about dropped metadata.

    `article_date` (YYYY-MM-DD) is the publication date for articles that state none. Raises
    `InputFileError` when the file as a whole cannot be read as articles.

    Examples
    --------
    A JSON Lines feed with a good line, a broken one and one whose date is no date:

    >>> import tempfile
    >>> lines = ['{"text": "真格基金投资了星衡智能。", "published": "2025-08-01"}', '{not json',
    ...          '{"text": "Sequoia led the round.", "published": "2025-13-01"}']
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     feed = Path(tmp, "feed.jsonl")
    ...     _ = feed.write_text("\\n".join(lines), encoding="utf-8")
    ...     read = read_file(feed, article_date="2025-01-01")
    >>> [(article.text, article.published, article.lang) for article in read.articles]
    [('真格基金投资了星衡智能。', '2025-08-01', 'zh'), ('Sequoia led the round.', '2025-01-01', 'en')]
    >>> read.problems
    [('...feed.jsonl:2', 'malformed JSON: Expecting property name enclosed in double quotes (column 2)')]
    >>> read.warnings
    [('...feed.jsonl:3', "published '2025-13-01' dropped: not a calendar date")]

    Big5 bytes are decoded, and the language guess tells traditional script apart:

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "big5.txt").write_bytes("星衡智能完成B輪融資，由紅杉中國領投。".encode("big5"))
    ...     article, = read_file(Path(tmp, "big5.txt")).articles
    >>> article.text, article.lang
    ('星衡智能完成B輪融資，由紅杉中國領投。', 'zh-Hant')
    """
    path = Path(path)
    where = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputFileError(where, f"unsupported file type {escape_controls(path.suffix) or '(none)'!r}; "
                                    f"expected one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    data = _read_bytes(path, where, limits)
    try:
        content = decode_bytes(data)
    except DecodeError as exc:
        raise InputFileError(where, str(exc)) from exc
    read = FileRead(where)
    # JSON Lines records are checked one by one; a minified web page is one long line by nature
    if suffix not in (".html", ".htm", ".jsonl"):
        longest = longest_line(content, at_least=limits.max_line_chars)
        if longest > limits.max_line_chars:
            raise InputFileError(where, f"a line of {longest:,} characters is over the limit of "
                                        f"{limits.max_line_chars:,} (--max-line-chars)")
    _READERS[suffix](read, content, article_date, limits)
    return read


def read_path(path: Path, *, article_date: str | None = None, limits: Limits = DEFAULT_LIMITS) -> list[Article]:
    """The articles in one file (one, or one per good line for .jsonl).

    Raises `InputFileError` with the path (and line) when the file yields no article at all; use
    `read_file` to see bad lines of a file that also has good ones.

    Examples
    --------
    Markdown front matter gives the title and the date:

    >>> import tempfile
    >>> text = "---\\ntitle: 星衡智能完成B轮融资\\ndate: 2025-07-02\\n---\\n\\n星衡智能完成B轮融资，由红杉中国领投。\\n"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "xh.md").write_text(text, encoding="utf-8")
    ...     article, = read_path(Path(tmp, "xh.md"))
    ...     _ = Path(tmp, "empty.txt").write_text("", encoding="utf-8")
    ...     read_path(Path(tmp, "empty.txt"))
    Traceback (most recent call last):
    ...
    kg.errors.InputFileError: .../empty.txt: empty file
    >>> article.title, article.published, article.text.strip()
    ('星衡智能完成B轮融资', '2025-07-02', '星衡智能完成B轮融资，由红杉中国领投。')
    """
    read = read_file(path, article_date=article_date, limits=limits)
    if not read.articles and read.problems:
        where, reason = read.problems[0]
        raise InputFileError(where, reason)
    return read.articles


def _skipped(path: Path) -> bool:
    """Hidden files, gold annotations and READMEs are not articles."""
    name = path.name
    return name.startswith(".") or name.endswith(".gold.json") or name.lower().startswith("readme")


def list_input_files(paths: Iterable[Path]) -> list[Path]:
    """Files to read: given files as they are, folders walked in sorted order for supported types.

    Hidden files and folders, `*.gold.json` and READMEs inside folders are skipped. Symbolic links
    to folders are not followed (no loops); links to files are read, and a broken link, a link loop or
    a pipe with an article's suffix is listed so that reading it reports why it is no file. A file
    named explicitly is kept whatever its type, so reading it reports a clear error.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     Path(tmp, "sub").mkdir()
    ...     for name in ("b.txt", "a.md", "sub/c.html", "README.md", ".hidden.txt", "a.gold.json", "x.pdf"):
    ...         _ = Path(tmp, name).write_text("x", encoding="utf-8")
    ...     found = [p.relative_to(tmp).as_posix() for p in list_input_files([Path(tmp)])]
    ...     named = [p.name for p in list_input_files([Path(tmp, "x.pdf")])]
    >>> found, named
    (['a.md', 'b.txt', 'sub/c.html'], ['x.pdf'])
    """
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            out.append(path)
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(Path(root, name) for name in files)
        out.extend(sorted(p for p in found if not _skipped(p) and p.suffix.lower() in SUPPORTED_SUFFIXES))
    return out


def iter_articles(
    paths: Iterable[Path], *, article_date: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[Path, list[Article] | InputError]]:
    """(file, its articles) for every input file, or (file, InputError) for one that gives none.

    A bad file never stops the walk: it is reported and the next file is read. (Bad lines of a JSON
    Lines file that also has good ones are left out here; `read_file` lists them.)

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = Path(tmp, "a.txt").write_text("真格基金投资了星衡智能。", encoding="utf-8")
    ...     _ = Path(tmp, "b.txt").write_bytes(b"")
    ...     read = [(path.name, got if isinstance(got, InputError) else [a.text for a in got])
    ...             for path, got in iter_articles([Path(tmp)])]
    >>> read
    [('a.txt', ['真格基金投资了星衡智能。']), ('b.txt', InputFileError('.../b.txt: empty file'))]
    """
    for path in list_input_files(paths):
        try:
            yield path, read_path(path, article_date=article_date, limits=limits)
        except InputError as exc:
            yield path, exc
