// path A B [--max-hops N] [--as-of DATE]: the shortest connections between two entities, through facts.
// One row per shortest path (every one of them when several tie): the names along it, written out with
// each relationship's type and direction, plus the node ids and types as lists. Articles (and so
// MENTIONED_IN) are left out, so a path runs through investments, founders, positions, IPOs...
// Rows are ordered by their node-id sequence, then relationship types, then the written path.
// As of a date, through the facts in force then (kg/queries/asof.py), the shortest among those: the rule
// of asof.py with the articles published by then collected first (`known`), so that the condition
// stays on single relationships and the shortest-path search applies it as it goes.
// Parameters: $a and $b, the two entities' ids; $max_hops, the longest path wanted (1 to 15); $as_of, a
// day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param a => 'organization:shanghai-guotou'
//                    :param b => 'person:林知远'
//                    :param max_hops => 4
//                    :param as_of => null
MATCH (a:Organization|Person|Product|FundingRound|IPO|FinancialFigure {id: $a}),
      (b:Organization|Person|Product|FundingRound|IPO|FinancialFigure {id: $b})
CALL () {
  MATCH (x:Article) WHERE $as_of IS NOT NULL AND x.published <= $as_of
  RETURN collect(x.id) AS known
}
MATCH p = allShortestPaths((a)-[*..15]-(b))
WHERE none(n IN nodes(p) WHERE n:Article)
  AND ALL(r IN relationships(p) WHERE $as_of IS NULL OR (
        CASE WHEN coalesce(r.valid_from, r.date) IS NULL
             THEN any(s IN coalesce(r.sources, []) WHERE 'article:' + s IN known)
             ELSE coalesce(r.valid_from, r.date) <= $as_of END
        AND (r.valid_to IS NULL OR $as_of < r.valid_to)))
WITH p WHERE length(p) <= $max_hops
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN DISTINCT length(p) AS hops,
       reduce(text = ns[0].name, i IN range(0, size(rs) - 1) |
              text + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -[' + type(rs[i]) + ']-> '
                          ELSE ' <-[' + type(rs[i]) + ']- ' END + ns[i + 1].name) AS path,
       [n IN ns | n.name] AS nodes, [n IN ns | n.id] AS node_ids, [r IN rs | type(r)] AS relationships
ORDER BY node_ids, relationships, path
