MATCH (t:Term)-[:TERM_OF]->(b:Body)
WHERE t.dataset = $dataset
RETURN t.local_id AS id, t.name AS name, t.number AS number, t.start_date AS start_date,
       t.end_date AS end_date, b.local_id AS organization_id, t.popolo AS popolo,
       t.sources AS sources, t.confidence AS confidence
ORDER BY id
