// disputes [ENTITY] [--as-of DATE]: relations whose source articles state an attribute differently (two
// amounts for one round, two dates; two titles one person cannot hold at one organisation at once, kept
// on each of the two positions), touching ENTITY when one is given. One row per relation with its `disputes`
// (a JSON list of {key, values: [{value, sources}]}, written by kg.claims); `kg` expands it to one row
// per value (kg/queries/disputes.py, the same code as the embedded store).
// As of a date, the disputed facts in force then (kg/queries/asof.py), with the publication day of each
// article of the relations of that type between the two ends (`published`, [article, day] pairs): `kg`
// keeps each value's articles published by then, and the disputes left with two values or more.
// Parameters: $id, the entity's id, or null for every dispute; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => null   :param as_of => null
// With an entity, its relationships are reached from its node (an index seek on the id of its root
// label); without one, through the index on `disputes` of each relationship type (`kg load` creates one
// per type of the ontology, kg/neo4j/loader.py; the list below is the ontology's types, which
// tests/queries/test_disputes_cypher.py checks), not by reading every relationship.
CALL () {
  UNWIND CASE WHEN $id IS NULL THEN [] ELSE [true] END AS one
  MATCH (:Organization|Person|Product|FundingRound|IPO|FinancialFigure {id: $id})-[r]-()
  WHERE r.disputes IS NOT NULL
  RETURN startNode(r) AS a, r, endNode(r) AS b
  UNION
  UNWIND CASE WHEN $id IS NULL THEN [true] ELSE [] END AS every
  MATCH (a)-[r:CONTROLLED_BY|DEVELOPS|FIGURE_OF|FILED_FOR_IPO|FOUNDED|FOUNDED_BY_ALUMNI_OF|HOLDS_POSITION|
              INVESTED_IN|LEFT|LISTED_ON|MENTIONED_IN|OFFERING_OF|ON_EXCHANGE|OWNED_BY|PARTICIPATED_IN|
              PASSED_LISTING_HEARING|ROUND_OF|SPUN_OFF_FROM]->(b)
  WHERE r.disputes IS NOT NULL
  RETURN a, r, b
}
WITH a, r, b
WHERE ($as_of IS NULL
       OR (CASE WHEN coalesce(r.valid_from, r.date) IS NULL
                THEN EXISTS { MATCH (x:Article) WHERE x.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                                 AND x.published <= $as_of }
                ELSE coalesce(r.valid_from, r.date) <= $as_of END
           AND (r.valid_to IS NULL OR $as_of < r.valid_to)))
RETURN a.id AS subject_id, a.name AS subject, type(r) AS relation, b.id AS object_id, b.name AS object,
       r.id AS relation_id, r.round AS round, r.disputes AS disputes,
       CASE WHEN $as_of IS NULL THEN []
            ELSE COLLECT { MATCH (a)-[q]->(b) WHERE type(q) = type(r)
                           UNWIND coalesce(q.sources, []) AS s
                           MATCH (x:Article {id: 'article:' + s}) WHERE x.published IS NOT NULL
                           RETURN DISTINCT [s, x.published] AS seen ORDER BY seen } END AS published
ORDER BY relation_id
