MATCH (b:Body)-[:LED_BY]->(o:Organization)
WHERE o.id IN $ids
RETURN o.id AS organization_id, b.id AS id
ORDER BY b.local_id
