// name: superseded
// answers: Which documents are amended, replaced or repealed, by which document, and where that is said.
// params: none
// example: {}
MATCH (new:Document)-[r:SUPERSEDES]->(old:Document)
RETURN old.id AS id, old.symbol AS symbol, old.date AS date, r.kind AS how,
       new.id AS by_id, new.symbol AS by_symbol, new.date AS by_date,
       r.source_file AS file, r.evidence_sentence AS sentence
ORDER BY symbol, by_date, by_id
