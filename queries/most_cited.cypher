// name: most_cited
// answers: The documents most referred to: by how many distinct documents (CITES, IMPLEMENTS or
//          SUPERSEDES), and by how many statements in all.
//          Exact without counting every citation: a document's statements are its degree (read from the
//          store, not walked), and it is cited by at most that many documents. The top $limit by
//          statements give a floor (the fewest citing documents among them); only documents with at
//          least that many statements can be in the answer, so only theirs are counted one by one.
// params: $limit (int)
// example: {"limit": 10}
CALL () {
  MATCH (c:Document)
  WITH c, COUNT { (c)<-[:CITES|IMPLEMENTS|SUPERSEDES]-() } AS mentions
  ORDER BY mentions DESC
  LIMIT $limit
  RETURN min(COUNT { MATCH (d)-[:CITES|IMPLEMENTS|SUPERSEDES]->(c) RETURN DISTINCT d }) AS floor
}
MATCH (c:Document)
WITH c, floor, COUNT { (c)<-[:CITES|IMPLEMENTS|SUPERSEDES]-() } AS mentions
WHERE mentions > 0 AND mentions >= floor
WITH c, mentions, COUNT { MATCH (d)-[:CITES|IMPLEMENTS|SUPERSEDES]->(c) RETURN DISTINCT d } AS citing
RETURN c.id AS id, c.symbol AS symbol, c.label AS label, c.jurisdiction AS jurisdiction, citing, mentions
ORDER BY citing DESC, mentions DESC, id
LIMIT $limit
