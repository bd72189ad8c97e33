-- Settling an award year: its decisions go to the ledger and never change;
-- later parameter changes (here a successor's revised ratio, and a what-if
-- scenario) move only the provisional decisions; a correction is a reversal
-- and a new entry; settled applications and the ledger refuse every change.
-- All in one transaction, rolled back: the ledger cannot be emptied.
SET datestyle = ISO;
SET timezone = 'Asia/Shanghai';
\set VERBOSITY default
\set SHOW_CONTEXT never
\pset null '-'
-- errors below are expected: each statement gets its own savepoint
\set ON_ERROR_ROLLBACK on

TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;
BEGIN;

-- The successor's rows, open-ended, so that 2026 can be revised later.
INSERT INTO dsm_policy.policy (policy_code, title_zh, title_en, issuer_zh, issuer_en,
                               adopted_on, published_on, in_force, stacking_rule)
VALUES ('example-2026', '示例', 'Example successor', '双鸭山市人民政府', 'Shuangyashan City People''s Government',
        '2025-11-20', '2025-12-01', '[2026-01-01,)', 'highest_only');
SELECT count(*) AS loaded FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,valid_from,value
example-2026,,in_force,2026-01-01,true
example-2026,1,share_ratio,2026-01-01,0.2
example-2026,1,cap,2026-01-01,400000
$csv$);

-- Three enterprises apply under clause 1 in 2023 and 2026; enterprise 3's
-- 2023 project also has a higher award under another city policy.
INSERT INTO dsm_policy.application (credit_code, enterprise_name, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, provincial_amount)
VALUES ('91230500MA0000001D', 'Enterprise 1', '1', 'P1', '2023-05-01 09:00', '2023-04-01', 'above', 1500000),
       ('91230500MA0000002G', 'Enterprise 2', '1', 'P2', '2023-06-01 09:00', '2023-05-01', 'above', 3000000),
       ('91230500MA0000003K', 'Enterprise 3', '1', 'P3', '2023-07-01 09:00', '2023-06-01', 'above', 1000000),
       ('91230500MA0000001D', 'Enterprise 1', '1', 'P4', '2026-05-01 09:00', '2026-04-01', 'above', 1000000);
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES ('91230500MA0000003K', 'P3', 2023, 'Industrial upgrading fund', 250000);

CREATE VIEW pg_temp.decided AS
SELECT application_id AS id, award_year AS year, status, payable_amount AS payable, settled,
       settlement_id AS settlement, settled_on = current_date AS today, rules_payable_amount AS by_rules,
       replace(explanation, ' on ' || current_date, ' on <today>') AS explanation
FROM dsm_policy.award_decision ORDER BY application_id;

-- 1. Before settling, everything is provisional.
SELECT * FROM pg_temp.decided;

-- 2. Settle 2023: every decision of the year, payable or not.  Again: nothing left.
SELECT dsm_policy.settle_award_year(2023, 'year-end 2023') AS settlement;
SELECT dsm_policy.settle_award_year(2023) AS settlement;
SELECT settlement_id, kind, award_year, settled_on = current_date AS today, settled_by = current_user AS by_me,
       note, decisions, reversals, amount
FROM dsm_policy.settlement_summary ORDER BY settlement_id;

-- 3. The province revises the 2026 ratio to 25 % (an update of the
--    successor's row) and the other award of P3 disappears: the settled 2023
--    decisions stay as they were; the provisional 2026 one follows.
UPDATE dsm_policy.parameter SET value_ratio = 0.25 WHERE policy_code = 'example-2026' AND name = 'share_ratio';
DELETE FROM dsm_policy.other_award;
SELECT * FROM pg_temp.decided;

-- A what-if scenario moves the provisional decisions only.
INSERT INTO dsm_policy.scenario VALUES ('ratio30', 'Clause 1 at 30 %');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '1', 'share_ratio', 'ratio30', '[2022-07-28,2025-12-31]', 0.30),
       ('example-2026', '1', 'share_ratio', 'ratio30', '[2026-01-01,)', 0.30);
SELECT application_id, settled, base_amount, alternative_amount, difference
FROM dsm_policy.compare_scenarios('enacted', 'ratio30');

-- 4. The report views: settled and provisional totals, adding up.
SELECT award_year, clause_code, applications, settled_applications, payable_total, settled_total, provisional_total
FROM dsm_policy.award_totals_by_year_clause ORDER BY award_year, sort_key;
SELECT credit_code, award_year, payable_total, settled_total, provisional_total
FROM dsm_policy.award_totals_by_enterprise ORDER BY credit_code, award_year;

-- 5. Settled means read-only: the ledger, the settlement and the settled
--    applications refuse every change, for every role.
UPDATE dsm_policy.ledger SET amount = 1 WHERE application_id = 1;
DELETE FROM dsm_policy.ledger;
TRUNCATE dsm_policy.ledger;
UPDATE dsm_policy.settlement SET note = 'changed';
UPDATE dsm_policy.application SET provincial_amount = 2000000 WHERE application_id = 1;
DELETE FROM dsm_policy.application WHERE application_id = 1;
TRUNCATE dsm_policy.application;
-- A provisional application still changes.
UPDATE dsm_policy.application SET provincial_amount = 1200000 WHERE application_id = 4;

-- 6. A correction: enterprise 1's 2023 award was 300,000.00; the province
--    corrected its own award, so ours becomes 280,000.00.  Then enterprise 2's
--    award is withdrawn.  Each is a reversal and a new entry.
SELECT dsm_policy.correct_settled_decision(1, 280000, 'the province corrected its award to 1,400,000.00') AS new_entry;
SELECT dsm_policy.correct_settled_decision(2, 0, 'the project was not carried out') AS new_entry;
SELECT entry_id, settlement_id, application_id, entry_kind, reverses_entry_id, status, amount, explanation
FROM dsm_policy.ledger ORDER BY entry_id;
SELECT application_id, sum(amount) AS net FROM dsm_policy.ledger GROUP BY application_id ORDER BY 1;
SELECT * FROM pg_temp.decided WHERE year = 2023;
SELECT settlement_id, kind, award_year, note, decisions, reversals, amount
FROM dsm_policy.settlement_summary ORDER BY settlement_id;

-- Bad corrections: each refused with the field and the rule.
SELECT dsm_policy.correct_settled_decision(4, 1000, 'not settled yet');
SELECT dsm_policy.correct_settled_decision(1, -1, 'negative');
SELECT dsm_policy.correct_settled_decision(1, 1.005, 'a fraction of a fen');
SELECT dsm_policy.correct_settled_decision(1, 'NaN', 'not a number');
SELECT dsm_policy.correct_settled_decision(1, 1000, '  ');
SELECT dsm_policy.correct_settled_decision(NULL, 1000, 'no application');
SELECT dsm_policy.settle_award_year(NULL);

-- 7. A late 2023 application is provisional until the year is settled again.
INSERT INTO dsm_policy.application (credit_code, enterprise_name, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, provincial_amount)
VALUES ('91230500MA0000004N', 'Enterprise 4', '1', 'P5', '2023-12-20 09:00', '2023-12-01', 'above', 500000);
SELECT id, status, payable, settled FROM pg_temp.decided WHERE year = 2023;
SELECT dsm_policy.settle_award_year(2023, 'late applications') AS settlement;
SELECT id, status, payable, settled, settlement FROM pg_temp.decided WHERE year = 2023;

ROLLBACK;
SELECT count(*) AS ledger_entries_left FROM dsm_policy.ledger;
