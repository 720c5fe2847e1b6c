UNWIND $ids AS wanted
MATCH (b:Body {id: wanted})
RETURN b.id AS id
