MATCH (p:Person)-[r:POSSIBLY_SAME_AS]-(q:Person)
WHERE p.id IN $ids
RETURN p.id AS person_id, q.id AS other_id, r.reason AS reason, r.sources AS sources,
       r.confidence AS confidence
ORDER BY other_id
