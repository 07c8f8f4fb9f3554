// name: bodies_implementing
// answers: Which bodies issued documents that implement (or are based on) the document with symbol
//          $symbol, directly or through a chain of IMPLEMENTS up to $depth hops; with those documents.
//          (SHORTEST 1: each implementing document found once, breadth first, not once per chain.)
// params: $symbol (str, e.g. "98/2023/QH15"); $depth (int 1..6)
// example: {"symbol": "98/2023/QH15", "depth": 6}
MATCH (target:Document {symbol: $symbol})
MATCH p = SHORTEST 1 (d:Document)-[:IMPLEMENTS]->{1,6}(target)
WHERE length(p) <= $depth AND d <> target
WITH DISTINCT d
MATCH (d)-[:ISSUED_BY]->(b:Body)
WITH b, d
ORDER BY d.date, d.id
WITH b, collect(DISTINCT d.id) AS documents
RETURN b.id AS id, b.name AS name, b.level AS level, b.branch AS branch, b.jurisdiction AS jurisdiction,
       size(documents) AS n, documents
ORDER BY n DESC, name
