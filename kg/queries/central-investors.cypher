// central-investors [--top N] [--as-of DATE]: who sits at the centre of the co-investment network.
// The co-investment network joins two investors when they invested in the same company. This query
// returns its edges (one row per pair of investors, with how many companies they share); `kg query`
// then computes degree, betweenness and eigenvector centrality of that undirected network with
// networkx, the same code the embedded backend runs on the same edges, because Neo4j Community has no
// Graph Data Science library. Ranked by degree, then betweenness, then eigenvector centrality, each
// rounded to 6 decimals. Betweenness is exact up to 200 investors; in a larger network it is estimated
// from 200 pivot investors drawn with a fixed seed (the same on every run and on both backends).
// As of a date, the network of the investments in force then (kg/queries/asof.py: dated by then, an
// undated one first reported by then): two investors share a company when both had invested by then.
// Parameter: $as_of, a day (YYYY-MM-DD) or null ($top is applied by `kg query`).
// In Neo4j Browser:  :param as_of => null
MATCH (a:Investor)-[ra:INVESTED_IN]->(c:Organization)<-[rb:INVESTED_IN]-(b:Investor)
WHERE a.id < b.id
  AND ($as_of IS NULL
       OR (CASE WHEN coalesce(ra.valid_from, ra.date) IS NULL
                THEN EXISTS { MATCH (x:Article) WHERE x.id IN [s IN coalesce(ra.sources, []) | 'article:' + s]
                                                 AND x.published <= $as_of }
                ELSE coalesce(ra.valid_from, ra.date) <= $as_of END
           AND (ra.valid_to IS NULL OR $as_of < ra.valid_to)
           AND CASE WHEN coalesce(rb.valid_from, rb.date) IS NULL
                    THEN EXISTS { MATCH (x:Article) WHERE x.id IN [s IN coalesce(rb.sources, []) | 'article:' + s]
                                                     AND x.published <= $as_of }
                    ELSE coalesce(rb.valid_from, rb.date) <= $as_of END
           AND (rb.valid_to IS NULL OR $as_of < rb.valid_to)))
RETURN a.id AS investor_id, a.name AS investor, a:StateOwnedFund AS state_owned,
       b.id AS co_investor_id, b.name AS co_investor, b:StateOwnedFund AS co_state_owned,
       count(DISTINCT c) AS shared_deals
ORDER BY investor_id, co_investor_id
