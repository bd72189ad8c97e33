-- dsm_policy: Shuangyashan City, Several Policy Measures to Promote
-- High-Quality Development of the Digital Economy (2022), in the database.
--
-- This is the full install script; the build copies it to
-- dsm_policy--<version>.sql.  Read it top to bottom as the data model:
--
--   policy                  the policy document (one row per document)
--   section                 the parts and sections of the document
--   clause                  the 21 measures (clause 2 split into 2.1 to 2.3)
--   responsible_unit        the city units (责任单位)
--   clause_unit             which units answer for which clause
--   scenario                named parameter sets: 'enacted' and what-ifs
--   parameter_definition    the parameter names the award rules know
--   parameter               every number and condition, dated
--   activity_log            the audit trail of the tables above (1.1)
--   application             applications for awards
--   other_award             awards under other city policies (stacking)
--   settlement, ledger      settled decisions, never changed (1.1)
--
-- Rows shipped here carry shipped = true.  They are the policy as enacted and
-- change only with an extension upgrade; pg_dump saves only the rows users add
-- (shipped = false), so a dump and restore neither loses nor duplicates rows.

\echo Use "CREATE EXTENSION dsm_policy" to load this file. \quit

-- The catalogue holds the policy's Chinese text, and applications hold
-- Chinese names: a database in another encoding would store them garbled (or
-- refuse them).  Nothing is created unless the database is UTF8.
DO $$
BEGIN
    IF pg_catalog.getdatabaseencoding() <> 'UTF8' THEN
        RAISE EXCEPTION 'dsm_policy needs a UTF8 database, not %', pg_catalog.getdatabaseencoding()
            USING ERRCODE = 'character_not_in_repertoire',
                  DETAIL = format('Database %s has encoding %s; the policy catalogue and the applications hold Chinese text.',
                                  pg_catalog.current_database(), pg_catalog.getdatabaseencoding()),
                  HINT = 'Create the database with ENCODING ''UTF8'' (and TEMPLATE template0 if template1 is not UTF8), then CREATE EXTENSION dsm_policy in it.';
    END IF;
END
$$;

COMMENT ON SCHEMA @extschema@ IS
'dsm_policy: the Shuangyashan digital-economy policy measures (2022), their dated parameters and award rules.';

------------------------------------------------------------------------------
-- Functions the tables need
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.in_extension_script()
RETURNS boolean
AS 'MODULE_PATHNAME', 'in_extension_script'
LANGUAGE C STABLE PARALLEL RESTRICTED;

COMMENT ON FUNCTION @extschema@.in_extension_script() IS
'True while CREATE EXTENSION or ALTER EXTENSION UPDATE runs a dsm_policy script: only then may shipped rows change.';

CREATE FUNCTION @extschema@.guard_shipped_rows()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@.in_extension_script() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD WHEN 'TRUNCATE' THEN NULL ELSE NEW END;
    END IF;

    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'cannot truncate %: it holds rows shipped with dsm_policy', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation',
                  HINT = 'Delete your own rows with DELETE ... WHERE NOT shipped.';
    END IF;

    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.shipped THEN
        RAISE EXCEPTION 'cannot % a shipped row of %', lower(TG_OP), TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation',
                  DETAIL = 'Rows with shipped = true are the policy as enacted; they change only with an extension upgrade.',
                  HINT = 'Add a row of your own instead: another scenario, or a later validity.';
    END IF;

    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.shipped THEN
        RAISE EXCEPTION 'cannot mark a row of % as shipped', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME
            USING ERRCODE = 'check_violation',
                  DETAIL = 'Column shipped is true only for rows the extension script installs.',
                  HINT = 'Leave shipped at its default, false.';
    END IF;

    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

COMMENT ON FUNCTION @extschema@.guard_shipped_rows() IS
'Trigger: refuses to insert, update, delete or truncate shipped rows outside the extension scripts, so that pg_dump (which saves only rows with shipped = false) restores every table exactly.';

------------------------------------------------------------------------------
-- Enterprise identity: the unified social credit code (GB 32100-2015)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.credit_code_check(text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'credit_code_check'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.credit_code_check(text) IS
'True for a valid unified social credit code (GB 32100-2015); otherwise raises check_violation (23514) saying which character or rule fails. The CHECK of domain credit_code.';

CREATE FUNCTION @extschema@.credit_code_is_valid(text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'credit_code_is_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.credit_code_is_valid(text) IS
'True for a valid unified social credit code (GB 32100-2015), false otherwise; never raises. For filtering and data-quality reports.';

CREATE FUNCTION @extschema@.credit_code_check_character(text)
RETURNS text
AS 'MODULE_PATHNAME', 'credit_code_check_character_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.credit_code_check_character(text) IS
'The check character (18th) of a unified social credit code, from its first 17 characters.';

CREATE DOMAIN @extschema@.credit_code AS text
    CONSTRAINT credit_code_gb32100 CHECK (@extschema@.credit_code_check(VALUE));

COMMENT ON DOMAIN @extschema@.credit_code IS
'A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and ABCDEFGHJKLMNPQRTUWXY, the last a check character over the first 17.';

------------------------------------------------------------------------------
-- The policy document
------------------------------------------------------------------------------

CREATE TABLE @extschema@.policy (
    policy_code      text PRIMARY KEY
                     CONSTRAINT policy_code_format CHECK (policy_code ~ '^[a-z0-9][a-z0-9_-]*$'),
    title_zh         text NOT NULL,
    title_en         text NOT NULL,
    issuer_zh        text NOT NULL,
    issuer_en        text NOT NULL,
    implements       text,
    adopted_on       date NOT NULL,
    published_on     date NOT NULL,
    in_force         daterange NOT NULL
                     CONSTRAINT policy_in_force_bounded CHECK (NOT isempty(in_force) AND NOT lower_inf(in_force)),
    stacking_rule    text NOT NULL
                     CONSTRAINT policy_stacking_rule_known CHECK (stacking_rule IN ('highest_only')),
    stacking_rule_zh text,
    stacking_note    text,
    shipped          boolean NOT NULL DEFAULT false,
    text_zh          text,
    CONSTRAINT policy_published_after_adoption CHECK (published_on >= adopted_on),
    CONSTRAINT policy_in_force_after_publication CHECK (lower(in_force) >= published_on)
);

COMMENT ON TABLE @extschema@.policy IS
'Policy documents: what each document says of itself. The award rules read the dated rows of table parameter, not this table.';
COMMENT ON COLUMN @extschema@.policy.policy_code IS 'Short stable name of the document, lower case (e.g. sys-digital-economy-2022).';
COMMENT ON COLUMN @extschema@.policy.title_zh IS 'Title in Chinese, as published.';
COMMENT ON COLUMN @extschema@.policy.title_en IS 'Title in English.';
COMMENT ON COLUMN @extschema@.policy.issuer_zh IS 'Issuing authority, in Chinese.';
COMMENT ON COLUMN @extschema@.policy.issuer_en IS 'Issuing authority, in English.';
COMMENT ON COLUMN @extschema@.policy.implements IS 'The higher-level document this one implements.';
COMMENT ON COLUMN @extschema@.policy.adopted_on IS 'Date the issuer adopted the document.';
COMMENT ON COLUMN @extschema@.policy.published_on IS 'Date of publication.';
COMMENT ON COLUMN @extschema@.policy.in_force IS 'Period the document states it is in force (half-open daterange). The engine uses the in_force parameter, which may be amended.';
COMMENT ON COLUMN @extschema@.policy.stacking_rule IS 'How awards of one project in one year combine: highest_only = only the highest is paid (从高不重复).';
COMMENT ON COLUMN @extschema@.policy.stacking_rule_zh IS 'The stacking rule in the words of the document.';
COMMENT ON COLUMN @extschema@.policy.stacking_note IS 'The reading of the stacking rule the product follows.';
COMMENT ON COLUMN @extschema@.policy.text_zh IS 'The full text of the document, as published (the readings register quotes it verbatim).';
COMMENT ON COLUMN @extschema@.policy.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

------------------------------------------------------------------------------
-- Sections and clauses
------------------------------------------------------------------------------

CREATE TABLE @extschema@.section (
    section_code   text PRIMARY KEY
                   CONSTRAINT section_code_format CHECK (section_code ~ '^[0-9]+(\.[0-9]+)?$'),
    policy_code    text NOT NULL REFERENCES @extschema@.policy,
    title_zh       text NOT NULL,
    title_en       text NOT NULL,
    shipped        boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE @extschema@.section IS
'Parts (一、二、三) and their sections ((一)(二)...) of a policy document.';
COMMENT ON COLUMN @extschema@.section.section_code IS 'Part number, or part.section: 1.1 is section (一) of part 一.';
COMMENT ON COLUMN @extschema@.section.policy_code IS 'The document the section belongs to.';
COMMENT ON COLUMN @extschema@.section.title_zh IS 'Heading in Chinese.';
COMMENT ON COLUMN @extschema@.section.title_en IS 'Heading in English.';
COMMENT ON COLUMN @extschema@.section.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

CREATE TABLE @extschema@.clause (
    clause_code    text PRIMARY KEY
                   CONSTRAINT clause_code_format CHECK (clause_code ~ '^[0-9]+(\.[0-9]+)?$'),
    policy_code    text NOT NULL REFERENCES @extschema@.policy,
    section_code   text NOT NULL REFERENCES @extschema@.section,
    sort_key       integer NOT NULL UNIQUE,
    title_zh       text NOT NULL,
    title_en       text NOT NULL,
    award_kind     text NOT NULL
                   CONSTRAINT clause_award_kind_known
                   CHECK (award_kind IN ('share', 'fixed', 'spending_share', 'approved', 'none')),
    basis          text
                   CONSTRAINT clause_basis_known
                   CHECK (basis IN ('provincial_amount', 'expenditure', 'approved_amount')),
    basis_en       text,
    cap_scope      text
                   CONSTRAINT clause_cap_scope_known
                   CHECK (cap_scope IN ('application', 'enterprise_year', 'project', 'product')),
    shipped        boolean NOT NULL DEFAULT false,
    CONSTRAINT clause_basis_fits_kind CHECK (
        CASE award_kind
            WHEN 'share'          THEN basis = 'provincial_amount'
            WHEN 'spending_share' THEN basis = 'expenditure'
            WHEN 'approved'       THEN basis = 'approved_amount'
            ELSE basis IS NULL
        END),
    CONSTRAINT clause_cap_scope_fits_kind CHECK (
        (award_kind IN ('share', 'spending_share', 'fixed')) = (cap_scope IS NOT NULL))
);

COMMENT ON TABLE @extschema@.clause IS
'The measures of a policy, one row per award rule: clause 2 has three (2.1, 2.2, 2.3). award_kind, basis and cap_scope say how the engine computes an award; the numbers are in table parameter.';
COMMENT ON COLUMN @extschema@.clause.clause_code IS 'Clause number as in the document; 2.1 to 2.3 are the three awards of clause 2. Applications refer to it.';
COMMENT ON COLUMN @extschema@.clause.policy_code IS 'The document that introduced the clause.';
COMMENT ON COLUMN @extschema@.clause.section_code IS 'Part or section the clause stands in.';
COMMENT ON COLUMN @extschema@.clause.sort_key IS 'Document order (2.1 after 2, before 3).';
COMMENT ON COLUMN @extschema@.clause.title_zh IS 'Clause heading in Chinese, as published.';
COMMENT ON COLUMN @extschema@.clause.title_en IS 'What the clause rewards, in English.';
COMMENT ON COLUMN @extschema@.clause.award_kind IS 'share = a ratio of the basis, capped; fixed = a fixed sum (by enterprise size); spending_share = a ratio of actual spending, capped; approved = the amount a responsible unit approves case by case; none = support without a cash award under this policy.';
COMMENT ON COLUMN @extschema@.clause.basis IS 'The application amount a share is taken of: provincial_amount (what the province granted), expenditure (actual spending), approved_amount; NULL for fixed and none.';
COMMENT ON COLUMN @extschema@.clause.basis_en IS 'The basis in the words of the policy.';
COMMENT ON COLUMN @extschema@.clause.cap_scope IS 'What one cap covers: application; enterprise_year (one enterprise in one award year); project (one project across years); product (one product across years). NULL where nothing is computed.';
COMMENT ON COLUMN @extschema@.clause.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

------------------------------------------------------------------------------
-- Responsible units (责任单位)
------------------------------------------------------------------------------

CREATE TABLE @extschema@.responsible_unit (
    unit_code      text PRIMARY KEY
                   CONSTRAINT responsible_unit_code_format CHECK (unit_code ~ '^[a-z][a-z0-9_]*$'),
    name_zh        text NOT NULL UNIQUE,
    name_en        text NOT NULL UNIQUE,
    shipped        boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE @extschema@.responsible_unit IS
'City units named as responsible (责任单位) for clauses.';
COMMENT ON COLUMN @extschema@.responsible_unit.unit_code IS 'Short stable name of the unit.';
COMMENT ON COLUMN @extschema@.responsible_unit.name_zh IS 'Name in Chinese, as in the document (what city staff search for).';
COMMENT ON COLUMN @extschema@.responsible_unit.name_en IS 'Name in English.';
COMMENT ON COLUMN @extschema@.responsible_unit.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

CREATE TABLE @extschema@.clause_unit (
    clause_code    text NOT NULL REFERENCES @extschema@.clause,
    unit_code      text NOT NULL REFERENCES @extschema@.responsible_unit,
    position       integer NOT NULL CONSTRAINT clause_unit_position_positive CHECK (position > 0),
    shipped        boolean NOT NULL DEFAULT false,
    PRIMARY KEY (clause_code, unit_code),
    UNIQUE (clause_code, position)
);

COMMENT ON TABLE @extschema@.clause_unit IS
'Which responsible units answer for which clause, in the order the document names them.';
COMMENT ON COLUMN @extschema@.clause_unit.clause_code IS 'The clause.';
COMMENT ON COLUMN @extschema@.clause_unit.unit_code IS 'A unit responsible for it.';
COMMENT ON COLUMN @extschema@.clause_unit.position IS 'Order in the document''s list (1 = named first, the lead unit).';
COMMENT ON COLUMN @extschema@.clause_unit.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

------------------------------------------------------------------------------
-- Parameters: every number and condition, with its validity
------------------------------------------------------------------------------

CREATE TABLE @extschema@.scenario (
    scenario       text PRIMARY KEY
                   CONSTRAINT scenario_name_format CHECK (scenario ~ '^[a-z][a-z0-9_]*$'),
    description    text NOT NULL,
    shipped        boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE @extschema@.scenario IS
'Named sets of parameter rows. enacted is the policy in force; a what-if scenario holds only the rows it overrides.';
COMMENT ON COLUMN @extschema@.scenario.scenario IS 'Name: lower case letters, digits and _.';
COMMENT ON COLUMN @extschema@.scenario.description IS 'What the scenario assumes.';
COMMENT ON COLUMN @extschema@.scenario.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

CREATE TABLE @extschema@.parameter_definition (
    name           text NOT NULL
                   CONSTRAINT parameter_definition_name_format CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    value_type     text NOT NULL
                   CONSTRAINT parameter_definition_value_type_known
                   CHECK (value_type IN ('ratio', 'amount', 'count', 'date', 'flag', 'choice')),
    level          text NOT NULL
                   CONSTRAINT parameter_definition_level_known CHECK (level IN ('policy', 'clause')),
    unit           text,
    description    text NOT NULL,
    shipped        boolean NOT NULL DEFAULT false
                   CONSTRAINT parameter_definition_shipped_only CHECK (shipped),
    PRIMARY KEY (name),
    UNIQUE (name, value_type, level)
);

COMMENT ON TABLE @extschema@.parameter_definition IS
'The parameter names the award rules know, with the type of value each takes. Part of the extension: a name the engine does not read would mean nothing, so users add parameter rows, not names.';
COMMENT ON COLUMN @extschema@.parameter_definition.name IS 'Parameter name, as used in table parameter.';
COMMENT ON COLUMN @extschema@.parameter_definition.value_type IS 'Which value column a row of this parameter fills: ratio, amount, count, date, flag or choice (one of the values table parameter_choice lists for the name).';
COMMENT ON COLUMN @extschema@.parameter_definition.level IS 'policy: rows have no clause_code; clause: rows name a clause.';
COMMENT ON COLUMN @extschema@.parameter_definition.unit IS 'Unit of the value (yuan, months, stars, ...).';
COMMENT ON COLUMN @extschema@.parameter_definition.description IS 'What the parameter means and how the rules use it.';
COMMENT ON COLUMN @extschema@.parameter_definition.shipped IS 'Always true: definitions come with the extension.';

CREATE TABLE @extschema@.parameter_choice (
    name           text NOT NULL REFERENCES @extschema@.parameter_definition,
    value          text NOT NULL
                   CONSTRAINT parameter_choice_value_format CHECK (value ~ '^[a-z][a-z0-9_]*$'),
    description    text NOT NULL,
    shipped        boolean NOT NULL DEFAULT false
                   CONSTRAINT parameter_choice_shipped_only CHECK (shipped),
    PRIMARY KEY (name, value)
);

COMMENT ON TABLE @extschema@.parameter_choice IS
'The values a parameter of type choice takes: a reading of the text that the engine knows both ways (stacking_scope all_awards or other_policies_only, ...). Part of the extension, like parameter_definition.';
COMMENT ON COLUMN @extschema@.parameter_choice.name IS 'A parameter of type choice.';
COMMENT ON COLUMN @extschema@.parameter_choice.value IS 'One of its values, as a row of table parameter gives it in value_choice.';
COMMENT ON COLUMN @extschema@.parameter_choice.description IS 'What the value means.';
COMMENT ON COLUMN @extschema@.parameter_choice.shipped IS 'Always true: the values come with the extension.';

CREATE TABLE @extschema@.parameter (
    parameter_id   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    policy_code    text NOT NULL REFERENCES @extschema@.policy,
    clause_code    text REFERENCES @extschema@.clause,
    name           text NOT NULL,
    scenario       text NOT NULL DEFAULT 'enacted' REFERENCES @extschema@.scenario,
    validity       daterange NOT NULL,
    value_ratio    numeric,
    value_amount   numeric,
    value_count    integer,
    value_date     date,
    value_flag     boolean,
    source_zh      text,
    note           text,
    shipped        boolean NOT NULL DEFAULT false,
    -- added in 1.2, hence after shipped (an upgraded table has the same order)
    value_choice   text,
    value_type     text GENERATED ALWAYS AS (
                       CASE
                           WHEN value_ratio  IS NOT NULL THEN 'ratio'
                           WHEN value_amount IS NOT NULL THEN 'amount'
                           WHEN value_count  IS NOT NULL THEN 'count'
                           WHEN value_date   IS NOT NULL THEN 'date'
                           WHEN value_flag   IS NOT NULL THEN 'flag'
                           WHEN value_choice IS NOT NULL THEN 'choice'
                       END) STORED,
    level          text GENERATED ALWAYS AS (
                       CASE WHEN clause_code IS NULL THEN 'policy' ELSE 'clause' END) STORED,

    CONSTRAINT parameter_exactly_one_value
        CHECK (num_nonnulls(value_ratio, value_amount, value_count, value_date, value_flag, value_choice) = 1),
    CONSTRAINT parameter_ratio_in_0_1
        CHECK (value_ratio >= 0 AND value_ratio <= 1),
    CONSTRAINT parameter_ratio_max_6_decimals
        CHECK (scale(value_ratio) <= 6),
    CONSTRAINT parameter_amount_finite_below_1e12
        CHECK (value_amount < 1e12),
    CONSTRAINT parameter_amount_max_2_decimals
        CHECK (scale(value_amount) <= 2),
    CONSTRAINT parameter_amount_not_negative
        CHECK (value_amount >= 0),
    CONSTRAINT parameter_count_not_negative
        CHECK (value_count >= 0),
    CONSTRAINT parameter_validity_not_empty
        CHECK (NOT isempty(validity)),
    CONSTRAINT parameter_validity_has_start
        CHECK (NOT lower_inf(validity)),
    CONSTRAINT parameter_value_fits_definition
        FOREIGN KEY (name, value_type, level)
        REFERENCES @extschema@.parameter_definition (name, value_type, level),
    CONSTRAINT parameter_choice_known
        FOREIGN KEY (name, value_choice) REFERENCES @extschema@.parameter_choice (name, value),
    CONSTRAINT parameter_no_overlap
        EXCLUDE USING gist ((coalesce(clause_code, '')) WITH =, name WITH =, scenario WITH =, validity WITH &&)
);

COMMENT ON TABLE @extschema@.parameter IS
'Every number and condition of a policy, one row each, valid over a date range and for a scenario. The rules use, for an application, the row valid on its qualifying date: in its scenario, else in enacted. At most one row per clause, name and scenario on any day (constraint parameter_no_overlap).';
COMMENT ON COLUMN @extschema@.parameter.parameter_id IS 'Row identity; the parameter version an award decision cites.';
COMMENT ON COLUMN @extschema@.parameter.policy_code IS 'The document that enacted the number.';
COMMENT ON COLUMN @extschema@.parameter.clause_code IS 'The clause it belongs to; NULL for parameters of the whole policy (level policy).';
COMMENT ON COLUMN @extschema@.parameter.name IS 'A name from parameter_definition.';
COMMENT ON COLUMN @extschema@.parameter.scenario IS 'enacted, or a what-if scenario that overrides it.';
COMMENT ON COLUMN @extschema@.parameter.validity IS 'Qualifying dates the row applies to: a half-open daterange, [first day, day after the last day). An open upper bound means until further notice.';
COMMENT ON COLUMN @extschema@.parameter.value_ratio IS 'For ratios: a fraction in [0, 1] (0.2 = 20 %), at most 6 decimals.';
COMMENT ON COLUMN @extschema@.parameter.value_amount IS 'For amounts: yuan, at most 2 decimals, 0 <= amount < 1e12.';
COMMENT ON COLUMN @extschema@.parameter.value_count IS 'For whole numbers: months, stars, years, enterprises.';
COMMENT ON COLUMN @extschema@.parameter.value_date IS 'For dates.';
COMMENT ON COLUMN @extschema@.parameter.value_flag IS 'For conditions: true = the condition applies.';
COMMENT ON COLUMN @extschema@.parameter.value_choice IS 'For choices between readings: one of the values table parameter_choice lists for the name.';
COMMENT ON COLUMN @extschema@.parameter.value_type IS 'Which value column is filled (derived); must match parameter_definition.';
COMMENT ON COLUMN @extschema@.parameter.level IS 'policy when clause_code is NULL, else clause (derived); must match parameter_definition.';
COMMENT ON COLUMN @extschema@.parameter.source_zh IS 'The words of the document the row comes from.';
COMMENT ON COLUMN @extschema@.parameter.note IS 'The reading followed, or why the row was added.';
COMMENT ON COLUMN @extschema@.parameter.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

CREATE TABLE @extschema@.reading (
    reading_code   text PRIMARY KEY
                   CONSTRAINT reading_code_format CHECK (reading_code ~ '^[a-z][a-z0-9_]*$'),
    policy_code    text NOT NULL REFERENCES @extschema@.policy,
    clause_code    text REFERENCES @extschema@.clause,
    sort_key       integer NOT NULL,
    quote_zh       text NOT NULL
                   CONSTRAINT reading_quote_not_blank CHECK (btrim(quote_zh) <> ''),
    reading        text NOT NULL,
    alternatives   text,
    parameter_name text REFERENCES @extschema@.parameter_definition,
    shipped        boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE @extschema@.reading IS
'The readings register: every place where the text of a policy leaves a choice and the engine makes one, with the words of the text (verbatim), the reading followed, the alternatives, and the parameter that holds it when it is one (a scenario can then try another reading). View reading_register shows each with its value.';
COMMENT ON COLUMN @extschema@.reading.reading_code IS 'Short stable name of the reading.';
COMMENT ON COLUMN @extschema@.reading.policy_code IS 'The document whose text is read.';
COMMENT ON COLUMN @extschema@.reading.clause_code IS 'The clause read; NULL for the whole policy.';
COMMENT ON COLUMN @extschema@.reading.sort_key IS 'Document order of the readings.';
COMMENT ON COLUMN @extschema@.reading.quote_zh IS 'The words of the text the reading rests on, copied verbatim from policy.text_zh.';
COMMENT ON COLUMN @extschema@.reading.reading IS 'The reading the engine follows.';
COMMENT ON COLUMN @extschema@.reading.alternatives IS 'The other readings the words allow.';
COMMENT ON COLUMN @extschema@.reading.parameter_name IS 'The parameter that holds the reading, when it is one; NULL when it is a rule of the engine (doc/reference.md).';
COMMENT ON COLUMN @extschema@.reading.shipped IS 'True for rows installed by the extension; those are read-only and not dumped.';

------------------------------------------------------------------------------
-- Guards, and pg_dump registration
------------------------------------------------------------------------------

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['policy', 'section', 'clause', 'responsible_unit', 'clause_unit',
                             'scenario', 'parameter_definition', 'parameter_choice', 'parameter', 'reading']
    LOOP
        EXECUTE format('CREATE TRIGGER guard_shipped_rows BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.%I '
                       'FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_shipped_rows()', t);
        EXECUTE format('CREATE TRIGGER guard_shipped_rows_truncate BEFORE TRUNCATE ON @extschema@.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.guard_shipped_rows()', t);
        EXECUTE format('COMMENT ON TRIGGER guard_shipped_rows ON @extschema@.%I IS %L', t,
                       'Shipped rows are read-only outside extension scripts; users cannot add shipped rows.');
        EXECUTE format('COMMENT ON TRIGGER guard_shipped_rows_truncate ON @extschema@.%I IS %L', t,
                       'TRUNCATE would remove shipped rows: refused outside extension scripts.');
    END LOOP;
END
$$;

-- What each constraint enforces, for \d+ readers and error hunters.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT * FROM (VALUES
            ('policy', 'policy_code_format', 'policy_code is lower case letters, digits, _ and -.'),
            ('policy', 'policy_in_force_bounded', 'The in-force period is not empty and has a first day.'),
            ('policy', 'policy_stacking_rule_known', 'The stacking rule is one the engine knows: highest_only.'),
            ('policy', 'policy_published_after_adoption', 'A document is published on or after its adoption.'),
            ('policy', 'policy_in_force_after_publication', 'A document takes effect on or after its publication.'),
            ('section', 'section_code_format', 'section_code is a part number or part.section, e.g. 1 or 1.2.'),
            ('clause', 'clause_code_format', 'clause_code is a clause number, e.g. 3 or 2.1.'),
            ('clause', 'clause_award_kind_known', 'award_kind is share, fixed, spending_share, approved or none.'),
            ('clause', 'clause_basis_known', 'basis is provincial_amount, expenditure or approved_amount.'),
            ('clause', 'clause_cap_scope_known', 'cap_scope is application, enterprise_year, project or product.'),
            ('clause', 'clause_basis_fits_kind', 'share takes provincial_amount, spending_share expenditure, approved approved_amount; fixed and none no basis.'),
            ('clause', 'clause_cap_scope_fits_kind', 'Clauses that compute an award (share, spending_share, fixed) have a cap scope; the others none.'),
            ('responsible_unit', 'responsible_unit_code_format', 'unit_code is lower case letters, digits and _.'),
            ('clause_unit', 'clause_unit_position_positive', 'Positions in a clause''s list of units start at 1.'),
            ('scenario', 'scenario_name_format', 'A scenario name is lower case letters, digits and _, starting with a letter.'),
            ('parameter_definition', 'parameter_definition_name_format', 'A parameter name is lower case letters, digits and _.'),
            ('parameter_definition', 'parameter_definition_value_type_known', 'value_type is ratio, amount, count, date, flag or choice.'),
            ('parameter_choice', 'parameter_choice_value_format', 'A choice value is lower case letters, digits and _.'),
            ('parameter_choice', 'parameter_choice_shipped_only', 'Choice values come with the extension: users cannot add values.'),
            ('parameter_definition', 'parameter_definition_level_known', 'level is policy or clause.'),
            ('parameter_definition', 'parameter_definition_shipped_only', 'Definitions come with the extension: users cannot add names.'),
            ('parameter', 'parameter_exactly_one_value', 'A row fills exactly one of value_ratio, value_amount, value_count, value_date, value_flag, value_choice.'),
            ('parameter', 'parameter_choice_known', 'A choice is one of the values table parameter_choice lists for the name.'),
            ('parameter', 'parameter_ratio_in_0_1', 'A ratio is a fraction in [0, 1] (NaN is refused).'),
            ('parameter', 'parameter_ratio_max_6_decimals', 'A ratio has at most 6 decimals.'),
            ('parameter', 'parameter_amount_finite_below_1e12', 'An amount is a finite number below 1e12 yuan (NaN and Infinity are refused).'),
            ('parameter', 'parameter_amount_max_2_decimals', 'An amount is in whole fen: at most 2 decimals.'),
            ('parameter', 'parameter_amount_not_negative', 'An amount is not negative.'),
            ('parameter', 'parameter_count_not_negative', 'A count is not negative.'),
            ('parameter', 'parameter_validity_not_empty', 'The validity range is not empty.'),
            ('parameter', 'parameter_validity_has_start', 'The validity range has a first day.'),
            ('parameter', 'parameter_value_fits_definition', 'The name exists in parameter_definition, with the value column and level (clause or policy) it defines.'),
            ('parameter', 'parameter_no_overlap', 'At most one row per clause, name and scenario on any day.'),
            ('reading', 'reading_code_format', 'reading_code is lower case letters, digits and _.'),
            ('reading', 'reading_quote_not_blank', 'A reading quotes the text.')
        ) AS t (tbl, con, text)
    LOOP
        EXECUTE format('COMMENT ON CONSTRAINT %I ON @extschema@.%I IS %L', c.con, c.tbl, c.text);
    END LOOP;
END
$$;

COMMENT ON CONSTRAINT credit_code_gb32100 ON DOMAIN @extschema@.credit_code IS
'The value passes credit_code_check: 18 characters of the code alphabet and the right check character.';

-- The tables users add rows to; pg_dump keeps those rows, not the shipped ones.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.policy', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.section', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.clause', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.responsible_unit', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.clause_unit', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scenario', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.parameter', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.reading', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.parameter', 'parameter_id'), '');

------------------------------------------------------------------------------
-- Audit trail of the policy tables (1.1)
------------------------------------------------------------------------------

CREATE TABLE @extschema@.activity_log (
    change_id       bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    changed_at      timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
    changed_by      text NOT NULL DEFAULT SESSION_USER,
    transaction_id  bigint NOT NULL DEFAULT pg_catalog.txid_current(),
    table_name      text NOT NULL,
    operation       text NOT NULL
                    CONSTRAINT activity_log_operation_known CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    row_key         text NOT NULL,
    old_row         jsonb,
    new_row         jsonb,
    CONSTRAINT activity_log_rows_fit_operation
        CHECK ((old_row IS NULL) = (operation = 'INSERT') AND (new_row IS NULL) = (operation = 'DELETE'))
);

CREATE INDEX activity_log_row_idx ON @extschema@.activity_log (table_name, row_key, change_id);

COMMENT ON TABLE @extschema@.activity_log IS
'The audit trail: every insert, update and delete of a row of the policy tables (policy, section, clause, responsible_unit, clause_unit, scenario, parameter, reading), of the applications and of the other awards, outside the extension''s own scripts: who, when, the old row and the new row. Written by triggers; nobody can change or delete its rows.';
COMMENT ON COLUMN @extschema@.activity_log.change_id IS 'Order of the changes.';
COMMENT ON COLUMN @extschema@.activity_log.changed_at IS 'Start of the statement that made the change.';
COMMENT ON COLUMN @extschema@.activity_log.changed_by IS 'Who made the change: the role that logged in (session_user), which SET ROLE does not hide.';
COMMENT ON COLUMN @extschema@.activity_log.transaction_id IS 'The transaction: changes loaded together share it.';
COMMENT ON COLUMN @extschema@.activity_log.table_name IS 'The table changed.';
COMMENT ON COLUMN @extschema@.activity_log.operation IS 'INSERT, UPDATE or DELETE.';
COMMENT ON COLUMN @extschema@.activity_log.row_key IS 'The row''s primary key, its columns joined by |.';
COMMENT ON COLUMN @extschema@.activity_log.old_row IS 'The row before the change (UPDATE, DELETE).';
COMMENT ON COLUMN @extschema@.activity_log.new_row IS 'The row after the change (INSERT, UPDATE).';
COMMENT ON CONSTRAINT activity_log_operation_known ON @extschema@.activity_log IS 'operation is INSERT, UPDATE or DELETE.';
COMMENT ON CONSTRAINT activity_log_rows_fit_operation ON @extschema@.activity_log IS 'An INSERT has only a new row, a DELETE only an old row, an UPDATE both.';
COMMENT ON INDEX @extschema@.activity_log_row_idx IS 'The history of one row.';

-- Only the trigger function below (owned by the extension's owner) writes it.
REVOKE ALL ON @extschema@.activity_log FROM PUBLIC;

CREATE FUNCTION @extschema@.refuse_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@.in_extension_script() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD WHEN 'TRUNCATE' THEN NULL ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'cannot % rows of %: it is append-only', lower(TG_OP), TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation',
              DETAIL = CASE TG_TABLE_NAME
                           WHEN 'activity_log' THEN 'The audit trail records changes; it is never changed itself.'
                           ELSE 'Settled amounts never change: a correction is a new entry (correct_settled_decision).'
                       END;
END
$$;

COMMENT ON FUNCTION @extschema@.refuse_change() IS
'Trigger of the append-only tables (activity_log, settlement, ledger): refuses UPDATE, DELETE and TRUNCATE for every role, the owner included, outside extension scripts.';

CREATE FUNCTION @extschema@.record_change()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_json jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    old_json jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    key_text text;
    recorded jsonb;
    next_id bigint;
    last_id bigint;
BEGIN
    -- the extension's scripts are the release itself, recorded by its version
    IF @extschema@.in_extension_script() THEN
        RETURN NULL;
    END IF;

    -- the primary key columns are the trigger's arguments
    SELECT string_agg(coalesce(coalesce(new_json, old_json) ->> k, ''), '|' ORDER BY n)
      INTO key_text
      FROM unnest(TG_ARGV) WITH ORDINALITY AS a (k, n);

    IF TG_OP = 'INSERT' THEN
        -- A restore loads activity_log before the tables it audits (pg_dump
        -- restores unrelated tables in name order: keep the name first) and
        -- then inserts rows whose last recorded state is exactly this row:
        -- the log already holds that insert.
        SELECT t.new_row INTO recorded
          FROM @extschema@.activity_log t
         WHERE t.table_name = TG_TABLE_NAME AND t.row_key = key_text
         ORDER BY t.change_id DESC
         LIMIT 1;
        IF recorded = new_json THEN
            RETURN NULL;
        END IF;
    ELSIF TG_OP = 'UPDATE' AND old_json = new_json THEN
        RETURN NULL;
    END IF;

    -- After a restore the sequence may lag behind the restored rows: catch up.
    next_id := nextval('@extschema@.activity_log_change_id_seq');
    SELECT max(l.change_id) INTO last_id FROM @extschema@.activity_log l;
    IF last_id >= next_id THEN
        next_id := last_id + 1;
        PERFORM setval('@extschema@.activity_log_change_id_seq', next_id);
    END IF;

    INSERT INTO @extschema@.activity_log (change_id, table_name, operation, row_key, old_row, new_row)
    VALUES (next_id, TG_TABLE_NAME, TG_OP, key_text, old_json, new_json);
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION @extschema@.record_change() IS
'Trigger of the policy tables: writes each changed row, before and after, to activity_log. Its arguments name the primary key columns. Changes made by the extension''s own scripts, updates that change nothing, and a restore re-inserting a row the trail already records are not written again.';

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT * FROM (VALUES
            ('policy', ARRAY['policy_code']),
            ('section', ARRAY['section_code']),
            ('clause', ARRAY['clause_code']),
            ('responsible_unit', ARRAY['unit_code']),
            ('clause_unit', ARRAY['clause_code', 'unit_code']),
            ('scenario', ARRAY['scenario']),
            ('parameter', ARRAY['parameter_id']),
            ('reading', ARRAY['reading_code'])
        ) AS v (tbl, key_columns)
    LOOP
        EXECUTE format('CREATE TRIGGER record_change AFTER INSERT OR UPDATE OR DELETE ON @extschema@.%I '
                       'FOR EACH ROW EXECUTE FUNCTION @extschema@.record_change(%s)',
                       t.tbl, array_to_string(ARRAY(SELECT quote_literal(k) FROM unnest(t.key_columns) k), ', '));
        EXECUTE format('COMMENT ON TRIGGER record_change ON @extschema@.%I IS %L', t.tbl,
                       'Writes every change of a row to activity_log.');
    END LOOP;
END
$$;

CREATE TRIGGER refuse_change BEFORE UPDATE OR DELETE ON @extschema@.activity_log
    FOR EACH ROW EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER refuse_change_truncate BEFORE TRUNCATE ON @extschema@.activity_log
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
COMMENT ON TRIGGER refuse_change ON @extschema@.activity_log IS 'The audit trail is append-only.';
COMMENT ON TRIGGER refuse_change_truncate ON @extschema@.activity_log IS 'The audit trail is append-only.';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.activity_log', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.activity_log', 'change_id'), '');

------------------------------------------------------------------------------
-- Shipped rows: the policy as enacted
------------------------------------------------------------------------------

INSERT INTO @extschema@.policy
    (policy_code, title_zh, title_en, issuer_zh, issuer_en, implements,
     adopted_on, published_on, in_force, stacking_rule, stacking_rule_zh, stacking_note, shipped, text_zh)
VALUES
    ('sys-digital-economy-2022',
     '双鸭山市推动数字经济高质量发展若干政策措施',
     'Several Policy Measures of Shuangyashan City to Promote High-Quality Development of the Digital Economy',
     '双鸭山市人民政府',
     'Shuangyashan City People''s Government',
     '黑龙江省人民政府关于印发推动“数字龙江”建设加快数字经济高质量发展若干政策措施的通知（黑政规〔2021〕14号）',
     DATE '2022-06-02', DATE '2022-06-28', daterange('2022-07-28', '2025-12-31', '[]'),
     'highest_only',
     '符合本政策措施的项目，同时符合我市其他扶持政策规定的，在同一年度内按“从高不重复”的原则予以支持，另有规定的除外。',
     'Reading: the group is (enterprise, project, award year); awards of this policy and of other city policies compete; only the highest is paid, a tie goes to the earliest application; a clause with the stacking_exempt parameter is outside the rule.',
     true,
     -- the whole document, as published (doc/policy/shuangyashan-digital-economy-2022.zh.txt)
     $policy$双鸭山市人民政府关于印发

《双鸭山市推动数字经济高质量发展

若干政策措施》的通知

各县（区）人民政府，市政府直属有关单位：
《双鸭山市推动数字经济高质量发展若干政策措施》已经2022年6月2日召开的市政府第七次常务会议审议通过，现印发给你们，请认真贯彻执行。

双鸭山市人民政府

2022年6月28日
双鸭山市推动数字经济高质量

发展若干政策措施

为贯彻落实《黑龙江省人民政府关于印发推动“数字龙江”建设加快数字经济高质量发展若干政策措施的通知》（黑政规〔2021〕14号）要求，加快推动我市传统产业数字化转型和中小企业数字化赋能，推动我市数字经济高质量发展，结合我市实际，制定本政策措施。

一、加快推动产业数字化

　　大力推进5G、工业互联网建设及应用，加快制造业数字化转型和中小企业数字化赋能，鼓励数字技术在智慧农业、智能制造、智能交通、智慧物流、数字社会、数字政府等方面应用，促进产业数字化智能化转型和创新发展。

　　（一）制造业数字化转型。
1.培育工业互联网应用新模式。鼓励企业利用5G实施内网改造，支持钢铁、食品、新材料、装备、民爆等行业企业开展智能化制造、网络化协同、个性化定制、服务化延伸、数字化管理、安全化生产等新模式新业态示范应用。对认定为省级示范的企业,市级财政按省级财政分档奖励的20%给予奖励，最高不超过40万元。〔责任单位：市工业和信息化局、市财政局〕
2.支持企业争创产业数字化国家级试点示范。对获得工信部工业互联网领域专项资金支持项目的牵头单位，市级财政按照省级财政补助的20%给予补助,最高不超过20万元；对获得工信部工业互联网、大数据、5G、信息消费等试点示范牵头单位，市级财政按照省级财政奖励的20%给予奖励，最高不超过10万元；对新通过国家两化融合管理体系贯标评定的企业，给予10万元奖励。〔责任单位：市工业和信息化局、市财政局〕

３.鼓励制造业企业用云。引导企业实施云化迁移，加快管理、服务、设备、数据等上云，构建新型研发、生产、管理和服务模式，提升数字化、网络化、智能化发展水平。对自申请补助前两年（包括申请年度）起购买使用云服务、发生实际支出、运行满三个月且申报时仍在使用各项云服务、上云评定三星级以上的制造业企业，按实际支出额的50%给予补助，规上企业不超过5万元，规下企业不超过3万元。按照申请时间，每年补助企业30户。〔责任单位：市工业和信息化局、市财政局〕

（二）中小企业数字化赋能。

4.开展中小企业数字化改造。鼓励和引导中小企业推进产品设计、制造设备、生产管理数字化，增强生产管控协同、市场响应、产业协作等能力，提升产品服务、生产制造、企业管理智能化水平。对认定为省级中小企业数字化示范标杆的企业，市级财政按照省级财政奖励的20%给予奖励，最高不超过10万元，其中省级“专精特新”中小企业按照省级财政奖励的20%给予奖励，最高不超过20万元。〔责任单位：市工业和信息化局、市财政局〕

5.实施中小企业上云工程。培育服务中小企业云平台，积极引导我市平台企业提升服务中小企业规模和质量，对于认定为省级标杆示范作用的工业互联网平台企业，市级财政按照省级财政分档奖励的10%给予奖励，最高不超过50万元。〔责任单位：市工业和信息化局、市财政局〕

（三）其他重点行业和领域数字化发展。
　　6.推动智慧农业建设。推动农业农村大数据中心建设，构建和完善市县两级农业农村大数据平台。开展数字农业示范试点，推广物联网、大数据、人工智能等技术在病虫害防治、质量追溯、农机作业、土地托管等领域应用，推动数字农业高质量发展。支持国家级和省级数字乡村试点地区建设，根据国家政策要求给予配套支持。〔责任单位：市农业农村局、市供销联社、市委网信办、市财政局〕
　　7.推动智能交通和智慧物流建设。开展高速公路和普通国省道准全天候管理系统、车路协同系统、智慧养护管理系统、智能建管平台和智能公交建设试点，加强治理超载超限管理系统建设。对纳入国家和省交通运输领域新型基础设施建设项目，按照国家规定给予资金支持。鼓励商贸物流企业在仓储、分拣、包装、配送等环节采用现代化物流装备设施，提高作业标准化、自动化、智能化水平。〔责任单位：市交通运输局、市商务局、市财政局〕
8.加快数字政府和数字社会建设。全面推进“一网通办”，提升政府服务数字经济发展效能。按省级社会治理大数据平台的统一数据标准和业务规范，规范建设、改造升级市域社会治理大数据平台，实现社会治理数据跨部门、跨区域、跨层级互联互通、信息共享，在精准预测、智慧决策等深度应用中发挥更大作用。加快完善文化和旅游信息化、数字化、智慧化，推动我市文化旅游产业资源创新发展。〔责任单位：市营商环境局、市委政法委、市发展改革委、市公安局、市文化广电和旅游局、市财政局、市工业和信息化局、各县（区）政府〕
　　二、加快推进数字产业发展

培育电子信息制造、软件、互联网、人工智能、大数据、云计算、区块链等数字产业，聚焦引进行业领军企业、培育本地企业，激发数字产业发展新动能。

（一）引进培育数字产业企业。

9.培育数字产业企业。出台数字产业招商政策，重点引进电子信息、软件、互联网等国内外数字产业百强企业。对履行统计填报义务、营业收入首次达到10亿元的数字产业企业，市级财政按照省级财政奖励的10%给予企业核心团队奖励，最高不超过50万元。〔责任单位：市经合局、市工业和信息化局、市财政局、各县（区）政府〕
10.支持依托省级以上开发区建设数字经济特色园区（基地）。落实省级在债券资金方面给予园区基础设施建设优先政策，落实省级分享增量税收返还政策，鼓励县（区）政府建设数字经济特色园区（基地）。〔责任单位：市商务局、市财政局〕
（二）支持工业互联网平台建设及应用。

　　11.培育工业互联网平台。培育工业互联网平台建设和运营企业，对落地我市的国家级工业互联网平台企业和省级工业互联网平台标杆示范企业，按照“一事一议”方式给予政策支持。〔责任单位：市工业和信息化局、市财政局〕

12.推进工业互联网标识解析企业节点建设。鼓励制造业企业接入黑龙江省工业互联网标识解析二级节点公共管理服务平台，对2021年1月1日起完成企业节点注册、运行满三个月且至少符合一项工业互联网标识解析创新应用模式的制造业企业，市级财政给予规上企业奖励2万元，规下企业奖励1万元。〔责任单位：市工业和信息化局、市财政局〕

（三）加快发展壮大数字产品制造业。

　　13.发展数字产品制造业。对纳入《黑龙江省重点数字产品指导目录》（以下简称《指导目录》）的产品，且项目投资额（设备和软件，下同）2000万元以上的建设项目，建成投产后，市级财政按照省级财政补助的10%给予补助，单个项目最高不超过60万元。〔责任单位：市工业和信息化局、市财政局〕

　　（四）大力发展软件和信息技术服务业。

　　14.支持软件和信息技术服务业企业做大做优。对新纳入规上统计且履行统计填报义务的软件和信息技术服务业、互联网和相关服务业企业，市级财政按照省级财政奖励的20%给予奖励，最高不超过10万元。〔责任单位：市工业和信息化局、市财政局〕 

　　15.支持首版次软件创新产品应用推广。支持具有软件研发能力的企业面向我市制造业数字化转型需求，研发嵌入式软件、应用软件系统和解决方案。对我市首次购买应用市内首版次软件创新产品的企业，市级财政按照省级财政补贴的20%给予补贴，单个产品补贴最高不超过10万元。〔责任单位：市工业和信息化局、市财政局〕

　　三、加强要素保障

　　16.加快新型信息基础设施建设。支持基础电信企业加快5G、千兆光纤网络建设，推动市县和重点园区5G基本覆盖，统筹推进IPv6规模部署和应用。（责任单位：市通信管理办公室、市工业和信息化局）

17.加强科技创新。鼓励软件和信息技术服务业、电子信息制造、软件开发、互联网、人工智能、大数据、云计算、区块链等领域的企业开展科技创新，加大对高新技术企业的资金奖励力度。支持企业在数字化建设方面建立技术创新中心、工程研究中心等科技创新平台，对新认定的国家级科技创新基地、省级新型研发机构及省级科技创新基地、省级企业技术中心、市级研发机构进行奖励。（责任单位：市科技局、市发展改革委、市工业和信息化局、市财政局）

18.加大人才培引。支持职业院校加强数字经济新兴学科建设，优化专业结构和师资配备，加强信息技术与传统工业、农业学科融合的复合型人才培养。深化产教融合、校企合作，建设一批数字经济产教融合联盟和人才培育基地。鼓励针对数字经济核心产业领域高端人才和骨干人才工资性收入增长、科技成果参与分配以及住房、医疗保障和子女入托入学等方面制订创新性优惠政策，提升数字经济人才吸引力。〔责任单位：市教育和体育局、市人力资源社会保障局、市委网信办、职教集团、各县（区）政府〕　　

19.加大金融支持。依据《黑龙江省数字经济核心产业企业融资担保贷款风险代偿补偿资金管理暂行办法》，鼓励担保机构开展软件著作权、专利权、商标专用权等质押担保贷款，引导银行业金融机构加大对初创期和成长期数字经济核心产业企业的贷款支持力度。〔责任单位：市工业和信息化局、市财政局、市市场监管局〕
　　20.降低数字经济企业办公场地租赁成本。鼓励县（区）政府整合各部门和事业单位闲置房产，在不改变房产所有权和性质的前提下，探索建立闲置资产盘活利用机制，为数字经济核心产业企业提供廉租办公场地，降低企业运营成本。〔责任单位：各县（区）政府〕
　　21.支持培育数据要素市场。推进政府数据开放共享，促进政务数据资源价值提升。建立规范的公共数据管理制度，提高数据质量，丰富公共数据产品，支撑数字经济新业态新模式。探索建立数据交易机制，激发数据资源活力。建立健全数据分类分级安全保护制度，加强政务数据、企业商业秘密和个人数据的保护。〔责任单位：市委网信办、市营商环境局、市发展改革委、市工业和信息化局〕
符合本政策措施的项目，同时符合我市其他扶持政策规定的，在同一年度内按“从高不重复”的原则予以支持，另有规定的除外。本政策措施自公布之日起三十日后施行，有效期至2025年12月31日。

	抄送：市委办公室、市委政法委、市委网信办，市纪委办公室，双鸭

　　　山军分区。
$policy$);

INSERT INTO @extschema@.section (section_code, policy_code, title_zh, title_en, shipped)
SELECT s.code, 'sys-digital-economy-2022', s.zh, s.en, true
FROM (VALUES
    ('1',   '一、加快推动产业数字化', 'I. Accelerate the digitalisation of industry'),
    ('1.1', '（一）制造业数字化转型', '(1) Digital transformation of manufacturing'),
    ('1.2', '（二）中小企业数字化赋能', '(2) Digital empowerment of SMEs'),
    ('1.3', '（三）其他重点行业和领域数字化发展', '(3) Digital development of other key industries and fields'),
    ('2',   '二、加快推进数字产业发展', 'II. Accelerate the development of digital industries'),
    ('2.1', '（一）引进培育数字产业企业', '(1) Attract and grow digital-industry enterprises'),
    ('2.2', '（二）支持工业互联网平台建设及应用', '(2) Support industrial-internet platforms and their use'),
    ('2.3', '（三）加快发展壮大数字产品制造业', '(3) Grow digital-product manufacturing'),
    ('2.4', '（四）大力发展软件和信息技术服务业', '(4) Develop software and IT services'),
    ('3',   '三、加强要素保障', 'III. Strengthen the supply of production factors')
) AS s (code, zh, en);

INSERT INTO @extschema@.clause
    (clause_code, policy_code, section_code, sort_key, title_zh, title_en,
     award_kind, basis, basis_en, cap_scope, shipped)
SELECT c.code, 'sys-digital-economy-2022', c.section, c.sort_key, c.zh, c.en,
       c.kind, c.basis, c.basis_en, c.cap_scope, true
FROM (VALUES
    ('1',   '1.1', 100, '培育工业互联网应用新模式（省级示范企业）',
            'Provincial demonstration of new industrial-internet application modes',
            'share', 'provincial_amount', 'provincial tiered award', 'application'),
    ('2.1', '1.1', 210, '工信部工业互联网领域专项资金支持项目牵头单位',
            'Lead unit of a project funded by MIIT industrial-internet special funds',
            'share', 'provincial_amount', 'provincial subsidy', 'application'),
    ('2.2', '1.1', 220, '工信部工业互联网、大数据、5G、信息消费等试点示范牵头单位',
            'Lead unit of an MIIT pilot demonstration (industrial internet, big data, 5G, information consumption)',
            'share', 'provincial_amount', 'provincial award', 'application'),
    ('2.3', '1.1', 230, '新通过国家两化融合管理体系贯标评定的企业',
            'Newly passed the national assessment of the integration of informatisation and industrialisation management system',
            'fixed', NULL, NULL, 'application'),
    ('3',   '1.1', 300, '鼓励制造业企业用云',
            'Manufacturers adopting cloud services',
            'spending_share', 'expenditure', 'actual cloud spending', 'enterprise_year'),
    ('4',   '1.2', 400, '开展中小企业数字化改造（省级中小企业数字化示范标杆）',
            'Provincial SME digital-transformation demonstration benchmark',
            'share', 'provincial_amount', 'provincial award', 'application'),
    ('5',   '1.2', 500, '实施中小企业上云工程（省级标杆示范工业互联网平台企业）',
            'Provincial benchmark industrial-internet platform serving SMEs',
            'share', 'provincial_amount', 'provincial tiered award', 'application'),
    ('6',   '1.3', 600, '推动智慧农业建设',
            'Smart agriculture: matching support for national and provincial digital-village pilots',
            'approved', 'approved_amount', 'amount approved by the responsible unit', NULL),
    ('7',   '1.3', 700, '推动智能交通和智慧物流建设',
            'Smart transport and logistics: funds under national rules',
            'approved', 'approved_amount', 'amount approved by the responsible unit', NULL),
    ('8',   '1.3', 800, '加快数字政府和数字社会建设',
            'Digital government and digital society',
            'none', NULL, NULL, NULL),
    ('9',   '2.1', 900, '培育数字产业企业（营业收入首次达到10亿元）',
            'Digital-industry enterprise whose operating revenue first reaches 1 billion yuan (award to its core team)',
            'share', 'provincial_amount', 'provincial award', 'application'),
    ('10',  '2.1', 1000, '支持依托省级以上开发区建设数字经济特色园区（基地）',
            'Digital-economy parks in provincial or higher development zones',
            'none', NULL, NULL, NULL),
    ('11',  '2.2', 1100, '培育工业互联网平台（一事一议）',
            'National and provincial benchmark industrial-internet platforms settling in the city (case by case)',
            'approved', 'approved_amount', 'amount approved case by case (一事一议)', NULL),
    ('12',  '2.2', 1200, '推进工业互联网标识解析企业节点建设',
            'Industrial-internet identifier-resolution enterprise node',
            'fixed', NULL, NULL, 'application'),
    ('13',  '2.3', 1300, '发展数字产品制造业',
            'Product in the provincial key digital products catalogue, project investment at least 20 million yuan, built and in production',
            'share', 'provincial_amount', 'provincial subsidy', 'project'),
    ('14',  '2.4', 1400, '支持软件和信息技术服务业企业做大做优',
            'Software, IT-service or internet enterprise newly counted above-scale',
            'share', 'provincial_amount', 'provincial award', 'application'),
    ('15',  '2.4', 1500, '支持首版次软件创新产品应用推广',
            'First purchase by a city enterprise of a city-made first-version software product',
            'share', 'provincial_amount', 'provincial subsidy', 'product'),
    ('16',  '3',  1600, '加快新型信息基础设施建设',
            'New information infrastructure (5G, gigabit fibre, IPv6)',
            'none', NULL, NULL, NULL),
    ('17',  '3',  1700, '加强科技创新',
            'Science and technology innovation (new innovation bases, R&D institutions)',
            'approved', 'approved_amount', 'amount approved by the responsible unit', NULL),
    ('18',  '3',  1800, '加大人才培引',
            'Talent training and attraction',
            'none', NULL, NULL, NULL),
    ('19',  '3',  1900, '加大金融支持',
            'Financial support (guaranteed loans)',
            'none', NULL, NULL, NULL),
    ('20',  '3',  2000, '降低数字经济企业办公场地租赁成本',
            'Lower office rent for digital-economy enterprises',
            'none', NULL, NULL, NULL),
    ('21',  '3',  2100, '支持培育数据要素市场',
            'Data as a production factor: open data and a data market',
            'none', NULL, NULL, NULL)
) AS c (code, section, sort_key, zh, en, kind, basis, basis_en, cap_scope);

INSERT INTO @extschema@.responsible_unit (unit_code, name_zh, name_en, shipped)
SELECT u.code, u.zh, u.en, true
FROM (VALUES
    ('industry_it',        '市工业和信息化局',       'City Bureau of Industry and Information Technology'),
    ('finance',            '市财政局',               'City Finance Bureau'),
    ('agriculture',        '市农业农村局',           'City Agriculture and Rural Affairs Bureau'),
    ('supply_marketing',   '市供销联社',             'City Supply and Marketing Cooperative'),
    ('cyberspace',         '市委网信办',             'Cyberspace Affairs Office of the City Party Committee'),
    ('transport',          '市交通运输局',           'City Transport Bureau'),
    ('commerce',           '市商务局',               'City Commerce Bureau'),
    ('business_env',       '市营商环境局',           'City Business Environment Bureau'),
    ('political_legal',    '市委政法委',             'Political and Legal Affairs Committee of the City Party Committee'),
    ('development_reform', '市发展改革委',           'City Development and Reform Commission'),
    ('public_security',    '市公安局',               'City Public Security Bureau'),
    ('culture_tourism',    '市文化广电和旅游局',     'City Culture, Radio, Television and Tourism Bureau'),
    ('county_gov',         '各县（区）政府',         'County (district) governments'),
    ('economic_coop',      '市经合局',               'City Economic Cooperation Bureau'),
    ('communications',     '市通信管理办公室',       'City Communications Administration Office'),
    ('science_tech',       '市科技局',               'City Science and Technology Bureau'),
    ('education_sports',   '市教育和体育局',         'City Education and Sports Bureau'),
    ('hr_social_security', '市人力资源社会保障局',   'City Human Resources and Social Security Bureau'),
    ('vocational_edu',     '职教集团',               'Vocational Education Group'),
    ('market_supervision', '市市场监管局',           'City Market Supervision Bureau')
) AS u (code, zh, en);

-- The units of each clause, in the order the document lists them.
INSERT INTO @extschema@.clause_unit (clause_code, unit_code, position, shipped)
SELECT l.clause_code, u.unit_code, u.position, true
FROM (VALUES
    ('1',   ARRAY['industry_it', 'finance']),
    ('2.1', ARRAY['industry_it', 'finance']),
    ('2.2', ARRAY['industry_it', 'finance']),
    ('2.3', ARRAY['industry_it', 'finance']),
    ('3',   ARRAY['industry_it', 'finance']),
    ('4',   ARRAY['industry_it', 'finance']),
    ('5',   ARRAY['industry_it', 'finance']),
    ('6',   ARRAY['agriculture', 'supply_marketing', 'cyberspace', 'finance']),
    ('7',   ARRAY['transport', 'commerce', 'finance']),
    ('8',   ARRAY['business_env', 'political_legal', 'development_reform', 'public_security',
                  'culture_tourism', 'finance', 'industry_it', 'county_gov']),
    ('9',   ARRAY['economic_coop', 'industry_it', 'finance', 'county_gov']),
    ('10',  ARRAY['commerce', 'finance']),
    ('11',  ARRAY['industry_it', 'finance']),
    ('12',  ARRAY['industry_it', 'finance']),
    ('13',  ARRAY['industry_it', 'finance']),
    ('14',  ARRAY['industry_it', 'finance']),
    ('15',  ARRAY['industry_it', 'finance']),
    ('16',  ARRAY['communications', 'industry_it']),
    ('17',  ARRAY['science_tech', 'development_reform', 'industry_it', 'finance']),
    ('18',  ARRAY['education_sports', 'hr_social_security', 'cyberspace', 'vocational_edu', 'county_gov']),
    ('19',  ARRAY['industry_it', 'finance', 'market_supervision']),
    ('20',  ARRAY['county_gov']),
    ('21',  ARRAY['cyberspace', 'business_env', 'development_reform', 'industry_it'])
) AS l (clause_code, units)
CROSS JOIN LATERAL unnest(l.units) WITH ORDINALITY AS u (unit_code, position);

INSERT INTO @extschema@.scenario (scenario, description, shipped)
VALUES ('enacted', 'The parameters as enacted by the policy documents and their amendments.', true);

INSERT INTO @extschema@.parameter_definition (name, value_type, level, unit, description, shipped)
SELECT d.name, d.value_type, d.level, d.unit, d.description, true
FROM (VALUES
    ('in_force', 'flag', 'policy', NULL,
     'The policy applies to applications whose qualifying date lies in the row''s validity (true), or is suspended (false).'),
    ('share_ratio', 'ratio', 'clause', NULL,
     'Share of the basis the city pays; the share is rounded half away from zero to the fen, then capped.'),
    ('cap', 'amount', 'clause', 'yuan',
     'Cap on the award, per the clause''s cap_scope, for every enterprise.'),
    ('cap_above_scale', 'amount', 'clause', 'yuan',
     'Cap for an above-scale (规上) enterprise; replaces cap.'),
    ('cap_below_scale', 'amount', 'clause', 'yuan',
     'Cap for a below-scale (规下) enterprise; replaces cap.'),
    ('cap_specialized_sme', 'amount', 'clause', 'yuan',
     'Cap for a provincial specialised, refined, distinctive and novel (专精特新) SME; replaces the other caps.'),
    ('fixed_amount', 'amount', 'clause', 'yuan',
     'Fixed award for every enterprise.'),
    ('fixed_amount_above_scale', 'amount', 'clause', 'yuan',
     'Fixed award for an above-scale enterprise.'),
    ('fixed_amount_below_scale', 'amount', 'clause', 'yuan',
     'Fixed award for a below-scale enterprise.'),
    ('provincial_max', 'amount', 'clause', 'yuan',
     'Highest provincial amount known for the basis: a recorded provincial amount above it is flagged as a likely data-entry error.'),
    ('provincial_max_specialized_sme', 'amount', 'clause', 'yuan',
     'Highest provincial amount known for a specialised SME (replaces provincial_max for it).'),
    ('min_investment', 'amount', 'clause', 'yuan',
     'Condition: project investment (equipment and software) at least this amount.'),
    ('min_revenue', 'amount', 'clause', 'yuan',
     'Condition: operating revenue at least this amount.'),
    ('min_cloud_stars', 'count', 'clause', 'stars',
     'Condition: cloud-adoption rating at least this many stars.'),
    ('min_running_months', 'count', 'clause', 'months',
     'Condition: service_start plus this many months is on or before the application date.'),
    ('purchase_window_years', 'count', 'clause', 'years',
     'Condition: service_start on or after 1 January of the application year minus this many years.'),
    ('min_service_start_date', 'date', 'clause', NULL,
     'Condition: service_start (node registration) on or after this date.'),
    ('quota_enterprises_per_year', 'count', 'clause', 'enterprises',
     'Quota: at most this many distinct enterprises are paid per award year, in order of application time.'),
    ('requires_manufacturer', 'flag', 'clause', NULL,
     'Condition: the applicant is a manufacturing enterprise.'),
    ('requires_in_use', 'flag', 'clause', NULL,
     'Condition: the service is still in use when applying.'),
    ('requires_innovative_mode', 'flag', 'clause', NULL,
     'Condition: the node meets at least one innovative application mode.'),
    ('requires_in_catalogue', 'flag', 'clause', NULL,
     'Condition: the product is in the provincial key digital products catalogue.'),
    ('requires_in_production', 'flag', 'clause', NULL,
     'Condition: the project is built and in production.'),
    ('requires_statistics_reporting', 'flag', 'clause', NULL,
     'Condition: the enterprise fulfils its statistical reporting duty.'),
    ('requires_above_scale', 'flag', 'clause', NULL,
     'Condition: the enterprise is above-scale.'),
    ('once_only', 'choice', 'clause', NULL,
     'The award is given once: per enterprise (enterprise) or per enterprise and product (enterprise_product, the product is project_ref); none lifts an enacted limit. A repeat of an application that qualified first is ineligible.'),
    ('eligible_from', 'date', 'clause', NULL,
     'The clause covers events (qualifying dates) from this date; without a row, from the policy''s first day in force. An event before the policy took effect, on or after this date, is decided with the parameters of the policy''s first day.'),
    ('requires_city_made_product', 'flag', 'clause', NULL,
     'Condition: the product is made in the city (市内).'),
    ('exclusive_spending_period', 'flag', 'clause', NULL,
     'The same service (project_ref) of the same enterprise is subsidised once for any day: a spending period (expenditure_from to expenditure_until) that overlaps that of an earlier subsidised application is ineligible.'),
    ('purchase_window_applies_to', 'choice', 'clause', NULL,
     'What the purchase window of purchase_window_years is checked on: service_start (the service was bought in the window) or expenditure_from (the spending period starts in it).'),
    ('stacking_scope', 'choice', 'policy', NULL,
     'Which awards compete in the stacking rule (从高不重复): all_awards (this policy''s own awards as well as other policies'') or other_policies_only (this policy''s awards compete only with other policies'').'),
    ('stacking_exempt', 'flag', 'clause', NULL,
     'The clause is outside the stacking rule ("unless otherwise provided"); absent means false.')
) AS d (name, value_type, level, unit, description);

-- Every number and condition of the digest, valid 2022-07-28 to 2025-12-31.
INSERT INTO @extschema@.parameter
    (policy_code, clause_code, name, validity,
     value_ratio, value_amount, value_count, value_date, value_flag, source_zh, note, shipped)
SELECT 'sys-digital-economy-2022', p.clause_code, p.name, daterange('2022-07-28', '2025-12-31', '[]'),
       p.ratio, p.amount, p.count, p.day, p.flag, p.source_zh, p.note, true
FROM (VALUES
    (NULL,  'in_force',                   NULL::numeric, NULL::numeric, NULL::integer, NULL::date, true,
     '本政策措施自公布之日起三十日后施行，有效期至2025年12月31日。',
     'Reading: an application is under the policy when its qualifying date is in force.'),

    ('1',   'share_ratio',                0.20, NULL, NULL, NULL, NULL, '按省级财政分档奖励的20%给予奖励', NULL),
    ('1',   'cap',                        NULL, 400000, NULL, NULL, NULL, '最高不超过40万元', NULL),
    ('1',   'provincial_max',             NULL, 2000000, NULL, NULL, NULL, NULL,
     'Provincial tiered award at most 2,000,000 (黑政规〔2021〕14号).'),

    ('2.1', 'share_ratio',                0.20, NULL, NULL, NULL, NULL, '按照省级财政补助的20%给予补助', NULL),
    ('2.1', 'cap',                        NULL, 200000, NULL, NULL, NULL, '最高不超过20万元', NULL),
    ('2.1', 'provincial_max',             NULL, 1000000, NULL, NULL, NULL, NULL,
     'Provincial subsidy: 20 % of the MIIT support, at most 1,000,000.'),

    ('2.2', 'share_ratio',                0.20, NULL, NULL, NULL, NULL, '按照省级财政奖励的20%给予奖励', NULL),
    ('2.2', 'cap',                        NULL, 100000, NULL, NULL, NULL, '最高不超过10万元', NULL),
    ('2.2', 'provincial_max',             NULL, 500000, NULL, NULL, NULL, NULL, 'Provincial award 500,000.'),

    ('2.3', 'fixed_amount',               NULL, 100000, NULL, NULL, NULL, '给予10万元奖励', NULL),

    ('3',   'share_ratio',                0.50, NULL, NULL, NULL, NULL, '按实际支出额的50%给予补助', NULL),
    ('3',   'cap_above_scale',            NULL, 50000, NULL, NULL, NULL, '规上企业不超过5万元', NULL),
    ('3',   'cap_below_scale',            NULL, 30000, NULL, NULL, NULL, '规下企业不超过3万元', NULL),
    ('3',   'requires_manufacturer',      NULL, NULL, NULL, NULL, true, '制造业企业', NULL),
    ('3',   'purchase_window_years',      NULL, NULL, 1, NULL, NULL, '自申请补助前两年（包括申请年度）起购买使用云服务',
     'Reading: the service start is on or after 1 January of the year before the application year.'),
    ('3',   'min_running_months',         NULL, NULL, 3, NULL, NULL, '运行满三个月', NULL),
    ('3',   'requires_in_use',            NULL, NULL, NULL, NULL, true, '申报时仍在使用各项云服务', NULL),
    ('3',   'min_cloud_stars',            NULL, NULL, 3, NULL, NULL, '上云评定三星级以上', NULL),
    ('3',   'quota_enterprises_per_year', NULL, NULL, 30, NULL, NULL, '按照申请时间，每年补助企业30户', NULL),

    ('4',   'share_ratio',                0.20, NULL, NULL, NULL, NULL, '按照省级财政奖励的20%给予奖励', NULL),
    ('4',   'cap',                        NULL, 100000, NULL, NULL, NULL, '最高不超过10万元', NULL),
    ('4',   'cap_specialized_sme',        NULL, 200000, NULL, NULL, NULL, '其中省级“专精特新”中小企业……最高不超过20万元', NULL),
    ('4',   'provincial_max',             NULL, 500000, NULL, NULL, NULL, NULL, 'Provincial award 500,000.'),
    ('4',   'provincial_max_specialized_sme', NULL, 1000000, NULL, NULL, NULL, NULL,
     'Provincial award 1,000,000 for national little-giant or single-champion firms (later provincial rules).'),

    ('5',   'share_ratio',                0.10, NULL, NULL, NULL, NULL, '按照省级财政分档奖励的10%给予奖励', NULL),
    ('5',   'cap',                        NULL, 500000, NULL, NULL, NULL, '最高不超过50万元', NULL),

    ('9',   'share_ratio',                0.10, NULL, NULL, NULL, NULL, '按照省级财政奖励的10%给予企业核心团队奖励', NULL),
    ('9',   'cap',                        NULL, 500000, NULL, NULL, NULL, '最高不超过50万元', NULL),
    ('9',   'requires_statistics_reporting', NULL, NULL, NULL, NULL, true, '履行统计填报义务', NULL),
    ('9',   'min_revenue',                NULL, 1000000000, NULL, NULL, NULL, '营业收入首次达到10亿元', NULL),
    ('9',   'provincial_max',             NULL, 5000000, NULL, NULL, NULL, NULL, 'Provincial one-off award 5,000,000 to the core team.'),

    ('12',  'fixed_amount_above_scale',   NULL, 20000, NULL, NULL, NULL, '给予规上企业奖励2万元', NULL),
    ('12',  'fixed_amount_below_scale',   NULL, 10000, NULL, NULL, NULL, '规下企业奖励1万元', NULL),
    ('12',  'requires_manufacturer',      NULL, NULL, NULL, NULL, true, '制造业企业', NULL),
    ('12',  'min_service_start_date',     NULL, NULL, NULL, DATE '2021-01-01', NULL, '2021年1月1日起完成企业节点注册', NULL),
    ('12',  'min_running_months',         NULL, NULL, 3, NULL, NULL, '运行满三个月', NULL),
    ('12',  'requires_innovative_mode',   NULL, NULL, NULL, NULL, true, '至少符合一项工业互联网标识解析创新应用模式', NULL),

    ('13',  'share_ratio',                0.10, NULL, NULL, NULL, NULL, '按照省级财政补助的10%给予补助', NULL),
    ('13',  'cap',                        NULL, 600000, NULL, NULL, NULL, '单个项目最高不超过60万元', NULL),
    ('13',  'min_investment',             NULL, 20000000, NULL, NULL, NULL, '项目投资额（设备和软件）2000万元以上', NULL),
    ('13',  'requires_in_catalogue',      NULL, NULL, NULL, NULL, true, '纳入《黑龙江省重点数字产品指导目录》的产品', NULL),
    ('13',  'requires_in_production',     NULL, NULL, NULL, NULL, true, '建成投产后', NULL),

    ('14',  'share_ratio',                0.20, NULL, NULL, NULL, NULL, '按照省级财政奖励的20%给予奖励', NULL),
    ('14',  'cap',                        NULL, 100000, NULL, NULL, NULL, '最高不超过10万元', NULL),
    ('14',  'requires_statistics_reporting', NULL, NULL, NULL, NULL, true, '履行统计填报义务', NULL),
    ('14',  'requires_above_scale',       NULL, NULL, NULL, NULL, true, '新纳入规上统计',
     'Reading: an enterprise newly counted above-scale is above-scale when it applies.'),
    ('14',  'provincial_max',             NULL, 500000, NULL, NULL, NULL, NULL, 'Provincial one-off award 500,000.'),

    ('15',  'share_ratio',                0.20, NULL, NULL, NULL, NULL, '按照省级财政补贴的20%给予补贴', NULL),
    ('15',  'cap',                        NULL, 100000, NULL, NULL, NULL, '单个产品补贴最高不超过10万元', NULL)
) AS p (clause_code, name, ratio, amount, count, day, flag, source_zh, note);

-- The values of the parameters of type choice (src/award.c lists the same).
INSERT INTO @extschema@.parameter_choice (name, value, description, shipped)
SELECT c.name, c.value, c.description, true
FROM (VALUES
    ('once_only', 'enterprise', 'Once per enterprise (and clause).'),
    ('once_only', 'enterprise_product', 'Once per enterprise and product (project_ref).'),
    ('once_only', 'none', 'No limit: lifts an enacted once_only, for a scenario.'),
    ('purchase_window_applies_to', 'service_start', 'The cloud service was bought (service_start) in the window.'),
    ('purchase_window_applies_to', 'expenditure_from', 'The spending period starts (expenditure_from) in the window, whenever the service was bought.'),
    ('stacking_scope', 'all_awards', 'All awards to the project in the year compete, this policy''s own clauses included.'),
    ('stacking_scope', 'other_policies_only', 'This policy''s awards compete only with other city policies'' awards, not with each other.')
) AS c (name, value, description);

-- The readings of version 1.2 (doc/reference.md, "Readings"): each quotes the text.
INSERT INTO @extschema@.parameter
    (policy_code, clause_code, name, validity, value_date, value_flag, value_choice, source_zh, note, shipped)
SELECT 'sys-digital-economy-2022', p.clause_code, p.name, daterange('2022-07-28', '2025-12-31', '[]'),
       p.day, p.flag, p.choice, p.source_zh, p.note, true
FROM (VALUES
    (NULL,  'stacking_scope',             NULL::date, NULL::boolean, 'all_awards',
     '符合本政策措施的项目，同时符合我市其他扶持政策规定的，在同一年度内按“从高不重复”的原则予以支持',
     'Reading: all awards to the project in the year compete, this policy''s own clauses included; the literal reading (other_policies_only) is the other value.'),
    ('2.3', 'once_only',                  NULL, NULL, 'enterprise', '对新通过国家两化融合管理体系贯标评定的企业，给予10万元奖励',
     'Reading: newly passed (新通过): once per enterprise.'),
    ('3',   'exclusive_spending_period',  NULL, true, NULL, '按实际支出额的50%给予补助',
     'Reading: the actual spending of a service is subsidised once for any day.'),
    ('3',   'purchase_window_applies_to', NULL, NULL, 'service_start', '自申请补助前两年（包括申请年度）起购买使用云服务',
     'Reading: the service was bought in the window (the intent is migration to the cloud, 引导企业实施云化迁移).'),
    ('9',   'once_only',                  NULL, NULL, 'enterprise', '营业收入首次达到10亿元',
     'Reading: first reaches (首次达到): once per enterprise.'),
    ('12',  'eligible_from',              DATE '2021-01-01', NULL, NULL, '对2021年1月1日起完成企业节点注册',
     'Reading: the clause covers registrations from 2021-01-01, before the policy took effect.'),
    ('12',  'once_only',                  NULL, NULL, 'enterprise', '完成企业节点注册',
     'Reading: completing the registration happens once: once per enterprise.'),
    ('14',  'once_only',                  NULL, NULL, 'enterprise', '对新纳入规上统计且履行统计填报义务的软件和信息技术服务业、互联网和相关服务业企业',
     'Reading: newly counted above-scale (新纳入规上统计): once per enterprise.'),
    ('15',  'once_only',                  NULL, NULL, 'enterprise_product', '对我市首次购买应用市内首版次软件创新产品的企业',
     'Reading: the first purchase (首次购买): once per buyer and product.'),
    ('15',  'requires_city_made_product', NULL, true, NULL, '市内首版次软件创新产品',
     'Reading: a first-version product made in the city (市内).')
) AS p (clause_code, name, day, flag, choice, source_zh, note);

-- Every place where the text leaves a choice and the engine makes one.
INSERT INTO @extschema@.reading
    (reading_code, policy_code, clause_code, sort_key, quote_zh, reading, alternatives, parameter_name, shipped)
SELECT r.code, 'sys-digital-economy-2022', r.clause_code, r.sort_key, r.quote_zh, r.reading, r.alternatives, r.parameter_name, true
FROM (VALUES
    ('effective_date', NULL, 10, '本政策措施自公布之日起三十日后施行',
     'In force from 2022-07-28: thirty days after publication on 2022-06-28, the day of publication counted as day 0.',
     'From 2022-07-29, counting thirty days from the day after publication.', 'in_force'),
    ('validity_end', NULL, 20, '有效期至2025年12月31日',
     'The policy covers events (qualifying dates) up to 2025-12-31. The text sets no deadline for claims: an event of 2025 claimed in 2026 is decided normally.',
     'Applications must also be made by 2025-12-31.', 'in_force'),
    ('qualifying_date', NULL, 30, '对认定为省级示范的企业',
     'An application falls under the policy, its parameters and its award year by its qualifying date: the date of the recognition, approval or event that triggers the award, not the date of the application.',
     'The application date decides.', NULL),
    ('stacking_group', NULL, 40, '在同一年度内按“从高不重复”的原则予以支持',
     'The group is one enterprise''s project in one award year; only its highest award is paid; a tie goes to another policy''s award, then to the earlier application.',
     'The group is the enterprise in the year, whatever the project.', NULL),
    ('stacking_scope', NULL, 50, '符合本政策措施的项目，同时符合我市其他扶持政策规定的',
     'All awards to the project in the year compete, this policy''s own clauses included (the usual practice: no project is supported twice for one year).',
     'The literal reading: only a project that also qualifies under the city''s other policies is limited, so this policy''s own clauses do not compete with each other (other_policies_only).', 'stacking_scope'),
    ('other_policies_lower', NULL, 60, '从高不重复',
     'When one of this policy''s awards outranks another policy''s award on the same project and year, the other award should be withheld by its department: view other_award_outranked lists them.',
     'Both are paid, or the lower one is not reported to anyone.', NULL),
    ('stacking_exempt', NULL, 70, '另有规定的除外',
     'No clause is outside the stacking rule unless a parameter row says so.',
     'Some clause is "otherwise provided".', 'stacking_exempt'),
    ('caps_count_paid', '13', 80, '单个项目最高不超过60万元',
     'A cap shared by several applications (per enterprise and year, per project, per product) counts only what this policy pays: superseded, over-quota and ineligible applications use none of it. Award years are settled in order; within a year, stacking compares each application''s claim (its amount cut to what earlier years left of its cap), then the winners share the cap in application order.',
     'A cap counts every amount computed, paid or not.', NULL),
    ('rounding', '1', 90, '按省级财政分档奖励的20%给予奖励，最高不超过40万元',
     'A share is rounded half away from zero to the fen, then capped.',
     'Capped first, or rounded down.', NULL),
    ('once_only_2_3', '2.3', 100, '对新通过国家两化融合管理体系贯标评定的企业',
     'Newly passed (新通过): the award is given once per enterprise; a repeat is ineligible and names the first.',
     'Once per enterprise and year.', 'once_only'),
    ('cloud_window_years', '3', 110, '自申请补助前两年（包括申请年度）起购买使用云服务',
     'Two years including the application year: from 1 January of the year before the application year.',
     'The 24 months before the application date.', 'purchase_window_years'),
    ('cloud_window_date', '3', 120, '自申请补助前两年（包括申请年度）起购买使用云服务',
     'The service start must lie in the window (the intent is migration to the cloud, 引导企业实施云化迁移).',
     'The spending period must start in the window, whenever the service was bought (expenditure_from).', 'purchase_window_applies_to'),
    ('cloud_spending_periods', '3', 130, '发生实际支出',
     'The spending claimed covers a period (expenditure_from to expenditure_until; by default from the service start to the application date). The same service of the same enterprise is subsidised once for any day: a period overlapping that of an earlier subsidised application is ineligible.',
     'Each application''s spending is taken as given, so the same months can be claimed in two years.', 'exclusive_spending_period'),
    ('cloud_running_months', '3', 140, '运行满三个月且申报时仍在使用各项云服务',
     'Three calendar months from the service start to the application date, as PostgreSQL adds months (31 January + 1 month = 28 February).',
     'Ninety days.', 'min_running_months'),
    ('quota_order', '3', 150, '按照申请时间，每年补助企业30户',
     'Places go to enterprises, not applications, in order of each enterprise''s first eligible clause-3 application of the award year; its later applications that year share its place. A superseded or refused application still holds the place its enterprise took.',
     'Places by application, or by the time of the last application.', 'quota_enterprises_per_year'),
    ('quota_year', '3', 160, '每年补助企业30户',
     'The year of the quota is the award year: the year of the qualifying date.',
     'The year of the application.', NULL),
    ('specialized_sme_4', '4', 170, '其中省级“专精特新”中小企业按照省级财政奖励的20%给予奖励，最高不超过20万元',
     'A provincial specialised SME has the cap of 200,000 instead of 100,000 (20 % of the provincial 1,000,000 for such firms).',
     'The 200,000 cap applies only above a provincial award of 500,000.', 'cap_specialized_sme'),
    ('first_reaches_9', '9', 180, '营业收入首次达到10亿元',
     'First reaches (首次达到): the award is given once per enterprise.',
     'Once per year in which revenue is at least one billion.', 'once_only'),
    ('event_window_12', '12', 190, '对2021年1月1日起完成企业节点注册',
     'The clause covers registrations from 2021-01-01, before the policy took effect; such an event is decided with the parameters of the policy''s first day.',
     'Only events from the policy''s first day (2022-07-28).', 'eligible_from'),
    ('once_only_12', '12', 200, '完成企业节点注册',
     'Completing the registration happens once: the award is given once per enterprise.',
     'Once per node.', 'once_only'),
    ('above_scale_14', '14', 210, '对新纳入规上统计且履行统计填报义务的软件和信息技术服务业、互联网和相关服务业企业',
     'Newly counted above-scale (新纳入规上统计): the enterprise is above-scale when it applies, and the award is given once per enterprise.',
     'The enterprise must have been below-scale the year before (a fact the application does not hold).', 'requires_above_scale'),
    ('once_only_14', '14', 220, '新纳入规上统计',
     'Newly counted: the award is given once per enterprise.',
     'Once per year.', 'once_only'),
    ('city_made_15', '15', 230, '市内首版次软件创新产品',
     'The product must be a first-version product made in the city (市内): a fact on the application; false or missing is ineligible.',
     'Any first-version product.', 'requires_city_made_product'),
    ('first_purchase_15', '15', 240, '对我市首次购买应用市内首版次软件创新产品的企业',
     'The first purchase (首次购买): once per buyer and product; another product is another first purchase.',
     'Once per buyer, whatever the product.', 'once_only'),
    ('product_cap_15', '15', 250, '单个产品补贴最高不超过10万元',
     'The cap of 100,000 is per buyer and product, across years.',
     'Per product whoever buys it.', 'cap')
) AS r (code, clause_code, sort_key, quote_zh, reading, alternatives, parameter_name);

------------------------------------------------------------------------------
-- Reports on the catalogue
------------------------------------------------------------------------------

CREATE VIEW @extschema@.clause_catalogue AS
SELECT c.clause_code,
       c.sort_key,
       c.section_code,
       s.title_en AS section_title_en,
       c.title_zh,
       c.title_en,
       c.award_kind,
       c.basis,
       c.cap_scope,
       (SELECT string_agg(u.name_zh, '、' ORDER BY cu.position)
          FROM @extschema@.clause_unit cu
          JOIN @extschema@.responsible_unit u USING (unit_code)
         WHERE cu.clause_code = c.clause_code) AS units_zh,
       (SELECT string_agg(u.name_en, '; ' ORDER BY cu.position)
          FROM @extschema@.clause_unit cu
          JOIN @extschema@.responsible_unit u USING (unit_code)
         WHERE cu.clause_code = c.clause_code) AS units_en,
       c.policy_code
FROM @extschema@.clause c
JOIN @extschema@.section s USING (section_code);

COMMENT ON VIEW @extschema@.clause_catalogue IS
'One row per clause with its kind of award and its responsible units, in the document''s words. Order by sort_key for document order.';
COMMENT ON COLUMN @extschema@.clause_catalogue.clause_code IS 'Clause number (2.1 to 2.3 are the awards of clause 2).';
COMMENT ON COLUMN @extschema@.clause_catalogue.sort_key IS 'Document order.';
COMMENT ON COLUMN @extschema@.clause_catalogue.section_code IS 'Part or section of the document.';
COMMENT ON COLUMN @extschema@.clause_catalogue.section_title_en IS 'Heading of that part or section, in English.';
COMMENT ON COLUMN @extschema@.clause_catalogue.title_zh IS 'Clause heading in Chinese.';
COMMENT ON COLUMN @extschema@.clause_catalogue.title_en IS 'What the clause rewards, in English.';
COMMENT ON COLUMN @extschema@.clause_catalogue.award_kind IS 'share, fixed, spending_share, approved or none (see table clause).';
COMMENT ON COLUMN @extschema@.clause_catalogue.basis IS 'Application amount a share is taken of.';
COMMENT ON COLUMN @extschema@.clause_catalogue.cap_scope IS 'What one cap covers.';
COMMENT ON COLUMN @extschema@.clause_catalogue.units_zh IS 'Responsible units in Chinese, in the document''s order.';
COMMENT ON COLUMN @extschema@.clause_catalogue.units_en IS 'Responsible units in English, in the document''s order.';
COMMENT ON COLUMN @extschema@.clause_catalogue.policy_code IS 'The document that introduced the clause.';

CREATE VIEW @extschema@.parameter_report AS
SELECT p.scenario,
       p.clause_code,
       p.name AS parameter,
       p.value_type,
       CASE p.value_type
           WHEN 'ratio'  THEN trim_scale(p.value_ratio * 100)::text || ' %'
           WHEN 'amount' THEN to_char(p.value_amount, 'FM999,999,999,990.00')
           WHEN 'count'  THEN p.value_count::text || coalesce(' ' || CASE WHEN p.value_count = 1 THEN rtrim(d.unit, 's') ELSE d.unit END, '')
           WHEN 'date'   THEN to_char(p.value_date, 'YYYY-MM-DD')
           WHEN 'flag'   THEN CASE WHEN p.value_flag THEN 'yes' ELSE 'no' END
           WHEN 'choice' THEN p.value_choice
       END AS value_text,
       p.value_ratio,
       p.value_amount,
       p.value_count,
       p.value_date,
       p.value_flag,
       lower(p.validity) AS valid_from,
       (upper(p.validity) - 1) AS valid_until,
       p.policy_code,
       p.parameter_id,
       p.source_zh,
       d.description,
       p.shipped,
       p.value_choice,
       c.sort_key,
       c.title_zh AS clause_title_zh,
       c.title_en AS clause_title_en
FROM @extschema@.parameter p
JOIN @extschema@.parameter_definition d USING (name)
LEFT JOIN @extschema@.clause c ON c.clause_code = p.clause_code;

COMMENT ON VIEW @extschema@.parameter_report IS
'Every parameter row in plain words: value as text and in its typed column, first and last day of validity.';
COMMENT ON COLUMN @extschema@.parameter_report.scenario IS 'enacted or a what-if scenario.';
COMMENT ON COLUMN @extschema@.parameter_report.clause_code IS 'Clause; NULL for the whole policy.';
COMMENT ON COLUMN @extschema@.parameter_report.parameter IS 'Parameter name (see parameter_definition).';
COMMENT ON COLUMN @extschema@.parameter_report.value_type IS 'ratio, amount, count, date or flag.';
COMMENT ON COLUMN @extschema@.parameter_report.value_text IS 'The value for reading: 20 %, 400,000.00, 3 months, 2021-01-01, yes, all_awards.';
COMMENT ON COLUMN @extschema@.parameter_report.value_ratio IS 'Ratio as a fraction (0.2 = 20 %).';
COMMENT ON COLUMN @extschema@.parameter_report.value_amount IS 'Amount in yuan.';
COMMENT ON COLUMN @extschema@.parameter_report.value_count IS 'Whole-number value.';
COMMENT ON COLUMN @extschema@.parameter_report.value_date IS 'Date value.';
COMMENT ON COLUMN @extschema@.parameter_report.value_flag IS 'Condition value.';
COMMENT ON COLUMN @extschema@.parameter_report.valid_from IS 'First qualifying date the row applies to.';
COMMENT ON COLUMN @extschema@.parameter_report.valid_until IS 'Last qualifying date the row applies to (inclusive); NULL = until further notice.';
COMMENT ON COLUMN @extschema@.parameter_report.policy_code IS 'The document that enacted the row.';
COMMENT ON COLUMN @extschema@.parameter_report.parameter_id IS 'Row identity in table parameter.';
COMMENT ON COLUMN @extschema@.parameter_report.source_zh IS 'The words of the document.';
COMMENT ON COLUMN @extschema@.parameter_report.description IS 'What the parameter means.';
COMMENT ON COLUMN @extschema@.parameter_report.shipped IS 'True for rows installed with the extension.';
COMMENT ON COLUMN @extschema@.parameter_report.value_choice IS 'Choice value (one of parameter_choice).';
COMMENT ON COLUMN @extschema@.parameter_report.sort_key IS 'Document order of the clause; NULL for a parameter of the whole policy.';
COMMENT ON COLUMN @extschema@.parameter_report.clause_title_zh IS 'The clause''s title in Chinese; NULL for a parameter of the whole policy.';
COMMENT ON COLUMN @extschema@.parameter_report.clause_title_en IS 'The clause''s title in English; NULL for a parameter of the whole policy.';

-- What a clerk records for each clause: the application columns each of its
-- rules reads, from the engine's own list (rule_reads, in C), for the
-- parameter rows the clause has.  Derived, so it cannot drift.
CREATE FUNCTION @extschema@.rule_reads(OUT rule text, OUT name text, OUT columns text[])
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'rule_reads'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 40;

COMMENT ON FUNCTION @extschema@.rule_reads() IS
'The columns of table application each rule of the engine reads, beyond those every application has (credit_code, clause_code, applied_at, qualifying_date): one row per kind of award (rule award_kind) and per parameter (rule parameter), from the engine''s own list in src/award.h.';

CREATE VIEW @extschema@.clause_requirements AS
SELECT c.clause_code,
       c.sort_key,
       c.title_en AS clause_title,
       'award_kind'::text AS requirement,
       c.award_kind AS value_text,
       pg_catalog.array_to_string(r.columns, ', ') AS reads_columns,
       NULL::date AS valid_from,
       NULL::date AS valid_until,
       c.policy_code,
       CASE c.award_kind
           WHEN 'share' THEN 'The award is share_ratio x ' || c.basis || ' (' || c.basis_en || '), cut to the cap.'
           WHEN 'spending_share' THEN 'The award is share_ratio x ' || c.basis || ' (' || c.basis_en || '), cut to the cap.'
           WHEN 'fixed' THEN 'A fixed sum, by the enterprise''s scale.'
           WHEN 'approved' THEN 'The amount the responsible unit approves, case by case (approved_amount).'
           ELSE 'Support without a cash award.'
       END AS meaning
FROM @extschema@.clause c
JOIN @extschema@.rule_reads() r ON r.rule = 'award_kind' AND r.name = c.award_kind
UNION ALL
SELECT p.clause_code,
       c.sort_key,
       c.title_en,
       p.parameter,
       p.value_text,
       pg_catalog.array_to_string(r.columns, ', '),
       p.valid_from,
       p.valid_until,
       p.policy_code,
       p.description
FROM @extschema@.parameter_report p
JOIN @extschema@.clause c ON c.clause_code = p.clause_code
JOIN @extschema@.rule_reads() r ON r.rule = 'parameter' AND r.name = p.parameter
WHERE p.scenario = 'enacted'
  AND NOT (p.value_type = 'flag' AND NOT p.value_flag);   -- a flag that is off asks nothing

COMMENT ON VIEW @extschema@.clause_requirements IS
'What each clause needs of an application: its kind of award and each enacted parameter row it has (a condition, a cap, a quota ...), with the application columns that rule reads (reads_columns, from the engine''s own list: rule_reads) and the days the row is valid. Every application also needs credit_code, clause_code, project_ref, applied_at, qualifying_date and scale. Order by sort_key, requirement.';
COMMENT ON COLUMN @extschema@.clause_requirements.clause_code IS 'The clause.';
COMMENT ON COLUMN @extschema@.clause_requirements.sort_key IS 'The clause''s place in the document.';
COMMENT ON COLUMN @extschema@.clause_requirements.clause_title IS 'The clause''s title, in English.';
COMMENT ON COLUMN @extschema@.clause_requirements.requirement IS 'award_kind (how the amount is reached) or the parameter name.';
COMMENT ON COLUMN @extschema@.clause_requirements.value_text IS 'The kind of award, or the parameter''s value as parameter_report shows it.';
COMMENT ON COLUMN @extschema@.clause_requirements.reads_columns IS 'The application columns the rule reads, comma-separated; empty when it reads none beyond those every application has.';
COMMENT ON COLUMN @extschema@.clause_requirements.valid_from IS 'First day the parameter row is valid; NULL for award_kind.';
COMMENT ON COLUMN @extschema@.clause_requirements.valid_until IS 'Last day it is valid (NULL = open-ended, or award_kind).';
COMMENT ON COLUMN @extschema@.clause_requirements.policy_code IS 'The policy of the row.';
COMMENT ON COLUMN @extschema@.clause_requirements.meaning IS 'What the requirement means.';

CREATE VIEW @extschema@.reading_register AS
SELECT r.reading_code,
       r.clause_code,
       r.quote_zh,
       r.reading,
       r.alternatives,
       r.parameter_name,
       -- the value the engine uses: the row of the session's scenario before the
       -- enacted one, the row valid today before the latest one
       (SELECT p.value_text || ' (' || p.valid_from || ' to ' || coalesce(p.valid_until::text, 'further notice') || ')'
          FROM @extschema@.parameter_report p
         WHERE p.parameter = r.parameter_name
           AND p.clause_code IS NOT DISTINCT FROM r.clause_code
           AND p.scenario IN ('enacted', coalesce(current_setting('dsm_policy.scenario', true), 'enacted'))
         ORDER BY (p.valid_from <= current_date AND coalesce(p.valid_until >= current_date, true)) DESC,
                  p.valid_from DESC, (p.scenario = 'enacted')
         LIMIT 1) AS value
FROM @extschema@.reading r
ORDER BY r.sort_key;

COMMENT ON VIEW @extschema@.reading_register IS
'Every place where the policy text leaves a choice and the engine makes one: the words of the text (verbatim), the reading followed, the alternatives, and the parameter and its value when the reading is a parameter (SET dsm_policy.scenario to see a scenario''s value). In document order.';
COMMENT ON COLUMN @extschema@.reading_register.reading_code IS 'Short stable name of the reading.';
COMMENT ON COLUMN @extschema@.reading_register.clause_code IS 'The clause read; NULL for the whole policy.';
COMMENT ON COLUMN @extschema@.reading_register.quote_zh IS 'The words of the text, verbatim.';
COMMENT ON COLUMN @extschema@.reading_register.reading IS 'The reading the engine follows.';
COMMENT ON COLUMN @extschema@.reading_register.alternatives IS 'The other readings the words allow.';
COMMENT ON COLUMN @extschema@.reading_register.parameter_name IS 'The parameter holding the reading; NULL for a rule of the engine (doc/reference.md).';
COMMENT ON COLUMN @extschema@.reading_register.value IS 'The parameter''s value under the session''s scenario and its validity: the row valid today, else the latest one.';

------------------------------------------------------------------------------
-- The award engine: money at the boundary
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.yuan_to_fen(numeric)
RETURNS bigint
AS 'MODULE_PATHNAME', 'yuan_to_fen'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.yuan_to_fen(numeric) IS
'An amount in yuan as whole fen (bigint), read exactly as the engine reads its numeric arguments; an amount with a fraction of a fen, NaN or an infinity is an error.';

CREATE FUNCTION @extschema@.format_yuan(numeric)
RETURNS text
AS 'MODULE_PATHNAME', 'format_yuan'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.format_yuan(numeric) IS
'An amount as explanations print it: 1500000 -> 1,500,000.00.';

------------------------------------------------------------------------------
-- 免申即享 (1.2): the enterprise register, the provincial award feed and the
-- programmes it maps to clauses.  The city matches what it already holds to
-- the policy and proposes the award (propose_applications, below).
------------------------------------------------------------------------------

CREATE TABLE @extschema@.enterprise (
    register_id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    credit_code         @extschema@.credit_code NOT NULL,
    validity            daterange NOT NULL
                        CONSTRAINT enterprise_validity_bounded
                        CHECK (NOT isempty(validity) AND NOT lower_inf(validity)),
    enterprise_name     text,
    scale               text
                        CONSTRAINT enterprise_scale_known CHECK (scale IN ('above', 'below')),
    specialized         boolean,
    manufacturer        boolean,
    reports_statistics  boolean,
    source              text,
    CONSTRAINT enterprise_no_overlap EXCLUDE USING gist (credit_code WITH =, validity WITH &&)
);

COMMENT ON TABLE @extschema@.enterprise IS
'The enterprise register: an enterprise''s facts as the city knows them (statistics bureau, industry and information bureau), each row valid for a period, usually a statistical year. Where an application leaves scale, specialized, manufacturer or reports_statistics empty (NULL), the engine takes the fact from the row valid on the qualifying date, and the explanation says so. Written by the admin role, audited.';
COMMENT ON COLUMN @extschema@.enterprise.register_id IS 'Row identity.';
COMMENT ON COLUMN @extschema@.enterprise.credit_code IS 'The enterprise: unified social credit code.';
COMMENT ON COLUMN @extschema@.enterprise.validity IS 'When the facts hold, e.g. [2024-01-01,2024-12-31] for the statistical year 2024; rows of one enterprise do not overlap.';
COMMENT ON COLUMN @extschema@.enterprise.enterprise_name IS 'The enterprise''s name.';
COMMENT ON COLUMN @extschema@.enterprise.scale IS 'above (规上) or below (规下) in the statistical year; NULL: not known.';
COMMENT ON COLUMN @extschema@.enterprise.specialized IS 'A provincial specialised SME (专精特新); NULL: not known.';
COMMENT ON COLUMN @extschema@.enterprise.manufacturer IS 'A manufacturing enterprise; NULL: not known.';
COMMENT ON COLUMN @extschema@.enterprise.reports_statistics IS 'Fulfils statistical reporting (依法依规纳入统计); NULL: not known.';
COMMENT ON COLUMN @extschema@.enterprise.source IS 'Where the facts come from.';
COMMENT ON CONSTRAINT enterprise_validity_bounded ON @extschema@.enterprise IS 'The validity is not empty and has a first day.';
COMMENT ON CONSTRAINT enterprise_scale_known ON @extschema@.enterprise IS 'scale is above or below.';
COMMENT ON CONSTRAINT enterprise_no_overlap ON @extschema@.enterprise IS 'One row of facts per enterprise and day.';

CREATE TABLE @extschema@.programme_clause (
    programme_code  text PRIMARY KEY
                    CONSTRAINT programme_clause_code_format CHECK (programme_code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
    name_zh         text NOT NULL,
    name_en         text,
    clause_code     text NOT NULL REFERENCES @extschema@.clause,
    note            text
);

COMMENT ON TABLE @extschema@.programme_clause IS
'Which city clause a provincial programme''s award is the basis of (the province grants, the city adds X % of it): the correspondence as data, e.g. the provincial demonstration of new industrial-internet modes -> clause 1. Written by the admin role, audited.';
COMMENT ON COLUMN @extschema@.programme_clause.programme_code IS 'The provincial programme, as the feed names it.';
COMMENT ON COLUMN @extschema@.programme_clause.name_zh IS 'The programme''s name in Chinese.';
COMMENT ON COLUMN @extschema@.programme_clause.name_en IS 'The programme''s name in English.';
COMMENT ON COLUMN @extschema@.programme_clause.clause_code IS 'The city clause whose award is a share of this programme''s.';
COMMENT ON COLUMN @extschema@.programme_clause.note IS 'Why: the words of the clause.';
COMMENT ON CONSTRAINT programme_clause_code_format ON @extschema@.programme_clause IS 'A code of letters, digits, _, . and -.';

CREATE TABLE @extschema@.provincial_award (
    provincial_award_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    credit_code         @extschema@.credit_code NOT NULL,
    enterprise_name     text,
    programme_code      text NOT NULL REFERENCES @extschema@.programme_clause,
    project_ref         text NOT NULL
                        CONSTRAINT provincial_award_project_ref_not_blank CHECK (btrim(project_ref) <> ''),
    amount              numeric NOT NULL
                        CONSTRAINT provincial_award_amount_valid
                        CHECK (amount BETWEEN 0 AND 999999999999.99 AND amount = round(amount, 2)),
    granted_on          date NOT NULL
                        CONSTRAINT provincial_award_granted_on_plausible
                        CHECK (granted_on >= '2000-01-01' AND granted_on < '2100-01-01'),
    source_document     text,
    CONSTRAINT provincial_award_once UNIQUE (credit_code, programme_code, project_ref, granted_on)
);

COMMENT ON TABLE @extschema@.provincial_award IS
'The provincial awards the province published (the feed): whom it awarded, under which programme, for what and how much. Loaded by load_provincial_awards (checked, whole or nothing, idempotent, audited); propose_applications turns those that map to a clause into proposed applications.';
COMMENT ON COLUMN @extschema@.provincial_award.provincial_award_id IS 'Row identity.';
COMMENT ON COLUMN @extschema@.provincial_award.credit_code IS 'The enterprise awarded.';
COMMENT ON COLUMN @extschema@.provincial_award.enterprise_name IS 'Its name, as the province wrote it.';
COMMENT ON COLUMN @extschema@.provincial_award.programme_code IS 'The provincial programme (programme_clause).';
COMMENT ON COLUMN @extschema@.provincial_award.project_ref IS 'The project or product awarded.';
COMMENT ON COLUMN @extschema@.provincial_award.amount IS 'What the province granted, in yuan: the basis of the city''s share.';
COMMENT ON COLUMN @extschema@.provincial_award.granted_on IS 'The day the province granted it: the proposal''s qualifying date, and its place in application order.';
COMMENT ON COLUMN @extschema@.provincial_award.source_document IS 'The province''s document (文号).';
COMMENT ON CONSTRAINT provincial_award_project_ref_not_blank ON @extschema@.provincial_award IS 'project_ref is not empty or blank.';
COMMENT ON CONSTRAINT provincial_award_amount_valid ON @extschema@.provincial_award IS 'amount is yuan to the fen, from 0 to 999,999,999,999.99.';
COMMENT ON CONSTRAINT provincial_award_granted_on_plausible ON @extschema@.provincial_award IS 'granted_on lies in 2000 to 2099.';
COMMENT ON CONSTRAINT provincial_award_once ON @extschema@.provincial_award IS 'One award per enterprise, programme, project and day: loading a file again adds nothing.';

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('enterprise', 'register_id'), ('programme_clause', 'programme_code')) AS v (tbl, key_column)
    LOOP
        EXECUTE format('CREATE TRIGGER record_change AFTER INSERT OR UPDATE OR DELETE ON @extschema@.%I '
                       'FOR EACH ROW EXECUTE FUNCTION @extschema@.record_change(%L)', t.tbl, t.key_column);
        EXECUTE format('COMMENT ON TRIGGER record_change ON @extschema@.%I IS %L', t.tbl,
                       'Writes every change of a row to activity_log.');
    END LOOP;
END
$$;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.enterprise', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.enterprise', 'register_id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.programme_clause', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.provincial_award', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.provincial_award', 'provincial_award_id'), '');

------------------------------------------------------------------------------
-- The award engine: applications and other awards
------------------------------------------------------------------------------

CREATE TABLE @extschema@.application (
    application_id     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    credit_code        @extschema@.credit_code NOT NULL,
    enterprise_name    text,
    clause_code        text NOT NULL REFERENCES @extschema@.clause,
    project_ref        text NOT NULL
                       CONSTRAINT application_project_ref_not_blank CHECK (btrim(project_ref) <> ''),
    applied_at         timestamptz NOT NULL
                       CONSTRAINT application_applied_at_plausible
                       CHECK (applied_at >= '2000-01-01 00:00+08' AND applied_at < '2100-01-01 00:00+08'),
    applied_on         date GENERATED ALWAYS AS ((applied_at AT TIME ZONE 'Asia/Shanghai')::date) STORED,
    qualifying_date    date NOT NULL
                       CONSTRAINT application_qualifying_date_plausible
                       CHECK (qualifying_date >= '2000-01-01' AND qualifying_date < '2100-01-01'),
    award_year         integer GENERATED ALWAYS AS (extract(year FROM qualifying_date)::integer) STORED,
    scale              text
                       CONSTRAINT application_scale_known CHECK (scale IN ('above', 'below')),
    specialized        boolean,
    manufacturer       boolean,
    provincial_amount  numeric
                       CONSTRAINT application_provincial_amount_valid
                       CHECK (provincial_amount BETWEEN 0 AND 999999999999.99 AND provincial_amount = round(provincial_amount, 2)),
    expenditure        numeric
                       CONSTRAINT application_expenditure_valid
                       CHECK (expenditure BETWEEN 0 AND 999999999999.99 AND expenditure = round(expenditure, 2)),
    investment         numeric
                       CONSTRAINT application_investment_valid
                       CHECK (investment BETWEEN 0 AND 999999999999.99 AND investment = round(investment, 2)),
    approved_amount    numeric
                       CONSTRAINT application_approved_amount_valid
                       CHECK (approved_amount BETWEEN 0 AND 999999999999.99 AND approved_amount = round(approved_amount, 2)),
    revenue            numeric
                       CONSTRAINT application_revenue_valid
                       CHECK (revenue BETWEEN 0 AND 99999999999999.99 AND revenue = round(revenue, 2)),
    cloud_stars        smallint
                       CONSTRAINT application_cloud_stars_1_to_5 CHECK (cloud_stars BETWEEN 1 AND 5),
    service_start      date
                       CONSTRAINT application_service_start_plausible
                       CHECK (service_start >= '1990-01-01' AND service_start < '2100-01-01'),
    in_use             boolean,
    innovative_mode    boolean,
    in_catalogue       boolean,
    in_production      boolean,
    reports_statistics boolean,
    city_made_product  boolean,
    expenditure_from   date
                       CONSTRAINT application_expenditure_from_plausible
                       CHECK (expenditure_from >= '1990-01-01' AND expenditure_from < '2100-01-01'),
    expenditure_until  date
                       CONSTRAINT application_expenditure_until_plausible
                       CHECK (expenditure_until >= '1990-01-01' AND expenditure_until < '2100-01-01'),
    provincial_award_id bigint UNIQUE REFERENCES @extschema@.provincial_award,
    proposal           text
                       CONSTRAINT application_proposal_known CHECK (proposal IN ('proposed', 'confirmed', 'rejected')),
    proposal_note      text,
    CONSTRAINT application_expenditure_period_ordered
        CHECK (expenditure_until >= expenditure_from),
    CONSTRAINT application_proposal_of_an_award
        CHECK (proposal IS NULL OR provincial_award_id IS NOT NULL)
);

CREATE INDEX application_credit_code_idx ON @extschema@.application (credit_code);
CREATE INDEX application_clause_year_idx ON @extschema@.application (clause_code, award_year);

COMMENT ON TABLE @extschema@.application IS
'Applications for awards, one row each. View award_decision decides them; nothing about the decision is stored here.';
COMMENT ON COLUMN @extschema@.application.application_id IS 'Identity of the application; breaks ties in applied_at.';
COMMENT ON COLUMN @extschema@.application.credit_code IS 'The applicant: unified social credit code.';
COMMENT ON COLUMN @extschema@.application.enterprise_name IS 'The applicant''s name, as recorded.';
COMMENT ON COLUMN @extschema@.application.clause_code IS 'The clause applied under (table clause).';
COMMENT ON COLUMN @extschema@.application.project_ref IS 'The project or product: the stacking group (with credit_code and award_year) and the unit of the per-project and per-product caps.';
COMMENT ON COLUMN @extschema@.application.applied_at IS 'When the application was made: the order of cap allocation and of the quota, and the tie-break of stacking.';
COMMENT ON COLUMN @extschema@.application.applied_on IS 'applied_at as a calendar date in Asia/Shanghai (derived): the application date the conditions compare with.';
COMMENT ON COLUMN @extschema@.application.qualifying_date IS 'Date of the recognition, approval or event that triggers the award: decides whether the policy is in force, which parameter rows apply, and the award year.';
COMMENT ON COLUMN @extschema@.application.award_year IS 'Calendar year of qualifying_date (derived): the year of quotas, per-year caps and stacking.';
COMMENT ON COLUMN @extschema@.application.scale IS 'Statistical size class in the year: above (规上) or below (规下); NULL: taken from the enterprise register on the qualifying date.';
COMMENT ON COLUMN @extschema@.application.specialized IS 'A provincial specialised, refined, distinctive and novel (专精特新) SME; NULL: from the register (no row: not one).';
COMMENT ON COLUMN @extschema@.application.manufacturer IS 'A manufacturing enterprise; NULL: from the register.';
COMMENT ON COLUMN @extschema@.application.provincial_amount IS 'What the province granted, in yuan: the basis of share clauses.';
COMMENT ON COLUMN @extschema@.application.expenditure IS 'Actual spending, in yuan: the basis of clause 3 (cloud services).';
COMMENT ON COLUMN @extschema@.application.investment IS 'Project investment in equipment and software, in yuan (clause 13).';
COMMENT ON COLUMN @extschema@.application.approved_amount IS 'Amount a responsible unit approved case by case, in yuan (clauses 6, 7, 11, 17); NULL while pending.';
COMMENT ON COLUMN @extschema@.application.revenue IS 'Operating revenue, in yuan (clause 9).';
COMMENT ON COLUMN @extschema@.application.cloud_stars IS 'Cloud-adoption rating, 1 to 5 stars (clause 3).';
COMMENT ON COLUMN @extschema@.application.service_start IS 'Clause 3: the date the cloud service started; clause 12: the node registration date.';
COMMENT ON COLUMN @extschema@.application.in_use IS 'The service is still in use when applying; NULL = not recorded.';
COMMENT ON COLUMN @extschema@.application.innovative_mode IS 'The node meets at least one innovative application mode; NULL = not recorded.';
COMMENT ON COLUMN @extschema@.application.in_catalogue IS 'The product is in the provincial key digital products catalogue; NULL = not recorded.';
COMMENT ON COLUMN @extschema@.application.in_production IS 'The project is built and in production; NULL = not recorded.';
COMMENT ON COLUMN @extschema@.application.reports_statistics IS 'The enterprise fulfils its statistical reporting duty; NULL = not recorded.';
COMMENT ON COLUMN @extschema@.application.city_made_product IS 'Clause 15: the product bought is made in the city (市内首版次软件创新产品); NULL = not recorded.';
COMMENT ON COLUMN @extschema@.application.expenditure_from IS 'Clause 3: the first day of the spending the application claims; NULL = from service_start.';
COMMENT ON COLUMN @extschema@.application.expenditure_until IS 'Clause 3: the last day of the spending the application claims; NULL = up to the application date.';
COMMENT ON COLUMN @extschema@.application.provincial_award_id IS 'The provincial award this application is the city''s share of, when known (a proposal always has one).';
COMMENT ON COLUMN @extschema@.application.proposal IS 'NULL: the enterprise applied. proposed: the city proposed it from a provincial award (免申即享), awaiting the enterprise''s confirmation (pending until then); confirmed: an application like any other; rejected: not paid (proposal_note says why).';
COMMENT ON COLUMN @extschema@.application.proposal_note IS 'Why a proposal was rejected, or a note on its confirmation.';
COMMENT ON INDEX @extschema@.application_credit_code_idx IS 'One enterprise''s applications: what a clerk opens.';
COMMENT ON INDEX @extschema@.application_clause_year_idx IS 'The applications of a clause and year: quota places.';

CREATE TABLE @extschema@.other_award (
    other_award_id     bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    credit_code        @extschema@.credit_code NOT NULL,
    project_ref        text NOT NULL
                       CONSTRAINT other_award_project_ref_not_blank CHECK (btrim(project_ref) <> ''),
    award_year         integer NOT NULL
                       CONSTRAINT other_award_award_year_plausible CHECK (award_year BETWEEN 2000 AND 2099),
    policy_name        text NOT NULL
                       CONSTRAINT other_award_policy_name_not_blank CHECK (btrim(policy_name) <> ''),
    amount             numeric NOT NULL
                       CONSTRAINT other_award_amount_valid
                       CHECK (amount BETWEEN 0 AND 999999999999.99 AND amount = round(amount, 2))
);

CREATE INDEX other_award_group_idx ON @extschema@.other_award (credit_code, project_ref, award_year);

COMMENT ON TABLE @extschema@.other_award IS
'Awards to a project under other city support policies: they compete with this policy''s awards in the stacking rule (从高不重复) and are never paid here.';
COMMENT ON COLUMN @extschema@.other_award.other_award_id IS 'Row identity.';
COMMENT ON COLUMN @extschema@.other_award.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.other_award.project_ref IS 'The project, as in application.project_ref.';
COMMENT ON COLUMN @extschema@.other_award.award_year IS 'The year of the award.';
COMMENT ON COLUMN @extschema@.other_award.policy_name IS 'The other policy.';
COMMENT ON COLUMN @extschema@.other_award.amount IS 'Its amount, in yuan.';
COMMENT ON INDEX @extschema@.other_award_group_idx IS 'The stacking group: enterprise, project and year.';

DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT * FROM (VALUES
            ('application', 'application_project_ref_not_blank', 'project_ref is not empty or blank.'),
            ('application', 'application_applied_at_plausible', 'applied_at lies in 2000 to 2099.'),
            ('application', 'application_qualifying_date_plausible', 'qualifying_date lies in 2000 to 2099.'),
            ('application', 'application_scale_known', 'scale is above or below.'),
            ('application', 'application_provincial_amount_valid', 'provincial_amount is yuan to the fen, from 0 to 999,999,999,999.99 (check_application says which rule a value breaks).'),
            ('application', 'application_expenditure_valid', 'expenditure is yuan to the fen, from 0 to 999,999,999,999.99 (check_application says which rule a value breaks).'),
            ('application', 'application_investment_valid', 'investment is yuan to the fen, from 0 to 999,999,999,999.99 (check_application says which rule a value breaks).'),
            ('application', 'application_approved_amount_valid', 'approved_amount is yuan to the fen, from 0 to 999,999,999,999.99 (check_application says which rule a value breaks).'),
            ('application', 'application_revenue_valid', 'revenue is yuan to the fen, from 0 to 99,999,999,999,999.99.'),
            ('application', 'application_cloud_stars_1_to_5', 'cloud_stars is 1 to 5.'),
            ('application', 'application_service_start_plausible', 'service_start lies in 1990 to 2099.'),
            ('application', 'application_expenditure_from_plausible', 'expenditure_from lies in 1990 to 2099.'),
            ('application', 'application_expenditure_until_plausible', 'expenditure_until lies in 1990 to 2099.'),
            ('application', 'application_expenditure_period_ordered', 'The spending period does not end before it starts.'),
            ('application', 'application_proposal_known', 'proposal is proposed, confirmed or rejected (NULL: applied for).'),
            ('application', 'application_proposal_of_an_award', 'A proposal comes from a provincial award.'),
            ('other_award', 'other_award_project_ref_not_blank', 'project_ref is not empty or blank.'),
            ('other_award', 'other_award_award_year_plausible', 'award_year lies in 2000 to 2099.'),
            ('other_award', 'other_award_policy_name_not_blank', 'policy_name is not empty or blank.'),
            ('other_award', 'other_award_amount_valid', 'amount is yuan to the fen, from 0 to 999,999,999,999.99.')
        ) AS t (tbl, con, text)
    LOOP
        EXECUTE format('COMMENT ON CONSTRAINT %I ON @extschema@.%I IS %L', c.con, c.tbl, c.text);
    END LOOP;
END
$$;

-- Clear errors on applications and other awards: before the constraints (which
-- stay, as the last line), a trigger names the column, the value and what is
-- allowed.  The amounts are numeric, not numeric(14,2), so that a value too
-- large reaches this check instead of failing as a bare "numeric field
-- overflow" on the way in; a fraction of a fen is refused, not rounded.

CREATE FUNCTION @extschema@.checked_amount(column_name text, amount numeric, upper_limit numeric)
RETURNS numeric
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    allowed text := format('%s is in yuan, to the fen, from 0 to %s.', column_name, @extschema@.format_yuan(upper_limit));
BEGIN
    IF amount IS NULL THEN
        RETURN NULL;
    ELSIF amount = 'NaN' THEN
        RAISE EXCEPTION '% NaN is not an amount', column_name
            USING ERRCODE = 'check_violation', DETAIL = allowed;
    ELSIF amount < 0 THEN
        RAISE EXCEPTION '% % is negative', column_name, amount
            USING ERRCODE = 'check_violation', DETAIL = allowed;
    ELSIF amount > upper_limit THEN
        RAISE EXCEPTION '% % is above the limit %', column_name, amount, @extschema@.format_yuan(upper_limit)
            USING ERRCODE = 'numeric_value_out_of_range', DETAIL = allowed,
                  HINT = 'Amounts are in yuan (元), not fen: 1,500,000 yuan is 1500000.';
    ELSIF amount <> round(amount, 2) THEN
        RAISE EXCEPTION '% % has a fraction of a fen', column_name, amount
            USING ERRCODE = 'check_violation', DETAIL = allowed,
                  HINT = format('Round it to the fen if that is what was granted: %s.', round(amount, 2));
    END IF;
    RETURN round(amount, 2);
END
$$;

COMMENT ON FUNCTION @extschema@.checked_amount(text, numeric, numeric) IS
'An amount of an application or another award checked: refused, naming the column, when NaN, negative, above upper_limit or with a fraction of a fen; else returned with two decimals.';

CREATE FUNCTION @extschema@.checked_date(column_name text, day date, first_year integer, what text)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF day IS NOT NULL AND NOT (day >= make_date(first_year, 1, 1) AND day < DATE '2100-01-01') THEN
        RAISE EXCEPTION '% % is outside % to 2099', column_name, day, first_year
            USING ERRCODE = 'check_violation', DETAIL = format('%s is %s, a date from %s-01-01 to 2099-12-31.', column_name, what, first_year);
    END IF;
END
$$;

COMMENT ON FUNCTION @extschema@.checked_date(text, date, integer, text) IS
'A date of an application checked: refused, naming the column, when outside first_year to 2099.';

CREATE FUNCTION @extschema@.required(column_name text, missing boolean, what text)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF missing THEN
        RAISE EXCEPTION '% must not be null', column_name
            USING ERRCODE = 'not_null_violation', DETAIL = format('%s is %s.', column_name, what);
    END IF;
END
$$;

COMMENT ON FUNCTION @extschema@.required(text, boolean, text) IS
'A fact every row needs: refused, naming the column and what it is, when missing.';

CREATE FUNCTION @extschema@.required_name(column_name text, name text, what text)
RETURNS void
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.required(column_name, name IS NULL, what);
    IF btrim(name) = '' THEN
        RAISE EXCEPTION '% "%" is blank', column_name, name
            USING ERRCODE = 'check_violation', DETAIL = format('%s is %s: it must not be empty or blank.', column_name, what);
    END IF;
END
$$;

COMMENT ON FUNCTION @extschema@.required_name(text, text, text) IS
'A name every row needs: refused, naming the column and what it is, when missing, empty or blank.';

CREATE FUNCTION @extschema@.check_application()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    parts text;
BEGIN
    PERFORM @extschema@.required('credit_code', NEW.credit_code IS NULL, 'the enterprise''s unified social credit code (18 characters)');
    PERFORM @extschema@.required('clause_code', NEW.clause_code IS NULL, 'the clause applied under (dsm_policy.clause_catalogue)');
    IF NOT EXISTS (SELECT FROM @extschema@.clause c WHERE c.clause_code = NEW.clause_code) THEN
        SELECT string_agg(c.clause_code, ', ' ORDER BY c.sort_key) INTO parts
          FROM @extschema@.clause c WHERE left(c.clause_code, length(NEW.clause_code) + 1) = NEW.clause_code || '.';
        RAISE EXCEPTION 'clause_code "%" is not a clause', NEW.clause_code
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = 'The clauses are ' || (SELECT string_agg(c.clause_code, ', ' ORDER BY c.sort_key) FROM @extschema@.clause c) || '.',
                  HINT = CASE WHEN parts IS NOT NULL
                              THEN format('Clause %s has parts %s: an application is made under one of them.', NEW.clause_code, parts)
                              ELSE 'SELECT clause_code, title_en FROM dsm_policy.clause_catalogue lists them.' END;
    END IF;
    PERFORM @extschema@.required_name('project_ref', NEW.project_ref, 'the project, product or service the application is for');
    PERFORM @extschema@.required('applied_at', NEW.applied_at IS NULL, 'when the application was made');
    IF NOT (NEW.applied_at >= '2000-01-01 00:00+08' AND NEW.applied_at < '2100-01-01 00:00+08') THEN
        RAISE EXCEPTION 'applied_at % is outside 2000 to 2099', NEW.applied_at
            USING ERRCODE = 'check_violation',
                  DETAIL = 'applied_at is when the application was made, from 2000 to 2099 (a time without a zone is read in the session''s time zone: set it to Asia/Shanghai).';
    END IF;
    PERFORM @extschema@.required('qualifying_date', NEW.qualifying_date IS NULL,
                                 'the date that decides the parameters (approval, provincial award or start of service)');
    PERFORM @extschema@.checked_date('qualifying_date', NEW.qualifying_date, 2000, 'the date that decides the parameters');
    -- scale NULL: the engine takes it from the enterprise register
    IF NEW.scale NOT IN ('above', 'below') THEN
        RAISE EXCEPTION 'scale "%" is not allowed', NEW.scale
            USING ERRCODE = 'check_violation',
                  DETAIL = 'scale is above (规模以上, above designated size, 规上) or below (规模以下, 规下).',
                  HINT = CASE WHEN NEW.scale IN ('规上', '规模以上', '规模以上企业', 'above-scale', 'above_scale') THEN 'Write above for 规上.'
                              WHEN NEW.scale IN ('规下', '规模以下', '规模以下企业', 'below-scale', 'below_scale') THEN 'Write below for 规下.'
                              ELSE 'Write above or below.' END;
    END IF;
    NEW.provincial_amount := @extschema@.checked_amount('provincial_amount', NEW.provincial_amount, 999999999999.99);
    NEW.expenditure := @extschema@.checked_amount('expenditure', NEW.expenditure, 999999999999.99);
    NEW.investment := @extschema@.checked_amount('investment', NEW.investment, 999999999999.99);
    NEW.approved_amount := @extschema@.checked_amount('approved_amount', NEW.approved_amount, 999999999999.99);
    NEW.revenue := @extschema@.checked_amount('revenue', NEW.revenue, 99999999999999.99);
    IF NOT NEW.cloud_stars BETWEEN 1 AND 5 THEN
        RAISE EXCEPTION 'cloud_stars % is not allowed', NEW.cloud_stars
            USING ERRCODE = 'check_violation', DETAIL = 'cloud_stars is the cloud service''s rating: 1 to 5 stars.';
    END IF;
    PERFORM @extschema@.checked_date('service_start', NEW.service_start, 1990, 'the day the service or system started');
    PERFORM @extschema@.checked_date('expenditure_from', NEW.expenditure_from, 1990, 'the first day of the spending period');
    PERFORM @extschema@.checked_date('expenditure_until', NEW.expenditure_until, 1990, 'the last day of the spending period');
    IF NEW.expenditure_until < NEW.expenditure_from THEN
        RAISE EXCEPTION 'expenditure_until % is before expenditure_from %', NEW.expenditure_until, NEW.expenditure_from
            USING ERRCODE = 'check_violation', DETAIL = 'The spending period runs from expenditure_from to expenditure_until, both days included.';
    END IF;
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.check_application() IS
'Trigger, before each application is inserted or updated: refuses a bad value with an error that names the column, the value and what is allowed (the constraints stay as the last line), and writes the amounts with two decimals.';

CREATE TRIGGER check_application BEFORE INSERT OR UPDATE ON @extschema@.application
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_application();
COMMENT ON TRIGGER check_application ON @extschema@.application IS
'Clear errors: the column, the value and what is allowed.';

CREATE FUNCTION @extschema@.check_other_award()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.required('credit_code', NEW.credit_code IS NULL, 'the enterprise''s unified social credit code (18 characters)');
    PERFORM @extschema@.required_name('project_ref', NEW.project_ref, 'the project, as in application.project_ref');
    PERFORM @extschema@.required('award_year', NEW.award_year IS NULL, 'the year of the award');
    IF NOT NEW.award_year BETWEEN 2000 AND 2099 THEN
        RAISE EXCEPTION 'award_year % is outside 2000 to 2099', NEW.award_year
            USING ERRCODE = 'check_violation', DETAIL = 'award_year is the year of the award, 2000 to 2099.';
    END IF;
    PERFORM @extschema@.required_name('policy_name', NEW.policy_name, 'the other policy''s name');
    PERFORM @extschema@.required('amount', NEW.amount IS NULL, 'the award''s amount in yuan');
    NEW.amount := @extschema@.checked_amount('amount', NEW.amount, 999999999999.99);
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.check_other_award() IS
'Trigger, before each award under another policy is inserted or updated: refuses a bad value with an error that names the column, the value and what is allowed.';

CREATE TRIGGER check_other_award BEFORE INSERT OR UPDATE ON @extschema@.other_award
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_other_award();
COMMENT ON TRIGGER check_other_award ON @extschema@.other_award IS
'Clear errors: the column, the value and what is allowed.';

-- Applications and other awards are the users' data: pg_dump saves all of it.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.application', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.application', 'application_id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.other_award', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.other_award', 'other_award_id'), '');

------------------------------------------------------------------------------
-- The audit trail of applications and other awards (1.2): every write, like
-- the policy tables', once per statement (a load of a million rows is one
-- INSERT ... SELECT into activity_log, not a million trigger calls)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.record_changes()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    key_column text := TG_ARGV[0];
    last_id bigint;
BEGIN
    IF @extschema@.in_extension_script() THEN
        RETURN NULL;
    END IF;

    -- After a restore the sequence may lag behind the restored log: catch up.
    SELECT max(l.change_id) INTO last_id FROM @extschema@.activity_log l;
    IF last_id IS NOT NULL
       AND last_id >= (SELECT CASE WHEN s.is_called THEN s.last_value ELSE s.last_value - 1 END
                         FROM @extschema@.activity_log_change_id_seq s) THEN
        PERFORM setval('@extschema@.activity_log_change_id_seq', last_id);
    END IF;

    IF TG_OP = 'TRUNCATE' THEN
        -- every row goes: each is recorded as deleted (before it goes)
        EXECUTE format('INSERT INTO @extschema@.activity_log (change_id, table_name, operation, row_key, old_row)
                        SELECT nextval(%L), %L, %L, r.j ->> %L, r.j
                        FROM (SELECT to_jsonb(t) AS j FROM @extschema@.%I t) r
                        ORDER BY (r.j ->> %L)::bigint',
                       '@extschema@.activity_log_change_id_seq', TG_TABLE_NAME, 'DELETE', key_column,
                       TG_TABLE_NAME, key_column);
        RETURN NULL;
    END IF;

    -- INSERT: the new rows, but not one whose last recorded state is exactly
    -- this row (a restore loads the log before the tables it audits, and
    -- then inserts the rows the log already holds)
    IF TG_OP = 'INSERT' THEN
        INSERT INTO @extschema@.activity_log (change_id, table_name, operation, row_key, new_row)
        SELECT nextval('@extschema@.activity_log_change_id_seq'), TG_TABLE_NAME, 'INSERT', n.k, n.j
        FROM (SELECT to_jsonb(r) AS j, to_jsonb(r) ->> key_column AS k FROM new_rows r) n
        WHERE NOT EXISTS (SELECT FROM (SELECT l.new_row
                                         FROM @extschema@.activity_log l
                                        WHERE l.table_name = TG_TABLE_NAME AND l.row_key = n.k
                                        ORDER BY l.change_id DESC
                                        LIMIT 1) last
                           WHERE last.new_row = n.j)
        ORDER BY n.k::bigint;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO @extschema@.activity_log (change_id, table_name, operation, row_key, old_row)
        SELECT nextval('@extschema@.activity_log_change_id_seq'), TG_TABLE_NAME, 'DELETE', o.k, o.j
        FROM (SELECT to_jsonb(r) AS j, to_jsonb(r) ->> key_column AS k FROM old_rows r) o
        ORDER BY o.k::bigint;
    ELSE
        -- UPDATE: old and new paired by the key; a row whose key changed is
        -- recorded as the old one deleted and the new one inserted; a row
        -- that did not change is not recorded
        INSERT INTO @extschema@.activity_log (change_id, table_name, operation, row_key, old_row, new_row)
        SELECT nextval('@extschema@.activity_log_change_id_seq'), TG_TABLE_NAME,
               CASE WHEN o.k IS NULL THEN 'INSERT' WHEN n.k IS NULL THEN 'DELETE' ELSE 'UPDATE' END,
               coalesce(n.k, o.k), o.j, n.j
        FROM (SELECT to_jsonb(r) AS j, to_jsonb(r) ->> key_column AS k FROM old_rows r) o
        FULL JOIN (SELECT to_jsonb(r) AS j, to_jsonb(r) ->> key_column AS k FROM new_rows r) n USING (k)
        WHERE o.j IS DISTINCT FROM n.j
        ORDER BY coalesce(n.k, o.k)::bigint, o.k IS NULL;
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION @extschema@.record_changes() IS
'Trigger, after each statement that writes applications or other awards (and before a TRUNCATE): writes every inserted, updated and deleted row to activity_log, who and when, the old and the new row. The argument is the key column.';

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES ('application', 'application_id'), ('other_award', 'other_award_id'),
                                   ('provincial_award', 'provincial_award_id')) AS v (tbl, key_column)
    LOOP
        EXECUTE format('CREATE TRIGGER record_changes_insert AFTER INSERT ON @extschema@.%I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.record_changes(%L)', t.tbl, t.key_column);
        EXECUTE format('CREATE TRIGGER record_changes_update AFTER UPDATE ON @extschema@.%I '
                       'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.record_changes(%L)', t.tbl, t.key_column);
        EXECUTE format('CREATE TRIGGER record_changes_delete AFTER DELETE ON @extschema@.%I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.record_changes(%L)', t.tbl, t.key_column);
        EXECUTE format('CREATE TRIGGER record_changes_truncate BEFORE TRUNCATE ON @extschema@.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.record_changes(%L)', t.tbl, t.key_column);
        EXECUTE format('COMMENT ON TRIGGER record_changes_insert ON @extschema@.%I IS %L', t.tbl,
                       'Writes the inserted rows to activity_log.');
        EXECUTE format('COMMENT ON TRIGGER record_changes_update ON @extschema@.%I IS %L', t.tbl,
                       'Writes each changed row, old and new, to activity_log.');
        EXECUTE format('COMMENT ON TRIGGER record_changes_delete ON @extschema@.%I IS %L', t.tbl,
                       'Writes the deleted rows to activity_log.');
        EXECUTE format('COMMENT ON TRIGGER record_changes_truncate ON @extschema@.%I IS %L', t.tbl,
                       'Writes every row, as deleted, to activity_log before TRUNCATE removes them.');
    END LOOP;
END
$$;

------------------------------------------------------------------------------
-- Settlement ledger (1.1): what was decided and paid, never changed
------------------------------------------------------------------------------

CREATE TABLE @extschema@.settlement (
    settlement_id   bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL
                    CONSTRAINT settlement_kind_known CHECK (kind IN ('settlement', 'correction')),
    award_year      integer NOT NULL
                    CONSTRAINT settlement_award_year_plausible CHECK (award_year BETWEEN 2000 AND 2099),
    settled_at      timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
    settled_by      text NOT NULL DEFAULT SESSION_USER,
    note            text,
    CONSTRAINT settlement_correction_has_reason
        CHECK (kind <> 'correction' OR btrim(note) <> '')
);

COMMENT ON TABLE @extschema@.settlement IS
'Each settlement of an award year (settle_award_year) and each correction (correct_settled_decision): when, by whom, why. Its ledger entries hold the amounts. Append-only.';
COMMENT ON COLUMN @extschema@.settlement.settlement_id IS 'Order of the settlements.';
COMMENT ON COLUMN @extschema@.settlement.kind IS 'settlement: the decisions of an award year written to the ledger; correction: one settled decision reversed and replaced.';
COMMENT ON COLUMN @extschema@.settlement.award_year IS 'The award year settled or corrected.';
COMMENT ON COLUMN @extschema@.settlement.settled_at IS 'When.';
COMMENT ON COLUMN @extschema@.settlement.settled_by IS 'By whom: the role that logged in (session_user).';
COMMENT ON COLUMN @extschema@.settlement.note IS 'The settlement''s note; for a correction, its reason (required).';
COMMENT ON CONSTRAINT settlement_kind_known ON @extschema@.settlement IS 'kind is settlement or correction.';
COMMENT ON CONSTRAINT settlement_award_year_plausible ON @extschema@.settlement IS 'award_year lies in 2000 to 2099.';
COMMENT ON CONSTRAINT settlement_correction_has_reason ON @extschema@.settlement IS 'A correction says why.';

CREATE TABLE @extschema@.ledger (
    entry_id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    settlement_id      bigint NOT NULL REFERENCES @extschema@.settlement,
    application_id     bigint NOT NULL,
    entry_kind         text NOT NULL
                       CONSTRAINT ledger_entry_kind_known CHECK (entry_kind IN ('decision', 'reversal')),
    reverses_entry_id  bigint UNIQUE,
    amount             numeric NOT NULL
                       CONSTRAINT ledger_amount_whole_fen CHECK (scale(amount) <= 2 AND amount <> 'NaN'),
    credit_code        text NOT NULL,
    clause_code        text NOT NULL,
    project_ref        text NOT NULL,
    award_year         integer NOT NULL,
    status             text NOT NULL,
    reason             text,
    basis_amount       numeric,
    computed_amount    numeric,
    cap_amount         numeric,
    capped             boolean NOT NULL,
    award_amount       numeric,
    quota_rank         integer,
    quota              integer,
    policy_code        text,
    parameter_version  text,
    explanation        text NOT NULL,
    recorded_at        timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
    recorded_by        text NOT NULL DEFAULT SESSION_USER,
    CONSTRAINT ledger_reversal_names_entry
        CHECK ((entry_kind = 'reversal') = (reverses_entry_id IS NOT NULL)),
    CONSTRAINT ledger_amount_sign
        CHECK (CASE entry_kind WHEN 'decision' THEN amount >= 0 ELSE amount <= 0 END)
);

CREATE INDEX ledger_application_idx ON @extschema@.ledger (application_id, entry_id);

COMMENT ON TABLE @extschema@.ledger IS
'The settled decisions, one entry each, with what award_decision said when the year was settled; corrections add a reversal (the negative of the entry it reverses) and a new decision entry. Entries are never updated or deleted. An application''s current settled decision is its latest decision entry, and its amount is the sum of all its entries.';
COMMENT ON COLUMN @extschema@.ledger.entry_id IS 'Order of the entries.';
COMMENT ON COLUMN @extschema@.ledger.settlement_id IS 'The settlement or correction that wrote the entry.';
COMMENT ON COLUMN @extschema@.ledger.application_id IS 'The application decided. A settled application can be neither changed nor deleted (trigger guard_settled_application).';
COMMENT ON COLUMN @extschema@.ledger.entry_kind IS 'decision: a decision and its amount; reversal: cancels the entry reverses_entry_id.';
COMMENT ON COLUMN @extschema@.ledger.reverses_entry_id IS 'For a reversal: the decision entry it cancels (each at most once). Written by correct_settled_decision only.';
COMMENT ON COLUMN @extschema@.ledger.amount IS 'Yuan paid by the entry: the payable amount of a decision (0 when not payable), minus the reversed amount for a reversal.';
COMMENT ON COLUMN @extschema@.ledger.credit_code IS 'The enterprise, as settled.';
COMMENT ON COLUMN @extschema@.ledger.clause_code IS 'The clause, as settled.';
COMMENT ON COLUMN @extschema@.ledger.project_ref IS 'The project, as settled.';
COMMENT ON COLUMN @extschema@.ledger.award_year IS 'The award year, as settled.';
COMMENT ON COLUMN @extschema@.ledger.status IS 'The decision''s status (award_decision.status).';
COMMENT ON COLUMN @extschema@.ledger.reason IS 'The decision''s reason, or a correction''s.';
COMMENT ON COLUMN @extschema@.ledger.basis_amount IS 'As award_decision.basis_amount when settled.';
COMMENT ON COLUMN @extschema@.ledger.computed_amount IS 'As award_decision.computed_amount when settled.';
COMMENT ON COLUMN @extschema@.ledger.cap_amount IS 'As award_decision.cap_amount when settled.';
COMMENT ON COLUMN @extschema@.ledger.capped IS 'As award_decision.capped when settled.';
COMMENT ON COLUMN @extschema@.ledger.award_amount IS 'As award_decision.award_amount when settled.';
COMMENT ON COLUMN @extschema@.ledger.quota_rank IS 'As award_decision.quota_rank when settled.';
COMMENT ON COLUMN @extschema@.ledger.quota IS 'As award_decision.quota when settled.';
COMMENT ON COLUMN @extschema@.ledger.policy_code IS 'The policy applied.';
COMMENT ON COLUMN @extschema@.ledger.parameter_version IS 'The parameter rows applied (parameter_id, ascending).';
COMMENT ON COLUMN @extschema@.ledger.explanation IS 'The decision in words, as settled; a correction''s says what it replaces and why.';
COMMENT ON COLUMN @extschema@.ledger.recorded_at IS 'When the entry was written.';
COMMENT ON COLUMN @extschema@.ledger.recorded_by IS 'By whom: the role that logged in (session_user).';
COMMENT ON CONSTRAINT ledger_entry_kind_known ON @extschema@.ledger IS 'entry_kind is decision or reversal.';
COMMENT ON CONSTRAINT ledger_amount_whole_fen ON @extschema@.ledger IS 'An amount is in whole fen and not NaN.';
COMMENT ON CONSTRAINT ledger_reversal_names_entry ON @extschema@.ledger IS 'A reversal, and only a reversal, names the entry it reverses.';
COMMENT ON CONSTRAINT ledger_amount_sign ON @extschema@.ledger IS 'A decision pays 0 or more; a reversal takes back 0 or more.';
COMMENT ON INDEX @extschema@.ledger_application_idx IS 'An application''s entries, latest last.';

CREATE TRIGGER refuse_change BEFORE UPDATE OR DELETE ON @extschema@.settlement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER refuse_change_truncate BEFORE TRUNCATE ON @extschema@.settlement
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER refuse_change BEFORE UPDATE OR DELETE ON @extschema@.ledger
    FOR EACH ROW EXECUTE FUNCTION @extschema@.refuse_change();
CREATE TRIGGER refuse_change_truncate BEFORE TRUNCATE ON @extschema@.ledger
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.refuse_change();
COMMENT ON TRIGGER refuse_change ON @extschema@.settlement IS 'Settlements are append-only.';
COMMENT ON TRIGGER refuse_change_truncate ON @extschema@.settlement IS 'Settlements are append-only.';
COMMENT ON TRIGGER refuse_change ON @extschema@.ledger IS 'Ledger entries are append-only: a correction is a new entry.';
COMMENT ON TRIGGER refuse_change_truncate ON @extschema@.ledger IS 'Ledger entries are append-only: a correction is a new entry.';

-- Written only through settle_award_year and correct_settled_decision.
REVOKE ALL ON @extschema@.settlement, @extschema@.ledger FROM PUBLIC;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.settlement', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.settlement', 'settlement_id'), '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.ledger', 'entry_id'), '');

CREATE FUNCTION @extschema@.guard_settled_application()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT FROM @extschema@.ledger) THEN
            RAISE EXCEPTION 'cannot truncate %: the ledger holds settled applications', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME
                USING ERRCODE = 'restrict_violation',
                      HINT = 'Delete the applications that are not settled with DELETE.';
        END IF;
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT FROM @extschema@.ledger l WHERE l.application_id = OLD.application_id) THEN
        RAISE EXCEPTION 'cannot % application %: its decision is settled', lower(TG_OP), OLD.application_id
            USING ERRCODE = 'restrict_violation',
                  DETAIL = 'A settled application and its settled decision never change.',
                  HINT = 'Correct the decision with dsm_policy.correct_settled_decision().';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END
$$;

COMMENT ON FUNCTION @extschema@.guard_settled_application() IS
'Trigger of table application: an application with an entry in the ledger can be neither updated nor deleted, and the table cannot be truncated while the ledger has entries.';

CREATE TRIGGER guard_settled_application BEFORE UPDATE OR DELETE ON @extschema@.application
    FOR EACH ROW EXECUTE FUNCTION @extschema@.guard_settled_application();
CREATE TRIGGER guard_settled_application_truncate BEFORE TRUNCATE ON @extschema@.application
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.guard_settled_application();
COMMENT ON TRIGGER guard_settled_application ON @extschema@.application IS
'Settled applications are read-only: what was settled stays as it was.';
COMMENT ON TRIGGER guard_settled_application_truncate ON @extschema@.application IS
'TRUNCATE would remove settled applications: refused while the ledger has entries.';

-- Nor does DROP EXTENSION take the ledger away: refused while it holds
-- entries, unless a superuser sets dsm_policy.allow_drop_with_ledger for the
-- transaction.  (An event trigger does not fire in single-user mode or with
-- session_replication_role = replica, which only a superuser can set.)
CREATE FUNCTION @extschema@.guard_drop()
RETURNS event_trigger
AS 'MODULE_PATHNAME', 'guard_drop'
LANGUAGE C;

COMMENT ON FUNCTION @extschema@.guard_drop() IS
'Event trigger function: refuses DROP EXTENSION dsm_policy (and DROP EXTENSION btree_gist or plpgsql CASCADE, DROP SCHEMA dsm_policy CASCADE, DROP OWNED BY its owner) while the ledger holds entries, unless dsm_policy.allow_drop_with_ledger is on.';

CREATE EVENT TRIGGER dsm_policy_guard_drop ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA', 'DROP OWNED')
    EXECUTE FUNCTION @extschema@.guard_drop();

COMMENT ON EVENT TRIGGER dsm_policy_guard_drop IS
'Settled amounts never change: a DROP that would remove the extension is refused while the ledger holds entries (guard_drop).';

------------------------------------------------------------------------------
-- Aggregates for analysts: a shared cap and stacking, one group at a time
-- (steps 9 and 10; award_decision decides a whole enterprise at once)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.cap_allocation_transition(bigint[], bigint, timestamptz, numeric, numeric)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'cap_allocation_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.cap_allocation_transition(bigint[], bigint, timestamptz, numeric, numeric) IS
'Transition function of cap_allocation and cap_allocated: adds one claim (application_id, applied_at, amount, cap) to the state.';

CREATE FUNCTION @extschema@.cap_allocation_combine(bigint[], bigint[])
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'cap_allocation_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.cap_allocation_combine(bigint[], bigint[]) IS
'Combine function of cap_allocation and cap_allocated: the claims of two partial states.';

CREATE FUNCTION @extschema@.cap_allocation_final(bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'cap_allocation_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.cap_allocation_final(bigint[]) IS
'Final function of cap_allocation: what the latest claim gets.';

CREATE FUNCTION @extschema@.cap_allocated_final(bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'cap_allocated_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.cap_allocated_final(bigint[]) IS
'Final function of cap_allocated: what all claims get together.';

CREATE AGGREGATE @extschema@.cap_allocation(application_id bigint, applied_at timestamptz, amount numeric, cap numeric) (
    SFUNC = @extschema@.cap_allocation_transition,
    STYPE = bigint[],
    COMBINEFUNC = @extschema@.cap_allocation_combine,
    FINALFUNC = @extschema@.cap_allocation_final,
    INITCOND = '{2,0,1,0,0}',
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.cap_allocation(bigint, timestamptz, numeric, numeric) IS
'Cap shared by a group: allocates the claims in (applied_at, application_id) order, each getting min(amount, max(0, its cap - what earlier claims got)), and returns what the latest claim gets. Over a window ordered by applied_at, application_id: what each application gets. A NULL cap means no cap; a NULL amount is no claim.';

CREATE AGGREGATE @extschema@.cap_allocated(application_id bigint, applied_at timestamptz, amount numeric, cap numeric) (
    SFUNC = @extschema@.cap_allocation_transition,
    STYPE = bigint[],
    COMBINEFUNC = @extschema@.cap_allocation_combine,
    FINALFUNC = @extschema@.cap_allocated_final,
    INITCOND = '{2,0,1,0,0}',
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.cap_allocated(bigint, timestamptz, numeric, numeric) IS
'Cap shared by a group: the total the claims get, allocated as cap_allocation does. NULL for a group without claims.';

CREATE FUNCTION @extschema@.stacking_transition(bigint[], bigint, timestamptz, numeric)
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'stacking_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.stacking_transition(bigint[], bigint, timestamptz, numeric) IS
'Transition function of stacking_winner and stacking_payable: adds one candidate award to the state.';

CREATE FUNCTION @extschema@.stacking_combine(bigint[], bigint[])
RETURNS bigint[]
AS 'MODULE_PATHNAME', 'stacking_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.stacking_combine(bigint[], bigint[]) IS
'Combine function of stacking_winner and stacking_payable: the better of two partial states.';

CREATE FUNCTION @extschema@.stacking_winner_final(bigint[])
RETURNS bigint
AS 'MODULE_PATHNAME', 'stacking_winner_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.stacking_winner_final(bigint[]) IS
'Final function of stacking_winner.';

CREATE FUNCTION @extschema@.stacking_payable_final(bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'stacking_payable_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.stacking_payable_final(bigint[]) IS
'Final function of stacking_payable.';

CREATE AGGREGATE @extschema@.stacking_winner(application_id bigint, applied_at timestamptz, amount numeric) (
    SFUNC = @extschema@.stacking_transition,
    STYPE = bigint[],
    COMBINEFUNC = @extschema@.stacking_combine,
    FINALFUNC = @extschema@.stacking_winner_final,
    INITCOND = '{1,0,0,0,0,0,0}',
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.stacking_winner(bigint, timestamptz, numeric) IS
'Highest only (从高不重复): the application_id of the award that is paid in a group of candidates. Highest amount wins; on a tie an award under another policy (application_id NULL), then the earlier applied_at, then the lower application_id. NULL when there is no candidate (amount NULL or 0) or another policy''s award wins.';

CREATE AGGREGATE @extschema@.stacking_payable(application_id bigint, applied_at timestamptz, amount numeric) (
    SFUNC = @extschema@.stacking_transition,
    STYPE = bigint[],
    COMBINEFUNC = @extschema@.stacking_combine,
    FINALFUNC = @extschema@.stacking_payable_final,
    INITCOND = '{1,0,0,0,0,0,0}',
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.stacking_payable(bigint, timestamptz, numeric) IS
'Highest only (从高不重复): the amount paid in a group of candidates, the highest; NULL when there is no candidate.';

------------------------------------------------------------------------------
-- The award engine: one application on its own (steps 1 to 4 of
-- doc/reference.md, "The rules, in order"), in C: src/award.c
------------------------------------------------------------------------------

CREATE TYPE @extschema@.evaluation AS (
    status            text,
    reason            text,
    basis_amount      numeric,
    computed_amount   numeric,
    cap_amount        numeric,
    cap_scope         text,
    quota             integer,
    once_only         text,
    stacking_exempt   boolean,
    formula           text,
    warning           text,
    policy_code       text,
    parameter_version text,
    provincial_max    numeric
);

COMMENT ON TYPE @extschema@.evaluation IS
'What the rules say of one application on its own (steps 1 to 4): status eligible, not_in_force, no_monetary_award, ineligible or pending; the amount and the application''s own cap; the quota, once-only and stacking parameters the enterprise''s steps use. award_decision decides the rest.';

CREATE FUNCTION @extschema@.evaluate_application(application @extschema@.application)
RETURNS @extschema@.evaluation
AS 'MODULE_PATHNAME', 'evaluate_stored_application'
LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.evaluate_application(@extschema@.application) IS
'Steps 1 to 4 for one stored application on its own, against the parameter rows valid on its qualifying date (read once per query; the scenario''s rows override enacted): in force and the clause''s window, conditions, share or fixed sum rounded half away from zero to the fen, its own cap. The columns are read by name.';

CREATE FUNCTION @extschema@.evaluate_application(
    clause_code        text,
    qualifying_date    date,
    scale              text,
    applied_on         date DEFAULT NULL,
    specialized        boolean DEFAULT false,
    manufacturer       boolean DEFAULT false,
    provincial_amount  numeric DEFAULT NULL,
    expenditure        numeric DEFAULT NULL,
    investment         numeric DEFAULT NULL,
    approved_amount    numeric DEFAULT NULL,
    revenue            numeric DEFAULT NULL,
    cloud_stars        integer DEFAULT NULL,
    service_start      date DEFAULT NULL,
    expenditure_from   date DEFAULT NULL,
    expenditure_until  date DEFAULT NULL,
    in_use             boolean DEFAULT NULL,
    innovative_mode    boolean DEFAULT NULL,
    in_catalogue       boolean DEFAULT NULL,
    in_production      boolean DEFAULT NULL,
    reports_statistics boolean DEFAULT NULL,
    city_made_product  boolean DEFAULT NULL)
RETURNS @extschema@.evaluation
AS 'MODULE_PATHNAME', 'evaluate_application'
LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.evaluate_application(text, date, text, date, boolean, boolean, numeric, numeric, numeric, numeric, numeric, integer, date, date, date, boolean, boolean, boolean, boolean, boolean, boolean) IS
'Steps 1 to 4 for an application that is not stored: name the facts that matter, e.g. evaluate_application(clause_code => ''1'', qualifying_date => ''2024-03-01'', scale => ''above'', provincial_amount => 1500000). Each argument is the application column of its name (the C code finds them by name); applied_on defaults to the qualifying date, the flags to unknown. The enterprise''s rules (once only, quota, spending periods, shared caps, stacking) need the other applications: see award_decision.';

CREATE FUNCTION @extschema@.share_award(clause_code text, qualifying_date date, scale text,
                                      specialized boolean, basis numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'share_award'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.share_award(text, date, text, boolean, numeric) IS
'The award of a share clause for one amount, as the engine computes it (steps 3 and 4 without the conditions): share_ratio x basis rounded half away from zero to the fen, cut to the cap of the application''s class, with the parameters valid on qualifying_date (and dsm_policy.scenario). NULL when the policy is not in force on the date or the clause is not a share clause. For what-if arithmetic over many amounts; award_decision decides applications.';

CREATE FUNCTION @extschema@.application_item(application @extschema@.application)
RETURNS bytea
AS 'MODULE_PATHNAME', 'application_item'
LANGUAGE C STABLE PARALLEL SAFE
COST 100;

COMMENT ON FUNCTION @extschema@.application_item(@extschema@.application) IS
'Steps 1 to 4 for one stored application, as the engine''s compact record of it (a bytea that decide_enterprise and quota_claims read in the same query; not for storing). award_decision calls it where the applications are read, in parallel workers when the plan has them.';

CREATE FUNCTION @extschema@.other_award_item(other_award @extschema@.other_award)
RETURNS bytea
AS 'MODULE_PATHNAME', 'other_award_item'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.other_award_item(@extschema@.other_award) IS
'An award under another city policy, as the engine''s compact record of it, a stacking candidate for decide_enterprise.';

------------------------------------------------------------------------------
-- The award engine: an enterprise's applications together (steps 5 to 11),
-- in C: src/enterprise.c
------------------------------------------------------------------------------

-- An enterprise's items in one bytea (a bundle), for quota_claims and
-- decide_enterprise: an aggregate that parallel workers can run in part.
CREATE FUNCTION @extschema@.enterprise_items_transfn(internal, bytea)
RETURNS internal
AS 'MODULE_PATHNAME', 'enterprise_items_transfn'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.enterprise_items_transfn(internal, bytea) IS
'Transition function of enterprise_items: adds an item to the bundle.';

CREATE FUNCTION @extschema@.enterprise_items_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'enterprise_items_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.enterprise_items_combine(internal, internal) IS
'Combine function of enterprise_items: appends the items of one partial bundle to another.';

CREATE FUNCTION @extschema@.enterprise_items_bytes(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'enterprise_items_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.enterprise_items_bytes(internal) IS
'Final and serialization function of enterprise_items: the bundle as a bytea.';

CREATE FUNCTION @extschema@.enterprise_items_deserial(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'enterprise_items_deserial'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.enterprise_items_deserial(bytea, internal) IS
'Deserialization function of enterprise_items: a bundle read back (checked) as a partial state.';

CREATE AGGREGATE @extschema@.enterprise_items(item bytea) (
    SFUNC = @extschema@.enterprise_items_transfn,
    STYPE = internal,
    FINALFUNC = @extschema@.enterprise_items_bytes,
    COMBINEFUNC = @extschema@.enterprise_items_combine,
    SERIALFUNC = @extschema@.enterprise_items_bytes,
    DESERIALFUNC = @extschema@.enterprise_items_deserial,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE @extschema@.enterprise_items(bytea) IS
'The items of one enterprise (application_item of its applications, other_award_item of its other policies'' awards) in one bytea, in any order, for quota_claims and decide_enterprise.';

CREATE TYPE @extschema@.quota_place AS (
    clause_code  text,
    award_year   integer,
    quota_rank   integer
);

COMMENT ON TYPE @extschema@.quota_place IS
'An enterprise''s place in the quota of a clause and award year: the rank of its claim (its first eligible application) among all enterprises'' claims in application order.';

CREATE FUNCTION @extschema@.quota_claims(items bytea,
    OUT clause_code text, OUT award_year integer, OUT application_id bigint, OUT applied_at timestamptz,
    OUT quota integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'quota_claims'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 2;

COMMENT ON FUNCTION @extschema@.quota_claims(bytea) IS
'Steps 5 and 6 for one enterprise''s applications (enterprise_items of their application_item): its claim on the quota of each clause and award year, the first eligible application (once-only repeats excluded), with that application''s quota.';

CREATE FUNCTION @extschema@.decide_enterprise(items bytea, places @extschema@.quota_place[], other_items bytea DEFAULT NULL,
    OUT application_id bigint, OUT other_award_id bigint, OUT enterprise_name text, OUT clause_code text,
    OUT project_ref text, OUT applied_at timestamptz, OUT applied_on date, OUT qualifying_date date,
    OUT award_year integer, OUT status text, OUT reason text, OUT basis_amount numeric,
    OUT computed_amount numeric, OUT cap_amount numeric, OUT cap_scope text, OUT capped boolean,
    OUT award_amount numeric, OUT payable_amount numeric, OUT quota_rank integer, OUT quota integer,
    OUT policy_code text, OUT parameter_version text, OUT warning text, OUT provincial_max numeric,
    OUT explanation text, OUT policy_name text, OUT other_amount numeric, OUT outranked_by bigint,
    OUT outranked_by_payable numeric)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'decide_enterprise'
LANGUAGE C IMMUTABLE PARALLEL SAFE
ROWS 8;

COMMENT ON FUNCTION @extschema@.decide_enterprise(bytea, @extschema@.quota_place[], bytea) IS
'Steps 5 to 11 for one enterprise at once: once only, the quota outcome (from its places), spending periods, caps counting what is paid, stacking (从高不重复), and each row''s status, amounts, reason and explanation. items is enterprise_items() over the application_item of its applications, other_items over the other_award_item of its other policies'' awards (either may be NULL); one row out per item (application_id or other_award_id set).';

------------------------------------------------------------------------------
-- The award engine: decisions
------------------------------------------------------------------------------

-- Steps 1 to 4 for each application on its own.
CREATE VIEW @extschema@.application_evaluation AS
SELECT a.application_id, a.credit_code, a.enterprise_name, a.clause_code, a.project_ref,
       a.applied_at, a.applied_on, a.qualifying_date, a.award_year,
       (e.e).status, (e.e).reason, (e.e).basis_amount, (e.e).computed_amount, (e.e).cap_amount,
       (e.e).cap_scope, (e.e).quota, (e.e).stacking_exempt, (e.e).formula, (e.e).warning,
       (e.e).policy_code, (e.e).parameter_version, (e.e).provincial_max, (e.e).once_only
FROM @extschema@.application a
-- OFFSET 0: evaluated once per application, however many fields are read
CROSS JOIN LATERAL (SELECT @extschema@.evaluate_application(a) AS e OFFSET 0) e;

COMMENT ON VIEW @extschema@.application_evaluation IS
'Each application on its own (steps 1 to 4 of the rules): status eligible, not_in_force, no_monetary_award, ineligible or pending, the amount and its own cap. The enterprise''s rules (once only, quota, spending periods, shared caps, stacking) are in award_decision.';
COMMENT ON COLUMN @extschema@.application_evaluation.application_id IS 'The application.';
COMMENT ON COLUMN @extschema@.application_evaluation.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.application_evaluation.enterprise_name IS 'The enterprise''s name.';
COMMENT ON COLUMN @extschema@.application_evaluation.clause_code IS 'The clause applied under.';
COMMENT ON COLUMN @extschema@.application_evaluation.project_ref IS 'The project or product.';
COMMENT ON COLUMN @extschema@.application_evaluation.applied_at IS 'When the application was made.';
COMMENT ON COLUMN @extschema@.application_evaluation.applied_on IS 'Application date in Asia/Shanghai.';
COMMENT ON COLUMN @extschema@.application_evaluation.qualifying_date IS 'The date that decides the parameters.';
COMMENT ON COLUMN @extschema@.application_evaluation.award_year IS 'Year of qualifying_date.';
COMMENT ON COLUMN @extschema@.application_evaluation.status IS 'eligible (the enterprise''s steps decide the rest), not_in_force, no_monetary_award, ineligible or pending.';
COMMENT ON COLUMN @extschema@.application_evaluation.reason IS 'Why not eligible: the failed conditions or missing facts.';
COMMENT ON COLUMN @extschema@.application_evaluation.basis_amount IS 'The amount a share is taken of, or the approved amount.';
COMMENT ON COLUMN @extschema@.application_evaluation.computed_amount IS 'Share (rounded half away from zero to the fen) or fixed sum, before any cap.';
COMMENT ON COLUMN @extschema@.application_evaluation.cap_amount IS 'The cap that applies to the application; NULL = no cap.';
COMMENT ON COLUMN @extschema@.application_evaluation.cap_scope IS 'What the cap covers: application, enterprise_year, project or product.';
COMMENT ON COLUMN @extschema@.application_evaluation.quota IS 'Enterprises paid per award year under the clause; NULL = no quota.';
COMMENT ON COLUMN @extschema@.application_evaluation.stacking_exempt IS 'The clause is outside the stacking rule.';
COMMENT ON COLUMN @extschema@.application_evaluation.formula IS 'How computed_amount was reached.';
COMMENT ON COLUMN @extschema@.application_evaluation.warning IS 'A likely data-entry error: provincial_amount above the known provincial maximum.';
COMMENT ON COLUMN @extschema@.application_evaluation.policy_code IS 'The policy in force on the qualifying date.';
COMMENT ON COLUMN @extschema@.application_evaluation.parameter_version IS 'parameter_id of every parameter row used, ascending, comma-separated.';
COMMENT ON COLUMN @extschema@.application_evaluation.provincial_max IS 'The known provincial maximum for the basis of a share clause; NULL if not known.';
COMMENT ON COLUMN @extschema@.application_evaluation.once_only IS 'enterprise or enterprise_product when the award is given once (once_only); NULL otherwise.';

------------------------------------------------------------------------------
-- Kept up to date: the enacted quota places and the report totals
------------------------------------------------------------------------------
-- For the enacted parameters, the quota's places and the totals of the report
-- views are kept in these tables, up to date in the same transaction as every
-- change of applications, other awards, parameters, clauses and the ledger
-- (the triggers keep_after_change, the functions keep_enterprises and
-- keep_all).  award_decision reads the places from here, the report views
-- their totals; under a what-if scenario, or while the kept state is out of
-- date (SET dsm_policy.keep = off, for a bulk load), both compute live.
-- Nobody writes these tables but the keeper; pg_dump does not save them: a
-- restore rebuilds them.

CREATE TABLE @extschema@.kept_state (
    singleton       boolean PRIMARY KEY DEFAULT true
                    CONSTRAINT kept_state_one_row CHECK (singleton),
    generation      bigint NOT NULL DEFAULT 0,
    up_to_date      boolean NOT NULL DEFAULT true,
    rebuilt_at      timestamptz
);

COMMENT ON TABLE @extschema@.kept_state IS
'One row: whether the kept tables (kept_*) are up to date, and how many times they were kept. Every keeper updates its row first, so that keepers run one at a time.';
COMMENT ON COLUMN @extschema@.kept_state.singleton IS 'Always true: the table has one row.';
COMMENT ON COLUMN @extschema@.kept_state.generation IS 'How many times the kept tables were kept up to date.';
COMMENT ON COLUMN @extschema@.kept_state.up_to_date IS 'False after a change made with dsm_policy.keep = off, until keep_all() rebuilds: the views then compute live.';
COMMENT ON COLUMN @extschema@.kept_state.rebuilt_at IS 'When keep_all() last rebuilt the kept tables.';
COMMENT ON CONSTRAINT kept_state_one_row ON @extschema@.kept_state IS 'The table has one row.';

INSERT INTO @extschema@.kept_state DEFAULT VALUES;

CREATE TABLE @extschema@.kept_quota_place (
    credit_code     text NOT NULL,
    clause_code     text NOT NULL,
    award_year      integer NOT NULL,
    application_id  bigint NOT NULL,
    applied_at      timestamptz NOT NULL,
    quota           integer,
    quota_rank      integer NOT NULL,
    PRIMARY KEY (credit_code, clause_code, award_year)
);

CREATE INDEX kept_quota_place_order_idx ON @extschema@.kept_quota_place (clause_code, award_year, applied_at, application_id);
CREATE INDEX kept_quota_place_rank_idx ON @extschema@.kept_quota_place (clause_code, award_year, quota_rank);

COMMENT ON TABLE @extschema@.kept_quota_place IS
'Kept: quota_place_live under the enacted parameters, every enterprise''s claim on a quota and its place.';
COMMENT ON COLUMN @extschema@.kept_quota_place.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.kept_quota_place.clause_code IS 'A clause with a quota.';
COMMENT ON COLUMN @extschema@.kept_quota_place.award_year IS 'The award year.';
COMMENT ON COLUMN @extschema@.kept_quota_place.application_id IS 'The claim: the enterprise''s first eligible application of the clause and year.';
COMMENT ON COLUMN @extschema@.kept_quota_place.applied_at IS 'When the claim was made: the order of the places.';
COMMENT ON COLUMN @extschema@.kept_quota_place.quota IS 'The places of the year, by the claim''s parameters.';
COMMENT ON COLUMN @extschema@.kept_quota_place.quota_rank IS 'The place.';
COMMENT ON INDEX @extschema@.kept_quota_place_order_idx IS 'The claims of a clause and year in the order of their places.';
COMMENT ON INDEX @extschema@.kept_quota_place_rank_idx IS 'The places of a clause and year, in order: what the keeper numbers again when a claim changes.';

CREATE TABLE @extschema@.kept_decision (
    application_id  bigint PRIMARY KEY,
    credit_code     text NOT NULL,
    enterprise_name text,
    clause_code     text NOT NULL,
    award_year      integer NOT NULL,
    applied_month   date NOT NULL,
    status          text NOT NULL,
    computed_amount numeric,
    award_amount    numeric NOT NULL,
    payable_amount  numeric NOT NULL,
    settled         boolean NOT NULL
);

CREATE INDEX kept_decision_credit_code_idx ON @extschema@.kept_decision (credit_code);

COMMENT ON TABLE @extschema@.kept_decision IS
'Kept: what award_decision shows of each application under the enacted parameters (the ledger laid over the rules), the columns the totals add up. The keeper subtracts an enterprise''s old rows from the totals and adds its new ones.';
COMMENT ON COLUMN @extschema@.kept_decision.application_id IS 'The application.';
COMMENT ON COLUMN @extschema@.kept_decision.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.kept_decision.enterprise_name IS 'Its name, as recorded on the application.';
COMMENT ON COLUMN @extschema@.kept_decision.clause_code IS 'The clause.';
COMMENT ON COLUMN @extschema@.kept_decision.award_year IS 'The award year.';
COMMENT ON COLUMN @extschema@.kept_decision.applied_month IS 'First day of the month of application (Asia/Shanghai).';
COMMENT ON COLUMN @extschema@.kept_decision.status IS 'The status award_decision shows.';
COMMENT ON COLUMN @extschema@.kept_decision.computed_amount IS 'Computed amount, yuan.';
COMMENT ON COLUMN @extschema@.kept_decision.award_amount IS 'Award after caps and quota, yuan.';
COMMENT ON COLUMN @extschema@.kept_decision.payable_amount IS 'Payable amount, yuan.';
COMMENT ON COLUMN @extschema@.kept_decision.settled IS 'True when settled.';
COMMENT ON INDEX @extschema@.kept_decision_credit_code_idx IS 'An enterprise''s rows, which the keeper replaces.';

CREATE TABLE @extschema@.kept_total_year_clause (
    award_year      integer NOT NULL,
    clause_code     text NOT NULL,
    status          text NOT NULL,
    settled         boolean NOT NULL,
    applications    integer NOT NULL,
    computed_total  numeric NOT NULL,
    award_total     numeric NOT NULL,
    payable_total   numeric NOT NULL,
    PRIMARY KEY (award_year, clause_code, status, settled)
);

CREATE INDEX kept_total_year_clause_empty_idx ON @extschema@.kept_total_year_clause (award_year) WHERE applications = 0;

COMMENT ON TABLE @extschema@.kept_total_year_clause IS
'Kept: the decisions of kept_decision counted and added up per award year, clause, status and settled or not.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.clause_code IS 'Clause.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.status IS 'Status.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.settled IS 'Settled or provisional.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.applications IS 'Applications.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.computed_total IS 'Sum of computed amounts, yuan.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.award_total IS 'Sum of awards, yuan.';
COMMENT ON COLUMN @extschema@.kept_total_year_clause.payable_total IS 'Sum payable, yuan.';
COMMENT ON INDEX @extschema@.kept_total_year_clause_empty_idx IS 'The rows a change emptied, which the keeper deletes.';

CREATE TABLE @extschema@.kept_total_month (
    applied_month   date NOT NULL,
    clause_code     text NOT NULL,
    status          text NOT NULL,
    settled         boolean NOT NULL,
    applications    integer NOT NULL,
    payable_total   numeric NOT NULL,
    PRIMARY KEY (applied_month, clause_code, status, settled)
);

CREATE INDEX kept_total_month_empty_idx ON @extschema@.kept_total_month (applied_month) WHERE applications = 0;

COMMENT ON TABLE @extschema@.kept_total_month IS
'Kept: the decisions of kept_decision counted and added up per month of application, clause, status and settled or not.';
COMMENT ON COLUMN @extschema@.kept_total_month.applied_month IS 'First day of the month of application.';
COMMENT ON COLUMN @extschema@.kept_total_month.clause_code IS 'Clause.';
COMMENT ON COLUMN @extschema@.kept_total_month.status IS 'Status.';
COMMENT ON COLUMN @extschema@.kept_total_month.settled IS 'Settled or provisional.';
COMMENT ON COLUMN @extschema@.kept_total_month.applications IS 'Applications.';
COMMENT ON COLUMN @extschema@.kept_total_month.payable_total IS 'Sum payable, yuan.';
COMMENT ON INDEX @extschema@.kept_total_month_empty_idx IS 'The rows a change emptied, which the keeper deletes.';

CREATE TABLE @extschema@.kept_total_enterprise (
    credit_code          text NOT NULL,
    award_year           integer NOT NULL,
    enterprise_name      text,
    applications         integer NOT NULL,
    payable_applications integer NOT NULL,
    award_total          numeric NOT NULL,
    payable_total        numeric NOT NULL,
    settled_total        numeric NOT NULL,
    withdrawn_applications integer NOT NULL,
    PRIMARY KEY (credit_code, award_year)
);

CREATE INDEX kept_total_enterprise_payable_idx ON @extschema@.kept_total_enterprise (award_year, payable_total DESC);

COMMENT ON TABLE @extschema@.kept_total_enterprise IS
'Kept: the decisions of kept_decision added up per enterprise and award year.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.enterprise_name IS 'Its name (the greatest recorded).';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.applications IS 'Applications.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.payable_applications IS 'Of which payable.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.award_total IS 'Sum of awards, yuan.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.payable_total IS 'Sum payable, yuan.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.settled_total IS 'Of which settled, yuan.';
COMMENT ON COLUMN @extschema@.kept_total_enterprise.withdrawn_applications IS 'Applications whose settled award a correction took back.';
COMMENT ON INDEX @extschema@.kept_total_enterprise_payable_idx IS 'The enterprises of a year, by what they are paid.';

CREATE FUNCTION @extschema@.kept_in_use()
RETURNS boolean
LANGUAGE sql
STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(current_setting('dsm_policy.scenario', true), 'enacted') = 'enacted'
       AND NOT coalesce(current_setting('dsm_policy.proposals_as_confirmed', true), 'off')::boolean
       AND (SELECT k.up_to_date FROM @extschema@.kept_state k)
$$;

COMMENT ON FUNCTION @extschema@.kept_in_use() IS
'True when the views may read the kept tables: the session''s scenario is enacted, proposals are not being decided as confirmed (the entitlement) and the kept state is up to date. Otherwise they compute live.';

-- Each enterprise's claims on the quotas (quota_claims, in C).
CREATE VIEW @extschema@.quota_claim_live AS
SELECT g.credit_code, c.clause_code, c.award_year, c.application_id, c.applied_at, c.quota
FROM (SELECT a.credit_code::text AS credit_code, @extschema@.enterprise_items(@extschema@.application_item(a)) AS items
      FROM @extschema@.application a
      -- only the clauses a quota can apply to (a semi-join: the planner
      -- estimates the rows from the statistics of clause_code)
      WHERE a.clause_code IN (SELECT p.clause_code FROM @extschema@.parameter p
                              WHERE p.name = 'quota_enterprises_per_year')
      GROUP BY a.credit_code) g
CROSS JOIN LATERAL @extschema@.quota_claims(g.items) c;

COMMENT ON VIEW @extschema@.quota_claim_live IS
'Step 6, each enterprise''s part: its claim on the quota of a clause and award year, its first eligible application (from quota_claims in C), under the session''s scenario.';
COMMENT ON COLUMN @extschema@.quota_claim_live.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.quota_claim_live.clause_code IS 'A clause with a quota.';
COMMENT ON COLUMN @extschema@.quota_claim_live.award_year IS 'The award year.';
COMMENT ON COLUMN @extschema@.quota_claim_live.application_id IS 'The enterprise''s first eligible application of the clause and year: its claim.';
COMMENT ON COLUMN @extschema@.quota_claim_live.applied_at IS 'When that application was made: the order of the places.';
COMMENT ON COLUMN @extschema@.quota_claim_live.quota IS 'The places of the year, by that application''s parameters.';

-- The places: the claims numbered per clause and award year in application
-- order, the one step that crosses enterprises.
CREATE VIEW @extschema@.quota_place_live AS
SELECT c.credit_code, c.clause_code, c.award_year, c.application_id, c.applied_at,
       pg_catalog.row_number() OVER (PARTITION BY c.clause_code, c.award_year
                                     ORDER BY c.applied_at, c.application_id)::integer AS quota_rank,
       c.quota
FROM @extschema@.quota_claim_live c;

COMMENT ON VIEW @extschema@.quota_place_live IS
'Step 6 across enterprises: every enterprise''s claim on the quota of a clause and award year and its place, numbered in application order (applied_at, then application_id), under the session''s scenario. For enacted, kept_quota_place holds the same, kept up to date.';
COMMENT ON COLUMN @extschema@.quota_place_live.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.quota_place_live.clause_code IS 'A clause with a quota.';
COMMENT ON COLUMN @extschema@.quota_place_live.award_year IS 'The award year.';
COMMENT ON COLUMN @extschema@.quota_place_live.application_id IS 'The enterprise''s first eligible application of the clause and year: its claim.';
COMMENT ON COLUMN @extschema@.quota_place_live.applied_at IS 'When that application was made: the order of the places.';
COMMENT ON COLUMN @extschema@.quota_place_live.quota IS 'The places of the year, by the claim''s parameters.';
COMMENT ON COLUMN @extschema@.quota_place_live.quota_rank IS 'The place: 1 for the first claim of the clause and year.';

-- The rules' decision of every row of every enterprise: read the applications
-- and the other policies' awards once, gather them by enterprise, and decide
-- each enterprise in one C pass.
CREATE VIEW @extschema@.enterprise_decision AS
WITH
-- Steps 1 to 4 for each application on its own (application_item, C),
-- gathered per enterprise; and the other city policies' awards, apart (each
-- grouped by its own credit_code, so that the planner knows how many
-- enterprises there are and can read both in credit_code order, merging them
-- without holding every enterprise in memory).
applications AS (
    SELECT a.credit_code::text AS credit_code, @extschema@.enterprise_items(@extschema@.application_item(a)) AS items
    FROM @extschema@.application a
    GROUP BY a.credit_code
),
others AS (
    SELECT o.credit_code::text AS credit_code, @extschema@.enterprise_items(@extschema@.other_award_item(o)) AS items
    FROM @extschema@.other_award o
    GROUP BY o.credit_code
),
-- Step 6's places, per enterprise (the one step across enterprises): kept
-- up to date for the enacted parameters, else numbered live.
places AS (
    SELECT q.credit_code,
           pg_catalog.array_agg(ROW(q.clause_code, q.award_year, q.quota_rank)::@extschema@.quota_place) AS places
    FROM (SELECT k.credit_code, k.clause_code, k.award_year, k.quota_rank
          FROM @extschema@.kept_quota_place k
          WHERE @extschema@.kept_in_use()
          UNION ALL
          SELECT l.credit_code, l.clause_code, l.award_year, l.quota_rank
          FROM @extschema@.quota_place_live l
          WHERE NOT @extschema@.kept_in_use()) q
    GROUP BY q.credit_code
)
-- Steps 5 to 11 for each enterprise at once (decide_enterprise, C).
SELECT coalesce(a.credit_code, o.credit_code) AS credit_code, d.*
FROM applications a
FULL JOIN others o USING (credit_code)
LEFT JOIN places p ON p.credit_code = coalesce(a.credit_code, o.credit_code)
CROSS JOIN LATERAL @extschema@.decide_enterprise(a.items, p.places, o.items) d;

COMMENT ON VIEW @extschema@.enterprise_decision IS
'The rules'' decision of every row of every enterprise, before the ledger: one row per application (application_id set) and per award under another city policy (other_award_id set). award_decision and other_award_outranked read it.';
COMMENT ON COLUMN @extschema@.enterprise_decision.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.enterprise_decision.application_id IS 'The application; NULL on a row of another policys award.';
COMMENT ON COLUMN @extschema@.enterprise_decision.other_award_id IS 'The award under another city policy; NULL on an applications row.';
COMMENT ON COLUMN @extschema@.enterprise_decision.enterprise_name IS 'The enterprises name, as recorded on the application.';
COMMENT ON COLUMN @extschema@.enterprise_decision.clause_code IS 'The clause applied under.';
COMMENT ON COLUMN @extschema@.enterprise_decision.project_ref IS 'The project, product or service.';
COMMENT ON COLUMN @extschema@.enterprise_decision.applied_at IS 'When the application was made.';
COMMENT ON COLUMN @extschema@.enterprise_decision.applied_on IS 'Application date (Asia/Shanghai).';
COMMENT ON COLUMN @extschema@.enterprise_decision.qualifying_date IS 'The date that decides the policy and parameters.';
COMMENT ON COLUMN @extschema@.enterprise_decision.award_year IS 'Year of the qualifying date (of the other awards year).';
COMMENT ON COLUMN @extschema@.enterprise_decision.status IS 'The rules status (award_decision shows the settled one where there is one).';
COMMENT ON COLUMN @extschema@.enterprise_decision.reason IS 'Why the application is not paid; NULL when payable.';
COMMENT ON COLUMN @extschema@.enterprise_decision.basis_amount IS 'The amount a share is taken of, or the approved amount.';
COMMENT ON COLUMN @extschema@.enterprise_decision.computed_amount IS 'Share or fixed sum before any cap; NULL when not reached.';
COMMENT ON COLUMN @extschema@.enterprise_decision.cap_amount IS 'The applications own cap; NULL = no cap or not reached.';
COMMENT ON COLUMN @extschema@.enterprise_decision.cap_scope IS 'What the cap covers.';
COMMENT ON COLUMN @extschema@.enterprise_decision.capped IS 'True when the cap cut the amount.';
COMMENT ON COLUMN @extschema@.enterprise_decision.award_amount IS 'After caps and quota, before stacking.';
COMMENT ON COLUMN @extschema@.enterprise_decision.payable_amount IS 'What the rules pay.';
COMMENT ON COLUMN @extschema@.enterprise_decision.quota_rank IS 'The enterprises place in the quota of the clause and year.';
COMMENT ON COLUMN @extschema@.enterprise_decision.quota IS 'The places of the year, for a clause with a quota.';
COMMENT ON COLUMN @extschema@.enterprise_decision.policy_code IS 'The policy in force on the qualifying date.';
COMMENT ON COLUMN @extschema@.enterprise_decision.parameter_version IS 'parameter_id of every parameter row used, ascending, comma-separated.';
COMMENT ON COLUMN @extschema@.enterprise_decision.warning IS 'A likely data-entry error: provincial_amount above the known provincial maximum.';
COMMENT ON COLUMN @extschema@.enterprise_decision.provincial_max IS 'The known provincial maximum for the basis; NULL if not known.';
COMMENT ON COLUMN @extschema@.enterprise_decision.explanation IS 'The decision in words, step by step.';
COMMENT ON COLUMN @extschema@.enterprise_decision.policy_name IS 'Another policys award: its policy.';
COMMENT ON COLUMN @extschema@.enterprise_decision.other_amount IS 'Another policys award: its amount.';
COMMENT ON COLUMN @extschema@.enterprise_decision.outranked_by IS 'Another policys award: the application of this policy that outranks it (its department should withhold it); NULL if none.';
COMMENT ON COLUMN @extschema@.enterprise_decision.outranked_by_payable IS 'Another policys award: what that application pays.';

-- One decision per application: the rules' decision with the ledger laid over it.
CREATE VIEW @extschema@.award_decision AS
WITH
decided AS (
    SELECT d.*
    FROM @extschema@.enterprise_decision d
    WHERE d.application_id IS NOT NULL
),
-- The settled decisions: each settled application's current ledger entry
-- (a decision entry that no correction reversed).
settled AS (
    SELECT l.application_id, l.entry_id, l.settlement_id, l.status, l.reason, l.basis_amount,
           l.computed_amount, l.cap_amount, l.capped, l.award_amount, l.amount, l.quota_rank,
           l.quota, l.policy_code, l.parameter_version, l.explanation,
           s.kind AS settlement_kind, (s.settled_at AT TIME ZONE 'Asia/Shanghai')::date AS settled_on
    FROM @extschema@.ledger l
    JOIN @extschema@.settlement s USING (settlement_id)
    WHERE l.entry_kind = 'decision'
      AND NOT EXISTS (SELECT FROM @extschema@.ledger r WHERE r.reverses_entry_id = l.entry_id)
)
-- A settled application shows its settled decision; the others, the rules'.
SELECT d.application_id,
       d.credit_code,
       d.enterprise_name,
       d.clause_code,
       d.project_ref,
       d.applied_on,
       d.qualifying_date,
       d.award_year,
       coalesce(l.status, d.status) AS status,
       CASE WHEN l.entry_id IS NULL THEN d.reason ELSE l.reason END AS reason,
       CASE WHEN l.entry_id IS NULL THEN d.basis_amount ELSE l.basis_amount END AS basis_amount,
       CASE WHEN l.entry_id IS NULL THEN d.computed_amount ELSE l.computed_amount END AS computed_amount,
       CASE WHEN l.entry_id IS NULL THEN d.cap_amount ELSE l.cap_amount END AS cap_amount,
       d.cap_scope,
       coalesce(l.capped, d.capped) AS capped,
       coalesce(l.award_amount, d.award_amount) AS award_amount,
       coalesce(l.amount, d.payable_amount) AS payable_amount,
       CASE WHEN l.entry_id IS NULL THEN d.quota_rank ELSE l.quota_rank END AS quota_rank,
       CASE WHEN l.entry_id IS NULL THEN d.quota ELSE l.quota END AS quota,
       u.units_zh AS responsible_units,
       u.units_en AS responsible_units_en,
       CASE WHEN l.entry_id IS NULL THEN d.policy_code ELSE l.policy_code END AS policy_code,
       CASE WHEN l.entry_id IS NULL THEN d.parameter_version ELSE l.parameter_version END AS parameter_version,
       d.warning,
       d.provincial_max,
       CASE WHEN l.entry_id IS NULL THEN d.explanation
            ELSE l.explanation || '; settled in ' || l.settlement_kind || ' ' || l.settlement_id || ' on ' || l.settled_on
       END AS explanation,
       (l.entry_id IS NOT NULL) AS settled,
       l.settlement_id,
       l.settled_on,
       d.payable_amount AS rules_payable_amount,
       u.sort_key,
       u.title_zh AS clause_title_zh,
       u.title_en AS clause_title_en
FROM decided d
LEFT JOIN settled l ON l.application_id = d.application_id
LEFT JOIN (SELECT c.clause_code, c.sort_key, c.title_zh, c.title_en,
                  string_agg(ru.name_zh, '、' ORDER BY cu.position) AS units_zh,
                  string_agg(ru.name_en, '; ' ORDER BY cu.position) AS units_en
           FROM @extschema@.clause c
           LEFT JOIN @extschema@.clause_unit cu USING (clause_code)
           LEFT JOIN @extschema@.responsible_unit ru USING (unit_code)
           GROUP BY c.clause_code) u ON u.clause_code = d.clause_code;

COMMENT ON VIEW @extschema@.award_decision IS
'One decision per application, by the rules of doc/reference.md ("The rules, in order"): the applications and other policies'' awards are read once and grouped by enterprise; application_item (C) decides steps 1 to 4 of each application, quota_place_live numbers the quota claims (the one step across enterprises), decide_enterprise (C) decides steps 5 to 11 of each enterprise at once, and the ledger is laid over the result. status is one of payable, superseded, over_quota, cap_exhausted, ineligible, not_in_force, pending, no_monetary_award, or withdrawn (a settled award a correction took back). A settled decision (settled = true) shows what the ledger holds; the others are provisional and follow the parameters and dsm_policy.scenario.';
COMMENT ON COLUMN @extschema@.award_decision.application_id IS 'The application.';
COMMENT ON COLUMN @extschema@.award_decision.credit_code IS 'The enterprise: unified social credit code.';
COMMENT ON COLUMN @extschema@.award_decision.enterprise_name IS 'The enterprise''s name, as recorded on the application.';
COMMENT ON COLUMN @extschema@.award_decision.clause_code IS 'The clause applied under.';
COMMENT ON COLUMN @extschema@.award_decision.project_ref IS 'The project or product.';
COMMENT ON COLUMN @extschema@.award_decision.applied_on IS 'Application date (Asia/Shanghai).';
COMMENT ON COLUMN @extschema@.award_decision.qualifying_date IS 'The date that decides the policy and parameters.';
COMMENT ON COLUMN @extschema@.award_decision.award_year IS 'Year of qualifying_date: the year of quotas, per-year caps and stacking.';
COMMENT ON COLUMN @extschema@.award_decision.status IS 'payable, superseded, over_quota, cap_exhausted, ineligible, not_in_force, pending or no_monetary_award; withdrawn for a settled award a correction took back.';
COMMENT ON COLUMN @extschema@.award_decision.reason IS 'Why the application is not paid: the failed condition or missing fact, the quota place, the exhausted cap, the award that supersedes it. NULL when payable.';
COMMENT ON COLUMN @extschema@.award_decision.basis_amount IS 'The amount a share is taken of (provincial_amount or expenditure), or the approved amount.';
COMMENT ON COLUMN @extschema@.award_decision.computed_amount IS 'Share rounded half away from zero to the fen, or fixed sum, before any cap. NULL when not reached.';
COMMENT ON COLUMN @extschema@.award_decision.cap_amount IS 'The cap of the application; NULL = no cap.';
COMMENT ON COLUMN @extschema@.award_decision.cap_scope IS 'What the cap covers: application, enterprise_year, project or product.';
COMMENT ON COLUMN @extschema@.award_decision.capped IS 'True when the cap (or what earlier applications left of it) cut computed_amount.';
COMMENT ON COLUMN @extschema@.award_decision.award_amount IS 'The award after cap and quota, before stacking.';
COMMENT ON COLUMN @extschema@.award_decision.payable_amount IS 'What is paid: award_amount when status is payable, else 0.';
COMMENT ON COLUMN @extschema@.award_decision.quota_rank IS 'For clauses with a quota: the enterprise''s place in its award year, by its earliest eligible application.';
COMMENT ON COLUMN @extschema@.award_decision.quota IS 'For clauses with a quota: the places of the award year (quota_enterprises_per_year); NULL otherwise.';
COMMENT ON COLUMN @extschema@.award_decision.responsible_units IS 'Responsible units (责任单位) of the clause, in Chinese, in the document''s order.';
COMMENT ON COLUMN @extschema@.award_decision.responsible_units_en IS 'The same, in English.';
COMMENT ON COLUMN @extschema@.award_decision.policy_code IS 'The policy in force on the qualifying date.';
COMMENT ON COLUMN @extschema@.award_decision.parameter_version IS 'The parameter version used: parameter_id of every row, ascending, comma-separated.';
COMMENT ON COLUMN @extschema@.award_decision.warning IS 'A likely data-entry error to check: provincial_amount above the known provincial maximum.';
COMMENT ON COLUMN @extschema@.award_decision.provincial_max IS 'The known provincial maximum for the basis of a share clause (provincial_max, or provincial_max_specialized_sme for a specialised SME); NULL if not known.';
COMMENT ON COLUMN @extschema@.award_decision.explanation IS 'The decision in words a clerk can check: formula, cap, quota, stacking and what is paid; for a settled decision, the settled words and the settlement.';
COMMENT ON COLUMN @extschema@.award_decision.settled IS 'True when the decision is settled (in the ledger): its columns are the settled ones and never change. False: provisional, by the rules in force now.';
COMMENT ON COLUMN @extschema@.award_decision.settlement_id IS 'The settlement or correction that wrote the settled decision; NULL while provisional.';
COMMENT ON COLUMN @extschema@.award_decision.settled_on IS 'Date of that settlement (Asia/Shanghai); NULL while provisional.';
COMMENT ON COLUMN @extschema@.award_decision.sort_key IS 'Document order of the clause: ORDER BY sort_key puts clause 5 before clause 11.';
COMMENT ON COLUMN @extschema@.award_decision.clause_title_zh IS 'The clause''s title in Chinese.';
COMMENT ON COLUMN @extschema@.award_decision.clause_title_en IS 'The clause''s title in English.';
COMMENT ON COLUMN @extschema@.award_decision.rules_payable_amount IS 'What the rules in force now (and the scenario) would pay. Equals payable_amount while provisional; for a settled decision it shows how later parameter changes would have changed it.';

CREATE VIEW @extschema@.other_award_outranked AS
SELECT d.other_award_id,
       d.credit_code,
       d.project_ref,
       d.award_year,
       d.policy_name,
       d.other_amount AS amount,
       d.outranked_by AS application_id,
       d.outranked_by_payable AS payable_amount
FROM @extschema@.enterprise_decision d
WHERE d.other_award_id IS NOT NULL AND d.outranked_by IS NOT NULL;

COMMENT ON VIEW @extschema@.other_award_outranked IS
'Awards under other city policies that one of this policy''s payable awards outranks in the same project and year (从高不重复): only the highest is paid, so their department should withhold them. By the rules in force now (and dsm_policy.scenario).';
COMMENT ON COLUMN @extschema@.other_award_outranked.other_award_id IS 'The other policy''s award (table other_award).';
COMMENT ON COLUMN @extschema@.other_award_outranked.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.other_award_outranked.project_ref IS 'The project.';
COMMENT ON COLUMN @extschema@.other_award_outranked.award_year IS 'The year.';
COMMENT ON COLUMN @extschema@.other_award_outranked.policy_name IS 'The other policy.';
COMMENT ON COLUMN @extschema@.other_award_outranked.amount IS 'Its amount, yuan: to be withheld.';
COMMENT ON COLUMN @extschema@.other_award_outranked.application_id IS 'The application of this policy that outranks it.';
COMMENT ON COLUMN @extschema@.other_award_outranked.payable_amount IS 'What that application pays, yuan.';

------------------------------------------------------------------------------
-- The keeper: the kept tables follow every change in the same transaction
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.keep_all()
RETURNS void
LANGUAGE plpgsql
-- the kept tables are written by the keeper only (doc/dba.md "Roles")
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET dsm_policy.scenario = 'enacted'
AS $$
BEGIN
    -- one keeper at a time (READ COMMITTED waits here; REPEATABLE READ fails
    -- with a serialisation error when another keeper committed meanwhile)
    UPDATE @extschema@.kept_state SET generation = generation + 1, up_to_date = false;
    -- DELETE, not TRUNCATE: a report whose snapshot is older than this
    -- transaction must still see the old rows (TRUNCATE is not MVCC-safe:
    -- they would find the tables empty and a claim without its place)
    DELETE FROM @extschema@.kept_quota_place;
    DELETE FROM @extschema@.kept_decision;
    DELETE FROM @extschema@.kept_total_year_clause;
    DELETE FROM @extschema@.kept_total_month;
    DELETE FROM @extschema@.kept_total_enterprise;

    INSERT INTO @extschema@.kept_quota_place (credit_code, clause_code, award_year, application_id, applied_at, quota, quota_rank)
    SELECT q.credit_code, q.clause_code, q.award_year, q.application_id, q.applied_at, q.quota, q.quota_rank
    FROM @extschema@.quota_place_live q;
    -- the places are in: award_decision reads them from now on
    UPDATE @extschema@.kept_state SET up_to_date = true, rebuilt_at = pg_catalog.clock_timestamp();

    INSERT INTO @extschema@.kept_decision (application_id, credit_code, enterprise_name, clause_code, award_year,
                                          applied_month, status, computed_amount, award_amount, payable_amount, settled)
    SELECT d.application_id, d.credit_code, d.enterprise_name, d.clause_code, d.award_year,
           date_trunc('month', d.applied_on)::date, d.status, d.computed_amount, d.award_amount, d.payable_amount, d.settled
    FROM @extschema@.award_decision d;

    INSERT INTO @extschema@.kept_total_year_clause
    SELECT k.award_year, k.clause_code, k.status, k.settled, count(*), coalesce(sum(k.computed_amount), 0.00),
           sum(k.award_amount), sum(k.payable_amount)
    FROM @extschema@.kept_decision k
    GROUP BY k.award_year, k.clause_code, k.status, k.settled;
    INSERT INTO @extschema@.kept_total_month
    SELECT k.applied_month, k.clause_code, k.status, k.settled, count(*), sum(k.payable_amount)
    FROM @extschema@.kept_decision k
    GROUP BY k.applied_month, k.clause_code, k.status, k.settled;
    INSERT INTO @extschema@.kept_total_enterprise
    SELECT k.credit_code, k.award_year, max(k.enterprise_name), count(*),
           count(*) FILTER (WHERE k.status = 'payable'), sum(k.award_amount), sum(k.payable_amount),
           coalesce(sum(k.payable_amount) FILTER (WHERE k.settled), 0.00),
           count(*) FILTER (WHERE k.status = 'withdrawn')
    FROM @extschema@.kept_decision k
    GROUP BY k.credit_code, k.award_year;
END
$$;

COMMENT ON FUNCTION @extschema@.keep_all() IS
'Rebuilds the kept tables (quota places, decisions, totals) from the applications, other awards, parameters and ledger, under the enacted parameters: after a change of parameters or clauses (the triggers call it), after a bulk load made with dsm_policy.keep = off, or after a restore made with --disable-triggers.';

CREATE FUNCTION @extschema@.keep_enterprises(codes text[])
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET dsm_policy.scenario = 'enacted'
AS $$
DECLARE
    moved text[];
    group_clauses text[];
    group_years integer[];
    changed bigint;
BEGIN
    IF codes IS NULL OR cardinality(codes) = 0 THEN
        RETURN;
    END IF;
    UPDATE @extschema@.kept_state SET generation = generation + 1;
    IF NOT (SELECT k.up_to_date FROM @extschema@.kept_state k) THEN
        RETURN;    -- out of date already: keep_all() rebuilds it all
    END IF;
    IF cardinality(codes) > 20000 THEN
        PERFORM @extschema@.keep_all();    -- a bulk change: rebuilding is faster
        RETURN;
    END IF;

    -- 1. The enterprises' claims on the quotas; where a claim changed, the
    --    places of its clause and year are numbered again, and the other
    --    enterprises whose place moved are kept too.
    WITH old AS (
        DELETE FROM @extschema@.kept_quota_place k WHERE k.credit_code = ANY (codes)
        RETURNING k.credit_code, k.clause_code, k.award_year, k.application_id, k.applied_at, k.quota, k.quota_rank
    ), new AS (
        INSERT INTO @extschema@.kept_quota_place (credit_code, clause_code, award_year, application_id, applied_at, quota, quota_rank)
        SELECT c.credit_code, c.clause_code, c.award_year, c.application_id, c.applied_at, c.quota, coalesce(o.quota_rank, 0)
        FROM @extschema@.quota_claim_live c
        LEFT JOIN old o ON (o.credit_code, o.clause_code, o.award_year, o.application_id, o.applied_at)
                         = (c.credit_code, c.clause_code, c.award_year, c.application_id, c.applied_at)
        WHERE c.credit_code = ANY (codes)
        RETURNING credit_code, clause_code, award_year, application_id, applied_at
    )
    SELECT array_agg(g.clause_code), array_agg(g.award_year) INTO group_clauses, group_years
    FROM (SELECT DISTINCT x.clause_code, x.award_year
    FROM ((SELECT o.credit_code, o.clause_code, o.award_year, o.application_id, o.applied_at FROM old o
           EXCEPT SELECT * FROM new)
          UNION ALL
          (SELECT * FROM new
           EXCEPT SELECT o.credit_code, o.clause_code, o.award_year, o.application_id, o.applied_at FROM old o)) x) g;

    WITH ranked AS (
        SELECT k.credit_code, k.clause_code, k.award_year,
               pg_catalog.row_number() OVER (PARTITION BY k.clause_code, k.award_year
                                             ORDER BY k.applied_at, k.application_id)::integer AS quota_rank
        FROM @extschema@.kept_quota_place k
        JOIN unnest(group_clauses, group_years) AS g (clause_code, award_year) USING (clause_code, award_year)
    ), renumbered AS (
        UPDATE @extschema@.kept_quota_place k
           SET quota_rank = r.quota_rank
          FROM ranked r
         WHERE (k.credit_code, k.clause_code, k.award_year) = (r.credit_code, r.clause_code, r.award_year)
           AND k.quota_rank <> r.quota_rank
        RETURNING k.credit_code
    )
    SELECT array_agg(DISTINCT m.credit_code) INTO moved FROM renumbered m;
    codes := ARRAY(SELECT DISTINCT c FROM unnest(codes || coalesce(moved, '{}')) AS c);

    -- 2. Their decisions, and the totals: the old rows out, the new ones in.
    WITH old AS (
        DELETE FROM @extschema@.kept_decision k WHERE k.credit_code = ANY (codes)
        RETURNING k.*
    ), new AS (
        INSERT INTO @extschema@.kept_decision (application_id, credit_code, enterprise_name, clause_code, award_year,
                                              applied_month, status, computed_amount, award_amount, payable_amount, settled)
        SELECT d.application_id, d.credit_code, d.enterprise_name, d.clause_code, d.award_year,
               date_trunc('month', d.applied_on)::date, d.status, d.computed_amount, d.award_amount,
               d.payable_amount, d.settled
        FROM @extschema@.award_decision d
        WHERE d.credit_code = ANY (codes)
        RETURNING *
    ), change AS (
        SELECT -1 AS n, o.award_year, o.clause_code, o.applied_month, o.status, o.settled,
               o.computed_amount, o.award_amount, o.payable_amount
        FROM old o
        UNION ALL
        SELECT 1, w.award_year, w.clause_code, w.applied_month, w.status, w.settled,
               w.computed_amount, w.award_amount, w.payable_amount
        FROM new w
    ), by_year_clause AS (
        INSERT INTO @extschema@.kept_total_year_clause AS t
        SELECT c.award_year, c.clause_code, c.status, c.settled, sum(c.n), coalesce(sum(c.n * c.computed_amount), 0.00),
               sum(c.n * c.award_amount), sum(c.n * c.payable_amount)
        FROM change c
        GROUP BY c.award_year, c.clause_code, c.status, c.settled
        ON CONFLICT (award_year, clause_code, status, settled) DO UPDATE
           SET applications = t.applications + excluded.applications,
               computed_total = t.computed_total + excluded.computed_total,
               award_total = t.award_total + excluded.award_total,
               payable_total = t.payable_total + excluded.payable_total
        RETURNING 1
    ), by_month AS (
        INSERT INTO @extschema@.kept_total_month AS t
        SELECT c.applied_month, c.clause_code, c.status, c.settled, sum(c.n), sum(c.n * c.payable_amount)
        FROM change c
        GROUP BY c.applied_month, c.clause_code, c.status, c.settled
        ON CONFLICT (applied_month, clause_code, status, settled) DO UPDATE
           SET applications = t.applications + excluded.applications,
               payable_total = t.payable_total + excluded.payable_total
        RETURNING 1
    )
    SELECT count(*) INTO changed FROM (SELECT FROM by_year_clause UNION ALL SELECT FROM by_month) c;
    DELETE FROM @extschema@.kept_total_year_clause WHERE applications = 0;
    DELETE FROM @extschema@.kept_total_month WHERE applications = 0;

    DELETE FROM @extschema@.kept_total_enterprise k WHERE k.credit_code = ANY (codes);
    INSERT INTO @extschema@.kept_total_enterprise
    SELECT k.credit_code, k.award_year, max(k.enterprise_name), count(*),
           count(*) FILTER (WHERE k.status = 'payable'), sum(k.award_amount), sum(k.payable_amount),
           coalesce(sum(k.payable_amount) FILTER (WHERE k.settled), 0.00),
           count(*) FILTER (WHERE k.status = 'withdrawn')
    FROM @extschema@.kept_decision k
    WHERE k.credit_code = ANY (codes)
    GROUP BY k.credit_code, k.award_year;
END
$$;

COMMENT ON FUNCTION @extschema@.keep_enterprises(text[]) IS
'Keeps the kept tables up to date after a change of these enterprises: their quota claims (and the places of the other enterprises that move), their decisions, and the totals (the old rows subtracted, the new ones added), under the enacted parameters. The triggers call it; more than 20,000 enterprises at once rebuild everything (keep_all).';

CREATE FUNCTION @extschema@.keeping()
RETURNS boolean
AS 'MODULE_PATHNAME', 'keeping'
LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.keeping() IS
'The setting dsm_policy.keep (a superuser''s: on unless a superuser turned it off for a bulk load).';

CREATE FUNCTION @extschema@.keep_after_change()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    codes text[];
BEGIN
    -- (read through the module: a superuser's setting only)
    IF NOT @extschema@.keeping() THEN
        -- a bulk load: mark the kept state out of date; keep_all() rebuilds it
        UPDATE @extschema@.kept_state SET generation = generation + 1, up_to_date = false WHERE up_to_date;
        RETURN NULL;
    END IF;
    IF TG_OP = 'TRUNCATE' OR TG_TABLE_NAME = 'clause' THEN
        -- everything went, or the rules changed
        PERFORM @extschema@.keep_all();
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'parameter' THEN
        -- the rules changed when an enacted row did (a transition table is
        -- read only where the trigger has it)
        IF TG_OP <> 'DELETE' THEN
            IF EXISTS (SELECT FROM new_rows r WHERE r.scenario = 'enacted') THEN
                PERFORM @extschema@.keep_all();
                RETURN NULL;
            END IF;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            IF EXISTS (SELECT FROM old_rows r WHERE r.scenario = 'enacted') THEN
                PERFORM @extschema@.keep_all();
            END IF;
        END IF;
        RETURN NULL;
    END IF;
    -- applications, other awards, ledger entries: the enterprises they belong to
    IF TG_OP = 'INSERT' THEN
        codes := ARRAY(SELECT DISTINCT r.credit_code::text FROM new_rows r);
    ELSIF TG_OP = 'DELETE' THEN
        codes := ARRAY(SELECT DISTINCT r.credit_code::text FROM old_rows r);
    ELSE
        codes := ARRAY(SELECT r.credit_code::text FROM new_rows r UNION SELECT r.credit_code::text FROM old_rows r);
    END IF;
    PERFORM @extschema@.keep_enterprises(codes);
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION @extschema@.keep_after_change() IS
'Trigger, after each statement that changes applications, other awards, the ledger, parameters or clauses: keeps the kept tables up to date in the same transaction (keep_enterprises for the enterprises the rows belong to; keep_all when an enacted parameter or a clause changed). With dsm_policy.keep = off it only marks the kept state out of date.';

DO $$
DECLARE
    t text;
    op text;
BEGIN
    FOREACH t IN ARRAY ARRAY['application', 'other_award', 'parameter', 'clause', 'enterprise'] LOOP
        FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
            EXECUTE format('CREATE TRIGGER keep_after_%s AFTER %s ON @extschema@.%I REFERENCING %s '
                           'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.keep_after_change()',
                           op, upper(op), t,
                           CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows'
                                   WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                                   ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END);
            EXECUTE format('COMMENT ON TRIGGER keep_after_%s ON @extschema@.%I IS %L', op, t,
                           'Keeps the kept tables (quota places, report totals) up to date in the same transaction.');
        END LOOP;
        EXECUTE format('CREATE TRIGGER keep_after_truncate AFTER TRUNCATE ON @extschema@.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.keep_after_change()', t);
        EXECUTE format('COMMENT ON TRIGGER keep_after_truncate ON @extschema@.%I IS %L', t,
                       'Rebuilds the kept tables.');
    END LOOP;
END
$$;
CREATE TRIGGER keep_after_insert AFTER INSERT ON @extschema@.ledger REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.keep_after_change();
COMMENT ON TRIGGER keep_after_insert ON @extschema@.ledger IS
'Keeps the kept tables up to date: a settled decision reads from the ledger.';


------------------------------------------------------------------------------
-- Reports for the dashboard (standard types only, stable column names)
------------------------------------------------------------------------------

CREATE VIEW @extschema@.award_totals_by_year_clause AS
WITH totals AS (
    -- kept up to date for the enacted parameters, else added up live
    SELECT t.award_year, t.clause_code, t.status, t.settled, t.applications, t.computed_total, t.award_total,
           t.payable_total
    FROM @extschema@.kept_total_year_clause t
    WHERE @extschema@.kept_in_use()
    UNION ALL
    SELECT d.award_year, d.clause_code, d.status, d.settled, count(*)::integer, coalesce(sum(d.computed_amount), 0.00),
           sum(d.award_amount), sum(d.payable_amount)
    FROM @extschema@.award_decision d
    WHERE NOT @extschema@.kept_in_use()
    GROUP BY d.award_year, d.clause_code, d.status, d.settled
)
SELECT t.award_year,
       t.clause_code,
       c.sort_key,
       c.title_en AS clause_title_en,
       sum(t.applications)::integer AS applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'payable'), 0)::integer AS payable_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'superseded'), 0)::integer AS superseded_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'over_quota'), 0)::integer AS over_quota_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'cap_exhausted'), 0)::integer AS cap_exhausted_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'ineligible'), 0)::integer AS ineligible_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'not_in_force'), 0)::integer AS not_in_force_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'pending'), 0)::integer AS pending_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'no_monetary_award'), 0)::integer AS no_monetary_award_applications,
       sum(t.computed_total) AS computed_total,
       sum(t.award_total) AS award_total,
       sum(t.payable_total) AS payable_total,
       coalesce(sum(t.applications) FILTER (WHERE t.settled), 0)::integer AS settled_applications,
       coalesce(sum(t.payable_total) FILTER (WHERE t.settled), 0.00) AS settled_total,
       coalesce(sum(t.payable_total) FILTER (WHERE NOT t.settled), 0.00) AS provisional_total,
       c.title_zh AS clause_title_zh,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'withdrawn'), 0)::integer AS withdrawn_applications
FROM totals t
JOIN @extschema@.clause c USING (clause_code)
GROUP BY t.award_year, t.clause_code, c.sort_key, c.title_en, c.title_zh;

COMMENT ON VIEW @extschema@.award_totals_by_year_clause IS
'Dashboard: applications and amounts per award year and clause. Order by award_year, sort_key for the document''s order. Every count and amount adds up across rows (to a year, a clause, everything): applications = the sum of the nine status counts (payable, superseded, over_quota, cap_exhausted, ineligible, not_in_force, pending, no_monetary_award, withdrawn); payable_total = settled_total + provisional_total.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.award_year IS 'Award year (year of the qualifying date).';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.clause_code IS 'Clause.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.sort_key IS 'Document order of the clause.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.clause_title_en IS 'What the clause rewards.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.applications IS 'Applications, all statuses.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.payable_applications IS 'Applications with status payable.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.superseded_applications IS 'Applications superseded by a higher award of the same project and year.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.over_quota_applications IS 'Applications beyond the yearly quota.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.cap_exhausted_applications IS 'Applications that found their group''s cap used up.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.ineligible_applications IS 'Applications failing a condition or missing a fact.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.not_in_force_applications IS 'Applications whose qualifying date is outside the policy.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.pending_applications IS 'Applications waiting: for an approved amount (case by case), for a fact their clause needs, or, proposed from a provincial award, for the enterprise''s confirmation (entitlement_by_year_clause counts those).';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.no_monetary_award_applications IS 'Applications under clauses without a cash award.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.computed_total IS 'Sum of computed amounts (before caps), yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.award_total IS 'Sum of awards after cap and quota, before stacking, yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.payable_total IS 'Sum paid, yuan: settled_total + provisional_total.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.settled_applications IS 'Applications whose decision is settled (in the ledger).';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.settled_total IS 'Sum paid by settled decisions, yuan: fixed.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.provisional_total IS 'Sum payable by decisions not yet settled, yuan: follows the parameters until settled.';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.clause_title_zh IS 'The clause''s title in Chinese (the document''s words).';
COMMENT ON COLUMN @extschema@.award_totals_by_year_clause.withdrawn_applications IS 'Applications whose settled award a correction took back (status withdrawn).';

CREATE VIEW @extschema@.award_totals_by_unit AS
SELECT t.award_year,
       ru.unit_code,
       ru.name_zh AS unit_name_zh,
       ru.name_en AS unit_name_en,
       (SELECT string_agg(c.clause_code, ', ' ORDER BY c.sort_key) FROM @extschema@.clause c
         WHERE c.clause_code = ANY (array_agg(DISTINCT t.clause_code))) AS clauses,
       sum(t.applications)::integer AS applications,
       sum(t.payable_applications)::integer AS payable_applications,
       sum(t.payable_total) AS payable_total,
       coalesce(sum(t.payable_total) FILTER (WHERE cu.position = 1), 0.00) AS payable_total_as_lead_unit,
       sum(t.settled_total) AS settled_total,
       sum(t.provisional_total) AS provisional_total,
       sum(t.withdrawn_applications)::integer AS withdrawn_applications,
       (SELECT min(c.sort_key * 10 + u.position) FROM @extschema@.clause_unit u JOIN @extschema@.clause c USING (clause_code)
         WHERE u.unit_code = ru.unit_code) AS sort_key
FROM @extschema@.award_totals_by_year_clause t
JOIN @extschema@.clause_unit cu USING (clause_code)
JOIN @extschema@.responsible_unit ru USING (unit_code)
GROUP BY t.award_year, ru.unit_code, ru.name_zh, ru.name_en;

COMMENT ON VIEW @extschema@.award_totals_by_unit IS
'Dashboard: per award year and responsible unit, the applications and payments of the clauses the unit answers for. A clause has several units, so the units'' totals overlap and do NOT add up across rows; payable_total_as_lead_unit is the column that adds up: it counts each payment once, for the unit named first, so its sum over the units of a year is what the year paid. Order by sort_key (the order in which the document first names the unit).';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.unit_code IS 'The unit.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.unit_name_zh IS 'Its name in Chinese.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.unit_name_en IS 'Its name in English.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.clauses IS 'The clauses with applications that the unit answers for, in document order.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.applications IS 'Applications under those clauses.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.payable_applications IS 'Of which payable.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.payable_total IS 'Sum paid under those clauses, yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.payable_total_as_lead_unit IS 'Sum paid under the clauses where the unit is named first, yuan: adds up across units to the total paid.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.settled_total IS 'Of payable_total, settled (fixed), yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.provisional_total IS 'Of payable_total, not yet settled, yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.withdrawn_applications IS 'Applications under those clauses whose settled award a correction took back.';
COMMENT ON COLUMN @extschema@.award_totals_by_unit.sort_key IS 'The order in which the document first names the unit (clause order, then the unit''s place in the clause).';

CREATE VIEW @extschema@.award_totals_by_enterprise AS
-- kept up to date for the enacted parameters, else added up live
SELECT k.credit_code, k.enterprise_name, k.award_year, k.applications, k.payable_applications,
       k.award_total, k.payable_total, k.settled_total, k.payable_total - k.settled_total AS provisional_total,
       k.withdrawn_applications
FROM @extschema@.kept_total_enterprise k
WHERE @extschema@.kept_in_use()
UNION ALL
SELECT d.credit_code,
       max(d.enterprise_name),
       d.award_year,
       count(*)::integer,
       (count(*) FILTER (WHERE d.status = 'payable'))::integer,
       sum(d.award_amount),
       sum(d.payable_amount),
       coalesce(sum(d.payable_amount) FILTER (WHERE d.settled), 0.00),
       coalesce(sum(d.payable_amount) FILTER (WHERE NOT d.settled), 0.00),
       (count(*) FILTER (WHERE d.status = 'withdrawn'))::integer
FROM @extschema@.award_decision d
WHERE NOT @extschema@.kept_in_use()
GROUP BY d.credit_code, d.award_year;

COMMENT ON VIEW @extschema@.award_totals_by_enterprise IS
'Dashboard: per enterprise and award year, applications and amounts. Every count and amount adds up across rows; the top enterprises of a year: WHERE award_year = Y ORDER BY payable_total DESC LIMIT N (it reads the year''s kept rows and keeps the N highest).';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.enterprise_name IS 'Its name (the greatest recorded, if applications differ).';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.applications IS 'Applications, all statuses.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.payable_applications IS 'Of which payable.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.award_total IS 'Sum of awards after cap and quota, before stacking, yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.payable_total IS 'Sum paid, yuan: settled_total + provisional_total.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.settled_total IS 'Of payable_total, settled (fixed), yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.provisional_total IS 'Of payable_total, not yet settled, yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_enterprise.withdrawn_applications IS 'Applications whose settled award a correction took back.';

CREATE VIEW @extschema@.award_totals_by_month AS
WITH totals AS (
    -- kept up to date for the enacted parameters, else added up live
    SELECT t.applied_month, t.clause_code, t.status, t.settled, t.applications, t.payable_total
    FROM @extschema@.kept_total_month t
    WHERE @extschema@.kept_in_use()
    UNION ALL
    SELECT date_trunc('month', d.applied_on)::date, d.clause_code, d.status, d.settled, count(*)::integer,
           sum(d.payable_amount)
    FROM @extschema@.award_decision d
    WHERE NOT @extschema@.kept_in_use()
    GROUP BY 1, d.clause_code, d.status, d.settled
)
SELECT t.applied_month,
       t.clause_code,
       c.sort_key,
       c.title_zh AS clause_title_zh,
       c.title_en AS clause_title_en,
       sum(t.applications)::integer AS applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'payable'), 0)::integer AS payable_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'superseded'), 0)::integer AS superseded_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'over_quota'), 0)::integer AS over_quota_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'cap_exhausted'), 0)::integer AS cap_exhausted_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'ineligible'), 0)::integer AS ineligible_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'not_in_force'), 0)::integer AS not_in_force_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'pending'), 0)::integer AS pending_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'no_monetary_award'), 0)::integer AS no_monetary_award_applications,
       coalesce(sum(t.applications) FILTER (WHERE t.status = 'withdrawn'), 0)::integer AS withdrawn_applications,
       sum(t.payable_total) AS payable_total,
       coalesce(sum(t.payable_total) FILTER (WHERE t.settled), 0.00) AS settled_total,
       coalesce(sum(t.payable_total) FILTER (WHERE NOT t.settled), 0.00) AS provisional_total
FROM totals t
JOIN @extschema@.clause c USING (clause_code)
GROUP BY t.applied_month, t.clause_code, c.sort_key, c.title_zh, c.title_en;

COMMENT ON VIEW @extschema@.award_totals_by_month IS
'Dashboard: applications and amounts per month of application (Asia/Shanghai) and clause, for time charts and date filters. Every count and amount adds up across rows: applications = the sum of the nine status counts; payable_total = settled_total + provisional_total. Order by applied_month, sort_key.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.applied_month IS 'The first day of the month in which the applications were made (applied_on).';
COMMENT ON COLUMN @extschema@.award_totals_by_month.clause_code IS 'Clause.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.sort_key IS 'Document order of the clause.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.clause_title_zh IS 'The clause''s title in Chinese.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.clause_title_en IS 'The clause''s title in English.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.applications IS 'Applications, all statuses.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.payable_applications IS 'Applications with status payable.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.superseded_applications IS 'Applications superseded by a higher award of the same project and year.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.over_quota_applications IS 'Applications beyond the yearly quota.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.cap_exhausted_applications IS 'Applications that found their group''s cap used up.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.ineligible_applications IS 'Applications failing a condition or missing a fact.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.not_in_force_applications IS 'Applications whose qualifying date is outside the policy.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.pending_applications IS 'Applications waiting: for an approved amount, a fact, or an enterprise''s confirmation of a proposal.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.no_monetary_award_applications IS 'Applications under clauses without a cash award.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.withdrawn_applications IS 'Applications whose settled award a correction took back.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.payable_total IS 'Sum paid, yuan: settled_total + provisional_total.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.settled_total IS 'Sum paid by settled decisions, yuan.';
COMMENT ON COLUMN @extschema@.award_totals_by_month.provisional_total IS 'Sum payable by decisions not yet settled, yuan.';

CREATE VIEW @extschema@.quota_use AS
WITH places AS (
    -- kept up to date for the enacted parameters, else numbered live
    SELECT k.clause_code, k.award_year, k.credit_code, k.application_id, k.quota, k.quota_rank
    FROM @extschema@.kept_quota_place k
    WHERE @extschema@.kept_in_use()
    UNION ALL
    SELECT l.clause_code, l.award_year, l.credit_code, l.application_id, l.quota, l.quota_rank
    FROM @extschema@.quota_place_live l
    WHERE NOT @extschema@.kept_in_use()
),
counted AS (
    SELECT p.clause_code, p.award_year, max(p.quota) AS quota,
           (count(*) FILTER (WHERE p.quota_rank <= p.quota))::integer AS places_taken,
           (count(*) FILTER (WHERE p.quota_rank > p.quota))::integer AS enterprises_over_quota,
           -- the claim of the first place, and of the last place taken
           (array_agg(p.application_id) FILTER (WHERE p.quota_rank = 1))[1] AS first_id,
           (array_agg(p.application_id ORDER BY p.quota_rank DESC) FILTER (WHERE p.quota_rank <= p.quota))[1] AS last_id
    FROM places p
    GROUP BY p.clause_code, p.award_year
)
SELECT c.clause_code,
       c.award_year,
       c.quota,
       c.places_taken,
       greatest(c.quota - c.places_taken, 0)::integer AS places_left,
       c.enterprises_over_quota,
       f.credit_code::text AS first_credit_code,
       f.enterprise_name AS first_enterprise_name,
       f.applied_on AS first_applied_on,
       l.credit_code::text AS last_placed_credit_code,
       l.enterprise_name AS last_placed_enterprise_name,
       l.applied_on AS last_placed_applied_on,
       k.sort_key,
       k.title_zh AS clause_title_zh,
       k.title_en AS clause_title_en
FROM counted c
JOIN @extschema@.clause k USING (clause_code)
LEFT JOIN @extschema@.application f ON f.application_id = c.first_id
LEFT JOIN @extschema@.application l ON l.application_id = c.last_id;

COMMENT ON VIEW @extschema@.quota_use IS
'Dashboard: per clause with a quota and award year, the places taken and left, and the first and last enterprise that got a place (by their earliest eligible application), by the rules in force (kept up to date for the enacted parameters).';
COMMENT ON COLUMN @extschema@.quota_use.clause_code IS 'Clause with a quota (clause 3).';
COMMENT ON COLUMN @extschema@.quota_use.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.quota_use.quota IS 'Places in the year (quota_enterprises_per_year).';
COMMENT ON COLUMN @extschema@.quota_use.places_taken IS 'Enterprises with a place.';
COMMENT ON COLUMN @extschema@.quota_use.places_left IS 'Places still free.';
COMMENT ON COLUMN @extschema@.quota_use.enterprises_over_quota IS 'Eligible enterprises that came after the last place.';
COMMENT ON COLUMN @extschema@.quota_use.first_credit_code IS 'The first enterprise: credit code.';
COMMENT ON COLUMN @extschema@.quota_use.first_enterprise_name IS 'The first enterprise: name.';
COMMENT ON COLUMN @extschema@.quota_use.first_applied_on IS 'The first enterprise: date of its earliest eligible application.';
COMMENT ON COLUMN @extschema@.quota_use.last_placed_credit_code IS 'The last enterprise with a place: credit code.';
COMMENT ON COLUMN @extschema@.quota_use.last_placed_enterprise_name IS 'The last enterprise with a place: name.';
COMMENT ON COLUMN @extschema@.quota_use.last_placed_applied_on IS 'The last enterprise with a place: date of its earliest eligible application.';
COMMENT ON COLUMN @extschema@.quota_use.sort_key IS 'Document order of the clause.';
COMMENT ON COLUMN @extschema@.quota_use.clause_title_zh IS 'The clause''s title in Chinese.';
COMMENT ON COLUMN @extschema@.quota_use.clause_title_en IS 'The clause''s title in English.';

------------------------------------------------------------------------------
-- The budget (1.2): how much the city means to spend, and how much of it the
-- decisions take
------------------------------------------------------------------------------

CREATE TABLE @extschema@.budget (
    budget_id    bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    award_year   integer NOT NULL
                 CONSTRAINT budget_award_year_plausible CHECK (award_year BETWEEN 2000 AND 2099),
    clause_code  text REFERENCES @extschema@.clause,
    amount       numeric NOT NULL
                 CONSTRAINT budget_amount_valid CHECK (amount BETWEEN 0 AND 999999999999.99 AND amount = round(amount, 2)),
    note         text,
    CONSTRAINT budget_one_per_year_and_clause UNIQUE NULLS NOT DISTINCT (award_year, clause_code)
);

COMMENT ON TABLE @extschema@.budget IS
'The budget the city sets for an award year (clause_code NULL), or for one clause in an award year: what the decisions of that year (and clause) may commit. Written by the admin role, audited; read by budget_use.';
COMMENT ON COLUMN @extschema@.budget.budget_id IS 'Row identity.';
COMMENT ON COLUMN @extschema@.budget.award_year IS 'The award year (year of the qualifying date) the budget is for.';
COMMENT ON COLUMN @extschema@.budget.clause_code IS 'The clause; NULL: the whole year''s budget.';
COMMENT ON COLUMN @extschema@.budget.amount IS 'The budget, in yuan.';
COMMENT ON COLUMN @extschema@.budget.note IS 'Where the number comes from (the finance bureau''s document).';
COMMENT ON CONSTRAINT budget_award_year_plausible ON @extschema@.budget IS 'award_year lies in 2000 to 2099.';
COMMENT ON CONSTRAINT budget_amount_valid ON @extschema@.budget IS 'amount is yuan to the fen, from 0 to 999,999,999,999.99.';
COMMENT ON CONSTRAINT budget_one_per_year_and_clause ON @extschema@.budget IS 'One budget per award year, and one per clause and award year.';

CREATE FUNCTION @extschema@.check_budget()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.required('award_year', NEW.award_year IS NULL, 'the award year the budget is for');
    PERFORM @extschema@.required('amount', NEW.amount IS NULL, 'the budget in yuan');
    NEW.amount := @extschema@.checked_amount('amount', NEW.amount, 999999999999.99);
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION @extschema@.check_budget() IS
'Trigger, before a budget row is inserted or updated: refuses a bad amount naming it, and writes it with two decimals.';

CREATE TRIGGER check_budget BEFORE INSERT OR UPDATE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_budget();
COMMENT ON TRIGGER check_budget ON @extschema@.budget IS 'Clear errors: the column, the value and what is allowed.';

CREATE TRIGGER record_change AFTER INSERT OR UPDATE OR DELETE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.record_change('budget_id');
COMMENT ON TRIGGER record_change ON @extschema@.budget IS 'Writes every change of a row to activity_log.';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget', '');
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('@extschema@.budget', 'budget_id'), '');

-- Budget use from totals per award year and clause: the same arithmetic for
-- the enacted totals (kept) and for a scenario's (budget_use_under).
CREATE FUNCTION @extschema@.budget_rows(totals_award_year integer[], totals_clause_code text[],
                                        totals_settled numeric[], totals_provisional numeric[],
                                        OUT award_year integer, OUT clause_code text, OUT sort_key integer,
                                        OUT clause_title_zh text, OUT clause_title_en text, OUT budget numeric,
                                        OUT settled_total numeric, OUT provisional_total numeric,
                                        OUT committed_total numeric, OUT remaining numeric, OUT used_percent numeric)
RETURNS SETOF record
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
WITH totals AS (
    SELECT * FROM unnest(totals_award_year, totals_clause_code, totals_settled, totals_provisional)
                  AS t (award_year, clause_code, settled, provisional)
),
-- the year's rows (every year with a budget or a decision), and the clauses with a budget of their own
wanted AS (
    SELECT DISTINCT t.award_year, NULL::text AS clause_code FROM totals t
    UNION
    SELECT b.award_year, b.clause_code FROM @extschema@.budget b
),
used AS (
    SELECT w.award_year, w.clause_code,
           coalesce(sum(t.settled), 0.00) AS settled, coalesce(sum(t.provisional), 0.00) AS provisional
    FROM wanted w
    LEFT JOIN totals t ON t.award_year = w.award_year AND (w.clause_code IS NULL OR t.clause_code = w.clause_code)
    GROUP BY w.award_year, w.clause_code
)
SELECT u.award_year, u.clause_code, c.sort_key, c.title_zh, c.title_en, b.amount,
       u.settled, u.provisional, u.settled + u.provisional,
       b.amount - (u.settled + u.provisional),
       round(100 * (u.settled + u.provisional) / nullif(b.amount, 0), 1)
FROM used u
LEFT JOIN @extschema@.budget b ON b.award_year = u.award_year AND b.clause_code IS NOT DISTINCT FROM u.clause_code
LEFT JOIN @extschema@.clause c ON c.clause_code = u.clause_code
$$;

COMMENT ON FUNCTION @extschema@.budget_rows(integer[], text[], numeric[], numeric[]) IS
'The arithmetic of budget_use and budget_use_under: given the settled and provisional totals per award year and clause, one row per award year (every year with a budget or a decision) and per clause with a budget of its own.';

CREATE VIEW @extschema@.budget_use AS
SELECT r.*
FROM (SELECT array_agg(t.award_year) AS y, array_agg(t.clause_code) AS c,
             array_agg(t.settled_total) AS s, array_agg(t.provisional_total) AS p
      FROM @extschema@.award_totals_by_year_clause t) t
CROSS JOIN LATERAL @extschema@.budget_rows(coalesce(t.y, '{}'), coalesce(t.c, '{}'), coalesce(t.s, '{}'), coalesce(t.p, '{}')) r;

COMMENT ON VIEW @extschema@.budget_use IS
'Dashboard: the budget against what the decisions commit, per award year (clause_code NULL: the whole year, every year with a budget or a decision) and per clause with a budget of its own: settled (fixed), provisional (following the parameters until settled), committed = settled + provisional, remaining = budget - committed, and the share used. The year rows add up across years; a clause row is part of its year''s row, not beside it. Under a what-if scenario: budget_use_under(scenario).';
COMMENT ON COLUMN @extschema@.budget_use.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.budget_use.clause_code IS 'The clause of a clause budget; NULL: the whole year.';
COMMENT ON COLUMN @extschema@.budget_use.sort_key IS 'Document order of the clause; NULL for the year.';
COMMENT ON COLUMN @extschema@.budget_use.clause_title_zh IS 'The clause''s title in Chinese; NULL for the year.';
COMMENT ON COLUMN @extschema@.budget_use.clause_title_en IS 'The clause''s title in English; NULL for the year.';
COMMENT ON COLUMN @extschema@.budget_use.budget IS 'The budget set (table budget), yuan; NULL when none is set.';
COMMENT ON COLUMN @extschema@.budget_use.settled_total IS 'Paid by settled decisions, yuan: fixed.';
COMMENT ON COLUMN @extschema@.budget_use.provisional_total IS 'Payable by decisions not yet settled, yuan.';
COMMENT ON COLUMN @extschema@.budget_use.committed_total IS 'settled_total + provisional_total, yuan.';
COMMENT ON COLUMN @extschema@.budget_use.remaining IS 'budget - committed_total, yuan (negative: over budget); NULL without a budget.';
COMMENT ON COLUMN @extschema@.budget_use.used_percent IS 'committed_total as a percentage of the budget, one decimal; NULL without a budget (or a budget of 0).';


CREATE VIEW @extschema@.implausible_provincial_amount AS
WITH flagged AS (
    SELECT (c.row).application_id, (c.row).credit_code::text AS credit_code, (c.row).enterprise_name,
           (c.row).clause_code, (c.row).award_year, (c.row).qualifying_date,
           (e.e).basis_amount AS provincial_amount, (e.e).provincial_max
    -- only an amount above the smallest maximum any parameter row knows can be above its own
    FROM (SELECT a AS row FROM @extschema@.application a
          WHERE a.provincial_amount > (SELECT min(p.value_amount) FROM @extschema@.parameter p
                                       WHERE p.name IN ('provincial_max', 'provincial_max_specialized_sme'))) c
    CROSS JOIN LATERAL (SELECT @extschema@.evaluate_application(c.row) AS e OFFSET 0) e
    WHERE (e.e).basis_amount > (e.e).provincial_max
)
SELECT f.application_id, f.credit_code, f.enterprise_name, f.clause_code, f.award_year, f.qualifying_date,
       f.provincial_amount, f.provincial_max, f.provincial_amount - f.provincial_max AS excess,
       d.status, d.payable_amount
FROM flagged f
JOIN (SELECT k.application_id, k.status, k.payable_amount
      FROM @extschema@.kept_decision k
      WHERE @extschema@.kept_in_use()
      UNION ALL
      SELECT w.application_id, w.status, w.payable_amount
      FROM @extschema@.award_decision w
      WHERE NOT @extschema@.kept_in_use()) d USING (application_id);

COMMENT ON VIEW @extschema@.implausible_provincial_amount IS
'Data quality: applications whose recorded provincial amount exceeds the known provincial maximum of the clause (the provincial layer of the digest). Most likely a data-entry error: check the record before paying.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.application_id IS 'The application.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.enterprise_name IS 'Its name.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.clause_code IS 'The clause.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.qualifying_date IS 'Qualifying date.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.provincial_amount IS 'The recorded provincial amount, yuan.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.provincial_max IS 'The known provincial maximum, yuan (provincial_max, or provincial_max_specialized_sme for a specialised SME).';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.excess IS 'By how much the record exceeds it, yuan.';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.status IS 'The decision''s status (award_decision).';
COMMENT ON COLUMN @extschema@.implausible_provincial_amount.payable_amount IS 'What the decision pays, yuan: check the record before paying it.';
------------------------------------------------------------------------------
-- Yearly parameter updates from CSV (1.1)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.csv_records(csv text)
RETURNS TABLE (line integer, fields text[])
AS 'MODULE_PATHNAME', 'csv_records'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csv_records(text) IS
'The records of CSV text (RFC 4180), in order: line is the physical line (1-based) where the record starts, fields its fields with quotes removed, empty ones as ''''. Empty lines are skipped but counted; a UTF-8 byte order mark at the start is ignored; a record has at most 64 fields. Malformed input raises bad_copy_file_format (22P04) with the message "line N: <what>" and a detail that explains.';

CREATE FUNCTION @extschema@.csv_text(csv bytea)
RETURNS text
AS 'MODULE_PATHNAME', 'csv_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.csv_text(bytea) IS
'The bytes of a file as text; a file that is not UTF-8 is refused (22021) with the line and the byte, and how to save or convert it.';

-- A validity as a CSV file writes it: first and last day, both included.
CREATE FUNCTION @extschema@.validity_text(validity daterange)
RETURNS text
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN upper_inf(validity) THEN 'from ' || to_char(lower(validity), 'YYYY-MM-DD') || ', open-ended'
            ELSE to_char(lower(validity), 'YYYY-MM-DD') || ' to ' || to_char(upper(validity) - 1, 'YYYY-MM-DD') END;

COMMENT ON FUNCTION @extschema@.validity_text(daterange) IS
'A validity in the words of a CSV file: "2026-01-01 to 2027-12-31" (both days included) or "from 2026-01-01, open-ended".';

CREATE FUNCTION @extschema@.iso_date(value text)
RETURNS date
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN NULL;
    END IF;
    RETURN value::date;
EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION @extschema@.iso_date(text) IS
'A date written YYYY-MM-DD, or NULL when the text is not one (2026-02-30 is not). The CSV loader reads dates with it.';

CREATE FUNCTION @extschema@.load_parameters(csv text, close_open_rows boolean DEFAULT false)
RETURNS TABLE (line integer, parameter_id bigint, closed_parameter_id bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    known_columns constant text[] :=
        ARRAY['policy_code', 'clause_code', 'name', 'scenario', 'valid_from', 'valid_until', 'value', 'source_zh', 'note'];
    required_columns constant text[] := ARRAY['policy_code', 'clause_code', 'name', 'valid_from', 'value'];
    decimal_number constant text := '^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$';
    ratio_number constant text := '^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)%?$';
    header text[];
    header_line integer;
    col jsonb := '{}';
    r record;
    problems text[] := '{}';   -- 'SQLSTATE line N: what is wrong'
    first_state text;
    -- one field of the current record, by column name
    f_policy text; f_clause text; f_name text; f_scenario text; f_from text; f_until text;
    f_value text; f_source text; f_note text;
    def record;
    v_number numeric;
    v_from date;
    v_until date;
    -- the validated rows, one array element per row
    lines integer[] := '{}';
    policies text[] := '{}';
    clauses text[] := '{}';
    names text[] := '{}';
    scenarios text[] := '{}';
    validities daterange[] := '{}';
    ratios numeric[] := '{}';
    amounts numeric[] := '{}';
    counts integer[] := '{}';
    dates date[] := '{}';
    flags boolean[] := '{}';
    choices text[] := '{}';
    sources text[] := '{}';
    notes text[] := '{}';
    closed jsonb := '{}';
    i integer;
BEGIN
    -- one load at a time; nobody adds rows between the checks and the inserts
    LOCK TABLE @extschema@.parameter IN SHARE ROW EXCLUSIVE MODE;

    FOR r IN SELECT c.line, c.fields FROM @extschema@.csv_records(csv) c LOOP
        IF header IS NULL THEN
            header := r.fields;
            header_line := r.line;
            FOR i IN 1 .. cardinality(header) LOOP
                IF NOT header[i] = ANY (known_columns) THEN
                    problems := problems || format('22P04 line %s: unknown column "%s" (the columns are %s)',
                                                   r.line, header[i], array_to_string(known_columns, ', '));
                ELSIF col ? header[i] THEN
                    problems := problems || format('22P04 line %s: column "%s" appears twice', r.line, header[i]);
                ELSE
                    col := col || jsonb_build_object(header[i], i);
                END IF;
            END LOOP;
            FOR i IN 1 .. cardinality(required_columns) LOOP
                IF NOT col ? required_columns[i] THEN
                    problems := problems || format('22P04 line %s: column "%s" is missing', r.line, required_columns[i]);
                END IF;
            END LOOP;
            EXIT WHEN cardinality(problems) > 0;
            CONTINUE;
        END IF;

        IF cardinality(r.fields) <> cardinality(header) THEN
            problems := problems || format('22P04 line %s: %s fields, the header has %s',
                                           r.line, cardinality(r.fields), cardinality(header));
            CONTINUE;
        END IF;

        f_policy   := btrim(r.fields[(col ->> 'policy_code')::integer]);
        f_clause   := nullif(btrim(r.fields[(col ->> 'clause_code')::integer]), '');
        f_name     := btrim(r.fields[(col ->> 'name')::integer]);
        f_scenario := coalesce(nullif(btrim(r.fields[(col ->> 'scenario')::integer]), ''), 'enacted');
        f_from     := btrim(r.fields[(col ->> 'valid_from')::integer]);
        f_until    := nullif(btrim(r.fields[(col ->> 'valid_until')::integer]), '');
        f_value    := btrim(r.fields[(col ->> 'value')::integer]);
        f_source   := nullif(r.fields[(col ->> 'source_zh')::integer], '');
        f_note     := nullif(r.fields[(col ->> 'note')::integer], '');

        -- references: policy, clause, parameter name and level, scenario
        IF NOT EXISTS (SELECT FROM @extschema@.policy p WHERE p.policy_code = f_policy) THEN
            problems := problems || format('23503 line %s: policy_code "%s" is not a policy of table policy (add the document first)', r.line, f_policy);
        END IF;
        IF f_clause IS NOT NULL AND NOT EXISTS (SELECT FROM @extschema@.clause c WHERE c.clause_code = f_clause) THEN
            problems := problems || format('23503 line %s: clause_code "%s" is not a clause of table clause', r.line, f_clause);
        END IF;
        SELECT d.value_type, d.level INTO def FROM @extschema@.parameter_definition d WHERE d.name = f_name;
        IF NOT FOUND THEN
            problems := problems || format('23503 line %s: name "%s" is not a parameter of table parameter_definition', r.line, f_name);
        ELSIF def.level = 'policy' AND f_clause IS NOT NULL THEN
            problems := problems || format('23514 line %s: %s is a parameter of the whole policy: leave clause_code empty', r.line, f_name);
        ELSIF def.level = 'clause' AND f_clause IS NULL THEN
            problems := problems || format('23514 line %s: %s is a parameter of a clause: clause_code is empty', r.line, f_name);
        END IF;
        IF NOT EXISTS (SELECT FROM @extschema@.scenario s WHERE s.scenario = f_scenario) THEN
            problems := problems || format('23503 line %s: scenario "%s" is not a scenario of table scenario (add it first)', r.line, f_scenario);
        END IF;

        -- validity: [valid_from, valid_until], open when valid_until is empty
        v_from := @extschema@.iso_date(f_from);
        v_until := @extschema@.iso_date(f_until);
        IF v_from IS NULL THEN
            problems := problems || format('22007 line %s: valid_from "%s" is not a date (YYYY-MM-DD)', r.line, f_from);
        END IF;
        IF f_until IS NOT NULL AND v_until IS NULL THEN
            problems := problems || format('22007 line %s: valid_until "%s" is not a date (YYYY-MM-DD)', r.line, f_until);
        ELSIF v_until < v_from THEN
            problems := problems || format('23514 line %s: valid_until %s is before valid_from %s: the validity is empty', r.line, f_until, f_from);
        END IF;

        -- the value, read as its definition says
        IF def.value_type IS NOT NULL THEN
            lines := lines || r.line;
            ratios := ratios || NULL::numeric;
            amounts := amounts || NULL::numeric;
            counts := counts || NULL::integer;
            dates := dates || NULL::date;
            flags := flags || NULL::boolean;
            choices := choices || NULL::text;
            i := cardinality(lines);
            CASE def.value_type
            WHEN 'ratio' THEN
                IF f_value !~ ratio_number THEN
                    problems := problems || format('22P02 line %s: %s: "%s" is not a ratio (write 0.6 or 60%%)', r.line, f_name, f_value);
                ELSE
                    v_number := rtrim(f_value, '%')::numeric / CASE WHEN f_value LIKE '%\%' THEN 100 ELSE 1 END;
                    IF v_number < 0 OR v_number > 1 THEN
                        problems := problems || format('23514 line %s: %s: ratio %s is outside [0, 1]', r.line, f_name, f_value);
                    ELSIF trim_scale(v_number) <> round(v_number, 6) THEN
                        problems := problems || format('23514 line %s: %s: ratio %s has more than 6 decimals', r.line, f_name, f_value);
                    ELSE
                        ratios[i] := trim_scale(v_number);
                    END IF;
                END IF;
            WHEN 'amount' THEN
                IF f_value !~ decimal_number THEN
                    problems := problems || format('22P02 line %s: %s: "%s" is not an amount in yuan (write 300000 or 300000.00)', r.line, f_name, f_value);
                ELSE
                    v_number := f_value::numeric;
                    IF v_number < 0 THEN
                        problems := problems || format('23514 line %s: %s: amount %s is negative', r.line, f_name, f_value);
                    ELSIF v_number >= 1e12 THEN
                        problems := problems || format('23514 line %s: %s: amount %s is not below 1e12 yuan', r.line, f_name, f_value);
                    ELSIF trim_scale(v_number) <> round(v_number, 2) THEN
                        problems := problems || format('23514 line %s: %s: amount %s has a fraction of a fen (more than 2 decimals)', r.line, f_name, f_value);
                    ELSE
                        amounts[i] := round(v_number, 2);
                    END IF;
                END IF;
            WHEN 'count' THEN
                IF f_value !~ '^[+-]?[0-9]+$' THEN
                    problems := problems || format('22P02 line %s: %s: "%s" is not a whole number', r.line, f_name, f_value);
                ELSIF f_value::numeric < 0 THEN
                    problems := problems || format('23514 line %s: %s: count %s is negative', r.line, f_name, f_value);
                ELSIF f_value::numeric > 2147483647 THEN
                    problems := problems || format('22003 line %s: %s: count %s is out of range', r.line, f_name, f_value);
                ELSE
                    counts[i] := f_value::integer;
                END IF;
            WHEN 'date' THEN
                dates[i] := @extschema@.iso_date(f_value);
                IF dates[i] IS NULL THEN
                    problems := problems || format('22007 line %s: %s: "%s" is not a date (YYYY-MM-DD)', r.line, f_name, f_value);
                END IF;
            WHEN 'flag' THEN
                IF lower(f_value) NOT IN ('true', 'false') THEN
                    problems := problems || format('22P02 line %s: %s: "%s" is not true or false', r.line, f_name, f_value);
                ELSE
                    flags[i] := lower(f_value)::boolean;
                END IF;
            WHEN 'choice' THEN
                IF NOT EXISTS (SELECT FROM @extschema@.parameter_choice c WHERE c.name = f_name AND c.value = f_value) THEN
                    problems := problems || format('23503 line %s: %s: "%s" is not one of its values (%s)', r.line, f_name, f_value,
                                                   (SELECT string_agg(c.value, ', ' ORDER BY c.value)
                                                      FROM @extschema@.parameter_choice c WHERE c.name = f_name));
                ELSE
                    choices[i] := f_value;
                END IF;
            END CASE;
            policies := policies || f_policy;
            clauses := clauses || f_clause;
            names := names || f_name;
            scenarios := scenarios || f_scenario;
            validities := validities || CASE WHEN v_from IS NOT NULL AND (f_until IS NULL OR v_until >= v_from)
                                             THEN daterange(v_from, v_until, '[]') END;
            sources := sources || f_source;
            notes := notes || f_note;
        END IF;
    END LOOP;

    IF header IS NULL OR (cardinality(lines) = 0 AND cardinality(problems) = 0) THEN
        problems := problems || format('22P04 line %s: the file has no parameter rows', coalesce(header_line, 1));
    END IF;

    -- overlapping validity: with an earlier row of the file, or with a row in
    -- the table (unless close_open_rows closes it)
    problems := problems || ARRAY(
        SELECT format('23P01 line %s: %s%s of scenario %s, valid %s, overlaps line %s', b.line,
                      coalesce('clause ' || b.clause || ' ', ''), b.name, b.scenario,
                      @extschema@.validity_text(b.validity), a.line)
        FROM unnest(lines, clauses, names, scenarios, validities) AS a (line, clause, name, scenario, validity)
        JOIN unnest(lines, clauses, names, scenarios, validities) AS b (line, clause, name, scenario, validity)
          ON a.line < b.line AND a.clause IS NOT DISTINCT FROM b.clause AND a.name = b.name
         AND a.scenario = b.scenario AND a.validity && b.validity
        ORDER BY b.line, a.line);
    problems := problems || ARRAY(
        SELECT format('23P01 line %s: %s%s of scenario %s, valid %s, overlaps parameter %s, valid %s%s', n.line,
                      coalesce('clause ' || n.clause || ' ', ''), n.name, n.scenario,
                      @extschema@.validity_text(n.validity), p.parameter_id, @extschema@.validity_text(p.validity),
                      CASE WHEN upper_inf(p.validity) AND lower(p.validity) < lower(n.validity)
                           THEN ' (close_open_rows => true would close it)' ELSE '' END)
        FROM unnest(lines, clauses, names, scenarios, validities) AS n (line, clause, name, scenario, validity)
        JOIN @extschema@.parameter p
          ON p.clause_code IS NOT DISTINCT FROM n.clause AND p.name = n.name AND p.scenario = n.scenario
         AND p.validity && n.validity
        WHERE NOT (close_open_rows AND upper_inf(p.validity)
                   AND lower(p.validity) < (SELECT min(lower(m.validity))
                                            FROM unnest(clauses, names, scenarios, validities) AS m (clause, name, scenario, validity)
                                            WHERE m.clause IS NOT DISTINCT FROM n.clause AND m.name = n.name
                                              AND m.scenario = n.scenario))
        ORDER BY n.line, p.parameter_id);

    IF cardinality(problems) > 0 THEN
        -- what is wrong in the rows first, then the overlaps (which a wrong
        -- row may cause), each in the order of the file; the first is the error
        SELECT array_agg(substr(p.problem, 7) ORDER BY p.overlap, p.line, p.n),
               (array_agg(left(p.problem, 5) ORDER BY p.overlap, p.line, p.n))[1]
          INTO problems, first_state
          FROM (SELECT u.problem, u.n, left(u.problem, 5) = '23P01' AS overlap,
                       (regexp_match(u.problem, '^\w{5} line ([0-9]+)'))[1]::integer AS line
                FROM unnest(problems) WITH ORDINALITY AS u (problem, n)) p;
        RAISE EXCEPTION '%', problems[1]
            USING ERRCODE = first_state,
                  DETAIL = format('The file is refused: %s problem%s.', cardinality(problems),
                                  CASE WHEN cardinality(problems) > 1 THEN 's' ELSE '' END)
                           || E'\n' || array_to_string(problems, E'\n'),
                  HINT = 'Nothing was loaded. Correct the file and load it again.';
    END IF;

    -- close the open rows the file replaces, at the day its first row starts
    IF close_open_rows THEN
        FOR r IN
            UPDATE @extschema@.parameter p
               SET validity = daterange(lower(p.validity), n.first_day)
              FROM (SELECT m.clause, m.name, m.scenario, min(lower(m.validity)) AS first_day
                    FROM unnest(clauses, names, scenarios, validities) AS m (clause, name, scenario, validity)
                    GROUP BY m.clause, m.name, m.scenario) n
             WHERE p.clause_code IS NOT DISTINCT FROM n.clause AND p.name = n.name AND p.scenario = n.scenario
               AND upper_inf(p.validity) AND lower(p.validity) < n.first_day
            RETURNING p.parameter_id, p.clause_code, p.name, p.scenario
        LOOP
            closed := closed || jsonb_build_object(concat_ws('|', r.clause_code, r.name, r.scenario), r.parameter_id);
        END LOOP;
    END IF;

    -- the rows in, in one statement: the keeper then runs once, not once a row
    RETURN QUERY
    WITH added AS (
        INSERT INTO @extschema@.parameter AS p
            (policy_code, clause_code, name, scenario, validity,
             value_ratio, value_amount, value_count, value_date, value_flag, value_choice, source_zh, note)
        SELECT f.policy, f.clause, f.name, f.scenario, f.validity,
               f.ratio, f.amount, f.count, f.day, f.flag, f.choice, f.source, f.note
        FROM unnest(lines, policies, clauses, names, scenarios, validities, ratios, amounts, counts, dates, flags,
                    choices, sources, notes)
             AS f (line, policy, clause, name, scenario, validity, ratio, amount, count, day, flag, choice, source, note)
        ORDER BY f.line
        RETURNING p.parameter_id, p.clause_code, p.name, p.scenario, p.validity
    ),
    numbered AS (
        -- each row back to its line (clause, name, scenario and validity are one row's: no overlap)
        SELECT f.line, a.parameter_id, concat_ws('|', a.clause_code, a.name, a.scenario) AS k,
               row_number() OVER (PARTITION BY a.clause_code, a.name, a.scenario ORDER BY f.line) AS n
        FROM added a
        JOIN unnest(lines, clauses, names, scenarios, validities) AS f (line, clause, name, scenario, validity)
          ON f.clause IS NOT DISTINCT FROM a.clause_code AND f.name = a.name AND f.scenario = a.scenario
         AND f.validity = a.validity
    )
    -- the row a key closed is reported once, on the first row of its key
    SELECT n.line, n.parameter_id, CASE WHEN n.n = 1 THEN (closed ->> n.k)::bigint END
    FROM numbered n
    ORDER BY n.line;
END
$$;

COMMENT ON FUNCTION @extschema@.load_parameters(text, boolean) IS
'Loads one CSV file of parameter rows (format: doc/dba.md "The yearly update") in one go: every row is checked first (known policy, clause, name and scenario; the name''s level; dates; a value of the name''s type within its limits; no overlap with the file or the table), and any problem refuses the whole file with an error naming the line; the detail lists every problem. With close_open_rows, an open-ended row the file replaces ends the day before the file''s first row of the same clause, name and scenario. Returns each loaded row''s line and parameter_id, and the row it closed.';

CREATE FUNCTION @extschema@.load_parameters(csv bytea, close_open_rows boolean DEFAULT false)
RETURNS TABLE (line integer, parameter_id bigint, closed_parameter_id bigint)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT l.line, l.parameter_id, l.closed_parameter_id
    FROM @extschema@.load_parameters(@extschema@.csv_text(csv), close_open_rows) AS l;
END;

COMMENT ON FUNCTION @extschema@.load_parameters(bytea, boolean) IS
'load_parameters for a file given as its bytes (psql: \set csv `base64 -w0 file.csv` and decode(:''csv'', ''base64''); on the server pg_read_binary_file): the same checks, and a file that is not UTF-8 (Excel''s GBK) is refused with the line, the byte and how to convert it.';

-- A number revised from a day inside the period of a row already loaded:
-- that row ends the day before, and a row with the new value runs from the
-- day to the end of its period; both changes in one transaction, each in the
-- audit trail.
CREATE FUNCTION @extschema@.revise_parameter(policy_code text, clause_code text, name text, valid_from date,
                                             value text, scenario text DEFAULT 'enacted',
                                             source_zh text DEFAULT NULL, note text DEFAULT NULL)
RETURNS TABLE (parameter_id bigint, replaced_parameter_id bigint, valid_until date)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    old @extschema@.parameter;
    csv text;
BEGIN
    LOCK TABLE @extschema@.parameter IN SHARE ROW EXCLUSIVE MODE;
    SELECT p.* INTO old
      FROM @extschema@.parameter p
     WHERE p.clause_code IS NOT DISTINCT FROM nullif(revise_parameter.clause_code, '')
       AND p.name = revise_parameter.name AND p.scenario = revise_parameter.scenario
       AND p.validity @> revise_parameter.valid_from;
    IF NOT FOUND THEN
        RAISE EXCEPTION '%', format('no row of %s%s of scenario %s is valid on %s',
                                    coalesce('clause ' || nullif(revise_parameter.clause_code, '') || ' ', ''),
                                    revise_parameter.name, revise_parameter.scenario, revise_parameter.valid_from)
            USING ERRCODE = 'no_data_found',
                  HINT = 'revise_parameter changes a number inside the period of a row already loaded; to add a period, load a file (load_parameters).';
    END IF;
    IF old.shipped THEN
        RAISE EXCEPTION '%', format('parameter %s (%s%s, valid %s) is shipped with dsm_policy: it is not revised',
                                    old.parameter_id, coalesce('clause ' || old.clause_code || ' ', ''), old.name,
                                    @extschema@.validity_text(old.validity))
            USING ERRCODE = 'restrict_violation',
                  DETAIL = 'Shipped rows are the policy as enacted; they change only with an extension upgrade.',
                  HINT = 'A what-if goes into another scenario; a successor policy''s numbers are loaded for its own period.';
    END IF;
    IF lower(old.validity) = revise_parameter.valid_from THEN
        RAISE EXCEPTION 'parameter % starts on %: nothing of it stays before the revision', old.parameter_id,
                        revise_parameter.valid_from
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Change the row itself (UPDATE ... SET value_...), which the audit trail records too.';
    END IF;

    -- the old row ends the day before; the new one is checked as a file row is
    UPDATE @extschema@.parameter p SET validity = daterange(lower(p.validity), revise_parameter.valid_from)
     WHERE p.parameter_id = old.parameter_id;
    csv := 'policy_code,clause_code,name,scenario,valid_from,valid_until,value,source_zh,note' || E'\n'
           || array_to_string(ARRAY(SELECT '"' || replace(coalesce(f, ''), '"', '""') || '"'
                                    FROM unnest(ARRAY[revise_parameter.policy_code, nullif(revise_parameter.clause_code, ''),
                                                      revise_parameter.name, revise_parameter.scenario,
                                                      to_char(revise_parameter.valid_from, 'YYYY-MM-DD'),
                                                      to_char(upper(old.validity) - 1, 'YYYY-MM-DD'),
                                                      revise_parameter.value, revise_parameter.source_zh,
                                                      revise_parameter.note]) AS f), ',');
    BEGIN
        RETURN QUERY
        SELECT l.parameter_id, old.parameter_id, upper(old.validity) - 1
        FROM @extschema@.load_parameters(csv) AS l;
    EXCEPTION WHEN OTHERS THEN
        -- the loader's words, without the line of the one-row file made here
        DECLARE
            state text;
            message text;
        BEGIN
            GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
            RAISE EXCEPTION '%', regexp_replace(message, '^line 2: ', '')
                USING ERRCODE = state, HINT = 'Nothing was changed.';
        END;
    END;
END
$$;

COMMENT ON FUNCTION @extschema@.revise_parameter(text, text, text, date, text, text, text, text) IS
'Revises a number from a day inside the period of a row already loaded: the row valid on valid_from ends the day before, and a new row with value (written as in a CSV file: 40%, 800000, true ...) runs from valid_from to the end of the old row''s period. One transaction; both changes are in the audit trail. Shipped rows are not revised.';

------------------------------------------------------------------------------
-- 免申即享: the feed loaded, proposals made, confirmed or rejected
------------------------------------------------------------------------------

-- The largest provincial award the parameters know for a clause on a day
-- (provincial_max, or provincial_max_specialized_sme when larger): a feed
-- row above it is a data error, not an award.
CREATE FUNCTION @extschema@.provincial_maximum(clause_code text, day date)
RETURNS numeric
LANGUAGE sql
STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT max(p.value_amount) FROM @extschema@.parameter p
         WHERE p.clause_code = provincial_maximum.clause_code
           AND p.name IN ('provincial_max', 'provincial_max_specialized_sme')
           AND p.scenario = 'enacted' AND p.validity @> provincial_maximum.day);

COMMENT ON FUNCTION @extschema@.provincial_maximum(text, date) IS
'The largest provincial award the enacted parameters know for the clause on the day (provincial_max or provincial_max_specialized_sme); NULL if none.';

CREATE FUNCTION @extschema@.load_provincial_awards(csv text)
RETURNS TABLE (line integer, provincial_award_id bigint, loaded boolean)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    known_columns constant text[] :=
        ARRAY['credit_code', 'enterprise_name', 'programme_code', 'project_ref', 'amount', 'granted_on', 'source_document'];
    required_columns constant text[] := ARRAY['credit_code', 'programme_code', 'project_ref', 'amount', 'granted_on'];
    header text[];
    header_line integer;
    col jsonb := '{}';
    r record;
    problems text[] := '{}';
    first_state text;
    f_code text; f_name text; f_programme text; f_project text; f_amount text; f_day text; f_source text;
    v_amount numeric;
    v_day date;
    v_clause text;
    v_max numeric;
    seen jsonb := '{}';
    k text;
    old @extschema@.provincial_award;
    old_id bigint;
    lines integer[] := '{}';
    rows_ jsonb[] := '{}';
    existing bigint[] := '{}';
    i integer;
    new_id bigint;
BEGIN
    -- one load at a time
    LOCK TABLE @extschema@.provincial_award IN SHARE ROW EXCLUSIVE MODE;

    FOR r IN SELECT c.line, c.fields FROM @extschema@.csv_records(csv) c LOOP
        IF header IS NULL THEN
            header := r.fields;
            header_line := r.line;
            FOR i IN 1 .. cardinality(header) LOOP
                IF NOT header[i] = ANY (known_columns) THEN
                    problems := problems || format('22P04 line %s: unknown column "%s" (the columns are %s)',
                                                   r.line, header[i], array_to_string(known_columns, ', '));
                ELSIF col ? header[i] THEN
                    problems := problems || format('22P04 line %s: column "%s" appears twice', r.line, header[i]);
                ELSE
                    col := col || jsonb_build_object(header[i], i);
                END IF;
            END LOOP;
            FOR i IN 1 .. cardinality(required_columns) LOOP
                IF NOT col ? required_columns[i] THEN
                    problems := problems || format('22P04 line %s: column "%s" is missing', r.line, required_columns[i]);
                END IF;
            END LOOP;
            EXIT WHEN cardinality(problems) > 0;
            CONTINUE;
        END IF;
        IF cardinality(r.fields) <> cardinality(header) THEN
            problems := problems || format('22P04 line %s: %s fields, the header has %s',
                                           r.line, cardinality(r.fields), cardinality(header));
            CONTINUE;
        END IF;

        f_code      := btrim(r.fields[(col ->> 'credit_code')::integer]);
        f_name      := nullif(btrim(r.fields[(col ->> 'enterprise_name')::integer]), '');
        f_programme := btrim(r.fields[(col ->> 'programme_code')::integer]);
        f_project   := btrim(r.fields[(col ->> 'project_ref')::integer]);
        f_amount    := btrim(r.fields[(col ->> 'amount')::integer]);
        f_day       := btrim(r.fields[(col ->> 'granted_on')::integer]);
        f_source    := nullif(btrim(r.fields[(col ->> 'source_document')::integer]), '');
        v_amount := NULL;
        v_day := @extschema@.iso_date(f_day);
        v_clause := NULL;

        IF NOT @extschema@.credit_code_is_valid(f_code) THEN
            problems := problems || format('23514 line %s: credit_code "%s" is not a valid unified social credit code (GB 32100-2015)', r.line, f_code);
        END IF;
        SELECT m.clause_code INTO v_clause FROM @extschema@.programme_clause m WHERE m.programme_code = f_programme;
        IF NOT FOUND THEN
            problems := problems || format('23503 line %s: programme_code "%s" is not a programme of table programme_clause (the programmes are %s)',
                                           r.line, f_programme,
                                           coalesce((SELECT string_agg(m.programme_code, ', ' ORDER BY m.programme_code)
                                                       FROM @extschema@.programme_clause m), 'none yet'));
        END IF;
        IF f_project = '' THEN
            problems := problems || format('23514 line %s: project_ref is empty', r.line);
        END IF;
        IF v_day IS NULL THEN
            problems := problems || format('22007 line %s: granted_on "%s" is not a date (YYYY-MM-DD)', r.line, f_day);
        ELSIF v_day < DATE '2000-01-01' OR v_day >= DATE '2100-01-01' THEN
            problems := problems || format('23514 line %s: granted_on %s is outside 2000 to 2099', r.line, f_day);
        END IF;
        IF f_amount !~ '^[0-9]+(\.[0-9]*)?$|^\.[0-9]+$' THEN
            problems := problems || format('22P02 line %s: amount "%s" is not an amount in yuan (write 300000 or 300000.00)', r.line, f_amount);
        ELSE
            v_amount := f_amount::numeric;
            IF v_amount <> round(v_amount, 2) THEN
                problems := problems || format('23514 line %s: amount %s has a fraction of a fen', r.line, f_amount);
            ELSIF v_amount > 999999999999.99 THEN
                problems := problems || format('22003 line %s: amount %s is above the limit 999,999,999,999.99', r.line, f_amount);
            ELSIF v_clause IS NOT NULL AND v_day IS NOT NULL THEN
                v_max := @extschema@.provincial_maximum(v_clause, v_day);
                IF v_amount > v_max THEN
                    problems := problems || format('23514 line %s: amount %s is above the known provincial maximum %s of programme %s (clause %s) on %s',
                                                   r.line, @extschema@.format_yuan(v_amount), @extschema@.format_yuan(v_max),
                                                   f_programme, v_clause, f_day);
                END IF;
            END IF;
        END IF;

        -- the same award twice in the file; or already loaded, the same or not
        k := concat_ws('|', f_code, f_programme, f_project, v_day);
        IF seen ? k THEN
            problems := problems || format('23505 line %s: repeats line %s (the same enterprise, programme, project and day)',
                                           r.line, seen ->> k);
        ELSE
            seen := seen || jsonb_build_object(k, r.line);
        END IF;
        old_id := NULL;
        IF v_day IS NOT NULL THEN
            SELECT a.* INTO old FROM @extschema@.provincial_award a
             WHERE a.credit_code = f_code AND a.programme_code = f_programme AND a.project_ref = f_project
               AND a.granted_on = v_day;
            IF FOUND THEN
                old_id := old.provincial_award_id;
            END IF;
            IF old_id IS NOT NULL AND (old.amount IS DISTINCT FROM round(v_amount, 2) OR old.enterprise_name IS DISTINCT FROM f_name
                                       OR old.source_document IS DISTINCT FROM f_source) THEN
                problems := problems || format('23505 line %s: provincial award %s (the same enterprise, programme, project and day) was loaded with amount %s, name %s and document %s',
                                               r.line, old.provincial_award_id, @extschema@.format_yuan(old.amount),
                                               coalesce(old.enterprise_name, '-'), coalesce(old.source_document, '-'));
            END IF;
        END IF;
        lines := lines || r.line;
        existing := existing || old_id;
        rows_ := rows_ || jsonb_build_object('credit_code', f_code, 'enterprise_name', f_name, 'programme_code', f_programme,
                                             'project_ref', f_project, 'amount', v_amount, 'granted_on', v_day,
                                             'source_document', f_source);
    END LOOP;

    IF header IS NULL OR (cardinality(lines) = 0 AND cardinality(problems) = 0) THEN
        problems := problems || format('22P04 line %s: the file has no provincial awards', coalesce(header_line, 1));
    END IF;
    IF cardinality(problems) > 0 THEN
        SELECT array_agg(substr(p.problem, 7) ORDER BY p.line, p.n), (array_agg(left(p.problem, 5) ORDER BY p.line, p.n))[1]
          INTO problems, first_state
          FROM (SELECT u.problem, u.n, (regexp_match(u.problem, '^\w{5} line ([0-9]+)'))[1]::integer AS line
                FROM unnest(problems) WITH ORDINALITY AS u (problem, n)) p;
        RAISE EXCEPTION '%', problems[1]
            USING ERRCODE = first_state,
                  DETAIL = format('The file is refused: %s problem%s.', cardinality(problems),
                                  CASE WHEN cardinality(problems) > 1 THEN 's' ELSE '' END)
                           || E'\n' || array_to_string(problems, E'\n'),
                  HINT = 'Nothing was loaded. Correct the file and load it again.';
    END IF;

    -- the new ones in; the ones loaded before are reported, not added
    FOR i IN 1 .. cardinality(lines) LOOP
        IF existing[i] IS NOT NULL THEN
            line := lines[i];
            provincial_award_id := existing[i];
            loaded := false;
            RETURN NEXT;
            CONTINUE;
        END IF;
        INSERT INTO @extschema@.provincial_award AS a
            (credit_code, enterprise_name, programme_code, project_ref, amount, granted_on, source_document)
        VALUES (rows_[i] ->> 'credit_code', rows_[i] ->> 'enterprise_name', rows_[i] ->> 'programme_code',
                rows_[i] ->> 'project_ref', round((rows_[i] ->> 'amount')::numeric, 2), (rows_[i] ->> 'granted_on')::date,
                rows_[i] ->> 'source_document')
        RETURNING a.provincial_award_id INTO new_id;
        line := lines[i];
        provincial_award_id := new_id;
        loaded := true;
        RETURN NEXT;
    END LOOP;
END
$$;

COMMENT ON FUNCTION @extschema@.load_provincial_awards(text) IS
'Loads a CSV file of provincial awards (columns credit_code, enterprise_name, programme_code, project_ref, amount, granted_on, source_document; doc/analysts-and-clerks.md "免申即享") with the parameter loader''s discipline: every row is checked first (a valid credit code, a programme of programme_clause, a real date, an amount in yuan not above the known provincial maximum of the programme''s clause, no row twice), and any problem refuses the whole file with the line numbers. Loading the same file again adds nothing: a row already loaded is reported with loaded = false; one loaded with other values is refused. Audited.';

CREATE FUNCTION @extschema@.load_provincial_awards(csv bytea)
RETURNS TABLE (line integer, provincial_award_id bigint, loaded boolean)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT l.line, l.provincial_award_id, l.loaded FROM @extschema@.load_provincial_awards(@extschema@.csv_text(csv)) AS l;
END;

COMMENT ON FUNCTION @extschema@.load_provincial_awards(bytea) IS
'load_provincial_awards for a file given as its bytes: a file that is not UTF-8 is refused with the line, the byte and how to convert it.';

-- A provincial award "has an application" when one is its proposal, or when
-- the enterprise applied under the programme's clause for the same project
-- in the award's year: then nothing is proposed.
CREATE FUNCTION @extschema@.propose_applications()
RETURNS TABLE (application_id bigint, provincial_award_id bigint, credit_code text, clause_code text,
               project_ref text, granted_on date)
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
INSERT INTO @extschema@.application AS a
    (credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date, provincial_amount,
     provincial_award_id, proposal)
SELECT p.credit_code, p.enterprise_name, m.clause_code, p.project_ref,
       p.granted_on::timestamp AT TIME ZONE 'Asia/Shanghai', p.granted_on, p.amount,
       p.provincial_award_id, 'proposed'
FROM @extschema@.provincial_award p
JOIN @extschema@.programme_clause m USING (programme_code)
WHERE NOT EXISTS (SELECT FROM @extschema@.application x WHERE x.provincial_award_id = p.provincial_award_id)
  AND NOT EXISTS (SELECT FROM @extschema@.application x
                  WHERE x.credit_code = p.credit_code AND x.clause_code = m.clause_code
                    AND x.project_ref = p.project_ref
                    AND x.award_year = extract(year FROM p.granted_on)::integer)
ORDER BY p.granted_on, p.provincial_award_id
RETURNING a.application_id, a.provincial_award_id, a.credit_code, a.clause_code, a.project_ref, a.qualifying_date
$$;

COMMENT ON FUNCTION @extschema@.propose_applications() IS
'免申即享: an application proposed for every provincial award that maps to a clause (programme_clause) and has no application yet (none is its proposal, and the enterprise did not apply under that clause for the same project in the award''s year). Its facts come from the feed (enterprise, project, provincial_amount, qualifying date and application time = the grant day) and, where it leaves them empty, from the enterprise register; it is pending until the enterprise confirms (confirm_proposal), or until the facts its clause needs are recorded. Returns the applications made; running it again makes none.';

CREATE FUNCTION @extschema@.confirm_proposal(application_id bigint, note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    state text;
BEGIN
    SELECT a.proposal INTO state FROM @extschema@.application a WHERE a.application_id = confirm_proposal.application_id
       FOR UPDATE;
    IF NOT FOUND OR state IS NULL THEN
        RAISE EXCEPTION 'application % is not a proposal', confirm_proposal.application_id
            USING ERRCODE = 'invalid_parameter_value', HINT = 'propose_applications() makes proposals from provincial awards.';
    ELSIF state <> 'proposed' THEN
        RAISE EXCEPTION 'proposal % is % already', confirm_proposal.application_id, state
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE @extschema@.application a SET proposal = 'confirmed', proposal_note = note
     WHERE a.application_id = confirm_proposal.application_id;
    RETURN confirm_proposal.application_id;
END
$$;

COMMENT ON FUNCTION @extschema@.confirm_proposal(bigint, text) IS
'The enterprise confirmed a proposal: from now on it is an application like any other (payable if the rules say so). One statement; audited like every write to applications.';

CREATE FUNCTION @extschema@.reject_proposal(application_id bigint, reason text)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    state text;
BEGIN
    IF reason IS NULL OR btrim(reason) = '' THEN
        RAISE EXCEPTION 'a rejection needs a reason' USING ERRCODE = 'not_null_violation';
    END IF;
    SELECT a.proposal INTO state FROM @extschema@.application a WHERE a.application_id = reject_proposal.application_id
       FOR UPDATE;
    IF NOT FOUND OR state IS NULL THEN
        RAISE EXCEPTION 'application % is not a proposal', reject_proposal.application_id
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF state = 'rejected' THEN
        RAISE EXCEPTION 'proposal % is rejected already', reject_proposal.application_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE @extschema@.application a SET proposal = 'rejected', proposal_note = reason
     WHERE a.application_id = reject_proposal.application_id;
    RETURN reject_proposal.application_id;
END
$$;

COMMENT ON FUNCTION @extschema@.reject_proposal(bigint, text) IS
'A proposal rejected, with the reason (the enterprise declined, the award was withdrawn ...): its decision is ineligible, "proposal rejected: <reason>". One statement; audited.';

------------------------------------------------------------------------------
-- What-if scenarios (1.1)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.award_decision_under(scenario text)
RETURNS SETOF @extschema@.award_decision
LANGUAGE plpgsql
-- STABLE: it reads with the snapshot of the query that calls it, so the two
-- sides of a comparison see the same data however many updates commit
STABLE
SET search_path = pg_catalog, pg_temp
SET dsm_policy.scenario = 'enacted'
AS $$
BEGIN
    IF scenario IS NULL THEN
        RAISE EXCEPTION 'scenario must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- local to this call: the function's SET clause restores the caller's setting
    PERFORM pg_catalog.set_config('dsm_policy.scenario', scenario, true);
    RETURN QUERY SELECT * FROM @extschema@.award_decision;
END
$$;

COMMENT ON FUNCTION @extschema@.award_decision_under(text) IS
'award_decision as it reads with SET dsm_policy.scenario = scenario, without changing the caller''s setting.';

CREATE FUNCTION @extschema@.compare_scenarios(base text, alternative text)
RETURNS TABLE (application_id bigint, credit_code text, enterprise_name text, clause_code text,
               award_year integer, settled boolean,
               base_status text, alternative_status text, status_changed boolean,
               base_amount numeric, alternative_amount numeric, difference numeric)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT b.application_id, b.credit_code, b.enterprise_name, b.clause_code, b.award_year, b.settled,
       b.status, a.status, b.status IS DISTINCT FROM a.status,
       b.payable_amount, a.payable_amount, a.payable_amount - b.payable_amount
FROM @extschema@.award_decision_under(base) b
JOIN @extschema@.award_decision_under(alternative) a USING (application_id)
ORDER BY b.application_id
$$;

COMMENT ON FUNCTION @extschema@.compare_scenarios(text, text) IS
'Each application decided under two scenarios: status and payable amount in each, and the difference (alternative - base). Both sides read one snapshot. Settled decisions are the same in both: only provisional ones follow a scenario.';

CREATE FUNCTION @extschema@.scenario_budget_impact(base text, alternative text)
RETURNS TABLE (award_year integer, clause_code text, sort_key integer, applications integer,
               base_total numeric, alternative_total numeric, difference numeric,
               changed_amounts integer, changed_statuses integer)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT c.award_year, c.clause_code, k.sort_key, count(*)::integer,
       sum(c.base_amount), sum(c.alternative_amount), sum(c.difference),
       (count(*) FILTER (WHERE c.difference <> 0))::integer,
       (count(*) FILTER (WHERE c.status_changed))::integer
FROM @extschema@.compare_scenarios(base, alternative) c
JOIN @extschema@.clause k USING (clause_code)
GROUP BY c.award_year, c.clause_code, k.sort_key
ORDER BY c.award_year, k.sort_key
$$;

COMMENT ON FUNCTION @extschema@.scenario_budget_impact(text, text) IS
'The budget impact of a scenario: per award year and clause, the payable totals under base and alternative, their difference, and how many decisions change amount or status.';

CREATE FUNCTION @extschema@.budget_use_under(scenario text)
RETURNS SETOF @extschema@.budget_use
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT r.*
FROM (SELECT array_agg(t.award_year) AS y, array_agg(t.clause_code) AS c, array_agg(t.s) AS s, array_agg(t.p) AS p
      FROM (SELECT d.award_year, d.clause_code,
                   coalesce(sum(d.payable_amount) FILTER (WHERE d.settled), 0.00) AS s,
                   coalesce(sum(d.payable_amount) FILTER (WHERE NOT d.settled), 0.00) AS p
            FROM @extschema@.award_decision_under(scenario) d
            GROUP BY d.award_year, d.clause_code) t) t
CROSS JOIN LATERAL @extschema@.budget_rows(coalesce(t.y, '{}'), coalesce(t.c, '{}'), coalesce(t.s, '{}'), coalesce(t.p, '{}')) r
$$;

COMMENT ON FUNCTION @extschema@.budget_use_under(text) IS
'budget_use as it reads under a what-if scenario (computed live): what the scenario''s parameters would commit against the budget. Settled decisions stay as settled.';

------------------------------------------------------------------------------
-- 免申即享: what each enterprise can receive without applying
------------------------------------------------------------------------------

-- The decisions of the proposals' enterprises with every open proposal as if
-- confirmed: what confirming would pay (computed live).
CREATE FUNCTION @extschema@.entitlement_decisions()
RETURNS SETOF @extschema@.award_decision
LANGUAGE sql
STABLE
-- owner's rights: a reader may read the decisions, not the application table
-- the proposals are found in (doc/dba.md "Roles")
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET dsm_policy.scenario = 'enacted'
SET dsm_policy.proposals_as_confirmed = on
AS $$
SELECT d.*
FROM @extschema@.award_decision d
WHERE d.credit_code IN (SELECT a.credit_code::text FROM @extschema@.application a WHERE a.proposal IS NOT NULL)
$$;

COMMENT ON FUNCTION @extschema@.entitlement_decisions() IS
'award_decision for the enterprises that have proposals, with every proposal still awaiting confirmation decided as if confirmed (dsm_policy.proposals_as_confirmed): what confirming would pay, after the enterprise''s other awards, caps, quota and stacking. Computed live.';

CREATE VIEW @extschema@.entitlement AS
SELECT a.credit_code::text AS credit_code,
       max(coalesce(d.enterprise_name, a.enterprise_name)) AS enterprise_name,
       d.award_year,
       count(*) FILTER (WHERE a.proposal = 'proposed' AND d.status = 'payable')::integer AS offered_proposals,
       coalesce(sum(d.payable_amount) FILTER (WHERE a.proposal = 'proposed' AND d.status = 'payable'), 0.00) AS offered_total,
       count(*) FILTER (WHERE a.proposal IN ('proposed', 'confirmed') AND d.status = 'pending')::integer AS waiting_proposals,
       string_agg(DISTINCT d.reason, '; ') FILTER (WHERE a.proposal IN ('proposed', 'confirmed') AND d.status = 'pending') AS waiting_for,
       count(*) FILTER (WHERE a.proposal = 'confirmed' AND d.status = 'payable')::integer AS confirmed_proposals,
       coalesce(sum(d.payable_amount) FILTER (WHERE a.proposal = 'confirmed' AND d.status = 'payable'), 0.00) AS confirmed_total,
       count(*) FILTER (WHERE a.proposal = 'rejected')::integer AS rejected_proposals,
       count(*) FILTER (WHERE a.proposal <> 'rejected' AND d.status NOT IN ('payable', 'pending'))::integer AS unpaid_proposals,
       string_agg(DISTINCT d.status || ': ' || d.reason, '; ')
           FILTER (WHERE a.proposal <> 'rejected' AND d.status NOT IN ('payable', 'pending')) AS unpaid_because
FROM @extschema@.application a
JOIN @extschema@.entitlement_decisions() d USING (application_id)
WHERE a.proposal IS NOT NULL
GROUP BY a.credit_code, d.award_year;

COMMENT ON VIEW @extschema@.entitlement IS
'免申即享, per enterprise and award year: what it can receive without applying (offered: proposals awaiting confirmation that would be payable once confirmed, after its other awards, caps, quota and stacking), what waits for a fact (waiting_for names them), what it confirmed and is paid, what was rejected, and what the rules would not pay. Counts and totals add up across rows. From entitlement_decisions (computed live).';
COMMENT ON COLUMN @extschema@.entitlement.credit_code IS 'The enterprise.';
COMMENT ON COLUMN @extschema@.entitlement.enterprise_name IS 'Its name.';
COMMENT ON COLUMN @extschema@.entitlement.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.entitlement.offered_proposals IS 'Proposals awaiting confirmation that would be payable once confirmed.';
COMMENT ON COLUMN @extschema@.entitlement.offered_total IS 'What they would pay, yuan: what the city can pay without the enterprise applying.';
COMMENT ON COLUMN @extschema@.entitlement.waiting_proposals IS 'Proposals waiting for a fact their clause needs (pending).';
COMMENT ON COLUMN @extschema@.entitlement.waiting_for IS 'The missing facts, as the decisions name them.';
COMMENT ON COLUMN @extschema@.entitlement.confirmed_proposals IS 'Confirmed proposals that are payable.';
COMMENT ON COLUMN @extschema@.entitlement.confirmed_total IS 'What they pay, yuan.';
COMMENT ON COLUMN @extschema@.entitlement.rejected_proposals IS 'Rejected proposals.';
COMMENT ON COLUMN @extschema@.entitlement.unpaid_proposals IS 'Proposals the rules would not pay even confirmed (superseded, over quota, cap exhausted, ineligible ...).';
COMMENT ON COLUMN @extschema@.entitlement.unpaid_because IS 'Their statuses and reasons.';

CREATE VIEW @extschema@.entitlement_by_year_clause AS
SELECT d.award_year,
       d.clause_code,
       c.sort_key,
       c.title_zh AS clause_title_zh,
       c.title_en AS clause_title_en,
       count(*)::integer AS proposals,
       count(*) FILTER (WHERE a.proposal = 'proposed' AND d.status = 'payable')::integer AS offered_proposals,
       coalesce(sum(d.payable_amount) FILTER (WHERE a.proposal = 'proposed' AND d.status = 'payable'), 0.00) AS offered_total,
       count(*) FILTER (WHERE a.proposal IN ('proposed', 'confirmed') AND d.status = 'pending')::integer AS waiting_proposals,
       count(*) FILTER (WHERE a.proposal = 'confirmed' AND d.status = 'payable')::integer AS confirmed_proposals,
       coalesce(sum(d.payable_amount) FILTER (WHERE a.proposal = 'confirmed' AND d.status = 'payable'), 0.00) AS confirmed_total,
       count(*) FILTER (WHERE a.proposal = 'rejected')::integer AS rejected_proposals,
       count(*) FILTER (WHERE a.proposal <> 'rejected' AND d.status NOT IN ('payable', 'pending'))::integer AS unpaid_proposals
FROM @extschema@.application a
JOIN @extschema@.entitlement_decisions() d USING (application_id)
JOIN @extschema@.clause c ON c.clause_code = d.clause_code
WHERE a.proposal IS NOT NULL
GROUP BY d.award_year, d.clause_code, c.sort_key, c.title_zh, c.title_en;

COMMENT ON VIEW @extschema@.entitlement_by_year_clause IS
'Dashboard: the proposals (免申即享) per award year and clause: offered without application (and what it would pay), waiting for a fact, confirmed (and paid), rejected, not payable. proposals = offered + waiting + confirmed + rejected + unpaid; every count and total adds up across rows. Order by award_year, sort_key.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.award_year IS 'Award year.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.clause_code IS 'Clause.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.sort_key IS 'Document order of the clause.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.clause_title_zh IS 'The clause''s title in Chinese.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.clause_title_en IS 'The clause''s title in English.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.proposals IS 'Proposals made from provincial awards.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.offered_proposals IS 'Awaiting confirmation, payable once confirmed.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.offered_total IS 'What they would pay, yuan.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.waiting_proposals IS 'Waiting for a fact their clause needs.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.confirmed_proposals IS 'Confirmed and payable.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.confirmed_total IS 'What they pay, yuan.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.rejected_proposals IS 'Rejected.';
COMMENT ON COLUMN @extschema@.entitlement_by_year_clause.unpaid_proposals IS 'Not payable even confirmed.';

------------------------------------------------------------------------------
-- Settling an award year, and corrections (1.1)
------------------------------------------------------------------------------

CREATE FUNCTION @extschema@.settle_award_year(award_year integer, note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
-- the ledger takes entries through this function and correct_settled_decision
-- only: no role is granted INSERT on it (doc/dba.md "Roles")
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET dsm_policy.scenario = 'enacted'
AS $$
DECLARE
    new_settlement bigint;
    entries integer;
    total numeric;
BEGIN
    IF settle_award_year.award_year IS NULL THEN
        RAISE EXCEPTION 'award_year must not be null' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- one settlement at a time; what it decides cannot change while it runs
    LOCK TABLE @extschema@.ledger IN SHARE ROW EXCLUSIVE MODE;
    LOCK TABLE @extschema@.application, @extschema@.other_award, @extschema@.parameter IN SHARE MODE;

    WITH decided AS MATERIALIZED (
        SELECT d.*
        FROM @extschema@.award_decision d
        WHERE d.award_year = settle_award_year.award_year AND NOT d.settled AND d.status <> 'pending'
          -- a proposal the enterprise has not answered stays open, like a pending one
          AND NOT EXISTS (SELECT FROM @extschema@.application a
                          WHERE a.application_id = d.application_id AND a.proposal = 'proposed')
    ),
    new_row AS (
        INSERT INTO @extschema@.settlement (kind, award_year, note)
        SELECT 'settlement', settle_award_year.award_year, settle_award_year.note
        WHERE EXISTS (SELECT FROM decided)
        RETURNING settlement_id
    ),
    written AS (
        INSERT INTO @extschema@.ledger
            (settlement_id, application_id, entry_kind, amount, credit_code, clause_code, project_ref,
             award_year, status, reason, basis_amount, computed_amount, cap_amount, capped, award_amount,
             quota_rank, quota, policy_code, parameter_version, explanation)
        SELECT s.settlement_id, d.application_id, 'decision', d.payable_amount, d.credit_code, d.clause_code,
               d.project_ref, d.award_year, d.status, d.reason, d.basis_amount, d.computed_amount,
               d.cap_amount, d.capped, d.award_amount, d.quota_rank, d.quota, d.policy_code,
               d.parameter_version, d.explanation
        FROM new_row s CROSS JOIN decided d
        ORDER BY d.application_id
        RETURNING settlement_id, amount
    )
    SELECT max(w.settlement_id), count(*), coalesce(sum(w.amount), 0)
      INTO new_settlement, entries, total
      FROM written w;

    IF new_settlement IS NULL THEN
        RAISE NOTICE 'award year %: no unsettled decision to settle', settle_award_year.award_year;
    ELSE
        RAISE NOTICE 'award year %: settlement % settles % decision%, paying %', settle_award_year.award_year,
            new_settlement, entries, CASE WHEN entries = 1 THEN '' ELSE 's' END, @extschema@.format_yuan(total);
    END IF;
    RETURN new_settlement;
END
$$;

COMMENT ON FUNCTION @extschema@.settle_award_year(integer, text) IS
'Settles an award year: writes every unsettled decision of the year except pending ones to the ledger, as award_decision shows it under the enacted parameters, in one new settlement. From then on those decisions never change. Returns the settlement_id, or NULL when nothing was left to settle. Running it again later settles only applications added since.';

CREATE FUNCTION @extschema@.correct_settled_decision(application_id bigint, amount numeric, reason text)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cur @extschema@.ledger;
    correction bigint;
    new_entry bigint;
BEGIN
    IF correct_settled_decision.application_id IS NULL THEN
        RAISE EXCEPTION 'application_id must not be null' USING ERRCODE = 'null_value_not_allowed';
    ELSIF correct_settled_decision.amount IS NULL THEN
        RAISE EXCEPTION 'amount must not be null' USING ERRCODE = 'null_value_not_allowed';
    ELSIF correct_settled_decision.amount IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'amount must be a number of yuan, not %', correct_settled_decision.amount
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF correct_settled_decision.amount < 0 THEN
        RAISE EXCEPTION 'amount must not be negative: %', correct_settled_decision.amount
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The amount is what the decision pays after the correction; 0 withdraws it.';
    ELSIF scale(correct_settled_decision.amount) > 2
          AND trim_scale(correct_settled_decision.amount) <> round(correct_settled_decision.amount, 2) THEN
        RAISE EXCEPTION 'amount must be in whole fen: %', correct_settled_decision.amount
            USING ERRCODE = 'invalid_parameter_value';
    ELSIF btrim(coalesce(correct_settled_decision.reason, '')) = '' THEN
        RAISE EXCEPTION 'reason must say why the settled decision is corrected'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    LOCK TABLE @extschema@.ledger IN SHARE ROW EXCLUSIVE MODE;
    SELECT l.* INTO cur
      FROM @extschema@.ledger l
     WHERE l.application_id = correct_settled_decision.application_id AND l.entry_kind = 'decision'
     ORDER BY l.entry_id DESC
     LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'application % has no settled decision', correct_settled_decision.application_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A provisional decision follows the application and the parameters: correct those, then settle the year.';
    END IF;

    INSERT INTO @extschema@.settlement (kind, award_year, note)
    VALUES ('correction', cur.award_year, correct_settled_decision.reason)
    RETURNING settlement_id INTO correction;

    INSERT INTO @extschema@.ledger
        (settlement_id, application_id, entry_kind, reverses_entry_id, amount, credit_code, clause_code,
         project_ref, award_year, status, reason, basis_amount, computed_amount, cap_amount, capped,
         award_amount, quota_rank, quota, policy_code, parameter_version, explanation)
    VALUES (correction, cur.application_id, 'reversal', cur.entry_id, -cur.amount, cur.credit_code,
            cur.clause_code, cur.project_ref, cur.award_year, cur.status, correct_settled_decision.reason,
            cur.basis_amount, cur.computed_amount, cur.cap_amount, cur.capped, cur.award_amount,
            cur.quota_rank, cur.quota, cur.policy_code, cur.parameter_version,
            'reverses entry ' || cur.entry_id || ' (' || @extschema@.format_yuan(cur.amount) || '): '
            || correct_settled_decision.reason);

    INSERT INTO @extschema@.ledger
        (settlement_id, application_id, entry_kind, amount, credit_code, clause_code, project_ref,
         award_year, status, reason, basis_amount, computed_amount, cap_amount, capped, award_amount,
         quota_rank, quota, policy_code, parameter_version, explanation)
    VALUES (correction, cur.application_id, 'decision', round(correct_settled_decision.amount, 2),
            cur.credit_code, cur.clause_code, cur.project_ref, cur.award_year,
            CASE WHEN correct_settled_decision.amount > 0 THEN 'payable' ELSE 'withdrawn' END,
            CASE WHEN correct_settled_decision.amount > 0 THEN NULL
                 ELSE 'withdrawn by a correction: ' || correct_settled_decision.reason END,
            cur.basis_amount, cur.computed_amount, cur.cap_amount, cur.capped,
            round(correct_settled_decision.amount, 2), cur.quota_rank, cur.quota, cur.policy_code,
            cur.parameter_version,
            'corrected: ' || correct_settled_decision.reason || '; payable '
            || @extschema@.format_yuan(round(correct_settled_decision.amount, 2))
            || ' instead of ' || @extschema@.format_yuan(cur.amount) || ' (entry ' || cur.entry_id || ')')
    RETURNING entry_id INTO new_entry;

    RETURN new_entry;
END
$$;

COMMENT ON FUNCTION @extschema@.correct_settled_decision(bigint, numeric, text) IS
'Corrects a settled decision without changing the ledger: one new correction writes a reversal of the current entry and a new decision entry paying amount (status payable, or withdrawn for 0), with the reason. Returns the new entry''s entry_id.';

CREATE VIEW @extschema@.settlement_summary AS
SELECT s.settlement_id,
       s.kind,
       s.award_year,
       (s.settled_at AT TIME ZONE 'Asia/Shanghai')::date AS settled_on,
       s.settled_by,
       s.note,
       (count(l.entry_id) FILTER (WHERE l.entry_kind = 'decision'))::integer AS decisions,
       (count(l.entry_id) FILTER (WHERE l.entry_kind = 'reversal'))::integer AS reversals,
       coalesce(sum(l.amount), 0.00) AS amount
FROM @extschema@.settlement s
LEFT JOIN @extschema@.ledger l USING (settlement_id)
GROUP BY s.settlement_id;

COMMENT ON VIEW @extschema@.settlement_summary IS
'Dashboard: each settlement and correction with its entries and the net amount it paid. The amounts add up to the settled totals of the report views.';
COMMENT ON COLUMN @extschema@.settlement_summary.settlement_id IS 'The settlement or correction.';
COMMENT ON COLUMN @extschema@.settlement_summary.kind IS 'settlement or correction.';
COMMENT ON COLUMN @extschema@.settlement_summary.award_year IS 'The award year.';
COMMENT ON COLUMN @extschema@.settlement_summary.settled_on IS 'Date (Asia/Shanghai).';
COMMENT ON COLUMN @extschema@.settlement_summary.settled_by IS 'The role.';
COMMENT ON COLUMN @extschema@.settlement_summary.note IS 'The note, or the correction''s reason.';
COMMENT ON COLUMN @extschema@.settlement_summary.decisions IS 'Decision entries written.';
COMMENT ON COLUMN @extschema@.settlement_summary.reversals IS 'Reversal entries written.';
COMMENT ON COLUMN @extschema@.settlement_summary.amount IS 'Net yuan paid by its entries (a correction''s is the change it made).';

------------------------------------------------------------------------------
-- Roles (1.1): reader, clerk, admin
------------------------------------------------------------------------------

-- Roles are global: created here unless another database made them already,
-- and left in place by DROP EXTENSION.  Each includes the one before it.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        ('dsm_policy_reader', 'dsm_policy: reads decisions and reports.'),
        ('dsm_policy_clerk', 'dsm_policy: a reader who also records applications and other awards.'),
        ('dsm_policy_admin', 'dsm_policy: a clerk who also changes parameters, loads yearly updates and settles award years.')
    ) AS v (name, description)
    LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r.name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r.name);
            EXECUTE format('COMMENT ON ROLE %I IS %L', r.name, r.description);
        END IF;
    END LOOP;
END
$$;
GRANT dsm_policy_reader TO dsm_policy_clerk;
GRANT dsm_policy_clerk TO dsm_policy_admin;

-- Functions: everyone may call the reading ones (they read only what the
-- caller may read); the writing ones belong to the admin.
REVOKE EXECUTE ON FUNCTION @extschema@.load_parameters(text, boolean),
                           @extschema@.load_parameters(bytea, boolean),
                           @extschema@.load_provincial_awards(text),
                           @extschema@.load_provincial_awards(bytea),
                           @extschema@.revise_parameter(text, text, text, date, text, text, text, text),
                           @extschema@.settle_award_year(integer, text),
                           @extschema@.correct_settled_decision(bigint, numeric, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.load_parameters(text, boolean),
                          @extschema@.load_parameters(bytea, boolean),
                          @extschema@.load_provincial_awards(text),
                          @extschema@.load_provincial_awards(bytea),
                          @extschema@.revise_parameter(text, text, text, date, text, text, text, text),
                          @extschema@.settle_award_year(integer, text),
                          @extschema@.correct_settled_decision(bigint, numeric, text) TO dsm_policy_admin;

-- The reader: the schema, the views, and the catalogue the engine reads as
-- the caller (evaluate_application reads clause, scenario and parameter).
GRANT USAGE ON SCHEMA @extschema@ TO dsm_policy_reader;
GRANT SELECT ON @extschema@.clause_catalogue, @extschema@.parameter_report, @extschema@.reading_register, @extschema@.clause_requirements,
                @extschema@.enterprise_decision, @extschema@.other_award_outranked,
                @extschema@.application_evaluation, @extschema@.quota_claim_live, @extschema@.quota_place_live,
                @extschema@.award_decision,
                @extschema@.award_totals_by_year_clause, @extschema@.award_totals_by_unit,
                @extschema@.award_totals_by_enterprise, @extschema@.quota_use, @extschema@.award_totals_by_month,
                @extschema@.budget_use, @extschema@.budget,
                @extschema@.entitlement, @extschema@.entitlement_by_year_clause,
                @extschema@.enterprise, @extschema@.programme_clause, @extschema@.provincial_award,
                @extschema@.implausible_provincial_amount, @extschema@.settlement_summary
    TO dsm_policy_reader;
GRANT SELECT ON @extschema@.policy, @extschema@.section, @extschema@.clause, @extschema@.responsible_unit,
                @extschema@.clause_unit, @extschema@.scenario, @extschema@.parameter_definition,
                @extschema@.parameter_choice, @extschema@.parameter, @extschema@.reading
    TO dsm_policy_reader;

-- The clerk: applications and other awards.
GRANT SELECT, INSERT, UPDATE, DELETE ON @extschema@.application, @extschema@.other_award TO dsm_policy_clerk;
GRANT USAGE ON SEQUENCE @extschema@.application_application_id_seq,
                        @extschema@.other_award_other_award_id_seq TO dsm_policy_clerk;

-- The admin: the policy tables, the audit trail and the ledger to read.
GRANT INSERT, UPDATE, DELETE ON @extschema@.policy, @extschema@.section, @extschema@.clause,
                                @extschema@.responsible_unit, @extschema@.clause_unit,
                                @extschema@.scenario, @extschema@.parameter, @extschema@.reading,
                                @extschema@.budget, @extschema@.enterprise, @extschema@.programme_clause,
                                @extschema@.provincial_award
    TO dsm_policy_admin;
GRANT USAGE ON SEQUENCE @extschema@.parameter_parameter_id_seq, @extschema@.budget_budget_id_seq,
                        @extschema@.enterprise_register_id_seq, @extschema@.provincial_award_provincial_award_id_seq
    TO dsm_policy_admin;
GRANT SELECT ON @extschema@.activity_log, @extschema@.settlement, @extschema@.ledger TO dsm_policy_admin;

-- The views read the kept tables with their owner's rights; kept_in_use(),
-- which they call, reads the kept state with the caller's.
GRANT SELECT ON @extschema@.kept_state TO dsm_policy_reader;
REVOKE EXECUTE ON FUNCTION @extschema@.keep_all(), @extschema@.keep_enterprises(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION @extschema@.keep_all() TO dsm_policy_admin;
