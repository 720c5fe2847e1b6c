MATCH (p:Person)-[m:MEMBER_OF]->(b:Body)
WHERE b.id IN $ids
  AND m.on_behalf_of_id IS NOT NULL
  AND (m.start_date IS NULL OR m.start_date <= $to)
  AND (m.end_date IS NULL OR m.end_date >= $from)
RETURN b.id AS body_id, p.id AS person_id, m.id AS membership_id,
       m.dataset + $sep + m.on_behalf_of_id AS party_id, m.start_date AS start_date,
       m.end_date AS end_date
ORDER BY body_id, person_id, start_date, membership_id
