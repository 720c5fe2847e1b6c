UNWIND $ids AS wanted
MATCH (child:Organization)-[:SUBORGANIZATION_OF]->(parent:Organization {id: wanted})
RETURN parent.id AS parent_id, child.id AS id
ORDER BY child.local_id
