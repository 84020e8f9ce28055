-- Consent per purpose (0019) decides what a Profile Read token is answered, so a change of
-- consent must reach every instance's profile cache like a change of attributes: the UPDATE
-- branch of the trigger function (0012) now also notifies for a profile whose consent_* columns
-- changed. Its payload names the profile with the pairs that changed (none, if only consent
-- did): every instance forgets that profile's cached answers. Otherwise unchanged.
CREATE OR REPLACE FUNCTION hub_notify_profile_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('hub_profile_changes', '{"all":true}');
  ELSIF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > 100 THEN
      PERFORM pg_notify('hub_profile_changes', json_build_object('a', a, 'all', true)::text) FROM (SELECT DISTINCT account_id AS a FROM new_rows) s;
    ELSE
      PERFORM hub_notify_profile(account_id, id, NULL, attributes) FROM new_rows;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF (SELECT count(*) FROM new_rows) > 100 THEN
      PERFORM pg_notify('hub_profile_changes', json_build_object('a', a, 'all', true)::text)
         FROM (SELECT account_id AS a FROM new_rows UNION SELECT account_id FROM old_rows) s;
    ELSE
      PERFORM hub_notify_profile(n.account_id, n.id, o.attributes, n.attributes)
         FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (o.attributes IS DISTINCT FROM n.attributes
               OR o.consent_personalisation IS DISTINCT FROM n.consent_personalisation
               OR o.consent_service IS DISTINCT FROM n.consent_service
               OR o.consent_analytics IS DISTINCT FROM n.consent_analytics)
          AND o.account_id = n.account_id;
      -- A profile moved between accounts: both accounts forget everything.
      PERFORM pg_notify('hub_profile_changes', json_build_object('a', a, 'all', true)::text)
         FROM (SELECT n.account_id AS a FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.account_id <> n.account_id
               UNION SELECT o.account_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.account_id <> n.account_id) s;
    END IF;
  ELSE
    IF (SELECT count(*) FROM old_rows) > 100 THEN
      PERFORM pg_notify('hub_profile_changes', json_build_object('a', a, 'all', true)::text) FROM (SELECT DISTINCT account_id AS a FROM old_rows) s;
    ELSE
      PERFORM hub_notify_profile(account_id, id, attributes, NULL) FROM old_rows;
    END IF;
  END IF;
  RETURN NULL;
END $$;
