// name: shortest_chain
// answers: How two documents are connected: the shortest chain of references between them (CITES,
//          IMPLEMENTS, SUPERSEDES, followed in either direction), at most 6 hops, with each step's direction.
// params: $from_id (str, a node id); $to_id (str, another node id)
// example: {"from_id": "doc:08-NQ/TU@Hải Phòng@2022-12-06", "to_id": "doc:98/2023/QH15"}
MATCH (a:Document {id: $from_id})
MATCH (b:Document {id: $to_id})
WHERE a <> b
MATCH p = shortestPath((a)-[:CITES|IMPLEMENTS|SUPERSEDES*..6]-(b))
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS chain, [n IN nodes(p) | n.symbol] AS symbols,
       [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id,
                                 file: r.source_file}] AS steps
