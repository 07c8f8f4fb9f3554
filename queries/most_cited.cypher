// name: most_cited
// answers: The documents most referred to: by how many distinct documents (CITES, IMPLEMENTS or
//          SUPERSEDES), and by how many statements in all.
// params: $limit (int)
// example: {"limit": 10}
MATCH (d:Document)-[r:CITES|IMPLEMENTS|SUPERSEDES]->(c:Document)
WITH c, count(DISTINCT d) AS citing, count(r) AS mentions
RETURN c.id AS id, c.symbol AS symbol, c.label AS label, c.jurisdiction AS jurisdiction, citing, mentions
ORDER BY citing DESC, mentions DESC, id
LIMIT $limit
