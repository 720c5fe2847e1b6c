UNWIND $ids AS wanted
MATCH (child:Project)-[:SUBPROJECT_OF]->(parent:Project {id: wanted})
RETURN parent.id AS parent_id, child.id AS id
ORDER BY child.start_date, child.local_id
