MATCH (p:Project)-[:RUN_BY]->(b:Body)
WHERE b.id IN $ids
RETURN b.id AS owner_id, p.id AS id
ORDER BY p.local_id
