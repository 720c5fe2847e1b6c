UNWIND $ids AS wanted
MATCH (t:Term)-[:TERM_OF]->(b:Body {id: wanted})
RETURN b.id AS body_id, t.id AS id, t.number AS number, t.start_date AS start_date,
       t.end_date AS end_date, t.seats AS seats, t.sources AS sources,
       t.confidence AS confidence
ORDER BY t.start_date
