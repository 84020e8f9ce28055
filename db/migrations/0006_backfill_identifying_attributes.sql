-- Custom SQL migration file, put your code below! --
-- Catalogues created before 0005: the attributes whose values are unique per profile.
UPDATE "attributes" SET "identifies_profile" = true WHERE "key" IN ('email', 'customer_id', 'referral_code');
