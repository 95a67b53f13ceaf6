// alumni COMPANY [--as-of DATE]: people who left the company, or who held a position at it or founded
// it, and what they founded elsewhere. One row per (person, company they founded other than COMPANY); a
// person who left and founded nothing else gets one row with no founded company. People who only
// work(ed) at or founded COMPANY, without a company elsewhere, are not alumni and are left out.
// Columns: ties = their relationship types to COMPANY, titles = the titles they held there,
// left_date = the earliest date they are said to have left.
// As of a date, only the ties and foundings in force then (kg/queries/asof.py): a position left before
// it is gone (its departure counts instead), a company founded after it is not there yet.
// Parameters: $id, the company's id; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:星衡智能'   :param as_of => null
MATCH (c:Organization {id: $id})<-[t:LEFT|HOLDS_POSITION|FOUNDED]-(p:Person)
WHERE $as_of IS NULL
   OR (CASE WHEN coalesce(t.valid_from, t.date) IS NULL
            THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(t.sources, []) | 'article:' + s]
                                             AND a.published <= $as_of }
            ELSE coalesce(t.valid_from, t.date) <= $as_of END
       AND (t.valid_to IS NULL OR $as_of < t.valid_to))
WITH c, p, collect(t) AS held
OPTIONAL MATCH (p)-[f:FOUNDED]->(o:Organization)
WHERE o <> c
  AND ($as_of IS NULL
       OR (CASE WHEN coalesce(f.valid_from, f.date) IS NULL
                THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(f.sources, []) | 'article:' + s]
                                                 AND a.published <= $as_of }
                ELSE coalesce(f.valid_from, f.date) <= $as_of END
           AND (f.valid_to IS NULL OR $as_of < f.valid_to)))
WITH c, p, f, o,
     COLLECT { UNWIND held AS t RETURN DISTINCT type(t) AS tie ORDER BY tie } AS ties,
     COLLECT { UNWIND held AS t WITH t WHERE type(t) IN ['LEFT', 'HOLDS_POSITION'] AND t.title IS NOT NULL
               RETURN DISTINCT t.title AS title ORDER BY title } AS titles,
     COLLECT { UNWIND held AS t WITH t WHERE type(t) = 'LEFT' AND t.date IS NOT NULL
               RETURN t.date AS day ORDER BY day LIMIT 1 } AS left_dates
WHERE o IS NOT NULL OR 'LEFT' IN ties
RETURN p.name AS person, p.id AS person_id, ties, titles, head(left_dates) AS left_date,
       o.name AS founded, o.id AS founded_id, f.date AS founded_date
ORDER BY person, person_id, coalesce(founded_date, ''), coalesce(founded, ''), coalesce(founded_id, '')
