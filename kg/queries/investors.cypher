// investors COMPANY: who invested in the company, in which round, how much, when, and whether the
// investor is state capital (a StateOwnedFund).
// Parameter: $id, the company's id (`kg query` resolves any name or alias to it).
// In Neo4j Browser:  :param id => 'organization:星衡智能'
MATCH (i:Investor)-[r:INVESTED_IN]->(c:Organization {id: $id})
RETURN i.name AS investor, i.id AS investor_id, i:StateOwnedFund AS state_owned,
       r.round AS round, r.amount AS amount, r.currency AS currency, r.date AS date, r.role AS role
ORDER BY coalesce(r.date, ''), investor, investor_id, coalesce(r.round, '')
