"""The SQL of the graph of record, by concern, mixed into `kg.store.Store`.

`kg.store` owns the schema, opening, the build's writes and removal; the modules here hold the other
statements over the same tables, each as `Store` methods: `records` (whole tables, for RDF export and
`kg import`), `resolution` (what entity resolution reads and rewrites), `views` (the subgraph reads the
named queries run on). No other module of `kg` writes SQL (tests/test_store_owns_sql.py).
Use `kg.store.open_store`; nothing here is imported on its own.
"""
