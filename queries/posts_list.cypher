MATCH (s:Post)
WHERE ($dataset = '' OR s.dataset = $dataset)
  AND ($name = '' OR toLower(s.label) CONTAINS toLower($name))
RETURN s.id AS id
ORDER BY s.label, s.id
SKIP $skip
LIMIT $limit
