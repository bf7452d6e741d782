SELECT * FROM ((SELECT r.id AS "id",
  r.case_id AS "caseId",
  r.person_id AS "personId",
  r.sender_organisation_id AS "senderOrganisationId",
  so.name AS "senderOrganisationName",
  r.receiver_organisation_id AS "receiverOrganisationId",
  ro.name AS "receiverOrganisationName",
  r.service_id AS "serviceId",
  s.name AS "serviceName",
  r.status AS "status",
  r.needs AS "needs",
  r.urgency AS "urgency",
  r.region_code AS "regionCode",
  r.age_band AS "ageBand",
  r.note_for_receiver AS "noteForReceiver",
  r.shared_categories AS "sharedCategories",
  r.override_reason AS "overrideReason",
  r.reason_code AS "reasonCode",
  r.reason_text AS "reasonText",
  r.outcome AS "outcome",
  r.outcome_note AS "outcomeNote",
  r.receiver_user_id AS "receiverUserId",
  ru.display_name AS "receiverUserName",
  CASE WHEN r.status = 'REQUESTED' THEN r.requested_at + make_interval(days => COALESCE(
  (SELECT st.expire_after_days FROM referral_settings st WHERE st.organisation_id = r.receiver_organisation_id), 7)) END AS "answerBy",
  r.requested_at AS "requestedAt",
  r.responded_at AS "respondedAt",
  r.ended_at AS "endedAt",
  r.escalated_at AS "escalatedAt",
  r.version AS "version",
  r.created_at AS "createdAt",
  (r.accepted_at IS NOT NULL AND r.status <> 'ENTERED_IN_ERROR' AND (r.ended_at IS NULL
  OR r.access_ends_at > now())) AS "openToReceiver",
  EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = r.case_id AND a.user_id = $1
    AND a.organisation_id = $2 AND a.ended_at IS NULL) AS "caseAssignedToMe", ARRAY[(COALESCE(r.requested_at, r.created_at))::text, (r.id)::text] AS seek_key, COALESCE(r.requested_at, r.created_at) AS seek_k0, r.id AS seek_k1 
  FROM referrals r
  JOIN organisations so ON so.id = r.sender_organisation_id
  JOIN organisations ro ON ro.id = r.receiver_organisation_id
  LEFT JOIN services s ON s.id = r.service_id
  LEFT JOIN users ru ON ru.id = r.receiver_user_id WHERE ((r.receiver_organisation_id = $3) AND (r.status <> $4))   ORDER BY COALESCE(r.requested_at, r.created_at) DESC, r.id DESC LIMIT 26) UNION ALL (SELECT r.id AS "id",
  r.case_id AS "caseId",
  r.person_id AS "personId",
  r.sender_organisation_id AS "senderOrganisationId",
  so.name AS "senderOrganisationName",
  r.receiver_organisation_id AS "receiverOrganisationId",
  ro.name AS "receiverOrganisationName",
  r.service_id AS "serviceId",
  s.name AS "serviceName",
  r.status AS "status",
  r.needs AS "needs",
  r.urgency AS "urgency",
  r.region_code AS "regionCode",
  r.age_band AS "ageBand",
  r.note_for_receiver AS "noteForReceiver",
  r.shared_categories AS "sharedCategories",
  r.override_reason AS "overrideReason",
  r.reason_code AS "reasonCode",
  r.reason_text AS "reasonText",
  r.outcome AS "outcome",
  r.outcome_note AS "outcomeNote",
  r.receiver_user_id AS "receiverUserId",
  ru.display_name AS "receiverUserName",
  CASE WHEN r.status = 'REQUESTED' THEN r.requested_at + make_interval(days => COALESCE(
  (SELECT st.expire_after_days FROM referral_settings st WHERE st.organisation_id = r.receiver_organisation_id), 7)) END AS "answerBy",
  r.requested_at AS "requestedAt",
  r.responded_at AS "respondedAt",
  r.ended_at AS "endedAt",
  r.escalated_at AS "escalatedAt",
  r.version AS "version",
  r.created_at AS "createdAt",
  (r.accepted_at IS NOT NULL AND r.status <> 'ENTERED_IN_ERROR' AND (r.ended_at IS NULL
  OR r.access_ends_at > now())) AS "openToReceiver",
  EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = r.case_id AND a.user_id = $1
    AND a.organisation_id = $2 AND a.ended_at IS NULL) AS "caseAssignedToMe", ARRAY[(COALESCE(r.requested_at, r.created_at))::text, (r.id)::text] AS seek_key, COALESCE(r.requested_at, r.created_at) AS seek_k0, r.id AS seek_k1 
  FROM referrals r
  JOIN organisations so ON so.id = r.sender_organisation_id
  JOIN organisations ro ON ro.id = r.receiver_organisation_id
  LEFT JOIN services s ON s.id = r.service_id
  LEFT JOIN users ru ON ru.id = r.receiver_user_id WHERE (r.sender_organisation_id = $5) AND (((r.receiver_organisation_id = $3) AND (r.status <> $4))) IS NOT TRUE   ORDER BY COALESCE(r.requested_at, r.created_at) DESC, r.id DESC LIMIT 26)) AS branches ORDER BY seek_k0 DESC, seek_k1 DESC LIMIT 26
