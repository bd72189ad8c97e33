-- Bad parameter rows are refused with the right SQLSTATE and constraint;
-- good ones are accepted; shipped rows are read-only.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(35);

-- A statement template: one parameter row for clause 1 from 2026 on.
PREPARE add_row(text, text, daterange, numeric, numeric, integer, date, boolean) AS
INSERT INTO parameter (policy_code, clause_code, name, validity,
                       value_ratio, value_amount, value_count, value_date, value_flag)
VALUES ('sys-digital-economy-2022', $1, $2, $3, $4, $5, $6, $7, $8);

-- Accepted.
SELECT lives_ok($$EXECUTE add_row('1', 'cap', '[2026-01-01,)', NULL, 450000, NULL, NULL, NULL)$$,
                'a cap from the day after the enacted one ends, open-ended');
SELECT lives_ok($$EXECUTE add_row('1', 'share_ratio', '[2026-01-01,2027-12-31]', 0, NULL, NULL, NULL, NULL)$$,
                'a ratio of 0 (a suspended award)');
SELECT lives_ok($$EXECUTE add_row('2.1', 'share_ratio', '[2026-01-01,2027-12-31]', 1, NULL, NULL, NULL, NULL)$$,
                'a ratio of 1');
SELECT lives_ok($$EXECUTE add_row('2.1', 'cap', '[2026-01-01,2027-12-31]', NULL, 0, NULL, NULL, NULL)$$,
                'an amount of 0');
SELECT lives_ok($$EXECUTE add_row('2.1', 'provincial_max', '[2026-01-01,2027-12-31]', NULL, 999999999999.99, NULL, NULL, NULL)$$,
                'the largest amount, 999,999,999,999.99');
SELECT lives_ok($$EXECUTE add_row('12', 'min_service_start_date', '[2026-01-01,)', NULL, NULL, NULL, DATE '2024-01-01', NULL)$$,
                'a date parameter');
SELECT lives_ok($$INSERT INTO scenario VALUES ('cloud60', 'Cloud subsidy at 60 %');
                  INSERT INTO parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
                  VALUES ('sys-digital-economy-2022', '3', 'share_ratio', 'cloud60', '[2022-07-28,2025-12-31]', 0.6)$$,
                'the same parameter and validity in another scenario');

-- Refused: overlap.
SELECT throws_ok($$EXECUTE add_row('1', 'cap', '[2025-12-31,2026-01-01]', NULL, 450000, NULL, NULL, NULL)$$,
                 '23P01', NULL, 'overlapping validity (one day in common) is refused');
SELECT throws_ok($$INSERT INTO parameter (policy_code, name, validity, value_flag)
                   VALUES ('sys-digital-economy-2022', 'in_force', '[2025-12-31,)', true)$$,
                 '23P01', NULL, 'overlapping policy-wide rows are refused');
SELECT throws_ok($$EXECUTE add_row('1', 'cap', '(,)', NULL, 450000, NULL, NULL, NULL)$$,
                 '23514', 'new row for relation "parameter" violates check constraint "parameter_validity_has_start"',
                 'a validity without a first day is refused');
SELECT throws_ok($$EXECUTE add_row('1', 'cap', '[2030-01-01,2030-01-01)', NULL, 450000, NULL, NULL, NULL)$$,
                 '23514', 'new row for relation "parameter" violates check constraint "parameter_validity_not_empty"',
                 'an empty validity is refused');

-- Refused: amounts.
SELECT throws_ok(format($$EXECUTE add_row('5', 'cap', '[2026-01-01,)', NULL, %L, NULL, NULL, NULL)$$, v),
                 '23514', format('new row for relation "parameter" violates check constraint "%s"', c),
                 format('amount %s is refused (%s)', v, c))
FROM (VALUES ('-0.01', 'parameter_amount_not_negative'),
             ('NaN', 'parameter_amount_finite_below_1e12'),
             ('Infinity', 'parameter_amount_finite_below_1e12'),
             ('-Infinity', 'parameter_amount_not_negative'),
             ('1000000000000', 'parameter_amount_finite_below_1e12'),
             ('0.001', 'parameter_amount_max_2_decimals')) AS t (v, c);

-- Refused: ratios.
SELECT throws_ok(format($$EXECUTE add_row('5', 'share_ratio', '[2026-01-01,)', %L, NULL, NULL, NULL, NULL)$$, v),
                 '23514', format('new row for relation "parameter" violates check constraint "%s"', c),
                 format('ratio %s is refused (%s)', v, c))
FROM (VALUES ('1.000001', 'parameter_ratio_in_0_1'),
             ('-0.000001', 'parameter_ratio_in_0_1'),
             ('NaN', 'parameter_ratio_in_0_1'),
             ('0.0000001', 'parameter_ratio_max_6_decimals')) AS t (v, c);

SELECT throws_ok($$EXECUTE add_row('3', 'min_running_months', '[2026-01-01,)', NULL, NULL, -1, NULL, NULL)$$,
                 '23514', 'new row for relation "parameter" violates check constraint "parameter_count_not_negative"',
                 'a negative count is refused');
SELECT throws_ok($$EXECUTE add_row('3', 'min_running_months', '[2026-01-01,)', NULL, NULL, NULL, NULL, NULL)$$,
                 '23514', 'new row for relation "parameter" violates check constraint "parameter_exactly_one_value"',
                 'a row without a value is refused');
SELECT throws_ok($$EXECUTE add_row('3', 'min_running_months', '[2026-01-01,)', NULL, 3, 3, NULL, NULL)$$,
                 '23514', 'new row for relation "parameter" violates check constraint "parameter_exactly_one_value"',
                 'a row with two values is refused');

-- Refused: names, types, levels, clauses, scenarios.
SELECT throws_ok($$EXECUTE add_row('5', 'cap', '[2026-01-01,)', 0.5, NULL, NULL, NULL, NULL)$$,
                 '23503', 'insert or update on table "parameter" violates foreign key constraint "parameter_value_fits_definition"',
                 'a cap given as a ratio is refused');
SELECT throws_ok($$EXECUTE add_row('1', 'bonus', '[2026-01-01,)', NULL, 1, NULL, NULL, NULL)$$,
                 '23503', 'insert or update on table "parameter" violates foreign key constraint "parameter_value_fits_definition"',
                 'an unknown parameter name is refused');
SELECT throws_ok($$EXECUTE add_row(NULL, 'cap', '[2026-01-01,)', NULL, 1, NULL, NULL, NULL)$$,
                 '23503', 'insert or update on table "parameter" violates foreign key constraint "parameter_value_fits_definition"',
                 'a clause parameter without a clause is refused');
SELECT throws_ok($$EXECUTE add_row('99', 'cap', '[2026-01-01,)', NULL, 1, NULL, NULL, NULL)$$,
                 '23503', 'insert or update on table "parameter" violates foreign key constraint "parameter_clause_code_fkey"',
                 'an unknown clause is refused');
SELECT throws_ok($$INSERT INTO parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
                   VALUES ('sys-digital-economy-2022', '3', 'share_ratio', 'nope', '[2026-01-01,)', 0.6)$$,
                 '23503', 'insert or update on table "parameter" violates foreign key constraint "parameter_scenario_fkey"',
                 'an unknown scenario is refused');
SELECT throws_ok($$INSERT INTO scenario VALUES ('Cloud 60', 'bad name')$$,
                 '23514', 'new row for relation "scenario" violates check constraint "scenario_name_format"',
                 'a scenario name must be lower case letters, digits and _');

-- Shipped rows.
SELECT throws_ok($$UPDATE parameter SET value_amount = 1 WHERE shipped AND name = 'cap' AND clause_code = '1'$$,
                 '23001', 'cannot update a shipped row of dsm_policy.parameter', 'shipped parameters cannot be updated');
SELECT throws_ok($$DELETE FROM clause_unit WHERE clause_code = '20'$$,
                 '23001', 'cannot delete a shipped row of dsm_policy.clause_unit', 'shipped links cannot be deleted');
SELECT throws_ok($$TRUNCATE policy CASCADE$$,
                 '23001', NULL, 'tables with shipped rows cannot be truncated');
SELECT throws_ok($$INSERT INTO scenario VALUES ('mine', 'x', true)$$,
                 '23514', 'cannot mark a row of dsm_policy.scenario as shipped', 'users cannot add shipped rows');

SELECT is((SELECT count(*)::int FROM parameter WHERE NOT shipped), 7,
          'only the seven accepted rows were stored');

SELECT * FROM finish();
ROLLBACK;
