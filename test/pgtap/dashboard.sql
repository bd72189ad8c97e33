-- What a dashboard reads adds up: in every totals view the status counts add
-- up to the applications (withdrawn included), the lead-unit totals to what
-- the year paid, the months to the years; the budget's figures are the
-- decisions'; the clause columns sort in document order.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(16);

CREATE FUNCTION pg_temp.cc(n integer) RETURNS text LANGUAGE sql AS $$
    SELECT p || credit_code_check_character(p) FROM (SELECT '91230500MA' || lpad(n::text, 7, '0') AS p) s
$$;

-- 600 applications over eleven clauses and 2022-2025, some of them to be
-- corrected to 0 (withdrawn) after 2023 is settled.
INSERT INTO application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, manufacturer,
                         provincial_amount, expenditure, approved_amount, revenue, investment, cloud_stars,
                         service_start, in_use, innovative_mode, in_catalogue, in_production, reports_statistics,
                         city_made_product)
SELECT pg_temp.cc(g % 90), c, 'P' || g % 3, q + 20 + (g % 30) + time '09:00', q,
       (ARRAY['above', 'below'])[1 + g % 2], true, 100000 + (hashint4(g) & 1048575), 20000 + g * 37 % 90000,
       CASE WHEN c = '6' THEN 150000 END, 2000000000, 60000000, 4, q - 120, true, true, true, true, true, true
FROM generate_series(1, 600) AS g,
     LATERAL (SELECT (ARRAY['1', '3', '3', '4', '5', '6', '11', '12', '13', '2.3', '16'])[1 + g % 11] AS c,
                     date '2022-08-01' + (g * 53) % 1240 AS q) x;
SELECT count(*) > 0 AS settled FROM (SELECT settle_award_year(2023)) s;
SELECT count(correct_settled_decision(l.application_id, 0, 'taken back'))
FROM (SELECT application_id FROM ledger WHERE amount > 0 ORDER BY application_id LIMIT 5) l;
INSERT INTO budget (award_year, clause_code, amount, note)
VALUES (2023, NULL, 20000000, 'year'), (2023, '3', 400000, 'cloud'), (2024, NULL, 1000, 'too small');

SELECT is((SELECT count(*)::integer FROM award_decision WHERE status = 'withdrawn'), 5,
          'five settled awards were taken back: status withdrawn');

-- Status counts add up to the applications.
SELECT is_empty($$SELECT award_year, clause_code FROM award_totals_by_year_clause
                  WHERE applications <> payable_applications + superseded_applications + over_quota_applications
                        + cap_exhausted_applications + ineligible_applications + not_in_force_applications
                        + pending_applications + no_monetary_award_applications + withdrawn_applications$$,
                'award_totals_by_year_clause: in every row the nine status counts add up to the applications');
SELECT is((SELECT sum(withdrawn_applications)::integer FROM award_totals_by_year_clause), 5,
          '  and the withdrawn ones are counted');
SELECT is_empty($$SELECT applied_month, clause_code FROM award_totals_by_month
                  WHERE applications <> payable_applications + superseded_applications + over_quota_applications
                        + cap_exhausted_applications + ineligible_applications + not_in_force_applications
                        + pending_applications + no_monetary_award_applications + withdrawn_applications$$,
                'award_totals_by_month: the same in every month');
SELECT is((SELECT sum(withdrawn_applications)::integer FROM award_totals_by_unit),
          (SELECT count(*)::integer FROM award_decision d JOIN clause_unit cu USING (clause_code)
            WHERE d.status = 'withdrawn'),
          'award_totals_by_unit counts the withdrawn ones of each unit''s clauses');
SELECT is((SELECT sum(withdrawn_applications)::integer FROM award_totals_by_enterprise), 5,
          'award_totals_by_enterprise counts them too');

-- What adds up across rows.
SELECT results_eq($$SELECT award_year, sum(payable_total_as_lead_unit) FROM award_totals_by_unit GROUP BY 1 ORDER BY 1$$,
                  $$SELECT award_year, sum(payable_amount) FROM award_decision GROUP BY 1 ORDER BY 1$$,
                  'the lead-unit totals of a year add up to what the year paid');
SELECT cmp_ok((SELECT sum(payable_total) FROM award_totals_by_unit WHERE award_year = 2023), '>',
              (SELECT sum(payable_amount) FROM award_decision WHERE award_year = 2023),
              '  while payable_total, one per unit of a clause, does not (the reason for the lead-unit column)');
SELECT results_eq($$SELECT extract(year FROM applied_month)::integer, sum(payable_total), sum(applications)::bigint
                     FROM award_totals_by_month GROUP BY 1 ORDER BY 1$$,
                  $$SELECT extract(year FROM applied_on)::integer, sum(payable_amount), count(*)
                     FROM award_decision GROUP BY 1 ORDER BY 1$$,
                  'the months add up to the years of application');
SELECT results_eq($$SELECT credit_code, sum(payable_total) FROM award_totals_by_enterprise GROUP BY 1 ORDER BY 1$$,
                  $$SELECT credit_code, sum(payable_amount) FROM award_decision GROUP BY 1 ORDER BY 1$$,
                  'the enterprise totals are the decisions''');

-- The budget.
SELECT results_eq($$SELECT award_year, clause_code, budget, settled_total, provisional_total, committed_total, remaining
                     FROM budget_use WHERE budget IS NOT NULL ORDER BY award_year, clause_code NULLS FIRST$$,
                  $$SELECT b.award_year, b.clause_code, b.amount,
                           coalesce(sum(d.payable_amount) FILTER (WHERE d.settled), 0),
                           coalesce(sum(d.payable_amount) FILTER (WHERE NOT d.settled), 0),
                           coalesce(sum(d.payable_amount), 0), b.amount - coalesce(sum(d.payable_amount), 0)
                     FROM budget b
                     LEFT JOIN award_decision d ON d.award_year = b.award_year
                                               AND (b.clause_code IS NULL OR d.clause_code = b.clause_code)
                     GROUP BY b.budget_id, b.award_year, b.clause_code, b.amount
                     ORDER BY b.award_year, b.clause_code NULLS FIRST$$,
                  'budget_use: budget, settled, provisional, committed and remaining are the decisions'' sums');
SELECT is((SELECT used_percent FROM budget_use WHERE award_year = 2024 AND clause_code IS NULL),
          (SELECT round(100 * sum(payable_amount) / 1000, 1) FROM award_decision WHERE award_year = 2024),
          'the share used, over 100 % when the decisions overrun the budget');
SELECT set_eq($$SELECT award_year FROM budget_use WHERE clause_code IS NULL$$,
              $$SELECT DISTINCT award_year FROM award_decision UNION SELECT award_year FROM budget$$,
              'a row for every year with a decision or a budget');
INSERT INTO scenario VALUES ('cloud_more', 'clause 3 at 70 %');
INSERT INTO parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '3', 'share_ratio', 'cloud_more', '[2022-07-28,2025-12-31]', 0.7);
SELECT results_eq($$SELECT award_year, clause_code, committed_total FROM budget_use_under('cloud_more') ORDER BY 1, 2 NULLS FIRST$$,
                  $$SELECT b.award_year, b.clause_code, sum(d.payable_amount)
                     FROM (SELECT DISTINCT award_year, NULL::text AS clause_code FROM award_decision_under('cloud_more')
                           UNION SELECT award_year, clause_code FROM budget) b
                     LEFT JOIN award_decision_under('cloud_more') d
                       ON d.award_year = b.award_year AND (b.clause_code IS NULL OR d.clause_code = b.clause_code)
                     GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST$$,
                  'budget_use_under(scenario): the same figures under a what-if');

-- Document order.
SELECT results_eq($$SELECT DISTINCT clause_code, sort_key FROM award_decision WHERE clause_code IN ('5', '11', '2.3') ORDER BY sort_key$$,
                  $$VALUES ('2.3', 230), ('5', 500), ('11', 1100)$$,
                  'award_decision sorts in document order by sort_key: 2.3, 5, 11');
SELECT is_empty($$SELECT parameter_id FROM parameter_report p JOIN clause c USING (clause_code)
                  WHERE p.sort_key IS DISTINCT FROM c.sort_key OR p.clause_title_zh IS DISTINCT FROM c.title_zh$$,
                'parameter_report carries each clause''s sort key and Chinese title');

SELECT * FROM finish();
ROLLBACK;
