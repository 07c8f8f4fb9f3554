// name: project_mentions
// answers: Which documents mention a project, found by a part of its name or of one of its aliases
//          (case-insensitive), with the sentence that mentions it; the first $limit by date.
// params: $name (str, e.g. "metro"); $limit (int)
// example: {"name": "metro", "limit": 100}
MATCH (p:Project)
WHERE toLower(p.name) CONTAINS toLower($name)
   OR any(a IN coalesce(p.aliases, []) WHERE toLower(a) CONTAINS toLower($name))
MATCH (d:Document)-[r:MENTIONS]->(p)
RETURN p.id AS project, p.name AS name, d.id AS id, d.symbol AS symbol, d.jurisdiction AS jurisdiction,
       d.date AS date, r.evidence_sentence AS sentence
ORDER BY project, date, id
LIMIT $limit
