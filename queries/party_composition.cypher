MATCH (p:Person)-[m:MEMBER_OF]->(b:Body {id: $body})
WHERE (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
WITH CASE WHEN m.on_behalf_of_id IS NULL THEN '' ELSE m.dataset + $sep + m.on_behalf_of_id END
       AS party_id, p.id AS person
RETURN party_id, count(DISTINCT person) AS seats
ORDER BY seats DESC, party_id
