// path A B [--max-hops N]: the shortest connections between two entities, through facts.
// One row per shortest path (every one of them when several tie): the names along it, written out with
// each relationship's type and direction, plus the node ids and types as lists. Articles (and so
// MENTIONED_IN) are left out, so a path runs through investments, founders, positions, IPOs...
// Rows are ordered by their node-id sequence, then relationship types, then the written path.
// Parameters: $a and $b, the two entities' ids; $max_hops, the longest path wanted (1 to 15).
// In Neo4j Browser:  :param a => 'organization:shanghai-guotou'
//                    :param b => 'person:林知远'
//                    :param max_hops => 4
MATCH (a:Organization|Person|Product|FundingRound|IPO|FinancialFigure {id: $a}),
      (b:Organization|Person|Product|FundingRound|IPO|FinancialFigure {id: $b})
MATCH p = allShortestPaths((a)-[*..15]-(b))
WHERE none(n IN nodes(p) WHERE n:Article)
WITH p WHERE length(p) <= $max_hops
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN DISTINCT length(p) AS hops,
       reduce(text = ns[0].name, i IN range(0, size(rs) - 1) |
              text + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -[' + type(rs[i]) + ']-> '
                          ELSE ' <-[' + type(rs[i]) + ']- ' END + ns[i + 1].name) AS path,
       [n IN ns | n.name] AS nodes, [n IN ns | n.id] AS node_ids, [r IN rs | type(r)] AS relationships
ORDER BY node_ids, relationships, path
