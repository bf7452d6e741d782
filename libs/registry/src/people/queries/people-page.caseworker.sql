SELECT p.id AS "id",
  p.full_name AS "fullName",
  p.gender AS "gender",
  EXTRACT(YEAR FROM p.birth_date)::int AS "birthYear",
  to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate",
  p.id_document_type AS "idDocumentType",
  NULL::text AS "idNumber",
  p.id_key_id AS "idKeyId",
  p.id_sealed AS "idSealed",
  p.phone AS "phone",
  p.address AS "address",
  p.region_code AS "regionCode",
  p.relation_to_head AS "relationToHead",
  p.household_id AS "householdId",
  ARRAY(SELECT m.id FROM people m WHERE m.merged_into = p.id ORDER BY m.id) AS "mergedRecordIds",
  p.disability AS "disability",
  p.chronic_illness AS "chronicIllness",
  p.monthly_income_cents AS "monthlyIncomeCents",
  p.assistance AS "assistance",
  p.notes AS "notes",
  p.holding_organisation_id AS "holdingOrganisationId",
  p.created_at AS "createdAt",
  p.registered_by AS "registeredBy",
  COALESCE(g.categories, '{}') AS "consentedCategories",
  COALESCE(g.ids, '{}') AS "consentIds",
  EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.person_id = p.id AND b.user_id = $1
     AND b.organisation_id = $2 AND b.expires_at > now()) AS "breakGlass" FROM people p LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT category) AS categories, array_agg(DISTINCT c.id) AS ids
      FROM consents c CROSS JOIN LATERAL unnest(c.categories) AS category
     WHERE c.person_id = p.id AND c.recipient_organisation_id = $2 AND c.withdrawn_at IS NULL AND c.valid_from <= now() AND (c.valid_until IS NULL OR c.valid_until > now()) AND (c.purpose <> 'REFERRAL' OR (FALSE))
  ) g ON TRUE  WHERE ((g.categories && $3) OR (p.holding_organisation_id = $4) OR ((p.holding_organisation_id = $5) AND (p.registered_by = $6))) AND p.merged_into IS NULL   ORDER BY p.id ASC LIMIT 26
