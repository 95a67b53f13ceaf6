// state-capital [--region R]: companies with state-owned investors, per fund and region.
// Parameter: $region (null for every region).
MATCH (f:StateOwnedFund)-[r:INVESTED_IN]->(c:Organization)
WHERE $region IS NULL OR f.region = $region
RETURN c.name AS company, c.id AS company_id, f.name AS fund, f.id AS fund_id, f.region AS region,
       r.round AS round, r.amount AS amount, r.currency AS currency, r.date AS date
ORDER BY company, fund, coalesce(r.round, '')
