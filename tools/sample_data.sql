-- Sample data for the main job (tools/main.sh): 324 award applications
-- of Shuangyashan enterprises under every clause of the policy, qualifying
-- dates 2022 to 2026, and a few awards under other city policies that compete
-- in the stacking rule (从高不重复).  tools/report.sql reports the decisions.
--
-- The enterprises, credit codes, projects and the "other city policies" are
-- invented: names are built from small word lists, credit codes are valid
-- (GB 32100-2015: '91' + division code + 9 characters + check character).
--
-- Deterministic: no random().  Every generated value comes from md5 of a key
-- and a generate_series number (pg_temp.h below), the special cases are
-- written out literally, and the rows are inserted in order of application
-- time, so the same file always gives the same rows, the same
-- application_id (on an empty table) and the same decisions.
--
-- Most applications are ordinary payable ones (sections 2 and 3).  Section 4
-- holds the deliberate cases, each with a comment saying what it shows:
-- ineligible (a condition failing, a missing fact, a once-only award given
-- again, a spending period already subsidised, a product not made in the city),
-- over quota (clause 3, 2023: 36 enterprises for 30 places), superseded
-- (two clauses on one project; other awards higher than, equal to and lower
-- than ours), capped and cap exhausted (clause 3 per enterprise and year,
-- clause 13 per project over three years, clause 15 per product), not in
-- force (2022-07-01, 2026), pending (clauses 6, 11, 17 without an approved
-- amount), no monetary award (clauses 8, 10, 16, 18-21), a provincial amount
-- above the known provincial maximum (flagged), a share ending in half a fen
-- (rounding), a node registered in 2021 before the policy took effect, a
-- project superseded one year and paid in full the next (caps count what is
-- paid), and another policy's lower award that ours outranks.
--
-- Run on a database where the extension exists:
--     psql -v ON_ERROR_STOP=1 -f tools/sample_data.sql
-- One transaction; the helpers are temporary and dropped at COMMIT.

BEGIN;
SET LOCAL TIME ZONE 'Asia/Shanghai';   -- literal times below are Shanghai time

------------------------------------------------------------------------------
-- 1. Helpers and the enterprises
------------------------------------------------------------------------------

-- A deterministic number in [0, m) from a text key.
CREATE FUNCTION pg_temp.h(key text, m integer) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$ SELECT (('x' || substr(md5(key), 1, 8))::bit(32)::bigint % m)::integer $$;

-- A working day: a Saturday moves to the Friday before, a Sunday to the Monday after.
CREATE FUNCTION pg_temp.workday(d date) RETURNS date
LANGUAGE sql IMMUTABLE
AS $$ SELECT d + CASE extract(isodow FROM d) WHEN 6 THEN -1 WHEN 7 THEN 1 ELSE 0 END $$;

-- An application time lo..hi days after date q, during office hours in Shanghai.
CREATE FUNCTION pg_temp.applied(key text, q date, lo integer, hi integer) RETURNS timestamptz
LANGUAGE sql IMMUTABLE
AS $$ SELECT (pg_temp.workday(q + lo + pg_temp.h(key || '/d', hi - lo + 1))
              + time '08:30' + pg_temp.h(key || '/t', 540) * interval '1 minute')
             AT TIME ZONE 'Asia/Shanghai' $$;

-- A qualifying date in the given year, within the policy's dates
-- (2022-07-28 to 2025-12-31); December dates stop on the 20th.
CREATE FUNCTION pg_temp.qdate(key text, year integer) RETURNS date
LANGUAGE sql IMMUTABLE
AS $$ SELECT pg_temp.workday(lo + pg_temp.h(key || '/q', (make_date(year, 12, 20) - lo) + 1))
      FROM (SELECT greatest(make_date(year, 1, 5), date '2022-08-01') AS lo) l $$;

-- A year for an ordinary application: 2022 (August to December) 15 %,
-- 2023 to 2025 about 28 % each.
CREATE FUNCTION pg_temp.year(key text) RETURNS integer
LANGUAGE sql IMMUTABLE
AS $$ SELECT CASE WHEN x < 15 THEN 2022 WHEN x < 43 THEN 2023 WHEN x < 72 THEN 2024 ELSE 2025 END
      FROM (SELECT pg_temp.h(key || '/y', 100) AS x) s $$;

-- One of a list, by key.
CREATE FUNCTION pg_temp.one_of(key text, list text[]) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT list[1 + pg_temp.h(key, cardinality(list))] $$;

-- A credit code: '91' (enterprise, company) + division + 9 characters + check.
-- Newer registrations carry 'MA' in the organisation code, older ones 9 digits.
CREATE FUNCTION pg_temp.credit_code(n integer, division text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT p || dsm_policy.credit_code_check_character(p)
    FROM (SELECT '91' || division ||
                 CASE WHEN pg_temp.h('cc-old' || n, 10) < 3
                      THEN (SELECT string_agg(pg_temp.h('cc' || n || '/' || i, 10)::text, '' ORDER BY i)
                            FROM generate_series(1, 9) i)
                      ELSE 'MA' || (SELECT string_agg(substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                                                             1 + pg_temp.h('cc' || n || '/' || i, 31), 1), '' ORDER BY i)
                                    FROM generate_series(1, 7) i)
                 END AS p) s
$$;

-- Industries: the name's ending, and whether the firm is a manufacturer.
CREATE TEMP TABLE kind ON COMMIT DROP AS
SELECT k - 1 AS kind, suffix, manufacturer
FROM unnest(ARRAY['机械制造有限公司', '软件有限公司', '食品有限公司', '信息技术有限公司',
                  '米业有限公司', '农业科技有限公司', '煤化工有限公司', '网络科技有限公司',
                  '新材料科技有限公司', '物流有限公司', '电子科技有限公司', '乳业有限公司',
                  '农机装备有限公司'],
            ARRAY[true, false, true, false, true, false, true, false, true, false, true, true, true])
     WITH ORDINALITY AS t (suffix, manufacturer, k);

-- The enterprises: 150 built from the word lists (n = 1..150; brand n mod 37
-- and industry n mod 13 never repeat together), and the special cases of
-- section 4 written out (n >= 901).
CREATE TEMP TABLE ent (
    n            integer PRIMARY KEY,
    credit_code  text NOT NULL UNIQUE,
    name         text NOT NULL UNIQUE,
    kind         integer,
    scale        text NOT NULL,
    specialized  boolean NOT NULL,
    manufacturer boolean NOT NULL
) ON COMMIT DROP;

INSERT INTO ent
SELECT g.n, pg_temp.credit_code(g.n, c.division), c.place || b.brand || k.suffix, k.kind,
       CASE WHEN pg_temp.h('scale' || g.n, 100) < CASE WHEN k.manufacturer THEN 55 ELSE 35 END
            THEN 'above' ELSE 'below' END,
       pg_temp.h('zjtx' || g.n, 100) < 15,
       k.manufacturer
FROM generate_series(1, 150) AS g (n)
JOIN kind k ON k.kind = g.n % 13
CROSS JOIN LATERAL (
    SELECT (ARRAY['鸿达', '龙江', '北疆', '宏源', '金山', '华信', '瑞丰', '兴隆', '鑫源', '东方',
                  '恒通', '锦程', '德润', '盛泰', '安泰', '远航', '新星', '宝泉', '七星', '挹娄',
                  '三江', '雁窝岛', '龙盛', '众诚', '嘉禾', '丰泽', '天润', '黑土', '寒地', '北林',
                  '中宇', '博远', '凯盛', '兴安', '东升', '永丰', '富源'])[1 + g.n % 37] AS brand) b
CROSS JOIN LATERAL (
    SELECT CASE WHEN x < 40 THEN '双鸭山' WHEN x < 60 THEN '宝清县' WHEN x < 75 THEN '集贤县'
                WHEN x < 88 THEN '友谊县' ELSE '饶河县' END AS place,
           CASE WHEN x < 40 THEN (ARRAY['230500', '230502', '230503', '230505', '230506'])[1 + x % 5]
                WHEN x < 60 THEN '230523' WHEN x < 75 THEN '230521'
                WHEN x < 88 THEN '230522' ELSE '230524' END AS division
    FROM (SELECT pg_temp.h('county' || g.n, 100) AS x) s) c;

-- The special cases' enterprises (section 4 says what each one shows).
INSERT INTO ent (n, credit_code, name, scale, specialized, manufacturer)
SELECT s.n, pg_temp.credit_code(s.n, s.division), s.name, s.scale, s.specialized, s.manufacturer
FROM (VALUES
    (901, '230521', '集贤县昌隆机械制造有限公司',     'above', false, true),
    (902, '230522', '友谊县润禾食品有限公司',         'below', false, true),
    (903, '230523', '宝清县沃野米业有限公司',         'below', false, true),
    (904, '230502', '双鸭山智云软件有限公司',         'below', false, false),
    (905, '230524', '饶河县林海食品有限公司',         'below', false, true),
    (906, '230521', '集贤县华丰农机装备有限公司',     'above', false, true),
    (907, '230505', '双鸭山泰和新材料科技有限公司',   'above', true,  true),
    (908, '230523', '宝清县金穗米业有限公司',         'above', false, true),
    (909, '230503', '双鸭山瑞泽电子科技有限公司',     'above', false, true),
    (910, '230500', '双鸭山北斗信息技术有限公司',     'above', false, false),
    (911, '230502', '双鸭山数联网络科技有限公司',     'above', false, false),
    (912, '230521', '集贤县鑫科电子科技有限公司',     'above', false, true),
    (913, '230500', '双鸭山晶鸿电子科技有限公司',     'above', true,  true),
    (914, '230523', '宝清县盛达新材料科技有限公司',   'above', false, true),
    (915, '230521', '集贤县恒力电子科技有限公司',     'above', false, true),
    (916, '230503', '双鸭山云图软件有限公司',         'below', false, false),
    (917, '230522', '友谊县兴农机械制造有限公司',     'below', false, true),
    (918, '230524', '饶河县绿源食品有限公司',         'above', false, true),
    (919, '230506', '双鸭山宏图机械制造有限公司',     'above', false, true),
    (920, '230521', '集贤县广源煤化工有限公司',       'above', false, true),
    (921, '230523', '宝清县丰禾食品有限公司',         'below', false, true),
    (922, '230522', '友谊县聚丰乳业有限公司',         'above', false, true),
    (923, '230505', '双鸭山天工机械制造有限公司',     'above', false, true),
    (924, '230502', '双鸭山思创信息技术有限公司',     'below', false, false),
    (925, '230521', '集贤县东信机械制造有限公司',     'above', false, true),
    (926, '230500', '双鸭山远达机械制造有限公司',     'above', false, true),
    (927, '230523', '宝清县鸿泰食品有限公司',         'above', false, true),
    (928, '230500', '双鸭山工联网络科技有限公司',     'above', false, false),
    (929, '230503', '双鸭山云联信息技术有限公司',     'below', false, false),
    (930, '230506', '双鸭山精研机械制造有限公司',     'above', true,  true),
    (931, '230524', '饶河县乌苏里农业科技有限公司',   'below', false, false),
    (932, '230523', '宝清县垦丰农业科技有限公司',     'below', false, false),
    (933, '230502', '双鸭山智农软件有限公司',         'below', false, false),
    (934, '230500', '双鸭山工云信息技术有限公司',     'above', false, false),
    (935, '230522', '友谊县宏昌食品有限公司',         'above', true,  true),
    (936, '230505', '双鸭山码上信息技术有限公司',     'above', false, false),
    (937, '230521', '集贤县兴源电子科技有限公司',     'above', false, true),
    (938, '230506', '双鸭山同创软件有限公司',         'below', false, false),
    (939, '230521', '集贤县恒泰机械制造有限公司',     'above', false, true),
    (940, '230523', '宝清县丰源食品有限公司',         'above', false, true),
    (941, '230505', '双鸭山中联电子科技有限公司',     'below', false, true),
    (942, '230502', '双鸭山启航软件有限公司',         'below', false, false)
) AS s (n, division, name, scale, specialized, manufacturer);

-- The applications are collected here first, then inserted in order of
-- application time (section 5), so that application_id follows it.
CREATE TEMP TABLE app (
    ent                integer NOT NULL REFERENCES ent,
    clause_code        text NOT NULL,
    project_ref        text NOT NULL,
    qualifying_date    date NOT NULL,
    applied_at         timestamptz NOT NULL,
    provincial_amount  numeric(14,2),
    expenditure        numeric(14,2),
    investment         numeric(14,2),
    approved_amount    numeric(14,2),
    revenue            numeric(16,2),
    cloud_stars        smallint,
    service_start      date,
    in_use             boolean,
    innovative_mode    boolean,
    in_catalogue       boolean,
    in_production      boolean,
    reports_statistics boolean,
    city_made_product  boolean,
    expenditure_from   date,
    expenditure_until  date
) ON COMMIT DROP;

-- The i-th of the generated enterprises that match, in an order fixed by
-- seg: i = 1, 2, ... gives different enterprises within one segment.
CREATE FUNCTION pg_temp.pick(seg text, i integer, only_manufacturers boolean, kinds integer[], scales text[])
RETURNS integer
LANGUAGE sql STABLE
AS $$ SELECT n FROM ent
      WHERE n <= 150 AND (manufacturer OR NOT only_manufacturers)
        AND (kinds IS NULL OR kind = ANY (kinds)) AND scale = ANY (scales)
      ORDER BY md5(seg || '/' || n) OFFSET i - 1 LIMIT 1 $$;

------------------------------------------------------------------------------
-- 2. Clause 3 (cloud services): ordinary applications, one per enterprise
--    and year.  2023 has 36 enterprises for the 30 places: the six that
--    applied last are over quota (the deliberate over-quota case).
------------------------------------------------------------------------------

INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 expenditure, cloud_stars, service_start, in_use)
SELECT e.n, '3',
       pg_temp.one_of('c3p' || y || e.n, ARRAY['天翼云', '华为云', '阿里云', '移动云', '联通云', '腾讯云'])
           || '-HT' || y || '-' || lpad((100 + pg_temp.h('c3c' || y || e.n, 900))::text, 4, '0'),
       q.q,
       pg_temp.applied('c3a' || y || e.n, q.q, 7, 60),
       -- actual cloud spending 10,000 to 150,000 yuan (most under 60,000), whole tens
       round(10000 + 140000 * power(pg_temp.h('c3x' || y || e.n, 10001) / 10000.0, 2), -1),
       (3 + pg_temp.h('c3s' || y || e.n, 3))::smallint,
       q.q - (95 + pg_temp.h('c3b' || y || e.n, 180)),
       true
FROM (VALUES (2022, 9), (2023, 36), (2024, 22), (2025, 20)) AS yc (y, k)
CROSS JOIN LATERAL (
    SELECT n FROM ent WHERE n <= 150 AND manufacturer
    ORDER BY md5('c3' || yc.y || '/' || n) LIMIT yc.k) e
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c3' || y || e.n, y) AS q) q;

------------------------------------------------------------------------------
-- 3. Ordinary applications under the other clauses
------------------------------------------------------------------------------

-- Clause 1: provincial demonstration of new industrial-internet modes;
-- provincial tiered award 300,000 to 2,000,000.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount)
SELECT pg_temp.pick('c1', g, true, NULL, '{above,below}'), '1',
       'PRJ-' || y || '-' || lpad((100 + g)::text, 3, '0'), q, pg_temp.applied('c1a' || g, q, 14, 120),
       (ARRAY[300000, 500000, 500000, 800000, 1000000, 1000000, 1500000, 2000000])[1 + pg_temp.h('c1x' || g, 8)]
FROM generate_series(1, 28) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c1' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c1' || g, y) AS q) qq;

-- Clause 2.1: lead unit of an MIIT-funded project; provincial subsidy (20 % of
-- the MIIT support) 200,000 to 1,000,000.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount)
SELECT pg_temp.pick('c21', g, true, NULL, '{above}'), '2.1',
       'PRJ-' || y || '-' || lpad((200 + g)::text, 3, '0'), q, pg_temp.applied('c21a' || g, q, 14, 120),
       (ARRAY[200000, 360000, 500000, 640000, 800000, 1000000])[1 + pg_temp.h('c21x' || g, 6)]
FROM generate_series(1, 10) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c21' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c21' || g, y) AS q) qq;

-- Clause 2.2: lead unit of an MIIT pilot demonstration; provincial award 500,000
-- (a few 300,000).
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount)
SELECT pg_temp.pick('c22', g, false, NULL, '{above,below}'), '2.2',
       'PRJ-' || y || '-' || lpad((250 + g)::text, 3, '0'), q, pg_temp.applied('c22a' || g, q, 14, 120),
       (ARRAY[300000, 500000, 500000, 500000])[1 + pg_temp.h('c22x' || g, 4)]
FROM generate_series(1, 8) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c22' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c22' || g, y) AS q) qq;

-- Clause 2.3: passed the two-integration management-system assessment;
-- fixed 100,000.  The project is the assessment certificate.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at)
SELECT pg_temp.pick('c23', g, true, NULL, '{above,below}'), '2.3',
       'AIITRE-00' || (1 + pg_temp.h('c23c' || g, 9)) || (y - 2000) || 'IIIMS'
           || lpad((100000 + pg_temp.h('c23n' || g, 900000))::text, 7, '0'),
       q, pg_temp.applied('c23a' || g, q, 14, 90)
FROM generate_series(1, 14) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c23' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c23' || g, y) AS q) qq;

-- Clause 4: SME digital-transformation benchmark; provincial award 200,000 to
-- 500,000, 500,000 to 1,000,000 for specialised (专精特新) SMEs.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount)
SELECT e, '4', 'PRJ-' || y || '-' || lpad((400 + g)::text, 3, '0'), q, pg_temp.applied('c4a' || g, q, 14, 120),
       CASE WHEN (SELECT specialized FROM ent WHERE n = e)
            THEN (ARRAY[500000, 800000, 1000000])[1 + pg_temp.h('c4x' || g, 3)]
            ELSE (ARRAY[200000, 300000, 400000, 500000])[1 + pg_temp.h('c4x' || g, 4)] END
FROM generate_series(1, 22) g
CROSS JOIN LATERAL (SELECT pg_temp.pick('c4', g, false, NULL, '{above,below}') AS e) ee
CROSS JOIN LATERAL (SELECT pg_temp.year('c4' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c4' || g, y) AS q) qq;

-- Clause 5: benchmark industrial-internet platforms serving SMEs (IT firms);
-- provincial tiered award 1,000,000 to 5,000,000.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount)
SELECT pg_temp.pick('c5', g, false, '{1,3,7}', '{above}'), '5',
       'PRJ-' || y || '-' || lpad((500 + g)::text, 3, '0'), q, pg_temp.applied('c5a' || g, q, 14, 120),
       (ARRAY[1000000, 2000000, 3000000, 5000000])[1 + pg_temp.h('c5x' || g, 4)]
FROM generate_series(1, 6) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c5' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c5' || g, y) AS q) qq;

-- Clauses 6 and 7: smart agriculture (agricultural firms, rice mills) and smart
-- logistics (logistics firms); the amount the responsible unit approved.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, approved_amount)
SELECT pg_temp.pick('c' || c, g, false, kinds, '{above,below}'), c,
       CASE c WHEN '6' THEN pg_temp.one_of('c6p' || g, ARRAY['数字农田', '智慧农场', '农产品溯源平台', '智能灌溉', '数字乡村试点'])
              ELSE pg_temp.one_of('c7p' || g, ARRAY['智慧物流园', '冷链物流信息平台', '智能仓储', '网络货运平台']) END
           || '（' || y || '）',
       q, pg_temp.applied('c' || c || 'a' || g, q, 20, 150),
       round(lo + pg_temp.h('c' || c || 'x' || g, 1000) * (hi - lo) / 1000.0, -4)
FROM (VALUES ('6', '{4,5}'::integer[], 100000, 500000, 10), ('7', '{9}'::integer[], 200000, 800000, 7))
     AS cl (c, kinds, lo, hi, k)
CROSS JOIN LATERAL generate_series(1, cl.k) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c' || c || '/' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c' || c || '/' || g, y) AS q) qq;

-- Clauses 8, 10, 16, 18 to 21: support without a cash award under this policy.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at)
SELECT pg_temp.pick('cn' || c, g, false, NULL, '{above,below}'), c, p || '（' || y || '）',
       q, pg_temp.applied('cna' || c || g, q, 10, 60)
FROM (VALUES ('8', '政务数据共享对接', 3), ('10', '数字经济产业园入驻', 1), ('16', '5G基站进场建设', 3),
             ('18', '数字技能人才培训', 1), ('19', '数字经济企业贷款贴息', 1),
             ('20', '办公场地租金减免', 1), ('21', '公共数据开放利用', 1)) AS cl (c, p, k)
CROSS JOIN LATERAL generate_series(1, cl.k) g
CROSS JOIN LATERAL (SELECT pg_temp.year('cn' || c || '/' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('cn' || c || '/' || g, y) AS q) qq;

-- Clause 9: digital-industry enterprise whose revenue first reached 1 billion;
-- provincial award 5,000,000 to the core team.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 provincial_amount, revenue, reports_statistics)
SELECT pg_temp.pick('c9', g, false, '{3,7,10}', '{above}'), '9',
       '营业收入首次达到10亿元（' || (y - 1) || '年度）', q, pg_temp.applied('c9a' || g, q, 14, 60),
       5000000, 1000000000 + pg_temp.h('c9r' || g, 600) * 1000000, true
FROM generate_series(1, 3) g
CROSS JOIN LATERAL (SELECT 2023 + g - 1 AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c9' || g, y) AS q) qq;

-- Clause 11: platforms settling in the city, case by case (一事一议).
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, approved_amount)
SELECT pg_temp.pick('c11', g, false, '{3,7}', '{above}'), '11',
       (ARRAY['工业互联网平台落户', '产业大数据平台落户', '工业互联网标识二级节点'])[g] || '（' || y || '）',
       q, pg_temp.applied('c11a' || g, q, 30, 150), (ARRAY[1500000, 2000000, 800000])[g]
FROM generate_series(1, 3) g
CROSS JOIN LATERAL (SELECT 2022 + g AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c11' || g, y) AS q) qq;

-- Clause 12: identifier-resolution enterprise nodes of manufacturers; fixed
-- 20,000 above-scale, 10,000 below-scale.  The project is the node prefix.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 service_start, innovative_mode)
SELECT e, '12', '88.236.' || (1000 + e), q, pg_temp.applied('c12a' || g, q, 14, 60),
       greatest(q - (120 + pg_temp.h('c12b' || g, 400)), date '2021-01-04'), true
FROM generate_series(1, 20) g
CROSS JOIN LATERAL (SELECT pg_temp.pick('c12', g, true, NULL, '{above,below}') AS e) ee
CROSS JOIN LATERAL (SELECT pg_temp.year('c12' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c12' || g, y) AS q) qq;

-- Clause 13: catalogue digital products, investment 20 to 80 million, in
-- production; provincial subsidy about 5 % to 9 % of the investment.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 provincial_amount, investment, in_catalogue, in_production)
SELECT pg_temp.pick('c13', g, true, '{8,10}', '{above,below}'), '13',
       'PRJ-' || y || '-' || lpad((130 + g)::text, 3, '0'), q, pg_temp.applied('c13a' || g, q, 14, 90),
       round(inv * (5 + pg_temp.h('c13s' || g, 5)) / 100.0, -5), inv, true, true
FROM generate_series(1, 9) g
CROSS JOIN LATERAL (SELECT (20000000 + pg_temp.h('c13i' || g, 6001) * 10000)::numeric AS inv) ii
CROSS JOIN LATERAL (SELECT pg_temp.year('c13' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c13' || g, y) AS q) qq;

-- Clause 14: software and IT firms newly counted above-scale; provincial award
-- 500,000 (a few 300,000).
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 provincial_amount, reports_statistics)
SELECT pg_temp.pick('c14', g, false, '{1,3,7}', '{above}'), '14',
       '新纳入规上统计（' || y || '）', q, pg_temp.applied('c14a' || g, q, 14, 90),
       (ARRAY[300000, 500000, 500000])[1 + pg_temp.h('c14x' || g, 3)], true
FROM generate_series(1, 12) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c14' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c14' || g, y) AS q) qq;

-- Clause 15: first purchase of a city-made first-version software product; the
-- project is the product.  Provincial subsidy 100,000 to 800,000.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount, city_made_product)
SELECT pg_temp.pick('c15', g, false, '{1,3,7}', '{above,below}'), '15',
       (ARRAY['煤矿安全生产监测系统', '寒地水稻智能管控平台', '乳品质量追溯系统', '智慧供热调度平台',
              '农机作业监管平台', '中小企业上云服务平台', '粮食仓储物联网系统', '矿山设备预测性维护系统',
              '县域电商数据中台'])[g] || 'V1.0',
       q, pg_temp.applied('c15a' || g, q, 14, 90),
       round(100000 + pg_temp.h('c15x' || g, 1000) * 700, -4), true
FROM generate_series(1, 9) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c15' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c15' || g, y) AS q) qq;

-- Clause 17: new innovation bases and R&D institutions; approved amount.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, approved_amount)
SELECT pg_temp.pick('c17', g, false, NULL, '{above,below}'), '17',
       pg_temp.one_of('c17p' || g, ARRAY['市级企业技术中心', '省级工程技术研究中心', '省级重点实验室', '新型研发机构'])
           || '（' || y || '）',
       q, pg_temp.applied('c17a' || g, q, 30, 120), round(100000 + pg_temp.h('c17x' || g, 1000) * 400, -4)
FROM generate_series(1, 9) g
CROSS JOIN LATERAL (SELECT pg_temp.year('c17' || g) AS y) yy
CROSS JOIN LATERAL (SELECT pg_temp.qdate('c17' || g, y) AS q) qq;

------------------------------------------------------------------------------
-- 4. The special cases, written out (enterprises 901 to 938)
------------------------------------------------------------------------------

-- Clause 3: caps per enterprise and year, rounding, conditions.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 expenditure, cloud_stars, service_start, in_use)
VALUES
    -- cap: above-scale, 2024: 126,400 x 50 % = 63,200, capped at 50,000 ...
    (901, '3', '天翼云-HT2024-0117', '2024-04-12', '2024-05-08 09:40', 126400, 4, '2023-09-01', true),
    -- ... and its second application of 2024 finds the cap used up: cap_exhausted
    (901, '3', '华为云-HT2024-0562', '2024-09-20', '2024-10-15 14:05', 28600, 4, '2024-05-10', true),
    -- cap: below-scale, 2024: 20,900, then 11,000 of which only 9,100 is left (capped)
    (902, '3', '阿里云-HT2024-0233', '2024-03-18', '2024-04-09 10:15', 41800, 3, '2023-11-20', true),
    (902, '3', '移动云-HT2024-0781', '2024-08-26', '2024-09-12 15:30', 22000, 3, '2024-04-01', true),
    -- rounding: 37,861.25 x 50 % = 18,930.625, paid 18,930.63 (half a fen rounds up)
    (903, '3', '天翼云-HT2025-0309', '2025-05-16', '2025-06-03 10:20', 37861.25, 4, '2024-12-02', true),
    -- ineligible: a software firm is not a manufacturer
    (904, '3', '阿里云-HT2023-0415', '2023-06-12', '2023-07-05 11:00', 45000, 4, '2023-01-10', true),
    -- ineligible, two conditions failing: rated 2 stars, and no longer in use
    (905, '3', '联通云-HT2024-0350', '2024-06-17', '2024-07-02 09:15', 18600, 2, '2024-01-15', false),
    -- ineligible: the service started 2025-03-20, applied 2025-05-26: under 3 months running
    (906, '3', '华为云-HT2025-0128', '2025-05-08', '2025-05-26 16:10', 52000, 4, '2025-03-20', true),
    -- ineligible, missing fact: whether the service is still in use was not recorded
    (907, '3', '腾讯云-HT2023-0602', '2023-08-21', '2023-09-06 10:45', 64800, 5, '2023-02-01', NULL),
    -- ineligible: bought 2021-03-15, before 1 January of the year before the application (2022)
    (908, '3', '移动云-HT2023-0097', '2023-03-20', '2023-04-11 14:30', 33500, 4, '2021-03-15', true),
    -- not in force: qualifying 2026-03-15, after the policy expired on 2025-12-31
    (909, '3', '天翼云-HT2026-0052', '2026-03-15', '2026-04-02 09:50', 60000, 4, '2025-09-01', true);

-- Clause 9: once only (首次达到), and its conditions.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 provincial_amount, revenue, reports_statistics)
VALUES
    -- payable: revenue first reached 1 billion in 2022; 10 % x 5,000,000 = 500,000 (the cap, not exceeded)
    (910, '9', '营业收入首次达到10亿元（2022年度）', '2023-04-20', '2023-05-16 10:00', 5000000, 1086000000, true),
    -- ineligible, once_only: the same enterprise again two years later
    (910, '9', '营业收入达到13.5亿元（2024年度）',  '2025-04-25', '2025-05-20 09:30', 5000000, 1350000000, true),
    -- ineligible: revenue 968,500,000 is under 1,000,000,000
    (911, '9', '营业收入达到9.685亿元（2023年度）', '2024-04-18', '2024-05-09 15:20', 5000000, 968500000, true),
    -- ineligible, missing fact: statistical reporting not recorded
    (912, '9', '营业收入首次达到10亿元（2023年度）', '2024-05-06', '2024-05-27 11:40', 5000000, 1024000000, NULL);

-- Clause 13: one project over three years (cap 600,000 per project, across
-- years), and its conditions.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 provincial_amount, investment, in_catalogue, in_production)
VALUES
    -- project cap: 2023 400,000 ...
    (913, '13', 'PRJ-2023-017', '2023-06-15', '2023-07-10 10:30', 4000000, 56000000, true, true),
    -- ... 2024 computes 350,000 but only 200,000 of the 600,000 is left (capped) ...
    (913, '13', 'PRJ-2023-017', '2024-07-02', '2024-07-25 14:00', 3500000, 56000000, true, true),
    -- ... 2025 computes 120,000 and finds nothing left: cap_exhausted
    (913, '13', 'PRJ-2023-017', '2025-06-20', '2025-07-14 09:20', 1200000, 56000000, true, true),
    -- ineligible: investment 18,600,000 is under 20,000,000
    (914, '13', 'PRJ-2024-023', '2024-09-10', '2024-10-08 10:10', 1500000, 18600000, true, true),
    -- ineligible, missing fact: whether the project is in production was not recorded
    (915, '13', 'PRJ-2025-031', '2025-03-28', '2025-04-21 15:45', 2400000, 32000000, true, NULL);

-- Clause 14: a below-scale firm is not "newly counted above-scale": ineligible.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount, reports_statistics)
VALUES (916, '14', '新纳入规上统计（2024）', '2024-03-29', '2024-04-22 10:05', 500000, true);

-- Clause 12: two ineligible nodes.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, service_start, innovative_mode)
VALUES
    -- ineligible: node registered 2020-11-20, before 2021-01-01
    (917, '12', '88.236.2917', '2023-05-22', '2023-06-12 09:00', '2020-11-20', true),
    -- ineligible: the node meets no innovative application mode
    (918, '12', '88.236.2918', '2024-10-14', '2024-11-04 14:20', '2023-12-05', false);

-- Stacking (从高不重复) and the provincial-amount plausibility check.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, provincial_amount)
VALUES
    -- one project, one year, two clauses: clause 1 gives 240,000 ...
    (919, '1',   'PRJ-2024-031', '2024-05-20', '2024-06-11 10:30', 1200000),
    -- ... so clause 2.1 (160,000) on the same project in 2024 is superseded
    (919, '2.1', 'PRJ-2024-031', '2024-08-15', '2024-09-03 15:00', 800000),
    -- a tie: clause 2.2 and clause 4 both give 100,000 on one project in 2023;
    -- the earlier application (2.2) wins, clause 4 is superseded
    (920, '2.2', 'PRJ-2023-046', '2023-05-10', '2023-05-29 09:45', 500000),
    (920, '4',   'PRJ-2023-046', '2023-06-28', '2023-07-17 10:20', 500000),
    -- other_award HIGHER (150,000, below): our 80,000 is superseded
    (921, '4',   'PRJ-2024-072', '2024-04-08', '2024-04-26 11:10', 400000),
    -- other_award LOWER (120,000, below): our 200,000 is paid
    (923, '1',   'PRJ-2025-012', '2025-03-14', '2025-04-07 14:40', 1000000),
    -- flagged: provincial amount 5,000,000 recorded for clause 2.2, whose provincial
    -- award is 500,000 (one zero too many?); computed 1,000,000, capped at 100,000
    (924, '2.2', 'PRJ-2025-058', '2025-07-11', '2025-08-04 09:35', 5000000),
    -- ineligible, missing fact: the provincial amount was not recorded
    (925, '1',   'PRJ-2023-064', '2023-09-18', '2023-10-16 10:00', NULL),
    -- not in force: qualifying 2022-07-01, before the policy took effect on 2022-07-28
    (926, '1',   'PRJ-2022-009', '2022-07-01', '2022-08-15 09:30', 800000),
    -- capped: clause 5 platform, provincial 6,000,000 x 10 % = 600,000, capped at 500,000
    (934, '5',   'PRJ-2024-055', '2024-11-12', '2024-12-05 10:15', 6000000),
    -- the last day in force: qualifying 2025-12-31, applied in 2026: payable
    -- (specialised SME: 20 % x 900,000 = 180,000 under the 200,000 cap)
    (935, '4',   'PRJ-2025-118', '2025-12-31', '2026-01-20 10:00', 900000),
    -- not in force: qualifying 2026-01-20 (the policy expired on 2025-12-31)
    (936, '14',  '新纳入规上统计（2025）', '2026-01-20', '2026-02-23 09:10', 500000),
    -- not in force: qualifying 2026-02-10
    (937, '1',   'PRJ-2026-004', '2026-02-10', '2026-03-09 14:00', 1000000),
    -- a city-made product (clause 15): 2024 60,000 ...
    (933, '15',  '智慧农场管理平台V1.0', '2024-06-18', '2024-07-08 11:00', 300000),
    -- ... bought again in 2025: the first purchase (首次购买) is paid once: ineligible ...
    (933, '15',  '智慧农场管理平台V1.0', '2025-05-21', '2025-06-10 15:10', 250000),
    -- ... while another product bought in 2025 is a first purchase too: 40,000
    (933, '15',  '乳品质量追溯系统V1.0', '2025-08-12', '2025-09-02 10:40', 200000),
    -- ineligible: the product is not made in the city (市内)
    (942, '15',  '通用办公协同软件V1.0', '2024-10-09', '2024-10-28 14:15', 150000);
UPDATE app SET city_made_product = (ent <> 942) WHERE clause_code = '15' AND ent IN (933, 942);

-- Fixed sums (clause 2.3).
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at)
VALUES
    -- other_award EQUAL (100,000, below): a tie goes to the other award; ours superseded
    (922, '2.3', 'AIITRE-00224IIIMS0078901', '2024-03-22', '2024-04-15 10:25'),
    -- the first day in force: qualifying 2022-07-28: payable
    (927, '2.3', 'AIITRE-00222IIIMS0041207', '2022-07-28', '2022-08-22 09:40');

-- Clause 12 covers node registrations from 2021-01-01, before the policy took
-- effect: an event of 2021 is decided with the numbers of 2022-07-28.  The
-- award is for completing the registration: once per enterprise.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, service_start, innovative_mode)
VALUES
    -- payable: registered 2021-03-08, running three months by 2021-06-08 (award year 2021)
    (939, '12', '88.236.2939', '2021-06-08', '2022-08-30 10:20', '2021-03-08', true),
    -- ineligible, once_only: the same enterprise's node again in 2023
    (939, '12', '88.236.2939', '2023-04-17', '2023-05-09 09:50', '2021-03-08', true);

-- Caps count what is paid: clause 13, 600,000 per project.  In 2023 another
-- policy's higher award supersedes ours (no money from this policy, none of
-- the cap used); in 2024 the project's 350,000 is paid in full.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 provincial_amount, investment, in_catalogue, in_production)
VALUES (940, '13', 'PRJ-2023-088', '2023-08-14', '2023-09-05 10:10', 4000000, 42000000, true, true),
       (940, '13', 'PRJ-2023-088', '2024-08-19', '2024-09-09 15:20', 3500000, 42000000, true, true);

-- Clause 3 spending periods: the same service is subsidised once for any day.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at,
                 expenditure, cloud_stars, service_start, in_use, expenditure_from, expenditure_until)
VALUES
    -- payable: 2023, the spending of 2023-02-01 to 2023-06-30 ...
    (941, '3', '华为云-HT2023-0777', '2023-07-10', '2023-07-24 10:00', 36000, 4, '2023-02-01', true, NULL, '2023-06-30'),
    -- ... ineligible: 2024, the spending claimed from 2023-06-01 overlaps it ...
    (941, '3', '华为云-HT2023-0777', '2024-03-11', '2024-03-25 09:30', 42000, 4, '2023-02-01', true, '2023-06-01', '2024-02-29'),
    -- ... payable: 2024, the spending from 2023-07-01 (the day after) to 2024-02-29
    (941, '3', '华为云-HT2023-0777', '2024-04-08', '2024-04-22 14:10', 38000, 4, '2023-02-01', true, '2023-07-01', '2024-02-29');

-- Once per enterprise (新通过): the same two-integration assessment claimed again
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at)
VALUES (927, '2.3', 'AIITRE-00222IIIMS0041207', '2023-07-28', '2023-08-21 10:05');

-- Approved amounts: pending while the responsible unit has not decided.
INSERT INTO app (ent, clause_code, project_ref, qualifying_date, applied_at, approved_amount)
VALUES
    -- pending: clause 11, a national platform settling in the city, not yet approved
    (928, '11', '国家级工业互联网双跨平台区域中心落户（2025）', '2025-09-16', '2025-10-20 10:00', NULL),
    -- pending: clause 11, case by case, not yet approved
    (929, '11', '产业大数据平台落户（2025）', '2025-11-03', '2025-11-24 14:30', NULL),
    -- pending: clause 17, a new provincial R&D centre, not yet approved
    (930, '17', '省级工程技术研究中心（2025）', '2025-08-08', '2025-09-01 09:20', NULL),
    -- pending: clause 17
    (938, '17', '新型研发机构（2025）', '2025-10-17', '2025-11-10 15:50', NULL),
    -- pending: clause 6, smart-agriculture pilot, not yet approved
    (931, '6',  '数字乡村试点（2025）', '2025-06-30', '2025-08-05 10:40', NULL),
    -- not in force: clause 6 qualifying 2026-03-15, even with an approved amount
    (932, '6',  '智慧农场（2026）', '2026-03-15', '2026-04-13 09:00', 300000);

------------------------------------------------------------------------------
-- 5. Into the engine's tables, in order of application time
------------------------------------------------------------------------------

INSERT INTO dsm_policy.application
    (credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
     scale, specialized, manufacturer, provincial_amount, expenditure, investment,
     approved_amount, revenue, cloud_stars, service_start, in_use, innovative_mode,
     in_catalogue, in_production, reports_statistics, city_made_product, expenditure_from,
     expenditure_until)
SELECT e.credit_code, e.name, a.clause_code, a.project_ref, a.applied_at, a.qualifying_date,
       e.scale, e.specialized, e.manufacturer, a.provincial_amount, a.expenditure, a.investment,
       a.approved_amount, a.revenue, a.cloud_stars, a.service_start, a.in_use, a.innovative_mode,
       a.in_catalogue, a.in_production, a.reports_statistics, a.city_made_product, a.expenditure_from,
       a.expenditure_until
FROM app a
JOIN ent e ON e.n = a.ent
ORDER BY a.applied_at, e.credit_code, a.clause_code, a.project_ref;

-- Awards under other city policies: they compete in the stacking rule and are
-- never paid by this engine.
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
SELECT e.credit_code, o.project_ref, o.award_year, o.policy_name, o.amount
FROM (VALUES
    -- HIGHER than our 80,000 (clause 4, PRJ-2024-072): ours is superseded
    (921, 'PRJ-2024-072', 2024, '双鸭山市支持工业企业技术改造若干政策', 150000.00),
    -- EQUAL to our 100,000 (clause 2.3): the tie goes to the other award
    (922, 'AIITRE-00224IIIMS0078901', 2024, '双鸭山市质量强市奖励办法', 100000.00),
    -- LOWER than our 200,000 (clause 1, PRJ-2025-012): ours is paid, and this
    -- one is listed in other_award_outranked, for its department to withhold
    (923, 'PRJ-2025-012', 2025, '双鸭山市支持工业企业技术改造若干政策', 120000.00),
    -- HIGHER than our 400,000 in 2023 (clause 13, PRJ-2023-088): ours is
    -- superseded and uses none of the project's cap
    (940, 'PRJ-2023-088', 2023, '双鸭山市支持工业企业技术改造若干政策', 500000.00),
    -- awards to projects that did not apply under this policy: no effect
    (2,   'JG-2023-008', 2023, '双鸭山市支持工业企业技术改造若干政策', 300000.00),
    (45,  'KJ-2024-015', 2024, '双鸭山市促进科技成果转化奖励办法', 80000.00),
    (88,  'ZS-2025-003', 2025, '双鸭山市招商引资若干优惠政策', 500000.00)
) AS o (ent, project_ref, award_year, policy_name, amount)
JOIN ent e ON e.n = o.ent;

-- The finance bureau's budgets (doc/dashboard.md): one per award year of the
-- policy, and one for clause 3 (cloud), whose quota makes it the easiest to
-- plan.  2024's budget is overrun by the decisions: budget_use shows it.
INSERT INTO dsm_policy.budget (award_year, clause_code, amount, note)
VALUES (2022, NULL,  4000000, '2022年度数字经济专项资金（示例）'),
       (2023, NULL, 15000000, '2023年度数字经济专项资金（示例）'),
       (2023, '3',   1000000, '企业上云补贴（示例）'),
       (2024, NULL, 12000000, '2024年度数字经济专项资金（示例）'),
       (2024, '3',   1000000, '企业上云补贴（示例）'),
       (2025, NULL, 12000000, '2025年度数字经济专项资金（示例）');

-- A what-if the dashboard compares with the enacted numbers: the cloud
-- subsidy (clause 3) at 60 % of spending and 50 enterprises a year.
INSERT INTO dsm_policy.scenario (scenario, description)
VALUES ('cloud_boost', 'Clause 3 at 60 % of cloud spending and 50 enterprises a year (sample what-if)');
SELECT count(*) AS what_if_rows
FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,scenario,valid_from,valid_until,value
sys-digital-economy-2022,3,share_ratio,cloud_boost,2022-07-28,2025-12-31,60%
sys-digital-economy-2022,3,quota_enterprises_per_year,cloud_boost,2022-07-28,2025-12-31,50
$csv$);

COMMIT;
