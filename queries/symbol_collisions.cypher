// name: symbol_collisions
// answers: Symbols shared by several different documents (e.g. 08-NQ/TU issued by several provincial
//          Party committees): never merge documents on the number alone.
// params: none
// example: {}
MATCH (d:Document)
WHERE d.symbol IS NOT NULL
WITH d
ORDER BY d.id
WITH d.symbol AS symbol, collect(d) AS docs
WHERE size(docs) > 1
RETURN symbol, size(docs) AS n, [x IN docs | x.id] AS ids, [x IN docs | x.jurisdiction] AS jurisdictions,
       [x IN docs | x.date] AS dates
ORDER BY n DESC, symbol
