"""The word lists as data (issue 14): every file in kg/data/vocab loads, is read whole by kg.extract.vocab,
ships with the package, and a file that is wrong stops the import with an error naming it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest

from kg.extract import vocab
from kg.extract.vocab import VocabError, VocabFile
from kg.terms import C

ROOT = Path(__file__).resolve().parents[2]
TOPICS = ("people", "organisations", "state", "cues")


def _packaged() -> list[str]:
    """The vocabulary files as importlib.resources sees the package (as an installed wheel would)."""
    folder = files("kg").joinpath("data", "vocab")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))


def _empty_lists(value: object, where: str) -> list[str]:
    if isinstance(value, dict):
        return [where] if not value else [e for k, v in value.items() for e in _empty_lists(v, f"{where}.{k}")]
    return [where] if not value else []


def test_importlib_resources_finds_one_file_per_topic() -> None:
    assert _packaged() == sorted(f"{t}.toml" for t in TOPICS)


@pytest.mark.parametrize("topic", TOPICS)
def test_every_file_loads_and_no_list_is_empty(topic: str) -> None:
    data = tomllib.loads(files("kg").joinpath("data", "vocab", f"{topic}.toml").read_text(encoding="utf-8"))
    assert data
    assert [e for key, value in data.items() for e in _empty_lists(value, key)] == []


def test_every_name_the_module_builds_from_them_is_non_empty() -> None:
    built = {k: v for k, v in vars(vocab).items() if k.isupper() and isinstance(v, (tuple, frozenset, dict, str))}
    assert len(built) > 25
    assert [k for k, v in built.items() if not v] == []


def test_the_lists_keep_their_order_and_the_maps_their_classes() -> None:
    """Tuples are read in the file's order (TITLES_ZH is compiled longest-first by a stable sort); maps
    to ontology classes hold the classes themselves."""
    assert vocab.TITLES_ZH[:4] == ("联合创始人", "共同创办人", "共同创始人", "联合创办人")
    assert vocab.TITLES_ZH.count("架构师") == 2  # repeated as written, not de-duplicated
    assert vocab.ZH_SUFFIX_TYPES["科技有限公司"] == C.Company
    assert vocab.REGIONS["北京"] == ("Beijing", "provincial")
    assert list(vocab.REGIONS)[-1] == "光谷"


def test_the_wheel_ships_them() -> None:
    """No wheel is built here (the build backend is not in the test environment): the package-data
    globs of pyproject.toml must cover every vocabulary file, which is what puts it in the wheel."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["kg"]
    shipped = {p.relative_to(ROOT / "kg").as_posix() for g in globs for p in (ROOT / "kg").glob(g) if p.is_file()}
    assert {f"data/vocab/{name}" for name in _packaged()} <= shipped


def _file(tmp_path: Path, text: str) -> VocabFile:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    return VocabFile(path)


def test_an_unknown_ontology_class_fails_naming_the_file_and_the_word(tmp_path: Path) -> None:
    bad = _file(tmp_path, '[ZH_SUFFIX_TYPES]\n"有限公司" = "Company"\n"资本" = "Investr"\n')
    with pytest.raises(VocabError, match=r"bad\.toml: ZH_SUFFIX_TYPES: '资本' -> 'Investr' is not a class"):
        bad.classes("ZH_SUFFIX_TYPES")


@pytest.mark.parametrize("name", ["_terms", "mro", "__doc__"])
def test_a_non_class_attribute_of_c_is_no_class(tmp_path: Path, name: str) -> None:
    with pytest.raises(VocabError, match=r"bad\.toml"):
        _file(tmp_path, f'[T]\n"x" = "{name}"\n').classes("T")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ('TITLES = "CEO"\n', VocabFile.words),  # a string, not an array
        ("TITLES = []\n", VocabFile.words),
        ('TITLES = ["CEO", 3]\n', VocabFile.word_set),
        ('TITLES = ["CEO", ""]\n', VocabFile.alternation),
        ('TITLES = ["王李"]\n', VocabFile.mapping),  # an array where a table is read
        ('[TITLES]\n"ceo" = ["CEO"]\n', VocabFile.mapping),
        ('[TITLES]\n"ceo" = "Company"\n', VocabFile.tables),
        ("OTHER = [\"x\"]\n", VocabFile.words),  # the name is missing
    ],
)
def test_a_wrong_shape_fails_naming_the_file(
    tmp_path: Path, text: str, read: Callable[[VocabFile, str], object]
) -> None:
    bad = _file(tmp_path, text)
    with pytest.raises(VocabError, match=r"bad\.toml: TITLES[.:]"):
        read(bad, "TITLES")


def test_a_name_nobody_reads_fails_on_close(tmp_path: Path) -> None:
    bad = _file(tmp_path, 'TITLES = ["CEO"]\nTITELS = ["CTO"]\n')
    bad.words("TITLES")
    with pytest.raises(VocabError, match=r"bad\.toml: not read by kg\.extract\.vocab: TITELS"):
        bad.close()


def test_a_file_that_is_not_toml_fails_naming_it(tmp_path: Path) -> None:
    with pytest.raises(VocabError, match=r"bad\.toml: not a UTF-8 TOML file"):
        _file(tmp_path, "TITLES = [\"CEO\",\n")
