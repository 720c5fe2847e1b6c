MATCH (p:Project)-[:PROJECT_LED_BY]->(o:Organization)
WHERE o.id IN $ids
RETURN o.id AS owner_id, p.id AS id
ORDER BY p.local_id
