-- Unified social credit codes (GB 32100-2015): good ones pass, bad ones are
-- refused with an error that says which character and which rule.
SET datestyle = ISO;
\set VERBOSITY default
\set SHOW_CONTEXT never

-- The example code of the issue, and a code built with the check function.
SELECT '91350100M000100Y43'::dsm_policy.credit_code AS valid_code;
SELECT dsm_policy.credit_code_check_character('91350100M000100Y4') AS check_character;
SELECT dsm_policy.credit_code_check_character('91230500MA1BXXXXX') AS check_character_for_a_made_up_code;

-- A wrong check character.
SELECT '91350100M000100Y44'::dsm_policy.credit_code;
-- Wrong lengths.
SELECT '91350100M000100Y4'::dsm_policy.credit_code;
SELECT '91350100M000100Y430'::dsm_policy.credit_code;
SELECT ''::dsm_policy.credit_code;
-- Lower case.
SELECT '91350100m000100Y43'::dsm_policy.credit_code;
-- The letters that are never used.
SELECT '91350100I000100Y43'::dsm_policy.credit_code;
SELECT '91350100O000100Y43'::dsm_policy.credit_code;
SELECT '91350100S000100Y43'::dsm_policy.credit_code;
SELECT '91350100V000100Y43'::dsm_policy.credit_code;
SELECT '91350100Z000100Y43'::dsm_policy.credit_code;
-- Other characters: a space, a hyphen, a full-width digit.
SELECT '91350100 000100Y43'::dsm_policy.credit_code;
SELECT '913501-00M000100Y43'::dsm_policy.credit_code;
SELECT '９1350100M000100Y43'::dsm_policy.credit_code;
-- A long value is quoted clipped.
SELECT repeat('9', 100)::dsm_policy.credit_code;

-- NULL is not a code, but not an error either: columns say NOT NULL.
SELECT NULL::dsm_policy.credit_code IS NULL AS null_passes_domain;

-- The same check, as true or false, for data-quality reports.
SELECT code, dsm_policy.credit_code_is_valid(code) AS is_valid
FROM (VALUES ('91350100M000100Y43'), ('91350100M000100Y44'), ('91350100m000100Y43'),
             ('91350100M000100Y4'), (''), ('91350100I000100Y43')) AS t (code);

-- The check character needs exactly 17 characters of the alphabet.
SELECT dsm_policy.credit_code_check_character('91350100M000100Y');
SELECT dsm_policy.credit_code_check_character('91350100M00O100Y4');

-- A table column of the domain refuses bad codes; nothing is stored.
CREATE TEMP TABLE enterprise (code dsm_policy.credit_code NOT NULL);
INSERT INTO enterprise VALUES ('91350100M000100Y43'), ('91350100M000100Y44');
SELECT count(*) AS rows_stored FROM enterprise;
