UNWIND $ids AS wanted
MATCH (m:Meeting)-[:MEETING_OF]->(b:Body {id: wanted})
WHERE m.date >= $from AND m.date <= $to
RETURN b.id AS body_id, m.id AS id
ORDER BY m.date, m.id
