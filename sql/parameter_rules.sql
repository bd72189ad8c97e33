-- Parameter rows: what a DBA may add, and every kind of bad row refused with
-- an error naming the rule.  Nothing of a refused statement is stored.
SET datestyle = ISO;
\set VERBOSITY default
\set SHOW_CONTEXT never

-- The identities in the error details below do not depend on earlier tests.
SELECT setval('dsm_policy.parameter_parameter_id_seq', max(parameter_id)) AS last_shipped_id
FROM dsm_policy.parameter;

-- A successor's number, the day after the enacted one ends, open-ended: accepted.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio, note)
VALUES ('sys-digital-economy-2022', '3', 'share_ratio', '[2026-01-01,)', 0.40, 'successor, test');

-- A what-if scenario overriding one number over the enacted period: accepted.
INSERT INTO dsm_policy.scenario (scenario, description) VALUES ('cloud60', 'Cloud subsidy at 60 %');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '3', 'share_ratio', 'cloud60', '[2022-07-28,2025-12-31]', 0.60);

SELECT scenario, clause_code, parameter, value_text, valid_from, valid_until
FROM dsm_policy.parameter_report
WHERE clause_code = '3' AND parameter = 'share_ratio'
ORDER BY scenario, valid_from;

-- Overlapping validity, same clause, parameter and scenario.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2025-12-01,2026-06-30]', 500000);
-- Two policy-wide rows overlapping (clause_code NULL is compared too).
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_flag)
VALUES ('sys-digital-economy-2022', NULL, 'in_force', '[2025-01-01,2026-12-31]', true);
-- An empty range, and one without a first day.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2027-01-01,2027-01-01)', 500000);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '(,2020-01-01)', 500000);
-- Amounts: negative, not a number, infinite, too large, fractions of a fen.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)', -1);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)', 'NaN');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)', 'Infinity');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)', 1e12);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)', 400000.005);
-- Ratios outside [0, 1], not a number, finer than a millionth.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '1', 'share_ratio', '[2026-01-01,)', 1.5);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '1', 'share_ratio', '[2026-01-01,)', -0.1);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '1', 'share_ratio', '[2026-01-01,)', 'NaN');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '1', 'share_ratio', '[2026-01-01,)', 0.1234567);
-- A negative count.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_count)
VALUES ('sys-digital-economy-2022', '3', 'quota_enterprises_per_year', '[2026-01-01,)', -30);
-- The value in the wrong column for the parameter (a cap given as a ratio).
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)', 0.5);
-- No value, or two values.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount, value_count)
VALUES ('sys-digital-economy-2022', '1', 'cap', '[2026-01-01,)', 400000, 3);
-- An unknown parameter, clause or scenario.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'bonus', '[2026-01-01,)', 1000);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '22', 'cap', '[2026-01-01,)', 1000);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_amount)
VALUES ('sys-digital-economy-2022', '1', 'cap', 'cloud70', '[2026-01-01,)', 1000);
-- A policy-wide parameter given to a clause, and a clause parameter without one.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_flag)
VALUES ('sys-digital-economy-2022', '1', 'in_force', '[2026-01-01,)', true);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', NULL, 'cap', '[2026-01-01,)', 1000);

-- One bad row refuses the whole statement: the good row before it is not stored.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_amount)
VALUES ('sys-digital-economy-2022', '5', 'cap', '[2026-01-01,)', 450000),
       ('sys-digital-economy-2022', '5', 'share_ratio', '[2026-01-01,)', 0.1);
SELECT count(*) AS rows_of_clause_5_from_2026
FROM dsm_policy.parameter WHERE clause_code = '5' AND lower(validity) = '2026-01-01';

-- Shipped rows are the policy as enacted: read-only outside extension scripts.
UPDATE dsm_policy.parameter SET value_amount = 500000 WHERE clause_code = '1' AND name = 'cap';
DELETE FROM dsm_policy.clause WHERE clause_code = '8';
TRUNCATE dsm_policy.clause_unit;
INSERT INTO dsm_policy.responsible_unit (unit_code, name_zh, name_en, shipped)
VALUES ('big_data', '市大数据中心', 'City Big Data Centre', true);
UPDATE dsm_policy.parameter SET shipped = true WHERE scenario = 'cloud60';
-- Parameter names come with the extension.
INSERT INTO dsm_policy.parameter_definition (name, value_type, level, description)
VALUES ('bonus', 'amount', 'clause', 'a bonus');

-- Users' own rows stay theirs to change.
UPDATE dsm_policy.parameter SET value_ratio = 0.65 WHERE scenario = 'cloud60' RETURNING name, value_ratio;
DELETE FROM dsm_policy.parameter WHERE scenario = 'cloud60' RETURNING name;
SELECT count(*) AS shipped_parameter_rows FROM dsm_policy.parameter WHERE shipped;

-- Leave the database as the extension shipped it.
DELETE FROM dsm_policy.parameter WHERE NOT shipped;
DELETE FROM dsm_policy.scenario WHERE NOT shipped;
