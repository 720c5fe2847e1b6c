MATCH (d:Dataset {id: $id})
RETURN d.content_hash AS content_hash
