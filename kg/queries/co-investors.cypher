// co-investors ENTITY [--as-of DATE]: investors that share deals with ENTITY, with how many companies
// and which. For an investor, its deals are the companies it invested in; for a company that invests
// in nothing, its deal is itself (so the answer is its investors). As of a date, only investments
// dated by then (an undated one: first reported by then; kg/queries/asof.py).
// Parameters: $id, the entity's id; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:shanghai-guotou'   :param as_of => null
MATCH (e:Organization {id: $id})
OPTIONAL MATCH (e)-[mine:INVESTED_IN]->(own:Organization)
  WHERE $as_of IS NULL
     OR CASE WHEN mine.date IS NULL
             THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(mine.sources, []) | 'article:' + s]
                                              AND a.published <= $as_of }
             ELSE mine.date <= $as_of END
WITH e, collect(DISTINCT own) AS portfolio
WITH e, CASE WHEN size(portfolio) = 0 THEN [e] ELSE portfolio END AS deals
UNWIND deals AS company
MATCH (other:Investor)-[r:INVESTED_IN]->(company)
WHERE other <> e
  AND ($as_of IS NULL
       OR CASE WHEN r.date IS NULL
               THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                                AND a.published <= $as_of }
               ELSE r.date <= $as_of END)
WITH DISTINCT other, company
ORDER BY company.name
WITH other, collect(company.name) AS companies
RETURN other.name AS investor, other.id AS investor_id, size(companies) AS shared_deals, companies
ORDER BY shared_deals DESC, investor, investor_id
