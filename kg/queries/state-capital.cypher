// state-capital [--region R] [--level L] [--as-of DATE]: companies with state investors, per fund. A
// fund is a StateOwnedFund or an organisation something owns or controls; one row per fund and chain of
// OWNED_BY/CONTROLLED_BY above it (the chain's top owner; null when nobody is known to own it), with the
// fund's investments as lists [company, company_id, relation_id, round, amount, currency, date] (each
// chain is walked once per fund; a fund's details are sent once, not once per investment: a region's
// funds have 57,000 investments at a million relations). `kg` keeps the funds that are state capital (a StateOwnedFund, or a chain ending at a
// GovernmentBody or StateOwnedFund), works out whose money it is (the levels of government of those
// owners, else the fund's own) and filters by level (kg/queries/statecapital.py, the same code as the
// embedded store). Chains follow the rule of ownership.cypher. As of a date, the investments dated by
// then (an undated one: first reported by then) and the chains in force then (kg/queries/asof.py).
// Parameters: $region, the fund's region as stored (null for every region); $as_of, a day (YYYY-MM-DD)
// or null; $level is applied by `kg` to the rows.
// In Neo4j Browser:  :param region => 'Shanghai'   :param as_of => null
CALL () {
  MATCH (f:StateOwnedFund) RETURN f
  UNION
  MATCH (f)-[:OWNED_BY|CONTROLLED_BY]->(:Organization) RETURN f
}
WITH f
WHERE f:Organization AND ($region IS NULL OR f.region = $region)
OPTIONAL MATCH p = (f)-[:OWNED_BY|CONTROLLED_BY*1..10]->(owner:Organization|Person)
WHERE ALL(k IN range(0, length(p) - 1) WHERE NOT nodes(p)[k] IN nodes(p)[k + 1..])
  AND ALL(n IN nodes(p)[..-1] WHERE n:Organization)
  AND ($as_of IS NULL OR ALL(x IN relationships(p) WHERE
        CASE WHEN coalesce(x.valid_from, x.date) IS NULL
             THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(x.sources, []) | 'article:' + s]
                                              AND a.published <= $as_of }
             ELSE coalesce(x.valid_from, x.date) <= $as_of END
        AND (x.valid_to IS NULL OR $as_of < x.valid_to)))
  AND NOT EXISTS {
    MATCH (owner)-[y:OWNED_BY|CONTROLLED_BY]->(next:Organization|Person)
    WHERE NOT next IN nodes(p)
      AND ($as_of IS NULL
           OR (CASE WHEN coalesce(y.valid_from, y.date) IS NULL
                    THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(y.sources, []) | 'article:' + s]
                                                     AND a.published <= $as_of }
                    ELSE coalesce(y.valid_from, y.date) <= $as_of END
               AND (y.valid_to IS NULL OR $as_of < y.valid_to)))
  }
WITH f, CASE WHEN p IS NULL THEN null
            ELSE {id: owner.id, name: owner.name, gov_level: owner.gov_level, labels: labels(owner)} END AS owner
MATCH (f)-[r:INVESTED_IN]->(c:Organization)
WHERE $as_of IS NULL
   OR CASE WHEN r.date IS NULL
           THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                            AND a.published <= $as_of }
           ELSE r.date <= $as_of END
RETURN f.name AS fund, f.id AS fund_id, f.region AS region, labels(f) AS fund_labels, f.gov_level AS fund_level,
       owner, collect([c.name, c.id, r.id, r.round, r.amount, r.currency, r.date]) AS investments
ORDER BY fund_id
