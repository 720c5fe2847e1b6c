UNWIND $ids AS wanted
MATCH (q:Quota)-[:QUOTA_OF]->(t:Term {id: wanted})
RETURN t.id AS term_id, q.id AS id, q.member_category AS member_category, q.seats AS seats,
       q.sources AS sources, q.confidence AS confidence
ORDER BY q.local_id
