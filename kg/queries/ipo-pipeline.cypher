// ipo-pipeline [EXCHANGE] [--as-of DATE]: every company's IPO, per exchange: how far it has got (stage)
// and the dates of its milestones: filed (递表), listing hearing passed (聆讯), listed (挂牌); with ticker
// and board, and the company's IPO terms from its FinancialFigures: raise target (计划募资), raise (募资),
// valuation, offer price, market value (at listing) and cornerstone total. This file returns those figures
// as a list (`figures`); `kg query ipo-pipeline` turns it into the columns raise_target, raise, valuation,
// offer_price, market_value and cornerstone_total (the latest period of each, every
// differing value shown; a raise target is never shown as the raise).
// Ordered by exchange, then the furthest along first (listed, then hearing passed, then filed).
// As of a date, from the milestones in force then (kg/queries/asof.py): the stage is the furthest of them
// (a company listed later shows the hearing it had passed), ticker and board those they give (the first in
// relationship-id order, as the IPO node takes them), an IPO with none of them is left out, and the
// terms come from the figures reported by then.
// Parameters: $exchange, an exchange's id, or null for every exchange; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param exchange => 'organization:hkex'   (or  :param exchange => null)
//                    :param as_of => null
MATCH (ipo:IPO)-[:OFFERING_OF]->(c:Organization), (ipo)-[:ON_EXCHANGE]->(x:Organization)
WHERE $exchange IS NULL OR x.id = $exchange
OPTIONAL MATCH (c)-[f:FILED_FOR_IPO]->(x)
  WHERE $as_of IS NULL
     OR (CASE WHEN coalesce(f.valid_from, f.date) IS NULL
              THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(f.sources, []) | 'article:' + s]
                                               AND a.published <= $as_of }
              ELSE coalesce(f.valid_from, f.date) <= $as_of END
         AND (f.valid_to IS NULL OR $as_of < f.valid_to))
OPTIONAL MATCH (c)-[h:PASSED_LISTING_HEARING]->(x)
  WHERE $as_of IS NULL
     OR (CASE WHEN coalesce(h.valid_from, h.date) IS NULL
              THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(h.sources, []) | 'article:' + s]
                                               AND a.published <= $as_of }
              ELSE coalesce(h.valid_from, h.date) <= $as_of END
         AND (h.valid_to IS NULL OR $as_of < h.valid_to))
OPTIONAL MATCH (c)-[l:LISTED_ON]->(x)
  WHERE $as_of IS NULL
     OR (CASE WHEN coalesce(l.valid_from, l.date) IS NULL
              THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(l.sources, []) | 'article:' + s]
                                               AND a.published <= $as_of }
              ELSE coalesce(l.valid_from, l.date) <= $as_of END
         AND (l.valid_to IS NULL OR $as_of < l.valid_to))
WITH ipo, c, x, f, h, l
WHERE $as_of IS NULL OR f IS NOT NULL OR h IS NOT NULL OR l IS NOT NULL
WITH ipo, c, x, f, h, l,
     CASE WHEN $as_of IS NULL THEN [] ELSE
       COLLECT { MATCH (c)-[m:FILED_FOR_IPO|PASSED_LISTING_HEARING|LISTED_ON]->(x)
                 WHERE CASE WHEN coalesce(m.valid_from, m.date) IS NULL
                            THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(m.sources, []) | 'article:' + s]
                                                             AND a.published <= $as_of }
                            ELSE coalesce(m.valid_from, m.date) <= $as_of END
                   AND (m.valid_to IS NULL OR $as_of < m.valid_to)
                 RETURN m ORDER BY m.id } END AS held
RETURN c.name AS company, c.id AS company_id, x.name AS exchange, x.id AS exchange_id,
       CASE WHEN $as_of IS NULL THEN ipo.stage
            WHEN l IS NOT NULL THEN 'listed' WHEN h IS NOT NULL THEN 'hearing_passed' ELSE 'filed' END AS stage,
       f.date AS filed, h.date AS hearing, l.date AS listed,
       CASE WHEN $as_of IS NULL THEN ipo.ticker ELSE head([m IN held WHERE m.ticker IS NOT NULL | m.ticker]) END
         AS ticker,
       CASE WHEN $as_of IS NULL THEN ipo.board ELSE head([m IN held WHERE m.board IS NOT NULL | m.board]) END
         AS board,
       [(fig:FinancialFigure)-[r:FIGURE_OF]->(c)
        WHERE fig.metric IN ['ipo_raise_target', 'ipo_raise', 'valuation', 'offer_price', 'market_value',
                             'cornerstone_total']
          AND ($as_of IS NULL
               OR (CASE WHEN coalesce(r.valid_from, r.date) IS NULL
                        THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                                         AND a.published <= $as_of }
                        ELSE coalesce(r.valid_from, r.date) <= $as_of END
                   AND (r.valid_to IS NULL OR $as_of < r.valid_to)))
        | {metric: fig.metric, period: fig.period, amount: fig.amount, low: fig.amount_low, high: fig.amount_high,
           precision: fig.amount_precision, currency: fig.currency, modality: fig.modality}] AS figures
ORDER BY exchange, exchange_id,
         CASE WHEN l IS NOT NULL THEN 0 WHEN h IS NOT NULL THEN 1 ELSE 2 END,
         company, company_id
