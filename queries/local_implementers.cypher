// name: local_implementers
// answers: Which local documents (jurisdiction set; optionally only one ontology label such as Resolution)
//          implement the document with symbol $symbol, directly or through a chain of IMPLEMENTS
//          (a plan implementing a resolution implementing it), with the shortest chain found.
//          SHORTEST 1 walks breadth first from the target: each document once, however many chains
//          reach it (a variable-length pattern would list every chain: millions at archive scale).
// params: $symbol (str, e.g. "31-NQ/TW"); $label (str or null = any label); $depth (int 1..6, longest chain)
// example: {"symbol": "31-NQ/TW", "label": null, "depth": 6}
MATCH (target:Document {symbol: $symbol})
MATCH p = SHORTEST 1 (d:Document)-[:IMPLEMENTS]->{1,6}(target)
WHERE length(p) <= $depth AND d <> target
  AND d.jurisdiction IS NOT NULL
  AND ($label IS NULL OR $label IN labels(d))
RETURN target.id AS target_id, d.id AS id, d.symbol AS symbol, d.label AS label,
       d.jurisdiction AS jurisdiction, d.date AS date, length(p) AS hops,
       [n IN nodes(p) | n.symbol] AS chain, [n IN nodes(p) | n.id] AS chain_ids
ORDER BY hops, jurisdiction, date, id
