// timeline ENTITY [--as-of DATE]: the dated facts that touch an entity, oldest first, with the articles
// they come from. A fact is a relationship with a `date` (or, for a position or a stake, a `valid_from`)
// between the entity and anything but an article: an investment, a founding, a position taken, a
// departure, an IPO milestone, a spin-off... detail is its round, title, ticker, board or role (the
// first it has); valid_from/valid_to when a position or a stake held (a position's end derived from the
// departure that ended it); sources are the ids of the articles that state it (see `kg articles`).
// As of a date, the facts begun by then and not ended (a position left before it is gone; a departure
// after it has not happened), and the undated positions and stakes held then (first reported by then
// and not ended: kg/queries/asof.py), those last.
// Parameters: $id, the entity's id; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:星衡智能'   :param as_of => null
MATCH (e:Organization|Person|Product|FundingRound|IPO|FinancialFigure {id: $id})-[r]-(other)
WHERE NOT other:Article
  AND (coalesce(r.date, r.valid_from) IS NOT NULL
       OR ($as_of IS NOT NULL AND type(r) IN ['HOLDS_POSITION', 'OWNED_BY', 'CONTROLLED_BY']))
  AND ($as_of IS NULL
       OR (CASE WHEN coalesce(r.valid_from, r.date) IS NULL
                THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                                 AND a.published <= $as_of }
                ELSE coalesce(r.valid_from, r.date) <= $as_of END
           AND (r.valid_to IS NULL OR $as_of < r.valid_to)))
WITH DISTINCT r, startNode(r) AS s, endNode(r) AS t
RETURN coalesce(r.date, r.valid_from) AS date, type(r) AS relation, s.name AS subject, t.name AS object,
       coalesce(r.round, r.title, r.ticker, r.board, r.role) AS detail, r.valid_from AS valid_from,
       r.valid_to AS valid_to, r.amount AS amount, r.currency AS currency, r.confidence AS confidence,
       r.sources AS sources, s.id AS subject_id, t.id AS object_id
ORDER BY date, relation, subject, subject_id, object, object_id, coalesce(detail, '')
