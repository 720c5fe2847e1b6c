MATCH (o:Organization)
WHERE o.dataset = $dataset
OPTIONAL MATCH (o)-[:SUBORGANIZATION_OF]->(parent:Organization)
RETURN o.local_id AS id, o.name AS name, o.name_en AS name_en,
       o.classification AS classification, parent.local_id AS parent_id, o.popolo AS popolo,
       o.sources AS sources, o.confidence AS confidence
ORDER BY id
