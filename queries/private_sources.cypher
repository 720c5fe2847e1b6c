MATCH (p:Person)
WHERE (p.public_figure IS NULL OR NOT p.public_figure)
  AND (p.pseudonymous IS NULL OR NOT p.pseudonymous)
RETURN p.sources AS sources
UNION ALL
MATCH (p:Person)-[m:MEMBER_OF]->(:Body)
WHERE (p.public_figure IS NULL OR NOT p.public_figure)
  AND (p.pseudonymous IS NULL OR NOT p.pseudonymous)
RETURN m.sources AS sources
UNION ALL
MATCH (p:Person)<-[:BY_PERSON]-(a:Appearance)
WHERE (p.public_figure IS NULL OR NOT p.public_figure)
  AND (p.pseudonymous IS NULL OR NOT p.pseudonymous)
RETURN a.sources AS sources
UNION ALL
MATCH (p:Person)-[f:AFFILIATED_WITH]->(:Organization)
WHERE (p.public_figure IS NULL OR NOT p.public_figure)
  AND (p.pseudonymous IS NULL OR NOT p.pseudonymous)
RETURN f.sources AS sources
UNION ALL
MATCH (p:Person)-[s:POSSIBLY_SAME_AS]-(:Person)
WHERE (p.public_figure IS NULL OR NOT p.public_figure)
  AND (p.pseudonymous IS NULL OR NOT p.pseudonymous)
RETURN s.sources AS sources
