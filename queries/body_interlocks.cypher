MATCH (a:Body)<-[m1:MEMBER_OF]-(p:Person)-[m2:MEMBER_OF]->(b:Body)
WHERE a.id = $id AND b.id <> a.id
  AND (m1.start_date IS NULL OR m1.start_date <= $to)
  AND (m1.end_date IS NULL OR m1.end_date >= $from)
  AND (m2.start_date IS NULL OR m2.start_date <= $to)
  AND (m2.end_date IS NULL OR m2.end_date >= $from)
RETURN b.id AS body_id, collect(DISTINCT p.id) AS people
