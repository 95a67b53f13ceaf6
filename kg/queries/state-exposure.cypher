// state-exposure COMPANY: each investor in a company with the owners at the top of its ownership
// chains (OWNED_BY, CONTROLLED_BY). One row per investment and chain above its investor (path null
// when nobody is known to own it); `kg` groups them per investor and top owner, with the owner's level,
// region, whether it is state and the share it holds (kg/queries/exposure.py, the same code as the
// embedded store), and the money columns in USD from each investment's amount_usd, method and role.
// Chains follow the rule of ownership.cypher.
// Parameter: $id, the company's id.
// In Neo4j Browser:  :param id => 'organization:岚曜科技'
MATCH (i:Organization)-[r:INVESTED_IN]->(:Organization {id: $id})
OPTIONAL MATCH p = (i)-[:OWNED_BY|CONTROLLED_BY*1..10]->(owner:Organization)
WHERE ALL(k IN range(0, length(p) - 1) WHERE NOT nodes(p)[k] IN nodes(p)[k + 1..])
  AND ALL(n IN nodes(p) WHERE n:Organization)
  AND NOT EXISTS {
    MATCH (owner)-[:OWNED_BY|CONTROLLED_BY]->(next:Organization)
    WHERE NOT next IN nodes(p)
  }
RETURN i.id AS investor_id, i.name AS investor, labels(i) AS investor_labels, i.gov_level AS investor_level,
       i.region AS investor_region, r.round AS round, r.amount_usd AS amount_usd,
       coalesce(r.method, []) AS method, r.role AS role,
       CASE WHEN p IS NULL THEN null
            ELSE {ids: [n IN nodes(p) | n.id], names: [n IN nodes(p) | n.name],
                  shares: [x IN relationships(p) | x.share], gov_level: owner.gov_level,
                  region: owner.region, labels: labels(owner)} END AS path
ORDER BY investor_id
