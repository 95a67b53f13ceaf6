// financials COMPANY [--as-of DATE]: the company's reported figures (revenue, losses, R&D spend, cash,
// valuation, IPO terms), one raw row per FinancialFigure FIGURE_OF it: metric, period (FY2024, H1 2025,
// 9M 2025, Q3 2025, an as-of date, or IPO), basis, the value (amount or low/high bounds) with currency and
// precision, how it was written (unit percent or count for a figure that is not money), its modality
// (stated, planned, estimated) and the articles that stated it.
// `kg query financials` merges these rows into the metric x period table (the same figure from several
// articles once, with all sources; different values for one metric and period marked as a disagreement).
// As of a date, the figures reported by then (kg/queries/asof.py: a FIGURE_OF is dated by its first
// report), each with the articles published by then that state it.
// Parameters: $id, the company's id; $as_of, a day (YYYY-MM-DD) or null.
// In Neo4j Browser:  :param id => 'organization:星衡智能'   :param as_of => null
MATCH (f:FinancialFigure)-[r:FIGURE_OF]->(c:Organization {id: $id})
WHERE $as_of IS NULL
   OR (CASE WHEN coalesce(r.valid_from, r.date) IS NULL
            THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                                             AND a.published <= $as_of }
            ELSE coalesce(r.valid_from, r.date) <= $as_of END
       AND (r.valid_to IS NULL OR $as_of < r.valid_to))
RETURN f.metric AS metric, f.period AS period, f.basis AS basis, f.amount AS amount, f.amount_low AS low,
       f.amount_high AS high, f.currency AS currency, f.unit AS unit, f.amount_precision AS precision, f.amount_raw AS raw,
       f.modality AS modality,
       CASE WHEN $as_of IS NULL THEN r.sources
            ELSE COLLECT { UNWIND coalesce(r.sources, []) AS s
                           MATCH (a:Article {id: 'article:' + s}) WHERE a.published <= $as_of
                           RETURN s } END AS sources
ORDER BY metric, period, f.id
