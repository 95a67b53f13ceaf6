// ipo-pipeline [EXCHANGE]: every company's IPO, per exchange: how far it has got (stage) and the dates
// of its milestones: filed (递表), listing hearing passed (聆讯), listed (挂牌); with ticker and board.
// Ordered by exchange, then the furthest along first (listed, then hearing passed, then filed).
// Parameter: $exchange, an exchange's id, or null for every exchange.
// In Neo4j Browser:  :param exchange => 'organization:hkex'   (or  :param exchange => null)
MATCH (ipo:IPO)-[:OFFERING_OF]->(c:Organization), (ipo)-[:ON_EXCHANGE]->(x:Organization)
WHERE $exchange IS NULL OR x.id = $exchange
OPTIONAL MATCH (c)-[f:FILED_FOR_IPO]->(x)
OPTIONAL MATCH (c)-[h:PASSED_LISTING_HEARING]->(x)
OPTIONAL MATCH (c)-[l:LISTED_ON]->(x)
RETURN c.name AS company, c.id AS company_id, x.name AS exchange, x.id AS exchange_id, ipo.stage AS stage,
       f.date AS filed, h.date AS hearing, l.date AS listed, ipo.ticker AS ticker, ipo.board AS board
ORDER BY exchange, exchange_id,
         CASE WHEN l IS NOT NULL THEN 0 WHEN h IS NOT NULL THEN 1 ELSE 2 END,
         company, company_id
