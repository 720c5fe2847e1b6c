MATCH (p:Person)-[a:AFFILIATED_WITH]->(o:Organization)
WHERE p.id IN $ids AND o.classification = 'party'
  AND (a.start_date IS NULL OR a.start_date <= $to)
  AND (a.end_date IS NULL OR a.end_date >= $from)
RETURN p.id AS person_id, o.id AS party_id, a.start_date AS start_date, a.end_date AS end_date,
       a.membership_id AS membership_id
ORDER BY person_id, start_date, party_id
