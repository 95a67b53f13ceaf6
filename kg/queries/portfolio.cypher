// portfolio INVESTOR [--as-of DATE]: the companies an investor put money into, with round, date and
// role; `amount` is the investor's own sum (only when the text ties one to it), `round_amount` the
// round's total, `date` the round's most precise date. As of a date, the deals dated by then (an
// undated one: first reported by then; kg/queries/asof.py).
// Parameters: $id, the investor's id; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:shanghai-guotou'   :param as_of => null
MATCH (i:Organization {id: $id})-[r:INVESTED_IN]->(c:Organization)
OPTIONAL MATCH (i)-[p:PARTICIPATED_IN]->(f:FundingRound)-[:ROUND_OF]->(c)
  WHERE f.round_type = r.round
WITH r, p, f, c, coalesce(f.date, r.date) AS date
WHERE $as_of IS NULL
   OR CASE WHEN date IS NULL
           THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                            AND a.published <= $as_of }
           ELSE date <= $as_of END
RETURN c.name AS company, c.id AS company_id, r.round AS round,
       CASE WHEN f IS NULL THEN r.amount ELSE p.amount END AS amount,
       CASE WHEN f IS NULL THEN r.currency ELSE p.currency END AS currency,
       date, r.role AS role, f.amount AS round_amount, f.currency AS round_currency
ORDER BY coalesce(date, ''), company, company_id, coalesce(round, '')
