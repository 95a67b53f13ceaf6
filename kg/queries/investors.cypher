// investors COMPANY [--as-of DATE]: who invested in the company, in which round, when, whether the
// investor is state capital (a StateOwnedFund), and money: `amount` is the investor's own sum (only when
// the text ties one to it), `round_amount` the round's total; `date` is the round's most precise date.
// As of a date, the deals dated by then (an undated one: first reported by then; kg/queries/asof.py).
// Parameters: $id, the company's id (`kg query` resolves any name or alias to it); $as_of, a day
// (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:星衡智能'   :param as_of => null
MATCH (i:Investor)-[r:INVESTED_IN]->(c:Organization {id: $id})
OPTIONAL MATCH (i)-[p:PARTICIPATED_IN]->(f:FundingRound)-[:ROUND_OF]->(c)
  WHERE f.round_type = r.round
WITH i, r, p, f, coalesce(f.date, r.date) AS date
WHERE $as_of IS NULL
   OR CASE WHEN date IS NULL
           THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                            AND a.published <= $as_of }
           ELSE date <= $as_of END
RETURN i.name AS investor, i.id AS investor_id, i:StateOwnedFund AS state_owned, r.round AS round,
       CASE WHEN f IS NULL THEN r.amount ELSE p.amount END AS amount,
       CASE WHEN f IS NULL THEN r.currency ELSE p.currency END AS currency,
       date, r.role AS role, f.amount AS round_amount, f.currency AS round_currency
ORDER BY coalesce(date, ''), investor, investor_id, coalesce(round, '')
