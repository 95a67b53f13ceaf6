// alumni COMPANY: people who left the company, or who held a position at it or founded it, and what
// they founded elsewhere. One row per (person, company they founded other than COMPANY); a person who
// left and founded nothing else gets one row with no founded company. People who only work(ed) at or
// founded COMPANY, without a company elsewhere, are not alumni and are left out.
// Columns: ties = their relationship types to COMPANY, titles = the titles they held there,
// left_date = the earliest date they are said to have left.
// Parameter: $id, the company's id.
// In Neo4j Browser:  :param id => 'organization:星衡智能'
MATCH (c:Organization {id: $id})<-[:LEFT|HOLDS_POSITION|FOUNDED]-(p:Person)
WITH DISTINCT c, p
OPTIONAL MATCH (p)-[f:FOUNDED]->(o:Organization)
WHERE o <> c
WITH c, p, f, o,
     COLLECT { MATCH (p)-[t:LEFT|HOLDS_POSITION|FOUNDED]->(c) RETURN DISTINCT type(t) AS tie ORDER BY tie } AS ties,
     COLLECT { MATCH (p)-[t:LEFT|HOLDS_POSITION]->(c) WHERE t.title IS NOT NULL
               RETURN DISTINCT t.title AS title ORDER BY title } AS titles,
     COLLECT { MATCH (p)-[t:LEFT]->(c) WHERE t.date IS NOT NULL RETURN t.date AS day ORDER BY day LIMIT 1 } AS left_dates
WHERE o IS NOT NULL OR 'LEFT' IN ties
RETURN p.name AS person, p.id AS person_id, ties, titles, head(left_dates) AS left_date,
       o.name AS founded, o.id AS founded_id, f.date AS founded_date
ORDER BY person, person_id, coalesce(founded_date, ''), coalesce(founded, ''), coalesce(founded_id, '')
