// financials COMPANY: the company's reported figures (revenue, losses, R&D spend, cash, valuation, IPO
// terms), one raw row per FinancialFigure FIGURE_OF it: metric, period (FY2024, H1 2025, 9M 2025, Q3 2025,
// an as-of date, or IPO), basis, the value (amount or low/high bounds) with currency and precision, how
// it was written (unit percent or count for a figure that is not money), its modality (stated, planned, estimated) and the articles that stated it.
// `kg query financials` merges these rows into the metric x period table (the same figure from several
// articles once, with all sources; different values for one metric and period marked as a disagreement).
// Parameter: $id, the company's id.
// In Neo4j Browser:  :param id => 'organization:星衡智能'
MATCH (f:FinancialFigure)-[r:FIGURE_OF]->(c:Organization {id: $id})
RETURN f.metric AS metric, f.period AS period, f.basis AS basis, f.amount AS amount, f.amount_low AS low,
       f.amount_high AS high, f.currency AS currency, f.unit AS unit, f.amount_precision AS precision, f.amount_raw AS raw,
       f.modality AS modality, r.sources AS sources
ORDER BY metric, period, f.id
