// portfolio INVESTOR: the companies an investor put money into, with round, date and role; `amount` is
// the investor's own sum (only when the text ties one to it), `round_amount` the round's total, `date`
// the round's most precise date.
// Parameter: $id, the investor's id.
// In Neo4j Browser:  :param id => 'organization:shanghai-guotou'
MATCH (i:Organization {id: $id})-[r:INVESTED_IN]->(c:Organization)
OPTIONAL MATCH (i)-[p:PARTICIPATED_IN]->(f:FundingRound)-[:ROUND_OF]->(c)
  WHERE f.round_type = r.round
RETURN c.name AS company, c.id AS company_id, r.round AS round,
       CASE WHEN f IS NULL THEN r.amount ELSE p.amount END AS amount,
       CASE WHEN f IS NULL THEN r.currency ELSE p.currency END AS currency,
       coalesce(f.date, r.date) AS date, r.role AS role, f.amount AS round_amount, f.currency AS round_currency
ORDER BY coalesce(date, ''), company, company_id, coalesce(round, '')
