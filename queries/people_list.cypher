MATCH (p:Person)
WHERE ($dataset = '' OR p.dataset = $dataset)
  AND ($name = ''
       OR (toLower(p.name) CONTAINS toLower($name) AND ($names_visible OR p.public_figure))
       OR p.id IN $pseudonym_ids)
  AND (size($categories) = 0 OR p.category IN $categories)
  AND ((size($body_ids) = 0 AND NOT $dated) OR EXISTS {
    MATCH (p)-[m:MEMBER_OF]->(b:Body)
    WHERE (size($body_ids) = 0 OR b.id IN $body_ids)
      AND (m.start_date IS NULL OR m.start_date <= $to)
      AND (m.end_date IS NULL OR m.end_date >= $from)
  })
  AND ($identifier = ''
       OR ($identifier IN p.identifiers AND ($names_visible OR p.public_figure)))
  AND ((size($area_ids) = 0 AND size($party_ids) = 0) OR EXISTS {
    MATCH (p)-[m:MEMBER_OF]->(b:Body)
    WHERE (size($area_ids) = 0 OR (m.dataset + $sep + m.area_id) IN $area_ids)
      AND (size($party_ids) = 0 OR (m.dataset + $sep + m.on_behalf_of_id) IN $party_ids)
      AND (size($body_ids) = 0 OR b.id IN $body_ids)
      AND (m.start_date IS NULL OR m.start_date <= $to)
      AND (m.end_date IS NULL OR m.end_date >= $from)
  })
  AND (size($organization_ids) = 0
       OR EXISTS { MATCH (p)-[:AFFILIATED_WITH]->(o:Organization) WHERE o.id IN $organization_ids }
       OR EXISTS {
         MATCH (p)<-[:BY_PERSON]-(:Appearance)-[:ON_BEHALF_OF]->(o:Organization)
         WHERE o.id IN $organization_ids
       })
RETURN p.id AS id, p.local_id AS local_id, p.dataset AS dataset, p.name AS name,
       p.other_names AS other_names, p.category AS category,
       p.public_figure AS public_figure, p.pseudonymous AS pseudonymous,
       coalesce(p.canonical_id, p.id) AS canonical_id, p.sources AS sources,
       p.confidence AS confidence
ORDER BY CASE WHEN $names_visible THEN p.name ELSE p.id END, p.id
SKIP $skip
LIMIT $limit
