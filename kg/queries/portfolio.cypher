// portfolio INVESTOR: the companies an investor put money into, with round, amount, date and role.
// Parameter: $id, the investor's id.
// In Neo4j Browser:  :param id => 'organization:shanghai-guotou'
MATCH (i:Organization {id: $id})-[r:INVESTED_IN]->(c:Organization)
RETURN c.name AS company, c.id AS company_id, r.round AS round, r.amount AS amount,
       r.currency AS currency, r.date AS date, r.role AS role
ORDER BY coalesce(r.date, ''), company, company_id, coalesce(r.round, '')
