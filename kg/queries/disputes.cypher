// disputes [ENTITY]: relations whose source articles state an attribute differently (two amounts for
// one round, two dates; two titles one person cannot hold at one organisation at once, kept on each of
// the two positions), touching ENTITY when one is given. One row per relation with its `disputes`
// (a JSON list of {key, values: [{value, sources}]}, written by kg.claims); `kg` expands it to one row
// per value (kg/queries/disputes.py, the same code as the embedded store).
// Parameter: $id, the entity's id, or null for every dispute.
// In Neo4j Browser:  :param id => null
MATCH (a)-[r]->(b)
WHERE r.disputes IS NOT NULL AND ($id IS NULL OR a.id = $id OR b.id = $id)
RETURN a.id AS subject_id, a.name AS subject, type(r) AS relation, b.id AS object_id, b.name AS object,
       r.id AS relation_id, r.round AS round, r.disputes AS disputes
ORDER BY relation_id
