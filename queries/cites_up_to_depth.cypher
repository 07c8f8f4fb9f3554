// name: cites_up_to_depth
// answers: Everything a document refers to (CITES, IMPLEMENTS, SUPERSEDES), directly or through other
//          documents, up to $depth hops; with the fewest hops needed. Symbols repeat across provinces
//          (08-NQ/TU), so give $jurisdiction to pick one (null = every document with that symbol).
//          SHORTEST 1 finds each reachable document once, breadth first, with its fewest hops.
// params: $symbol (str); $jurisdiction (str or null); $depth (int 1..6)
// example: {"symbol": "1330-CV/BTGTU", "jurisdiction": "Thành phố Hồ Chí Minh", "depth": 2}
MATCH (d:Document {symbol: $symbol})
WHERE $jurisdiction IS NULL OR d.jurisdiction = $jurisdiction
MATCH p = SHORTEST 1 (d)-[:CITES|IMPLEMENTS|SUPERSEDES]->{1,6}(c:Document)
WHERE length(p) <= $depth AND c <> d
RETURN d.id AS from_id, c.id AS id, c.symbol AS symbol, c.label AS label, c.jurisdiction AS jurisdiction,
       c.resolved AS resolved, length(p) AS hops
ORDER BY from_id, hops, id
