MATCH (e:Event)
WHERE e.dataset = $dataset
RETURN e.local_id AS id, e.name AS name, e.classification AS classification,
       e.start_date AS start_date, e.end_date AS end_date,
       e.organization_id AS organization_id, e.popolo AS popolo, e.sources AS sources,
       e.confidence AS confidence
ORDER BY id
