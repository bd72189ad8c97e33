-- How updates/provincial-awards-2022-2025.csv was made: the provincial
-- awards of the sample enterprises (免申即享, doc/analysts-and-clerks.md).
-- Run on a database with the extension, the sample data (tools/sample_data.sql)
-- and the programmes of tools/sample_feed.sql, and write the file:
--
--     psql -X -q -v ON_ERROR_STOP=1 -f tools/make_sample_feed.sql > updates/provincial-awards-2022-2025.csv
--
-- Deterministic (md5 of keys, as tools/sample_data.sql).  Two parts:
--   A. the provincial award behind each application of a share clause that
--      the sample enterprises made (most enterprises apply): the same
--      enterprise, project, amount and day, so that no proposal is made for
--      them; an amount the sample data records above the known provincial
--      maximum (a data-entry error it keeps on purpose) is left out;
--   B. 170 awards to enterprises that did not apply: new projects, some of
--      enterprises of the sample data, most of 90 others; these become the
--      proposals.
SET client_min_messages = warning;

CREATE FUNCTION pg_temp.h(key text, m integer) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$ SELECT (('x' || substr(md5(key), 1, 8))::bit(32)::bigint % m)::integer $$;

-- a credit code of one of 90 enterprises that appear only in the feed
CREATE FUNCTION pg_temp.new_code(n integer) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT p || dsm_policy.credit_code_check_character(p)
      FROM (SELECT '9123050' || (ARRAY['0', '2', '3', '4'])[1 + n % 4] || 'MA'
                   || upper(substr(md5('feed-enterprise-' || n), 1, 6)) || lpad((n % 10)::text, 1, '0') AS p) s $$;

CREATE TEMP TABLE programme AS
SELECT programme_code, clause_code FROM dsm_policy.programme_clause;

COPY (
    WITH a AS (
        -- A. behind the applications
        SELECT a.credit_code::text AS credit_code, a.enterprise_name, m.programme_code, a.project_ref,
               a.provincial_amount AS amount, a.qualifying_date AS granted_on
        FROM dsm_policy.application a
        JOIN programme m ON m.clause_code = a.clause_code
        WHERE a.provincial_amount IS NOT NULL
          AND a.provincial_amount <= coalesce(dsm_policy.provincial_maximum(a.clause_code, a.qualifying_date), 1e12)
          AND a.qualifying_date BETWEEN '2022-07-28' AND '2025-12-31'
    ),
    b AS (
        -- B. awards without an application: clause by weight, 2022-08 to 2025-12
        SELECT g,
               (ARRAY['1', '1', '1', '1', '1', '4', '4', '4', '4', '2.1', '2.2', '5', '9', '13', '13', '14', '14', '15', '15', '1'])
                   [1 + pg_temp.h('feed-clause-' || g, 20)] AS clause_code,
               date '2022-08-01' + pg_temp.h('feed-day-' || g, 1248) AS granted_on
        FROM generate_series(1, 170) AS g
    ),
    b2 AS (
        SELECT CASE WHEN g % 5 = 0
                    THEN (SELECT x.credit_code::text FROM dsm_policy.application x
                          ORDER BY md5(x.credit_code || g) LIMIT 1)
                    ELSE pg_temp.new_code(pg_temp.h('feed-who-' || g, 90)) END AS credit_code,
               g, b.clause_code, m.programme_code, b.granted_on
        FROM b
        JOIN programme m ON m.clause_code = b.clause_code
    )
    SELECT credit_code, enterprise_name, programme_code, project_ref, amount, granted_on,
           'HLJ-GXT-' || extract(year FROM granted_on) || '-' || lpad((pg_temp.h(programme_code || granted_on, 90) + 10)::text, 3, '0')
               AS source_document
    FROM (
        SELECT DISTINCT ON (credit_code, programme_code, project_ref, granted_on) * FROM a
        UNION ALL
        SELECT b2.credit_code,
               coalesce((SELECT max(x.enterprise_name) FROM dsm_policy.application x WHERE x.credit_code = b2.credit_code),
                        (ARRAY['双鸭山', '宝清县', '集贤县', '友谊县', '饶河县'])[1 + pg_temp.h('feed-town-' || b2.credit_code, 5)]
                        || (ARRAY['恒信', '北辰', '龙江', '金穗', '华煤', '瑞丰', '宏达', '远航', '天成'])[1 + pg_temp.h('feed-word-' || b2.credit_code, 9)]
                        || (ARRAY['智能装备', '数据科技', '农业科技', '煤化工', '食品', '软件', '信息技术'])[1 + pg_temp.h('feed-trade-' || b2.credit_code, 7)]
                        || '有限公司'),
               b2.programme_code,
               'SZ-' || extract(year FROM b2.granted_on) || '-' || lpad(b2.g::text, 3, '0'),
               -- 100,000 to the programme's maximum (or 1,500,000), whole thousands, some with yuan and fen
               least(coalesce(dsm_policy.provincial_maximum(b2.clause_code, b2.granted_on), 1500000),
                     (100 + pg_temp.h('feed-amount-' || b2.g, 1400)) * 1000
                     + CASE WHEN b2.g % 7 = 0 THEN pg_temp.h('feed-fen-' || b2.g, 99999) / 100.0 ELSE 0 END),
               b2.granted_on
        FROM b2
    ) feed
    ORDER BY granted_on, credit_code, programme_code, project_ref
) TO STDOUT WITH (FORMAT csv, HEADER);
