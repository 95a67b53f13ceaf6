"""Resolution's reads of the store (`kg.storage.resolution`): the same-name pool in one statement."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kg.build import add_article
from kg.store import Store, open_store
from kg.terms import C
from tests.test_regroup import _varied


@pytest.fixture(scope="module")
def chained_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The examples renamed from a few stems again and again: names pair up and chain across articles."""
    store = open_store(tmp_path_factory.mktemp("pool") / "store")
    with store.batch() as next_article:
        for article in _varied(48):
            next_article()
            add_article(store, article)
    return store


def _pool_by_walking(store: Store, seed: str, root: str) -> set[str]:
    """The pool as a walk over the aliases themselves (not their tally): an independent oracle."""
    conn = store.connection
    unkeyed = {r[0] for r in conn.execute(
        "SELECT id FROM entities WHERE root = ? AND gazetteer_key IS NULL", (root,))}
    names: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, set[str]] = defaultdict(set)
    for entity_id, norm in conn.execute("SELECT DISTINCT entity_id, norm FROM aliases"):
        names[entity_id].add(norm)
        holders[norm].add(entity_id)
    pool, todo = set(), [seed] if seed in unkeyed else []
    while todo:
        entity_id = todo.pop()
        if entity_id in pool:
            continue
        pool.add(entity_id)
        todo += [other for norm in names[entity_id] for other in holders[norm] if other in unkeyed]
    return pool


@pytest.mark.parametrize("root", [C.Person, C.Organization])
def test_the_pool_is_everyone_a_chain_of_shared_names_reaches(chained_store: Store, root: str) -> None:
    conn = chained_store.connection
    seeds = [r[0] for r in conn.execute(
        "SELECT id FROM entities WHERE root = ? AND gazetteer_key IS NULL ORDER BY id", (root,))]
    assert len(seeds) >= 5
    sizes = set()
    for seed in seeds:
        pool = chained_store.name_pool(conn, [seed], root)
        assert pool == _pool_by_walking(chained_store, seed, root), seed
        sizes.add(len(pool))
    if root == C.Person:
        assert max(sizes) > 1  # namesakes at different firms: the walk goes beyond its seed
    else:
        assert sizes == {1}  # firms sharing a name are one firm: a settled firm's pool is itself


def test_a_pool_leaves_out_other_roots_and_the_gazetteers_entities(chained_store: Store) -> None:
    conn = chained_store.connection
    keyed = conn.execute("SELECT id, root FROM entities WHERE gazetteer_key IS NOT NULL LIMIT 1").fetchone()
    assert keyed is not None
    assert chained_store.name_pool(conn, [keyed[0]], keyed[1]) == set()
    person = conn.execute("SELECT id FROM entities WHERE root = ? AND gazetteer_key IS NULL", (C.Person,)).fetchone()
    assert chained_store.name_pool(conn, [person[0]], C.Organization) == set()
