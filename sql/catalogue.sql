-- The policy as shipped: the document, its clauses with their responsible
-- units, and every parameter with its validity.
SET datestyle = ISO;
SELECT policy_code, title_zh, title_en, issuer_en, adopted_on, published_on,
       lower(in_force) AS in_force_from, upper(in_force) - 1 AS in_force_until,
       stacking_rule, stacking_rule_zh
FROM dsm_policy.policy
\gx

SELECT section_code, title_zh, title_en
FROM dsm_policy.section ORDER BY section_code;

SELECT clause_code, section_code, award_kind, basis, cap_scope, title_en
FROM dsm_policy.clause_catalogue ORDER BY sort_key;

SELECT clause_code, units_zh, units_en
FROM dsm_policy.clause_catalogue ORDER BY sort_key;

SELECT coalesce(clause_code, 'policy') AS clause, parameter, value_text, valid_from, valid_until, scenario
FROM dsm_policy.parameter_report
ORDER BY (SELECT sort_key FROM dsm_policy.clause c WHERE c.clause_code = parameter_report.clause_code) NULLS FIRST,
         parameter_id;

SELECT name, value_type, level, unit FROM dsm_policy.parameter_definition ORDER BY name;
