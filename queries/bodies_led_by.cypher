UNWIND $ids AS wanted
MATCH (b:Body)-[:LED_BY]->(o:Organization {id: wanted})
RETURN o.id AS organization_id, b.id AS id
ORDER BY b.local_id
