MATCH (b:Body)
WHERE b.dataset = $dataset
OPTIONAL MATCH (b)-[:PART_OF]->(parent:Body)
RETURN b.local_id AS id, b.name AS name, b.name_en AS name_en,
       b.classification AS classification, b.capacity AS capacity,
       b.founding_date AS founding_date, b.dissolution_date AS dissolution_date,
       parent.local_id AS parent_id, b.popolo AS popolo, b.sources AS sources,
       b.confidence AS confidence
ORDER BY id
