MATCH (p:Person)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND EXISTS {
    MATCH (p)-[m:MEMBER_OF]->(b:Body)
    WHERE (size($body_ids) = 0 OR b.id IN $body_ids)
      AND (m.start_date IS NULL OR m.start_date <= $to)
      AND (m.end_date IS NULL OR m.end_date >= $from)
  }
RETURN p.id AS id, p.local_id AS local_id, p.dataset AS dataset, p.name AS name,
       p.other_names AS other_names, p.category AS category,
       p.public_figure AS public_figure, p.pseudonymous AS pseudonymous,
       coalesce(p.canonical_id, p.id) AS canonical_id, p.sources AS sources,
       p.confidence AS confidence
ORDER BY CASE WHEN $names_visible THEN p.name ELSE p.id END, p.id
SKIP $skip
LIMIT $limit
