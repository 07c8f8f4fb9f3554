// name: jurisdiction_date_range
// answers: The documents of one jurisdiction (province or district, as named in the graph) issued between
//          two dates, both inclusive; dates are ISO strings, so the comparison is textual.
// params: $jurisdiction (str, e.g. "Thành phố Hồ Chí Minh"); $from (str, "2023-01-01"); $to (str)
// example: {"jurisdiction": "Thành phố Hồ Chí Minh", "from": "2023-01-01", "to": "2023-12-31"}
MATCH (d:Document {jurisdiction: $jurisdiction})
WHERE d.date >= $from AND d.date <= $to
RETURN d.id AS id, d.symbol AS symbol, d.label AS label, d.date AS date, d.issuer AS issuer, d.title AS title
ORDER BY date, symbol, id
