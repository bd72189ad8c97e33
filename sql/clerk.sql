-- What a clerk needs: which facts each clause reads (clause_requirements,
-- derived from the parameter rows and the engine's own list of the columns
-- each rule reads), and evaluate_application with named arguments for only
-- the facts that matter.
SET client_min_messages = warning;
SET datestyle = ISO;

-- Clause 3 (cloud) and clause 15 (a city-made product): every requirement
-- and the columns it reads.
SELECT clause_code, requirement, value_text, reads_columns, valid_from, valid_until
FROM dsm_policy.clause_requirements
WHERE clause_code IN ('3', '15')
ORDER BY sort_key, requirement, valid_from;

-- The columns a clerk fills for each clause, in one line per clause.
SELECT clause_code, string_agg(DISTINCT c, ', ' ORDER BY c) AS facts
FROM dsm_policy.clause_requirements,
     unnest(string_to_array(nullif(reads_columns, ''), ', ')) AS c
GROUP BY clause_code, sort_key
ORDER BY sort_key;

-- Derived, not written by hand: a new condition row shows at once, with the
-- column it reads; a flag that is off asks nothing.
BEGIN;
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_flag)
VALUES ('sys-digital-economy-2022', '1', 'requires_in_use', '[2024-01-01,2025-12-31]', true),
       ('sys-digital-economy-2022', '4', 'requires_in_use', '[2024-01-01,2025-12-31]', false);
SELECT clause_code, requirement, value_text, reads_columns, valid_from, valid_until
FROM dsm_policy.clause_requirements
WHERE requirement = 'requires_in_use' AND clause_code IN ('1', '4');
ROLLBACK;

-- rule_reads knows every parameter the engine reads: all the names of
-- parameter_definition but in_force (the glue reads it: no column).
(SELECT name FROM dsm_policy.parameter_definition
 EXCEPT SELECT name FROM dsm_policy.rule_reads() WHERE rule = 'parameter')
UNION ALL
(SELECT name FROM dsm_policy.rule_reads() WHERE rule = 'parameter'
 EXCEPT SELECT name FROM dsm_policy.parameter_definition);
SELECT name, columns FROM dsm_policy.rule_reads() WHERE rule = 'award_kind' ORDER BY name;

-- evaluate_application with only the facts that matter, by name.
SELECT status, computed_amount, cap_amount, formula
FROM dsm_policy.evaluate_application(clause_code => '1', qualifying_date => '2024-03-01', scale => 'above',
                                     provincial_amount => 1500000);
SELECT status, reason
FROM dsm_policy.evaluate_application(clause_code => '3', qualifying_date => '2024-03-01', scale => 'below',
                                     expenditure => 40000, manufacturer => true, cloud_stars => 4,
                                     service_start => '2023-10-01', in_use => true);
SELECT status, computed_amount, cap_amount, formula
FROM dsm_policy.evaluate_application(clause_code => '3', qualifying_date => '2024-03-01', applied_on => '2024-03-01',
                                     scale => 'below', expenditure => 40000, manufacturer => true,
                                     cloud_stars => 4, service_start => '2023-10-01', in_use => true);
