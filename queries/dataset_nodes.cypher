MATCH (n:Person) WHERE n.dataset = $dataset
RETURN n.id AS id, 'Person' AS kind, n.name AS label, n.category AS classification
UNION ALL
MATCH (n:Body) WHERE n.dataset = $dataset
RETURN n.id AS id, 'Body' AS kind, n.name AS label, n.classification AS classification
UNION ALL
MATCH (n:Organization) WHERE n.dataset = $dataset
RETURN n.id AS id, 'Organization' AS kind, n.name AS label, n.classification AS classification
UNION ALL
MATCH (n:Project) WHERE n.dataset = $dataset
RETURN n.id AS id, 'Project' AS kind, n.name AS label, n.kind AS classification
UNION ALL
MATCH (n:Post) WHERE n.dataset = $dataset
RETURN n.id AS id, 'Post' AS kind, n.label AS label, n.role AS classification
