UNWIND $ids AS wanted
MATCH (p:Project)-[:PROJECT_LED_BY]->(o:Organization {id: wanted})
RETURN o.id AS owner_id, p.id AS id
ORDER BY p.local_id
