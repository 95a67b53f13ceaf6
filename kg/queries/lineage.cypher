// lineage COMPANY [--depth N] [--up|--down] [--as-of DATE]: the spin-off tree around a company, along
// SPUN_OFF_FROM (stated spin-offs) and FOUNDED_BY_ALUMNI_OF (derived by the graph view from founders who
// left, worked at or founded the parent; kg/spinoffs.py).
// One row per link, "company SPUN_OFF_FROM parent" or "company FOUNDED_BY_ALUMNI_OF parent" (relation
// says which), found on paths of at most $depth links from COMPANY. generation is the company's: 0 is
// COMPANY itself (the row names its parent), 1 its spin-offs, 2 theirs...; -1 is COMPANY's parent (the
// row names that parent's own parent), and so on.
// via: the people the link runs through: those the relationship names (its `via` ids), and those who
// founded the company after leaving, working at or founding the parent.
// As of a date, along the links in force then, and via the people whose founding of the company and
// tie to the parent were (kg/queries/asof.py).
// Parameters: $id, the company's id; $depth (1 to 10); $up (ancestors), $down (descendants); $as_of, a
// day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:星衡智能'
//                    :param depth => 3
//                    :param up => true
//                    :param down => true
//                    :param as_of => null
CALL () {
  MATCH p = (:Organization)-[:SPUN_OFF_FROM|FOUNDED_BY_ALUMNI_OF*1..10]->(:Organization {id: $id})
  WHERE $down AND length(p) <= $depth
    AND ALL(x IN relationships(p) WHERE $as_of IS NULL OR (
          CASE WHEN coalesce(x.valid_from, x.date) IS NULL
               THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(x.sources, []) | 'article:' + s]
                                                AND a.published <= $as_of }
               ELSE coalesce(x.valid_from, x.date) <= $as_of END
          AND (x.valid_to IS NULL OR $as_of < x.valid_to)))
  RETURN length(p) AS generation, relationships(p)[0] AS r
  UNION
  MATCH p = (:Organization {id: $id})-[:SPUN_OFF_FROM|FOUNDED_BY_ALUMNI_OF*1..10]->(:Organization)
  WHERE $up AND length(p) <= $depth
    AND ALL(x IN relationships(p) WHERE $as_of IS NULL OR (
          CASE WHEN coalesce(x.valid_from, x.date) IS NULL
               THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(x.sources, []) | 'article:' + s]
                                                AND a.published <= $as_of }
               ELSE coalesce(x.valid_from, x.date) <= $as_of END
          AND (x.valid_to IS NULL OR $as_of < x.valid_to)))
  RETURN 1 - length(p) AS generation, last(relationships(p)) AS r
}
WITH generation, r, startNode(r) AS child, endNode(r) AS parent
WITH generation, r, child, parent,
     COLLECT { MATCH (person:Person) WHERE person.id IN coalesce(r.via, []) RETURN person.name } +
     COLLECT { MATCH (person:Person)-[f:FOUNDED]->(child)
               WHERE ($as_of IS NULL OR (
                       CASE WHEN coalesce(f.valid_from, f.date) IS NULL
                            THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(f.sources, []) | 'article:' + s]
                                                             AND a.published <= $as_of }
                            ELSE coalesce(f.valid_from, f.date) <= $as_of END
                       AND (f.valid_to IS NULL OR $as_of < f.valid_to)))
                 AND EXISTS { MATCH (person)-[t:LEFT|HOLDS_POSITION|FOUNDED]->(parent)
                              WHERE $as_of IS NULL OR (
                                CASE WHEN coalesce(t.valid_from, t.date) IS NULL
                                     THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(t.sources, []) | 'article:' + s]
                                                                      AND a.published <= $as_of }
                                     ELSE coalesce(t.valid_from, t.date) <= $as_of END
                                AND (t.valid_to IS NULL OR $as_of < t.valid_to)) }
               RETURN person.name } AS people
RETURN generation, child.name AS company, child.id AS company_id, parent.name AS parent,
       parent.id AS parent_id, type(r) AS relation,
       COLLECT { UNWIND people AS name RETURN DISTINCT name ORDER BY name } AS via, r.date AS date
ORDER BY generation, company, company_id, parent, parent_id, relation
