// state-capital [--region R]: companies with state-owned investors, per fund and region.
// Parameter: $region, the fund's region as stored (null for every region).
// In Neo4j Browser:  :param region => 'Shanghai'   (or  :param region => null)
MATCH (f:StateOwnedFund)-[r:INVESTED_IN]->(c:Organization)
WHERE $region IS NULL OR f.region = $region
RETURN c.name AS company, c.id AS company_id, f.name AS fund, f.id AS fund_id, f.region AS region,
       r.round AS round, r.amount AS amount, r.currency AS currency, r.date AS date
ORDER BY company, company_id, fund, fund_id, coalesce(r.round, '')
