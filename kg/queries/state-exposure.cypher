// state-exposure COMPANY [--as-of DATE]: each investor in a company with the owners at the top of its
// ownership chains (OWNED_BY, CONTROLLED_BY). One row per investment and chain above its investor (path
// null when nobody is known to own it); `kg` groups them per investor and top owner, with the owner's
// level, region, whether it is state and the share it holds (kg/queries/exposure.py, the same code as
// the embedded store), and the money columns in USD from each investment's amount_usd, method and role
// (state_share: the known state money's share of the rounds, state_share_bound exact or at least).
// Chains follow the rule of ownership.cypher. As of a date, the investments dated by then (an undated
// one: first reported by then) and the chains in force then (kg/queries/asof.py).
// Parameters: $id, the company's id; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:岚曜科技'   :param as_of => null
MATCH (i:Organization)-[r:INVESTED_IN]->(:Organization {id: $id})
WHERE $as_of IS NULL
   OR CASE WHEN r.date IS NULL
           THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                            AND a.published <= $as_of }
           ELSE r.date <= $as_of END
OPTIONAL MATCH p = (i)-[:OWNED_BY|CONTROLLED_BY*1..10]->(owner:Organization|Person)
WHERE ALL(k IN range(0, length(p) - 1) WHERE NOT nodes(p)[k] IN nodes(p)[k + 1..])
  AND ALL(n IN nodes(p)[..-1] WHERE n:Organization)
  AND ($as_of IS NULL OR ALL(x IN relationships(p) WHERE
        CASE WHEN coalesce(x.valid_from, x.date) IS NULL
             THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(x.sources, []) | 'article:' + s]
                                              AND a.published <= $as_of }
             ELSE coalesce(x.valid_from, x.date) <= $as_of END
        AND (x.valid_to IS NULL OR $as_of < x.valid_to)))
  AND NOT EXISTS {
    MATCH (owner)-[y:OWNED_BY|CONTROLLED_BY]->(next:Organization|Person)
    WHERE NOT next IN nodes(p)
      AND ($as_of IS NULL
           OR (CASE WHEN coalesce(y.valid_from, y.date) IS NULL
                    THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(y.sources, []) | 'article:' + s]
                                                     AND a.published <= $as_of }
                    ELSE coalesce(y.valid_from, y.date) <= $as_of END
               AND (y.valid_to IS NULL OR $as_of < y.valid_to)))
  }
RETURN i.id AS investor_id, i.name AS investor, labels(i) AS investor_labels, i.gov_level AS investor_level,
       i.region AS investor_region, r.round AS round, r.amount_usd AS amount_usd,
       coalesce(r.method, []) AS method, r.role AS role,
       CASE WHEN p IS NULL THEN null
            ELSE {ids: [n IN nodes(p) | n.id], names: [n IN nodes(p) | n.name],
                  shares: [x IN relationships(p) | x.share], gov_level: owner.gov_level,
                  region: owner.region, labels: labels(owner)} END AS path
ORDER BY investor_id
