MATCH (a:Area)
WHERE a.dataset = $dataset
RETURN a.local_id AS id, a.name AS name, a.classification AS classification,
       a.parent_id AS parent_id, a.popolo AS popolo, a.sources AS sources,
       a.confidence AS confidence
ORDER BY id
