// name: first_implementers
// answers: When each place carried $symbol out: for every jurisdiction (a district's or a commune's document
//          counted for the province its header names, parent_jurisdiction), the first dated document
//          implementing $symbol directly or through a chain of IMPLEMENTS, its date, the days after
//          $symbol's date and the chain; fastest first. Undated documents (no full YYYY-MM-DD date) and
//          documents dated before $symbol are never counted first. Rolling cities up to their province and
//          merged provinces up to today's 34 (Nghị quyết 202/2025/QH15) needs the gazetteer: that is
//          `policygraph coverage REF --timeline [--as-of DATE] --neo4j URI`, which gives the same first
//          documents for places that are provinces already.
// params: $symbol (str, e.g. "57-NQ/TW"); $depth (int 1..6, longest chain)
// example: {"symbol": "31-NQ/TW", "depth": 6}
MATCH (target:Document {symbol: $symbol})
MATCH p = SHORTEST 1 (d:Document)-[:IMPLEMENTS]->{1,6}(target)
WHERE length(p) <= $depth AND d <> target AND d.jurisdiction IS NOT NULL
  AND d.date =~ '[0-9]{4}-[0-9]{2}-[0-9]{2}' AND (target.date IS NULL OR d.date >= target.date)
WITH target, coalesce(d.parent_jurisdiction, d.jurisdiction) AS place, d, p
ORDER BY d.date, d.id
WITH target, place, collect({doc: d, path: p})[0] AS first
RETURN target.id AS target_id, place, first.doc.id AS id, first.doc.symbol AS symbol,
       first.doc.label AS label, first.doc.jurisdiction AS jurisdiction, first.doc.date AS date,
       CASE WHEN target.date =~ '[0-9]{4}-[0-9]{2}-[0-9]{2}'
            THEN duration.inDays(date(target.date), date(first.doc.date)).days END AS days,
       [n IN nodes(first.path) | coalesce(n.symbol, n.id)] AS chain
ORDER BY date, place
