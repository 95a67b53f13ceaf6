// compare COMPANY COMPANY [COMPANY...] [--as-of DATE]: the companies' reported figures, to be put side by
// side: per company (in the order given), one row per FinancialFigure FIGURE_OF it (metric, period,
// basis, value with low/high bounds, precision and currency or unit, modality), or one row of nulls when
// it has none.
// `kg query compare` turns these rows into one row per metric and one column per company, each cell the
// value of the company's latest period for that metric, with its currency and period.
// As of a date, the figures reported by then (kg/queries/asof.py: a FIGURE_OF is dated by its first
// report), so each cell is the latest period known at that date.
// Parameters: $ids, the companies' ids; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param ids => ['organization:星衡智能', 'organization:岚峰智能']   :param as_of => null
UNWIND range(0, size($ids) - 1) AS i
MATCH (c:Organization {id: $ids[i]})
OPTIONAL MATCH (f:FinancialFigure)-[r:FIGURE_OF]->(c)
WHERE $as_of IS NULL
   OR (CASE WHEN coalesce(r.valid_from, r.date) IS NULL
            THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                             AND a.published <= $as_of }
            ELSE coalesce(r.valid_from, r.date) <= $as_of END
       AND (r.valid_to IS NULL OR $as_of < r.valid_to))
RETURN c.id AS company_id, c.name AS company, f.metric AS metric, f.period AS period, f.basis AS basis,
       f.amount AS amount, f.amount_low AS low, f.amount_high AS high, f.amount_precision AS precision,
       f.currency AS currency, f.unit AS unit, f.modality AS modality
ORDER BY i, metric, period, f.id
