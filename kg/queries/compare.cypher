// compare COMPANY COMPANY [COMPANY...]: the companies' reported figures, to be put side by side: per
// company (in the order given), one row per FinancialFigure FIGURE_OF it (metric, period, basis, value
// with low/high bounds, precision and currency or unit, modality), or one row of nulls when it has none.
// `kg query compare` turns these rows into one row per metric and one column per company, each cell the
// value of the company's latest period for that metric, with its currency and period.
// Parameter: $ids, the companies' ids.
// In Neo4j Browser:  :param ids => ['organization:星衡智能', 'organization:岚峰智能']
UNWIND range(0, size($ids) - 1) AS i
MATCH (c:Organization {id: $ids[i]})
OPTIONAL MATCH (f:FinancialFigure)-[:FIGURE_OF]->(c)
RETURN c.id AS company_id, c.name AS company, f.metric AS metric, f.period AS period, f.basis AS basis,
       f.amount AS amount, f.amount_low AS low, f.amount_high AS high, f.amount_precision AS precision,
       f.currency AS currency, f.unit AS unit, f.modality AS modality
ORDER BY i, metric, period, f.id
