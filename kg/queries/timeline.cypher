// timeline ENTITY: the dated facts that touch an entity, oldest first, with the articles they come from.
// A fact is a relationship with a `date` between the entity and anything but an article: an investment,
// a founding, a departure, an IPO milestone, a spin-off... detail is its round, title, ticker, board or
// role (the first it has); sources are the ids of the articles that state it (see `kg articles`).
// Parameter: $id, the entity's id.
// In Neo4j Browser:  :param id => 'organization:星衡智能'
MATCH (e:Organization|Person|Product|FundingRound|IPO|FinancialFigure {id: $id})-[r]-(other)
WHERE r.date IS NOT NULL AND NOT other:Article
WITH DISTINCT r, startNode(r) AS s, endNode(r) AS t
RETURN r.date AS date, type(r) AS relation, s.name AS subject, t.name AS object,
       coalesce(r.round, r.title, r.ticker, r.board, r.role) AS detail, r.amount AS amount,
       r.currency AS currency, r.confidence AS confidence, r.sources AS sources,
       s.id AS subject_id, t.id AS object_id
ORDER BY date, relation, subject, subject_id, object, object_id, coalesce(detail, '')
