-- Loading a successor policy as rows (the procedure of doc/dba.md "The yearly update": adding next
-- year's numbers): a new document, every enacted number carried over to the
-- new period, a few changed.  No code changes.
SET datestyle = ISO;
\set VERBOSITY default
\set SHOW_CONTEXT never

BEGIN;

-- 1. The new document.
INSERT INTO dsm_policy.policy (policy_code, title_zh, title_en, issuer_zh, issuer_en,
                               adopted_on, published_on, in_force, stacking_rule)
VALUES ('sys-digital-economy-2026', '双鸭山市推动数字经济高质量发展若干政策措施（2026—2027年）',
        'Successor measures 2026-2027 (example)', '双鸭山市人民政府', 'Shuangyashan City People''s Government',
        '2025-11-20', '2025-12-01', daterange('2026-01-01', '2027-12-31', '[]'), 'highest_only');

-- 2. Carry every enacted row in force on the last day of the old policy over
--    to the new period.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity,
                                  value_ratio, value_amount, value_count, value_date, value_flag, value_choice, note)
SELECT 'sys-digital-economy-2026', clause_code, name, scenario, daterange('2026-01-01', '2027-12-31', '[]'),
       value_ratio, value_amount, value_count, value_date, value_flag, value_choice, 'carried over from 2022 measures'
FROM dsm_policy.parameter
WHERE scenario = 'enacted' AND validity @> DATE '2025-12-31';

-- 3. Change what the successor changes: cloud subsidy 40 %, quota 50, clause 13 cap 800,000.
UPDATE dsm_policy.parameter SET value_ratio = 0.40, note = 'changed by the 2026 measures'
 WHERE policy_code = 'sys-digital-economy-2026' AND clause_code = '3' AND name = 'share_ratio';
UPDATE dsm_policy.parameter SET value_count = 50, note = 'changed by the 2026 measures'
 WHERE policy_code = 'sys-digital-economy-2026' AND clause_code = '3' AND name = 'quota_enterprises_per_year';
UPDATE dsm_policy.parameter SET value_amount = 800000, note = 'changed by the 2026 measures'
 WHERE policy_code = 'sys-digital-economy-2026' AND clause_code = '13' AND name = 'cap';

COMMIT;

-- Each number now has two rows, one per period; the changed ones differ.
SELECT clause_code, parameter, valid_from, valid_until, value_text, policy_code
FROM dsm_policy.parameter_report
WHERE (clause_code, parameter) IN (('3', 'share_ratio'), ('3', 'quota_enterprises_per_year'),
                                   ('13', 'cap'), ('1', 'cap'))
   OR clause_code IS NULL
ORDER BY clause_code NULLS FIRST, parameter, valid_from;

SELECT policy_code, count(*) AS parameter_rows
FROM dsm_policy.parameter GROUP BY policy_code ORDER BY policy_code;

-- Loading the same period twice is refused as a whole: nothing is added.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity,
                                  value_ratio, value_amount, value_count, value_date, value_flag, value_choice)
SELECT 'sys-digital-economy-2026', clause_code, name, scenario, daterange('2027-01-01', '2028-12-31', '[]'),
       value_ratio, value_amount, value_count, value_date, value_flag, value_choice
FROM dsm_policy.parameter
WHERE policy_code = 'sys-digital-economy-2026'
ORDER BY parameter_id;
SELECT count(*) AS parameter_rows FROM dsm_policy.parameter;

-- Leave the database as the extension shipped it.
DELETE FROM dsm_policy.parameter WHERE NOT shipped;
DELETE FROM dsm_policy.policy WHERE NOT shipped;
