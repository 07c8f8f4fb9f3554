// name: unresolved_references
// answers: References that could not be pinned to one document (resolved = false): what is missing,
//          which documents make them and the sentence that does.
// params: none
// example: {}
MATCH (u:Document)
WHERE u.resolved = false
OPTIONAL MATCH (d:Document)-[r:CITES|IMPLEMENTS|SUPERSEDES]->(u)
WITH u, d, r
ORDER BY d.id, r.evidence_start
RETURN u.id AS id, u.label AS label, u.symbol AS symbol, u.missing AS missing,
       collect(DISTINCT d.id) AS cited_by, collect(r.source_file) AS files,
       collect(r.evidence_sentence) AS sentences
ORDER BY id
