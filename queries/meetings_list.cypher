MATCH (m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE ($dataset = '' OR m.dataset = $dataset)
  AND (size($body_ids) = 0 OR b.id IN $body_ids)
  AND m.date >= $from AND m.date <= $to
RETURN m.id AS id
ORDER BY m.date, m.id
SKIP $skip
LIMIT $limit
