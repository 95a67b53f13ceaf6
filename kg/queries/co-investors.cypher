// co-investors ENTITY: investors that share deals with ENTITY, with how many companies and which.
// For an investor, its deals are the companies it invested in; for a company that invests in
// nothing, its deal is itself (so the answer is its investors).
// Parameter: $id, the entity's id.
// In Neo4j Browser:  :param id => 'organization:shanghai-guotou'
MATCH (e:Organization {id: $id})
OPTIONAL MATCH (e)-[:INVESTED_IN]->(own:Organization)
WITH e, collect(DISTINCT own) AS portfolio
WITH e, CASE WHEN size(portfolio) = 0 THEN [e] ELSE portfolio END AS deals
UNWIND deals AS company
MATCH (other:Investor)-[:INVESTED_IN]->(company)
WHERE other <> e
WITH DISTINCT other, company
ORDER BY company.name
WITH other, collect(company.name) AS companies
RETURN other.name AS investor, other.id AS investor_id, size(companies) AS shared_deals, companies
ORDER BY shared_deals DESC, investor, investor_id
