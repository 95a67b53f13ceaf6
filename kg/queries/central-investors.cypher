// central-investors [--top N] [--as-of DATE]: who sits at the centre of the co-investment network.
// The co-investment network joins two investors when they invested in the same company. This query
// returns what it is made of: one row per investor with the ids of the companies it invested in
// (`deals`, a company once per investment in it); `kg query` then pairs the investors sharing a company (a network of about 1.2 million
// edges at a million relations: sent as pairs, they took a minute to read) and computes degree,
// betweenness and eigenvector centrality of that undirected network with the code the embedded
// backend runs (kg/queries/centrality.py), because Neo4j Community has no Graph Data Science library.
// Ranked by degree, then betweenness, then eigenvector centrality, each rounded to 6 decimals.
// Betweenness is exact up to 200 investors; in a larger network it is estimated from 200 pivot
// investors drawn with a fixed seed (the same on every run and on both backends).
// As of a date, the network of the investments in force then (kg/queries/asof.py: dated by then, an
// undated one first reported by then): two investors share a company when both had invested by then,
// so each investor's deals are those of then.
// Parameter: $as_of, a day (YYYY-MM-DD) or null ($top is applied by `kg query`).
// In Neo4j Browser:  :param as_of => null
MATCH (a:Investor)-[r:INVESTED_IN]->(c:Organization)
WHERE $as_of IS NULL
   OR (CASE WHEN coalesce(r.valid_from, r.date) IS NULL
            THEN EXISTS { MATCH (x:Article) WHERE x.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                             AND x.published <= $as_of }
            ELSE coalesce(r.valid_from, r.date) <= $as_of END
       AND (r.valid_to IS NULL OR $as_of < r.valid_to))
WITH a, collect(c.id) AS deals
RETURN a.id AS investor_id, a.name AS investor, a:StateOwnedFund AS state_owned, deals
ORDER BY investor_id
