UNWIND $ids AS wanted
MATCH (child:Body)-[:PART_OF]->(parent:Body {id: wanted})
RETURN parent.id AS parent_id, child.id AS id
ORDER BY child.local_id
