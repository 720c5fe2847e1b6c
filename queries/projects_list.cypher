MATCH (p:Project)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND ($name = '' OR toLower(p.name) CONTAINS toLower($name)
       OR toLower(p.name_en) CONTAINS toLower($name))
  AND (size($kinds) = 0 OR p.kind IN $kinds)
  AND (size($years) = 0 OR p.year IN $years)
RETURN p.id AS id
ORDER BY p.local_id, p.id
