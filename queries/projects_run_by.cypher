UNWIND $ids AS wanted
MATCH (p:Project)-[:RUN_BY]->(b:Body {id: wanted})
RETURN b.id AS owner_id, p.id AS id
ORDER BY p.local_id
