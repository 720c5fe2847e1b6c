MATCH (o:Organization)
WHERE o.id IN $ids
OPTIONAL MATCH (o)-[:SUBORGANIZATION_OF]->(parent:Organization)
RETURN o.id AS id, o.local_id AS local_id, o.dataset AS dataset, o.name AS name,
       o.name_en AS name_en, o.classification AS classification, parent.id AS parent_id,
       coalesce(o.canonical_id, o.id) AS canonical_id, o.sources AS sources,
       o.confidence AS confidence
