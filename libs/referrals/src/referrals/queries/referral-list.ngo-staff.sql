SELECT * FROM ((SELECT r.id, r.case_id, r.person_id, r.sender_organisation_id, so.name AS sender_organisation_name, r.receiver_organisation_id,
  ro.name AS receiver_organisation_name, r.service_id, s.name AS service_name, r.status, r.needs, r.urgency, r.region_code, r.age_band,
  r.note_for_receiver, r.shared_categories, r.override_reason, r.reason_code, r.reason_text, r.outcome, r.outcome_note, r.receiver_user_id,
  ru.display_name AS receiver_user_name, CASE WHEN r.status = 'REQUESTED' THEN r.requested_at + make_interval(days => COALESCE(
  (SELECT st.expire_after_days FROM referral_settings st WHERE st.organisation_id = r.receiver_organisation_id), 7)) END AS answer_by, r.requested_at, r.responded_at, r.ended_at, r.escalated_at, r.version, r.created_at,
  (r.accepted_at IS NOT NULL AND r.status <> 'ENTERED_IN_ERROR' AND (r.ended_at IS NULL
  OR r.access_ends_at > now())) AS open_to_receiver, EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = r.case_id AND a.user_id = $1
    AND a.organisation_id = $2 AND a.ended_at IS NULL) AS case_assigned_to_me, ARRAY[(COALESCE(r.requested_at, r.created_at))::text, (r.id)::text] AS seek_key, COALESCE(r.requested_at, r.created_at) AS seek_k0, r.id AS seek_k1 
  FROM referrals r
  JOIN organisations so ON so.id = r.sender_organisation_id
  JOIN organisations ro ON ro.id = r.receiver_organisation_id
  LEFT JOIN services s ON s.id = r.service_id
  LEFT JOIN users ru ON ru.id = r.receiver_user_id WHERE ((r.receiver_organisation_id = $3) AND (r.status <> $4))   ORDER BY COALESCE(r.requested_at, r.created_at) DESC, r.id DESC LIMIT 26) UNION ALL (SELECT r.id, r.case_id, r.person_id, r.sender_organisation_id, so.name AS sender_organisation_name, r.receiver_organisation_id,
  ro.name AS receiver_organisation_name, r.service_id, s.name AS service_name, r.status, r.needs, r.urgency, r.region_code, r.age_band,
  r.note_for_receiver, r.shared_categories, r.override_reason, r.reason_code, r.reason_text, r.outcome, r.outcome_note, r.receiver_user_id,
  ru.display_name AS receiver_user_name, CASE WHEN r.status = 'REQUESTED' THEN r.requested_at + make_interval(days => COALESCE(
  (SELECT st.expire_after_days FROM referral_settings st WHERE st.organisation_id = r.receiver_organisation_id), 7)) END AS answer_by, r.requested_at, r.responded_at, r.ended_at, r.escalated_at, r.version, r.created_at,
  (r.accepted_at IS NOT NULL AND r.status <> 'ENTERED_IN_ERROR' AND (r.ended_at IS NULL
  OR r.access_ends_at > now())) AS open_to_receiver, EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = r.case_id AND a.user_id = $1
    AND a.organisation_id = $2 AND a.ended_at IS NULL) AS case_assigned_to_me, ARRAY[(COALESCE(r.requested_at, r.created_at))::text, (r.id)::text] AS seek_key, COALESCE(r.requested_at, r.created_at) AS seek_k0, r.id AS seek_k1 
  FROM referrals r
  JOIN organisations so ON so.id = r.sender_organisation_id
  JOIN organisations ro ON ro.id = r.receiver_organisation_id
  LEFT JOIN services s ON s.id = r.service_id
  LEFT JOIN users ru ON ru.id = r.receiver_user_id WHERE (r.sender_organisation_id = $5) AND (((r.receiver_organisation_id = $3) AND (r.status <> $4))) IS NOT TRUE   ORDER BY COALESCE(r.requested_at, r.created_at) DESC, r.id DESC LIMIT 26)) AS branches ORDER BY seek_k0 DESC, seek_k1 DESC LIMIT 26
