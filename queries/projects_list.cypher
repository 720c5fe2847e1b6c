MATCH (p:Project)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND ($name = '' OR toLower(p.name) CONTAINS toLower($name)
       OR toLower(p.name_en) CONTAINS toLower($name))
  AND (size($kinds) = 0 OR p.kind IN $kinds)
  AND (size($years) = 0 OR p.year IN $years)
  AND (p.start_date IS NULL OR p.start_date <= $to)
  AND (coalesce(p.end_date, p.start_date) IS NULL OR coalesce(p.end_date, p.start_date) >= $from)
RETURN p.id AS id
ORDER BY p.local_id, p.id
SKIP $skip
LIMIT $limit
