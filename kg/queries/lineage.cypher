// lineage COMPANY [--depth N] [--up|--down]: the spin-off tree around a company, along SPUN_OFF_FROM.
// One row per spin-off, "company SPUN_OFF_FROM parent", found on paths of at most $depth spin-offs
// from COMPANY. generation is the company's: 0 is COMPANY itself (the row names its parent), 1 its
// spin-offs, 2 theirs...; -1 is COMPANY's parent (the row names that parent's own parent), and so on.
// via: the people the spin-off runs through: those the relationship names (its `via` ids), and those who
// founded the company after leaving, working at or founding the parent.
// Parameters: $id, the company's id; $depth (1 to 10); $up (ancestors), $down (descendants).
// In Neo4j Browser:  :param id => 'organization:星衡智能'
//                    :param depth => 3
//                    :param up => true
//                    :param down => true
CALL () {
  MATCH p = (:Organization)-[:SPUN_OFF_FROM*1..10]->(:Organization {id: $id})
  WHERE $down AND length(p) <= $depth
  RETURN length(p) AS generation, relationships(p)[0] AS r
  UNION
  MATCH p = (:Organization {id: $id})-[:SPUN_OFF_FROM*1..10]->(:Organization)
  WHERE $up AND length(p) <= $depth
  RETURN 1 - length(p) AS generation, last(relationships(p)) AS r
}
WITH generation, r, startNode(r) AS child, endNode(r) AS parent
WITH generation, r, child, parent,
     COLLECT { MATCH (person:Person) WHERE person.id IN coalesce(r.via, []) RETURN person.name } +
     COLLECT { MATCH (person:Person)-[:FOUNDED]->(child)
               WHERE EXISTS { (person)-[:LEFT|HOLDS_POSITION|FOUNDED]->(parent) }
               RETURN person.name } AS people
RETURN generation, child.name AS company, child.id AS company_id, parent.name AS parent,
       parent.id AS parent_id, COLLECT { UNWIND people AS name RETURN DISTINCT name ORDER BY name } AS via,
       r.date AS date
ORDER BY generation, company, company_id, parent, parent_id
