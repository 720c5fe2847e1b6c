MATCH (o:Organization)
WHERE ($dataset = '' OR o.dataset = $dataset)
  AND ($name = '' OR toLower(o.name) CONTAINS toLower($name)
       OR toLower(o.name_en) CONTAINS toLower($name))
  AND (size($classifications) = 0 OR o.classification IN $classifications)
RETURN o.id AS id
ORDER BY o.local_id, o.id
SKIP $skip
LIMIT $limit
