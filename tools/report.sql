-- The report printed by the main job (tools/main.sh): the policy, its clauses
-- with their responsible units, and every parameter with its validity.
SET datestyle = ISO;
\pset footer off

\echo
\echo '== The policy document'
SELECT policy_code, title_zh, title_en, issuer_zh, adopted_on, published_on,
       lower(in_force) AS in_force_from, upper(in_force) - 1 AS in_force_until,
       stacking_rule, stacking_rule_zh
FROM dsm_policy.policy
\gx

\echo '== Clauses (23 award rules of the 21 measures) and their responsible units'
SELECT clause_code AS clause, award_kind, basis, cap_scope, title_en, units_zh
FROM dsm_policy.clause_catalogue
ORDER BY sort_key;

\echo
\echo '== Parameters: every number and condition, with the dates it holds'
SELECT coalesce(r.clause_code, '(policy)') AS clause, r.parameter, r.value_text AS value,
       r.valid_from, r.valid_until, r.scenario, r.source_zh
FROM dsm_policy.parameter_report r
LEFT JOIN dsm_policy.clause c USING (clause_code)
ORDER BY c.sort_key NULLS FIRST, r.parameter_id;

\echo
\echo '== Totals'
SELECT (SELECT count(*) FROM dsm_policy.clause) AS clauses,
       (SELECT count(*) FROM dsm_policy.responsible_unit) AS responsible_units,
       (SELECT count(*) FROM dsm_policy.parameter) AS parameter_rows,
       (SELECT count(DISTINCT scenario) FROM dsm_policy.parameter) AS scenarios;
