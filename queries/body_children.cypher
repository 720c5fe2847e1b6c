MATCH (child:Body)-[:PART_OF]->(parent:Body)
WHERE parent.id IN $ids
RETURN parent.id AS parent_id, child.id AS id
ORDER BY child.local_id
