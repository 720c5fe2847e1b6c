MATCH (b:Body)
WHERE ($dataset = '' OR b.dataset = $dataset)
  AND ($name = '' OR toLower(b.name) CONTAINS toLower($name)
       OR toLower(b.name_en) CONTAINS toLower($name))
  AND (size($classifications) = 0 OR b.classification IN $classifications)
RETURN count(b) AS total
