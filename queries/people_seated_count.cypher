MATCH (p:Person)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND EXISTS {
    MATCH (p)-[m:MEMBER_OF]->(b:Body)
    WHERE (size($body_ids) = 0 OR b.id IN $body_ids)
      AND (m.start_date IS NULL OR m.start_date <= $to)
      AND (m.end_date IS NULL OR m.end_date >= $from)
  }
RETURN count(p) AS total
