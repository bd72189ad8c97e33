-- The shipped catalogue and parameters match the digest
-- (../shared/spec/policy-digest.md) number by number.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(22);

-- The document.
SELECT results_eq(
    $$SELECT title_zh, issuer_zh, adopted_on, published_on, in_force, stacking_rule
        FROM policy$$,
    $$VALUES ('双鸭山市推动数字经济高质量发展若干政策措施', '双鸭山市人民政府',
              DATE '2022-06-02', DATE '2022-06-28', daterange('2022-07-28', '2026-01-01'), 'highest_only')$$,
    'one policy document: adopted 2022-06-02, published 2022-06-28, in force 2022-07-28 to 2025-12-31, highest award only');

SELECT is((SELECT published_on + 30 FROM policy), (SELECT lower(in_force) FROM policy),
          'in force 30 days after publication (本政策措施自公布之日起三十日后施行)');

-- The clauses: 1 to 21 with clause 2 split in three.
SELECT is((SELECT count(*)::int FROM clause), 23, '23 clause rows');
SELECT set_eq('SELECT clause_code FROM clause',
              $$SELECT g::text FROM generate_series(1, 21) g WHERE g <> 2
                UNION ALL VALUES ('2.1'), ('2.2'), ('2.3')$$,
              'clauses 1, 2.1, 2.2, 2.3, 3 .. 21');
SELECT results_eq('SELECT clause_code FROM clause ORDER BY sort_key',
                  $$VALUES ('1'), ('2.1'), ('2.2'), ('2.3'), ('3'), ('4'), ('5'), ('6'), ('7'), ('8'), ('9'),
                           ('10'), ('11'), ('12'), ('13'), ('14'), ('15'), ('16'), ('17'), ('18'), ('19'),
                           ('20'), ('21')$$,
                  'sort_key follows the document');

SELECT set_eq(
    'SELECT clause_code, award_kind, basis, cap_scope FROM clause',
    $$VALUES ('1', 'share', 'provincial_amount', 'application'),
             ('2.1', 'share', 'provincial_amount', 'application'),
             ('2.2', 'share', 'provincial_amount', 'application'),
             ('2.3', 'fixed', NULL, 'application'),
             ('3', 'spending_share', 'expenditure', 'enterprise_year'),
             ('4', 'share', 'provincial_amount', 'application'),
             ('5', 'share', 'provincial_amount', 'application'),
             ('6', 'approved', 'approved_amount', NULL),
             ('7', 'approved', 'approved_amount', NULL),
             ('8', 'none', NULL, NULL),
             ('9', 'share', 'provincial_amount', 'application'),
             ('10', 'none', NULL, NULL),
             ('11', 'approved', 'approved_amount', NULL),
             ('12', 'fixed', NULL, 'application'),
             ('13', 'share', 'provincial_amount', 'project'),
             ('14', 'share', 'provincial_amount', 'application'),
             ('15', 'share', 'provincial_amount', 'product'),
             ('16', 'none', NULL, NULL),
             ('17', 'approved', 'approved_amount', NULL),
             ('18', 'none', NULL, NULL),
             ('19', 'none', NULL, NULL),
             ('20', 'none', NULL, NULL),
             ('21', 'none', NULL, NULL)$$,
    'kind of award, basis and cap scope of every clause');

SELECT set_eq(
    'SELECT clause_code, section_code FROM clause',
    $$VALUES ('1', '1.1'), ('2.1', '1.1'), ('2.2', '1.1'), ('2.3', '1.1'), ('3', '1.1'),
             ('4', '1.2'), ('5', '1.2'), ('6', '1.3'), ('7', '1.3'), ('8', '1.3'),
             ('9', '2.1'), ('10', '2.1'), ('11', '2.2'), ('12', '2.2'), ('13', '2.3'),
             ('14', '2.4'), ('15', '2.4'),
             ('16', '3'), ('17', '3'), ('18', '3'), ('19', '3'), ('20', '3'), ('21', '3')$$,
    'every clause stands in its part and section');

-- Responsible units, by clause, in the document's order (Chinese names as published).
SELECT set_eq(
    $$SELECT cu.clause_code, string_agg(u.name_zh, '、' ORDER BY cu.position)
        FROM clause_unit cu JOIN responsible_unit u USING (unit_code) GROUP BY cu.clause_code$$,
    $$VALUES ('1', '市工业和信息化局、市财政局'), ('2.1', '市工业和信息化局、市财政局'),
             ('2.2', '市工业和信息化局、市财政局'), ('2.3', '市工业和信息化局、市财政局'),
             ('3', '市工业和信息化局、市财政局'), ('4', '市工业和信息化局、市财政局'),
             ('5', '市工业和信息化局、市财政局'),
             ('6', '市农业农村局、市供销联社、市委网信办、市财政局'),
             ('7', '市交通运输局、市商务局、市财政局'),
             ('8', '市营商环境局、市委政法委、市发展改革委、市公安局、市文化广电和旅游局、市财政局、市工业和信息化局、各县（区）政府'),
             ('9', '市经合局、市工业和信息化局、市财政局、各县（区）政府'),
             ('10', '市商务局、市财政局'),
             ('11', '市工业和信息化局、市财政局'), ('12', '市工业和信息化局、市财政局'),
             ('13', '市工业和信息化局、市财政局'), ('14', '市工业和信息化局、市财政局'),
             ('15', '市工业和信息化局、市财政局'),
             ('16', '市通信管理办公室、市工业和信息化局'),
             ('17', '市科技局、市发展改革委、市工业和信息化局、市财政局'),
             ('18', '市教育和体育局、市人力资源社会保障局、市委网信办、职教集团、各县（区）政府'),
             ('19', '市工业和信息化局、市财政局、市市场监管局'),
             ('20', '各县（区）政府'),
             ('21', '市委网信办、市营商环境局、市发展改革委、市工业和信息化局')$$,
    'the responsible units of every clause, as the document lists them');

SELECT is((SELECT count(*)::int FROM responsible_unit), 20, '20 responsible units');
SELECT is_empty($$SELECT unit_code FROM responsible_unit
                  WHERE name_en = '' OR name_zh = '' OR unit_code NOT IN (SELECT unit_code FROM clause_unit)$$,
                'every unit has both names and answers for at least one clause');
SELECT is_empty($$SELECT clause_code FROM clause WHERE clause_code NOT IN (SELECT clause_code FROM clause_unit)$$,
                'every clause has a responsible unit');

-- Every number and condition of the digest.
SELECT set_eq(
    $$SELECT coalesce(clause_code, '-') AS clause, name,
             coalesce(value_ratio::text, value_amount::text, value_count::text, value_date::text, value_flag::text,
                      value_choice) AS value
        FROM parameter WHERE scenario = 'enacted'$$,
    $$VALUES
        ('-',   'in_force', 'true'), ('-', 'stacking_scope', 'all_awards'),
        ('1',   'share_ratio', '0.20'), ('1', 'cap', '400000'), ('1', 'provincial_max', '2000000'),
        ('2.1', 'share_ratio', '0.20'), ('2.1', 'cap', '200000'), ('2.1', 'provincial_max', '1000000'),
        ('2.2', 'share_ratio', '0.20'), ('2.2', 'cap', '100000'), ('2.2', 'provincial_max', '500000'),
        ('2.3', 'fixed_amount', '100000'), ('2.3', 'once_only', 'enterprise'),
        ('3',   'share_ratio', '0.50'), ('3', 'cap_above_scale', '50000'), ('3', 'cap_below_scale', '30000'),
        ('3',   'requires_manufacturer', 'true'), ('3', 'purchase_window_years', '1'),
        ('3',   'min_running_months', '3'), ('3', 'requires_in_use', 'true'),
        ('3',   'min_cloud_stars', '3'), ('3', 'quota_enterprises_per_year', '30'),
        ('3',   'exclusive_spending_period', 'true'), ('3', 'purchase_window_applies_to', 'service_start'),
        ('4',   'share_ratio', '0.20'), ('4', 'cap', '100000'), ('4', 'cap_specialized_sme', '200000'),
        ('4',   'provincial_max', '500000'), ('4', 'provincial_max_specialized_sme', '1000000'),
        ('5',   'share_ratio', '0.10'), ('5', 'cap', '500000'),
        ('9',   'share_ratio', '0.10'), ('9', 'cap', '500000'), ('9', 'requires_statistics_reporting', 'true'),
        ('9',   'min_revenue', '1000000000'), ('9', 'once_only', 'enterprise'), ('9', 'provincial_max', '5000000'),
        ('12',  'fixed_amount_above_scale', '20000'), ('12', 'fixed_amount_below_scale', '10000'),
        ('12',  'requires_manufacturer', 'true'), ('12', 'min_service_start_date', '2021-01-01'),
        ('12',  'min_running_months', '3'), ('12', 'requires_innovative_mode', 'true'),
        ('12',  'eligible_from', '2021-01-01'), ('12', 'once_only', 'enterprise'),
        ('13',  'share_ratio', '0.10'), ('13', 'cap', '600000'), ('13', 'min_investment', '20000000'),
        ('13',  'requires_in_catalogue', 'true'), ('13', 'requires_in_production', 'true'),
        ('14',  'share_ratio', '0.20'), ('14', 'cap', '100000'), ('14', 'requires_statistics_reporting', 'true'),
        ('14',  'requires_above_scale', 'true'), ('14', 'provincial_max', '500000'), ('14', 'once_only', 'enterprise'),
        ('15',  'share_ratio', '0.20'), ('15', 'cap', '100000'), ('15', 'once_only', 'enterprise_product'),
        ('15',  'requires_city_made_product', 'true')$$,
    'every number and condition of the digest, and nothing else');

SELECT is_empty($$SELECT parameter_id FROM parameter WHERE validity <> daterange('2022-07-28', '2025-12-31', '[]')$$,
                'every shipped parameter is valid 2022-07-28 to 2025-12-31');
SELECT is((SELECT validity FROM parameter WHERE name = 'in_force'), (SELECT in_force FROM policy),
          'the in_force parameter agrees with what the document says of itself');

-- The city cap is the city ratio times the provincial maximum, where both are known.
SELECT is_empty(
    $$SELECT m.clause_code
        FROM parameter m
        JOIN parameter r ON r.clause_code = m.clause_code AND r.name = 'share_ratio'
        JOIN parameter c ON c.clause_code = m.clause_code
                        AND c.name = CASE m.name WHEN 'provincial_max' THEN 'cap' ELSE 'cap_specialized_sme' END
       WHERE m.name IN ('provincial_max', 'provincial_max_specialized_sme')
         AND c.value_amount <> r.value_ratio * m.value_amount$$,
    'city cap = city ratio x provincial maximum for clauses 1, 2.1, 2.2, 4, 9 and 14');

-- Shape of the data: what the engine relies on.
SELECT is_empty(
    $$SELECT clause_code FROM clause
       WHERE award_kind IN ('share', 'spending_share')
         AND clause_code NOT IN (SELECT clause_code FROM parameter WHERE name = 'share_ratio')$$,
    'every share clause has a ratio');
SELECT is_empty(
    $$SELECT clause_code FROM clause
       WHERE award_kind IN ('share', 'spending_share')
         AND clause_code NOT IN (SELECT clause_code FROM parameter WHERE name LIKE 'cap%')$$,
    'every share clause has a cap');
SELECT is_empty(
    $$SELECT clause_code FROM clause
       WHERE award_kind = 'fixed'
         AND clause_code NOT IN (SELECT clause_code FROM parameter WHERE name LIKE 'fixed_amount%')$$,
    'every fixed clause has its amount');
SELECT is_empty(
    $$SELECT parameter_id FROM parameter p JOIN clause c USING (clause_code)
       WHERE c.award_kind IN ('approved', 'none')$$,
    'clauses without a formula have no numbers');

SELECT ok((SELECT bool_and(shipped) FROM parameter) AND (SELECT bool_and(shipped) FROM clause)
          AND (SELECT bool_and(shipped) FROM clause_unit) AND (SELECT bool_and(shipped) FROM responsible_unit),
          'all rows installed by the extension are marked shipped');
SELECT is((SELECT count(*)::int FROM parameter_definition), 32, '32 parameter names');
SELECT is_empty($$SELECT name FROM parameter_definition
                  WHERE name NOT IN (SELECT name FROM parameter) AND name <> 'stacking_exempt'$$,
                'every parameter name but stacking_exempt is used by the enacted policy');

SELECT * FROM finish();
ROLLBACK;
