// investors COMPANY: who invested in the company, in which round, when, whether the investor is state
// capital (a StateOwnedFund), and money: `amount` is the investor's own sum (only when the text ties one
// to it), `round_amount` the round's total; `date` is the round's most precise date.
// Parameter: $id, the company's id (`kg query` resolves any name or alias to it).
// In Neo4j Browser:  :param id => 'organization:星衡智能'
MATCH (i:Investor)-[r:INVESTED_IN]->(c:Organization {id: $id})
OPTIONAL MATCH (i)-[p:PARTICIPATED_IN]->(f:FundingRound)-[:ROUND_OF]->(c)
  WHERE f.round_type = r.round
RETURN i.name AS investor, i.id AS investor_id, i:StateOwnedFund AS state_owned, r.round AS round,
       CASE WHEN f IS NULL THEN r.amount ELSE p.amount END AS amount,
       CASE WHEN f IS NULL THEN r.currency ELSE p.currency END AS currency,
       coalesce(f.date, r.date) AS date, r.role AS role, f.amount AS round_amount, f.currency AS round_currency
ORDER BY coalesce(date, ''), investor, investor_id, coalesce(round, '')
