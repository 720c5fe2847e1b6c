UNWIND $ids AS wanted
MATCH (a:Area {id: wanted})
RETURN a.id AS id, a.local_id AS local_id, a.dataset AS dataset, a.name AS name,
       a.classification AS classification,
       CASE WHEN a.parent_id IS NULL THEN NULL ELSE a.dataset + $sep + a.parent_id END
         AS parent_id,
       a.popolo AS popolo, a.sources AS sources, a.confidence AS confidence
