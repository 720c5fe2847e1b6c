MATCH (m:Meeting)-[:MEETING_OF]->(b:Body)
WHERE ($dataset = '' OR m.dataset = $dataset)
  AND (size($body_ids) = 0 OR b.id IN $body_ids)
  AND m.date >= $from AND m.date <= $to
RETURN m.id AS meeting_id, b.id AS body_id, b.classification AS classification,
       m.number AS number, m.date AS date, m.mode AS mode, m.seats AS seats,
       m.attendees AS present
ORDER BY date, meeting_id
