// investors COMPANY: who invested in the company, in which round, how much, when, and whether the
// investor is state capital. Parameter: $id (the company's id; `kg query` resolves any alias to it).
MATCH (i:Investor)-[r:INVESTED_IN]->(c:Organization {id: $id})
RETURN i.name AS investor, i.id AS investor_id, i:StateOwnedFund AS state_owned,
       r.round AS round, r.amount AS amount, r.currency AS currency, r.date AS date, r.role AS role
ORDER BY coalesce(r.date, ''), investor, coalesce(r.round, '')
