// central-investors [--top N]: who sits at the centre of the co-investment network.
// The co-investment network joins two investors when they invested in the same company. This query
// returns its edges (one row per pair of investors, with how many companies they share); `kg query`
// then computes degree, betweenness and eigenvector centrality of that undirected network with
// networkx, the same code the embedded backend runs on the same edges, because Neo4j Community has no
// Graph Data Science library. Ranked by degree, then betweenness, then eigenvector centrality, each
// rounded to 6 decimals. Betweenness is exact up to 200 investors; in a larger network it is estimated
// from 200 pivot investors drawn with a fixed seed (the same on every run and on both backends).
// No parameters.
MATCH (a:Investor)-[:INVESTED_IN]->(c:Organization)<-[:INVESTED_IN]-(b:Investor)
WHERE a.id < b.id
RETURN a.id AS investor_id, a.name AS investor, a:StateOwnedFund AS state_owned,
       b.id AS co_investor_id, b.name AS co_investor, b:StateOwnedFund AS co_state_owned,
       count(DISTINCT c) AS shared_deals
ORDER BY investor_id, co_investor_id
