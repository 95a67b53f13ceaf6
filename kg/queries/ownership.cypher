// ownership ENTITY [--as-of DATE]: the chains from an organisation up OWNED_BY and CONTROLLED_BY to its
// ultimate owners. One row per path of distinct organisations that ends at one owned by nobody further
// up (or only by organisations already on the path), or at a person (a founder who owns or controls the
// company: a private owner at the top of its chain); ids, names and shares (null where a step states
// none) along it, and the owner's level, region and labels. `kg` multiplies the shares along each chain
// and adds them per owner (kg/queries/ownership.py, the same code as the embedded store). As of a date,
// only the edges in force then: begun by then (valid_from, else date, else first reported) and not
// ended (valid_to; kg/queries/asof.py), a chain ending where none leads further up.
// Parameters: $id, the organisation's id; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:合肥星澜创业投资基金'   :param as_of => null
MATCH p = (:Organization {id: $id})-[:OWNED_BY|CONTROLLED_BY*1..10]->(owner:Organization|Person)
WHERE ALL(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
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
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r.share] AS shares, owner.gov_level AS gov_level, owner.region AS region,
       labels(owner) AS labels
ORDER BY ids
