UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})-[r:POSSIBLY_SAME_AS]-(q:Person)
RETURN p.id AS person_id, q.id AS other_id, r.reason AS reason, r.sources AS sources,
       r.confidence AS confidence
ORDER BY other_id
