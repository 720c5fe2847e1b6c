MATCH (n:Dataset) WHERE n.dataset = $dataset
RETURN 'Dataset' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Person) WHERE n.dataset = $dataset
RETURN 'Person' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Body) WHERE n.dataset = $dataset
RETURN 'Body' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Organization) WHERE n.dataset = $dataset
RETURN 'Organization' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Project) WHERE n.dataset = $dataset
RETURN 'Project' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Term) WHERE n.dataset = $dataset
RETURN 'Term' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Quota) WHERE n.dataset = $dataset
RETURN 'Quota' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Meeting) WHERE n.dataset = $dataset
RETURN 'Meeting' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Tally) WHERE n.dataset = $dataset
RETURN 'Tally' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:AllowanceRate) WHERE n.dataset = $dataset
RETURN 'AllowanceRate' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Post) WHERE n.dataset = $dataset
RETURN 'Post' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Appearance) WHERE n.dataset = $dataset
RETURN 'Appearance' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Area) WHERE n.dataset = $dataset
RETURN 'Area' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (n:Event) WHERE n.dataset = $dataset
RETURN 'Event' AS kind, n.id AS id, n.row_hash AS row_hash, '' AS source
UNION ALL
MATCH (s:Person)-[r:MEMBER_OF]->() WHERE r.dataset = $dataset
RETURN 'MEMBER_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Body)-[r:PART_OF]->() WHERE r.dataset = $dataset
RETURN 'PART_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Organization)-[r:SUBORGANIZATION_OF]->() WHERE r.dataset = $dataset
RETURN 'SUBORGANIZATION_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Body)-[r:LED_BY]->() WHERE r.dataset = $dataset
RETURN 'LED_BY' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Project)-[r:PROJECT_LED_BY]->() WHERE r.dataset = $dataset
RETURN 'PROJECT_LED_BY' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Project)-[r:RUN_BY]->() WHERE r.dataset = $dataset
RETURN 'RUN_BY' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Term)-[r:TERM_OF]->() WHERE r.dataset = $dataset
RETURN 'TERM_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Quota)-[r:QUOTA_OF]->() WHERE r.dataset = $dataset
RETURN 'QUOTA_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Meeting)-[r:MEETING_OF]->() WHERE r.dataset = $dataset
RETURN 'MEETING_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Tally)-[r:TALLY_OF]->() WHERE r.dataset = $dataset
RETURN 'TALLY_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Person)-[r:ATTENDED]->() WHERE r.dataset = $dataset
RETURN 'ATTENDED' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Project)-[r:SUBPROJECT_OF]->() WHERE r.dataset = $dataset
RETURN 'SUBPROJECT_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Post)-[r:POST_OF]->() WHERE r.dataset = $dataset
RETURN 'POST_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Post)-[r:POST_IN]->() WHERE r.dataset = $dataset
RETURN 'POST_IN' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Appearance)-[r:BY_PERSON]->() WHERE r.dataset = $dataset
RETURN 'BY_PERSON' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Appearance)-[r:BY_POST]->() WHERE r.dataset = $dataset
RETURN 'BY_POST' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Appearance)-[r:AT]->() WHERE r.dataset = $dataset
RETURN 'AT' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Appearance)-[r:ON_BEHALF_OF]->() WHERE r.dataset = $dataset
RETURN 'ON_BEHALF_OF' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Person)-[r:AFFILIATED_WITH]->() WHERE r.dataset = $dataset
RETURN 'AFFILIATED_WITH' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Organization)-[r:PARTNER_IN]->() WHERE r.dataset = $dataset
RETURN 'PARTNER_IN' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
UNION ALL
MATCH (s:Person)-[r:POSSIBLY_SAME_AS]->() WHERE r.dataset = $dataset
RETURN 'POSSIBLY_SAME_AS' AS kind, r.id AS id, r.row_hash AS row_hash, s.id AS source
