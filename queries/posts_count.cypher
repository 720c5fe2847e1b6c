MATCH (s:Post)
WHERE ($dataset = '' OR s.dataset = $dataset)
  AND ($name = '' OR toLower(s.label) CONTAINS toLower($name))
RETURN count(s) AS total
