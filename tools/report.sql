-- The report printed by the main job (tools/main.sh): the award decisions of
-- the applications in dsm_policy.application (the sample data of
-- tools/sample_data.sql), totals that a finance officer can add up by hand,
-- and ten decisions with their explanations.
SET datestyle = ISO;
\pset footer off
\pset numericlocale on
\set QUIET on

\pset tuples_only on
SELECT format('%s (%s): in force %s to %s; stacking rule %s (从高不重复): of the awards to one project of one enterprise in one year, only the highest is paid',
              title_zh, policy_code, lower(in_force), upper(in_force) - 1, stacking_rule)
FROM dsm_policy.policy
ORDER BY lower(in_force);
SELECT format('catalogue: %s clauses, %s responsible units, %s parameter rows; data: %s applications, %s awards under other city policies',
              (SELECT count(*) FROM dsm_policy.clause), (SELECT count(*) FROM dsm_policy.responsible_unit),
              (SELECT count(*) FROM dsm_policy.parameter), (SELECT count(*) FROM dsm_policy.application),
              (SELECT count(*) FROM dsm_policy.other_award));
\pset tuples_only off

\echo '== Applications by status (in the order the rules decide them)'
SELECT status, count(*) AS applications, sum(award_amount) AS award_before_stacking, sum(payable_amount) AS payable
FROM dsm_policy.award_decision
GROUP BY status
ORDER BY array_position(ARRAY['not_in_force', 'no_monetary_award', 'ineligible', 'pending',
                              'over_quota', 'cap_exhausted', 'superseded', 'payable', 'withdrawn'], status);

\echo '== Totals by award year (year of the qualifying date) and clause, in document order'
\echo '   other = cap exhausted, not in force, pending, no cash award or withdrawn (a settled award taken back);'
\echo '   the status columns add up to applications; "total" lines add up the year, then everything'
SELECT coalesce(award_year::text, 'total') AS year,
       CASE WHEN clause_code IS NOT NULL THEN clause_code WHEN award_year IS NOT NULL THEN 'total' ELSE '' END AS clause,
       sum(applications) AS applications,
       sum(payable_applications) AS payable,
       sum(superseded_applications) AS superseded,
       sum(over_quota_applications) AS over_quota,
       sum(ineligible_applications) AS ineligible,
       sum(cap_exhausted_applications + not_in_force_applications + pending_applications
           + no_monetary_award_applications + withdrawn_applications) AS other,
       sum(payable_total) AS payable_total
FROM dsm_policy.award_totals_by_year_clause
GROUP BY GROUPING SETS ((award_year, sort_key, clause_code), (award_year), ())
ORDER BY award_year NULLS LAST, sort_key NULLS LAST;

\echo '== Paid, by lead responsible unit and award year (blank: nothing paid)'
\echo '   A clause names several units; each payment is counted once, for the unit named first (payable_total_as_lead_unit), so the rows add up to the total paid.'
SELECT coalesce(unit_name_zh || ' ' || unit_name_en, 'total') AS lead_unit,
       coalesce(award_year::text, 'all years') AS year,
       lpad(dsm_policy.format_yuan(sum(payable_total_as_lead_unit)), 13) AS paid
FROM dsm_policy.award_totals_by_unit
WHERE payable_total_as_lead_unit > 0
GROUP BY GROUPING SETS ((unit_code, unit_name_zh, unit_name_en, award_year),
                        (unit_code, unit_name_zh, unit_name_en), (award_year), ())
ORDER BY unit_code IS NULL, sum(sum(payable_total_as_lead_unit)) OVER (PARTITION BY unit_code) DESC,
         unit_code, award_year NULLS LAST
\crosstabview lead_unit year paid

\echo '== Quota use (clause 3: 30 enterprises a year, in order of application time)'
SELECT clause_code AS clause, award_year::text AS year, quota, places_taken, places_left, enterprises_over_quota,
       last_placed_enterprise_name AS last_placed, last_placed_applied_on AS applied_on
FROM dsm_policy.quota_use
ORDER BY clause_code, award_year;

\echo '== Budget use (table dsm_policy.budget; a clause row is part of its year''s row)'
SELECT award_year AS year, coalesce(clause_code, 'all') AS clause, budget, settled_total AS settled,
       provisional_total AS provisional, committed_total AS committed, remaining,
       coalesce(used_percent || ' %', '') AS used
FROM dsm_policy.budget_use
WHERE budget IS NOT NULL OR committed_total > 0
ORDER BY award_year, sort_key NULLS FIRST;

\echo '== Offered without application (免申即享): proposals made from the provincial awards'
\echo '   offered = awaiting the enterprise''s confirmation, and what confirming would pay; waiting = a fact the clause needs is missing'
SELECT coalesce(award_year::text, 'total') AS year,
       CASE WHEN clause_code IS NOT NULL THEN clause_code WHEN award_year IS NOT NULL THEN 'total' ELSE '' END AS clause,
       sum(proposals) AS proposals, sum(offered_proposals) AS offered, sum(offered_total) AS offered_total,
       sum(waiting_proposals) AS waiting, sum(confirmed_proposals) AS confirmed, sum(confirmed_total) AS confirmed_total,
       sum(rejected_proposals) AS rejected, sum(unpaid_proposals) AS not_payable
FROM dsm_policy.entitlement_by_year_clause
GROUP BY GROUPING SETS ((award_year, sort_key, clause_code), (award_year), ())
HAVING grouping(clause_code) = 1 OR sum(proposals) > 0
ORDER BY award_year NULLS LAST, sort_key NULLS LAST;
\echo '   what the proposals still wait for:'
SELECT waiting_for, count(*) AS enterprises_years
FROM dsm_policy.entitlement
WHERE waiting_for IS NOT NULL
GROUP BY waiting_for
ORDER BY count(*) DESC, waiting_for;

\echo '== Provincial amounts above the known provincial maximum (check the record before paying)'
SELECT i.application_id, i.enterprise_name, i.clause_code AS clause, i.provincial_amount, i.provincial_max,
       d.status, d.payable_amount
FROM dsm_policy.implausible_provincial_amount i
JOIN dsm_policy.award_decision d USING (application_id)
ORDER BY i.application_id;

\echo '== Ten decisions and their explanations: the first application of each status, a capped one, a rounded one'
WITH d AS (SELECT * FROM dsm_policy.award_decision),
picked (n, shows, application_id) AS (
              SELECT 1, 'payable',            min(application_id) FROM d WHERE status = 'payable' AND explanation LIKE '% x %' AND explanation NOT LIKE '%rounded to%' AND NOT capped AND warning IS NULL
    UNION ALL SELECT 2, 'payable, capped',    min(application_id) FROM d WHERE status = 'payable' AND capped AND warning IS NULL
    UNION ALL SELECT 3, 'payable, rounded',   min(application_id) FROM d WHERE status = 'payable' AND explanation LIKE '%rounded to%'
    UNION ALL SELECT 4, 'superseded',         min(application_id) FROM d WHERE status = 'superseded'
    UNION ALL SELECT 5, 'over_quota',         min(application_id) FROM d WHERE status = 'over_quota'
    UNION ALL SELECT 6, 'cap_exhausted',      min(application_id) FROM d WHERE status = 'cap_exhausted'
    UNION ALL SELECT 7, 'ineligible',         min(application_id) FROM d WHERE status = 'ineligible'
    UNION ALL SELECT 8, 'pending',            min(application_id) FROM d WHERE status = 'pending'
    UNION ALL SELECT 9, 'not_in_force',       min(application_id) FROM d WHERE status = 'not_in_force'
    UNION ALL SELECT 10, 'no_monetary_award', min(application_id) FROM d WHERE status = 'no_monetary_award'
)
SELECT p.shows, d.application_id AS id, d.enterprise_name, d.clause_code AS clause, d.project_ref,
       d.qualifying_date, d.explanation
FROM picked p
JOIN d USING (application_id)
ORDER BY p.n;

\pset tuples_only on
SELECT format('reconciliation: sum of payable_amount %s, sum of the per-clause totals %s, sum of the lead-unit totals %s: %s',
              dsm_policy.format_yuan(a), dsm_policy.format_yuan(c), dsm_policy.format_yuan(u),
              CASE WHEN a = c AND a = u THEN 'they agree' ELSE 'THEY DIFFER' END)
FROM (SELECT (SELECT sum(payable_amount) FROM dsm_policy.award_decision) AS a,
             (SELECT sum(payable_total) FROM dsm_policy.award_totals_by_year_clause) AS c,
             (SELECT sum(payable_total_as_lead_unit) FROM dsm_policy.award_totals_by_unit) AS u) s;
