// ipo-pipeline [EXCHANGE]: every company's IPO, per exchange: how far it has got (stage) and the dates
// of its milestones: filed (递表), listing hearing passed (聆讯), listed (挂牌); with ticker and board,
// and the company's IPO terms from its FinancialFigures: raise target (计划募资), raise (募资), valuation,
// offer price, market value (at listing) and cornerstone total. This file returns those figures as a list
// (`figures`); `kg query ipo-pipeline` turns it into the columns raise_target, raise, valuation, offer_price,
// market_value and cornerstone_total (the latest period of each, every
// differing value shown; a raise target is never shown as the raise).
// Ordered by exchange, then the furthest along first (listed, then hearing passed, then filed).
// Parameter: $exchange, an exchange's id, or null for every exchange.
// In Neo4j Browser:  :param exchange => 'organization:hkex'   (or  :param exchange => null)
MATCH (ipo:IPO)-[:OFFERING_OF]->(c:Organization), (ipo)-[:ON_EXCHANGE]->(x:Organization)
WHERE $exchange IS NULL OR x.id = $exchange
OPTIONAL MATCH (c)-[f:FILED_FOR_IPO]->(x)
OPTIONAL MATCH (c)-[h:PASSED_LISTING_HEARING]->(x)
OPTIONAL MATCH (c)-[l:LISTED_ON]->(x)
RETURN c.name AS company, c.id AS company_id, x.name AS exchange, x.id AS exchange_id, ipo.stage AS stage,
       f.date AS filed, h.date AS hearing, l.date AS listed, ipo.ticker AS ticker, ipo.board AS board,
       [(fig:FinancialFigure)-[:FIGURE_OF]->(c)
        WHERE fig.metric IN ['ipo_raise_target', 'ipo_raise', 'valuation', 'offer_price', 'market_value',
                             'cornerstone_total']
        | {metric: fig.metric, period: fig.period, amount: fig.amount, low: fig.amount_low, high: fig.amount_high,
           precision: fig.amount_precision, currency: fig.currency, modality: fig.modality}] AS figures
ORDER BY exchange, exchange_id,
         CASE WHEN l IS NOT NULL THEN 0 WHEN h IS NOT NULL THEN 1 ELSE 2 END,
         company, company_id
