MATCH (m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE b.id IN $ids AND m.date >= $from AND m.date <= $to
RETURN b.id AS body_id, m.id AS id
ORDER BY m.date, m.id
