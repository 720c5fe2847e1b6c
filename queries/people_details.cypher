UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})
RETURN p.id AS id, p.given_name AS given_name, p.family_name AS family_name,
       p.gender AS gender, p.birth_date AS birth_date, p.death_date AS death_date,
       p.identifiers AS identifiers, p.popolo AS popolo
