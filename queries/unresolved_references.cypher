// name: unresolved_references
// answers: References that could not be pinned to one document (resolved = false), the most referred to
//          first ($limit of them): what is missing, how many statements make them, which documents
//          (up to $examples) and the sentences that do.
// params: $limit (int); $examples (int, documents and sentences shown per reference)
// example: {"limit": 20, "examples": 3}
MATCH (u:Document)
WHERE u.resolved = false
WITH u, COUNT { (u)<-[:CITES|IMPLEMENTS|SUPERSEDES]-() } AS statements
ORDER BY statements DESC, u.id
LIMIT $limit
CALL (u) {
  OPTIONAL MATCH (d:Document)-[r:CITES|IMPLEMENTS|SUPERSEDES]->(u)
  WITH d, r
  ORDER BY d.id, r.evidence_start
  LIMIT $examples
  RETURN collect(DISTINCT d.id) AS cited_by, collect(r.source_file) AS files,
         collect(r.evidence_sentence) AS sentences
}
RETURN u.id AS id, u.label AS label, u.symbol AS symbol, u.missing AS missing, statements,
       cited_by, files, sentences
ORDER BY statements DESC, id
