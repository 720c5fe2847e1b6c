MATCH (child:Project)-[:SUBPROJECT_OF]->(parent:Project)
WHERE parent.id IN $ids
RETURN parent.id AS parent_id, child.id AS id
ORDER BY child.start_date, child.local_id
