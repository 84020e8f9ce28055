-- Every write to profiles, whoever makes it (the app, an import job, psql), tells every app
-- instance which cached Profile Read answers to forget, on commit (pg_notify is transactional).
-- Payloads are small and carry no personal data: the account, the profile id, and 16-hex-digit
-- fingerprints (md5) of the attribute/value pairs that are new or gone. lib/api/profile-cache.ts
-- computes the same fingerprint for what it caches; a collision only forgets more.

-- The fingerprint of one attribute/value pair, as a lookup by query string would match it:
-- strings, numbers and booleans by their text, numbers written canonically ("007", "7.0" and 7
-- are one), anything else (objects, arrays, null) never matched, so null.
CREATE FUNCTION hub_profile_pair_key(attr text, value jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  t text;
  negative boolean;
  whole text;
  fraction text;
BEGIN
  IF value IS NULL OR jsonb_typeof(value) NOT IN ('string', 'number', 'boolean') THEN
    RETURN NULL;
  END IF;
  t := value #>> '{}';
  IF t ~ '^-?[0-9]+(\.[0-9]+)?$' THEN
    negative := left(t, 1) = '-';
    whole := ltrim(split_part(ltrim(t, '-'), '.', 1), '0');
    fraction := rtrim(split_part(ltrim(t, '-'), '.', 2), '0');
    IF whole = '' THEN whole := '0'; END IF;
    t := CASE WHEN negative AND NOT (whole = '0' AND fraction = '') THEN '-' ELSE '' END
      || whole || CASE WHEN fraction <> '' THEN '.' || fraction ELSE '' END;
  END IF;
  RETURN left(md5(attr || chr(1) || t), 16);
END $$;
--> statement-breakpoint

-- Pairs whose value differs between two versions of a profile's attributes (null: no row),
-- both the old value and the new one.
CREATE FUNCTION hub_profile_changed_keys(old_attributes jsonb, new_attributes jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT k) FILTER (WHERE k IS NOT NULL), '{}')
  FROM (
    SELECT hub_profile_pair_key(n.key, n.value) AS k
      FROM jsonb_each(coalesce(new_attributes, '{}'::jsonb)) n
     WHERE old_attributes -> n.key IS DISTINCT FROM n.value
    UNION ALL
    SELECT hub_profile_pair_key(o.key, o.value)
      FROM jsonb_each(coalesce(old_attributes, '{}'::jsonb)) o
     WHERE new_attributes -> o.key IS DISTINCT FROM o.value
  ) pairs
$$;
--> statement-breakpoint

-- One changed profile's notification; one that would pass NOTIFY's 8000-byte limit is sent
-- as its account's.
CREATE FUNCTION hub_notify_profile(account uuid, profile bigint, old_attributes jsonb, new_attributes jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  payload text := json_build_object('a', account, 'p', profile::text, 'h', hub_profile_changed_keys(old_attributes, new_attributes))::text;
BEGIN
  IF octet_length(payload) > 7900 THEN
    payload := json_build_object('a', account, 'all', true)::text;
  END IF;
  PERFORM pg_notify('hub_profile_changes', payload);
END $$;
--> statement-breakpoint

-- One notification per changed profile; a statement that changes more than 100 profiles (an
-- import) sends one "forget the account" per account instead, and TRUNCATE "forget everything".
CREATE FUNCTION hub_notify_profile_changes() RETURNS trigger
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
        WHERE o.attributes IS DISTINCT FROM n.attributes AND o.account_id = n.account_id;
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
--> statement-breakpoint
CREATE TRIGGER profiles_notify_insert AFTER INSERT ON profiles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hub_notify_profile_changes();
--> statement-breakpoint
CREATE TRIGGER profiles_notify_update AFTER UPDATE ON profiles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hub_notify_profile_changes();
--> statement-breakpoint
CREATE TRIGGER profiles_notify_delete AFTER DELETE ON profiles REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hub_notify_profile_changes();
--> statement-breakpoint
CREATE TRIGGER profiles_notify_truncate AFTER TRUNCATE ON profiles
  FOR EACH STATEMENT EXECUTE FUNCTION hub_notify_profile_changes();
