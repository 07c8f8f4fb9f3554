// name: symbol_collisions
// answers: Symbols shared by several different documents (e.g. 08-NQ/TU issued by several provincial
//          Party committees): never merge documents on the number alone. The $limit most shared symbols,
//          each with its documents (counted from the symbol index first, then fetched for those only).
// params: $limit (int)
// example: {"limit": 20}
MATCH (d:Document)
WHERE d.symbol IS NOT NULL
WITH d.symbol AS symbol, count(*) AS n
WHERE n > 1
ORDER BY n DESC, symbol
LIMIT $limit
MATCH (x:Document {symbol: symbol})
WITH symbol, n, x
ORDER BY x.id
WITH symbol, n, collect(x) AS docs
RETURN symbol, n, [x IN docs | x.id] AS ids, [x IN docs | x.jurisdiction] AS jurisdictions,
       [x IN docs | x.date] AS dates
ORDER BY n DESC, symbol
