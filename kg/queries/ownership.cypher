// ownership ENTITY: the chains from an organisation up OWNED_BY and CONTROLLED_BY to its ultimate
// owners. One row per path of distinct organisations that ends at one owned by nobody further up (or
// only by organisations already on the path); ids, names and shares (null where a step states none)
// along it, and the owner's level, region and labels. `kg` multiplies the shares along each chain and
// adds them per owner (kg/queries/ownership.py, the same code as the embedded store).
// Parameter: $id, the organisation's id.
// In Neo4j Browser:  :param id => 'organization:合肥星澜创业投资基金'
MATCH p = (:Organization {id: $id})-[:OWNED_BY|CONTROLLED_BY*1..10]->(owner:Organization)
WHERE ALL(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND ALL(n IN nodes(p) WHERE n:Organization)
  AND NOT EXISTS {
    MATCH (owner)-[:OWNED_BY|CONTROLLED_BY]->(next:Organization)
    WHERE NOT next IN nodes(p)
  }
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r.share] AS shares, owner.gov_level AS gov_level, owner.region AS region,
       labels(owner) AS labels
ORDER BY ids
