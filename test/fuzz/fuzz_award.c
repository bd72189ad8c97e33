/*
 * fuzz_award.c
 *	  libFuzzer harness of src/award.c: dsm_evaluate on any rule and any
 *	  application, and the money and date functions on any value.
 *
 * The values are those the glue (award_sql.c) can hand over, taken as wide
 * as the C types allow where the code only compares or copies them:
 *	- share_ratio in [0, 10^6] (the parameter table's CHECK; award.c relies
 *	  on it: "both inputs are range-checked by the glue");
 *	- a share basis (provincial_amount, expenditure) >= 0 (numeric_to_fen);
 *	- purchase_window_years and min_service_start_date within int32
 *	  (value_count is an integer, value_date a date);
 *	- the choice parameters (once_only, purchase_window_applies_to,
 *	  stacking_scope) one of their codes (dsm_choice_code);
 *	- the dates of the application finite PostgreSQL dates, applied_on and
 *	  qualifying_date present (column_required); decided_on a PostgreSQL
 *	  date or absent;
 *	- scale 0 or 1, the yes/no facts 0, 1 or NULL (KIND_FLAG);
 *	- every other parameter and fact any int64, present or absent; any
 *	  in_force state and date; any cap scope; any clause code up to 1,100
 *	  bytes.
 * The functions with no precondition (dsm_share, dsm_capped_share,
 * dsm_format_*, dsm_add_months, the date conversions) get any value.
 *
 * Each result is checked against an independent reading of doc/reference.md
 * ("The rules, in order", steps 1 to 4; see fuzz_evaluate): a mismatch, a
 * text not NUL-terminated in its buffer, or a sanitizer report is a crash.
 * The texts the contract spells out are compared exactly; of the others
 * (award.c's wording of a failed condition) the parameter or the missing
 * column that starts each, in the contract's order.
 */
#include "award.h"
#include "fuzz_input.h"

#define PG_FIRST_DATE (-2451545)	/* 4714-11-24 BC */
#define PG_LAST_DATE 2145031948		/* 5874897-12-31 */

/* ------------------------------------------------------------------------
 * Independent oracles: arithmetic in __int128, the calendar by rule.
 * ------------------------------------------------------------------------ */

typedef __int128 i128;

/* ratio x amount / 10^6, rounded half away from zero (both >= 0 here) */
static int64_t
oracle_share(int64_t ratio, int64_t amount)
{
	i128		p = (i128) ratio * amount;

	return (int64_t) ((p + DSM_RATIO_ONE / 2) / DSM_RATIO_ONE);
}

static bool
oracle_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
oracle_days_in_month(int64_t y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && oracle_leap(y) ? 29 : d[m - 1];
}

/* "-1,234,567.89": written digit by digit from the right */
static void
oracle_money(int64_t fen, char *buf)
{
	char		rev[64];
	int			n = 0,
				i,
				groups = 0;
	uint64_t	m = fen < 0 ? (uint64_t) 0 - (uint64_t) fen : (uint64_t) fen;

	rev[n++] = (char) ('0' + m % 10);
	m /= 10;
	rev[n++] = (char) ('0' + m % 10);
	m /= 10;
	rev[n++] = '.';
	do
	{
		if (groups > 0 && groups % 3 == 0)
			rev[n++] = ',';
		rev[n++] = (char) ('0' + m % 10);
		m /= 10;
		groups++;
	} while (m > 0);
	if (fen < 0)
		rev[n++] = '-';
	for (i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
}

/* (y1, m1, d1) compared with (y2, m2, d2) */
static int
ymd_cmp(int64_t y1, int m1, int d1, int64_t y2, int m2, int d2)
{
	if (y1 != y2)
		return y1 < y2 ? -1 : 1;
	if (m1 != m2)
		return m1 < m2 ? -1 : 1;
	if (d1 != d2)
		return d1 < d2 ? -1 : 1;
	return 0;
}

/* ------------------------------------------------------------------------
 * Money and dates on any value
 * ------------------------------------------------------------------------ */

/* A buffer of exactly size bytes (ASan sees one byte past it), filled with junk. */
static char *
junk_buffer(size_t size)
{
	char	   *b = malloc(size);

	if (b == NULL && size > 0)
		abort();
	if (size > 0)
		memset(b, 0x5A, size);
	return b;
}

static void
fuzz_money(fuzz_input *in)
{
	int64_t		fen = fuzz_i64(in);
	size_t		size = fuzz_u8(in) % 48;
	char	   *buf = junk_buffer(size);
	char		full[64],
				want[64];

	dsm_format_money(fen, buf, size);
	if (size > 0)
		FUZZ_CHECK(fuzz_terminated(buf, size), "dsm_format_money(%lld, size %zu) not terminated",
				   (long long) fen, size);
	dsm_format_money(fen, full, sizeof(full));
	oracle_money(fen, want);
	FUZZ_CHECK(strcmp(full, want) == 0, "dsm_format_money(%lld) = \"%s\", expected \"%s\"",
			   (long long) fen, full, want);
	if (size > 0)
		FUZZ_CHECK(strncmp(buf, want, size - 1) == 0 && strlen(buf) == (strlen(want) < size ? strlen(want) : size - 1),
				   "dsm_format_money(%lld, size %zu) = \"%s\": not a prefix of \"%s\"",
				   (long long) fen, size, buf, want);
	free(buf);
}

static void
fuzz_ratio(fuzz_input *in)
{
	int64_t		ratio = fuzz_i64(in);
	size_t		size = fuzz_u8(in) % 48;
	char	   *buf = junk_buffer(size);
	char		full[64];

	dsm_format_ratio(ratio, buf, size);
	if (size > 0)
		FUZZ_CHECK(fuzz_terminated(buf, size), "dsm_format_ratio(%lld, size %zu) not terminated",
				   (long long) ratio, size);
	dsm_format_ratio(ratio, full, sizeof(full));
	FUZZ_CHECK(fuzz_terminated(full, sizeof(full)), "dsm_format_ratio(%lld) not terminated", (long long) ratio);
	if (ratio >= 0)
	{
		/* "W%" or "W.F%": W + F / 10^places percent, F without trailing 0 */
		long long	whole = -1;
		char		frac[16] = "";
		char		pct = 0;
		i128		value;
		size_t		i;

		if (sscanf(full, "%lld.%15[0-9]%c", &whole, frac, &pct) != 3)
		{
			frac[0] = '\0';
			FUZZ_CHECK(sscanf(full, "%lld%c", &whole, &pct) == 2, "dsm_format_ratio(%lld) = \"%s\"",
					   (long long) ratio, full);
		}
		FUZZ_CHECK(pct == '%' && full[strlen(full) - 1] == '%' && strchr(full, '%') == full + strlen(full) - 1,
				   "dsm_format_ratio(%lld) = \"%s\": no %% at its end", (long long) ratio, full);
		FUZZ_CHECK(strlen(frac) <= 4 && (frac[0] == '\0' || frac[strlen(frac) - 1] != '0'),
				   "dsm_format_ratio(%lld) = \"%s\": bad decimals", (long long) ratio, full);
		value = (i128) whole * 10000;
		for (i = 0; i < 4; i++)
			value += (i < strlen(frac) ? frac[i] - '0' : 0) * (i == 0 ? 1000 : i == 1 ? 100 : i == 2 ? 10 : 1);
		FUZZ_CHECK(value == ratio, "dsm_format_ratio(%lld) = \"%s\"", (long long) ratio, full);
	}
	free(buf);
}

/* The day after (y, m, d), by the calendar's rule. */
static void
next_day(int64_t *y, int *m, int *d)
{
	if (*d < oracle_days_in_month(*y, *m))
		(*d)++;
	else if (*m < 12)
	{
		(*m)++;
		*d = 1;
	}
	else
	{
		(*y)++;
		*m = 1;
		*d = 1;
	}
}

static void
fuzz_dates(fuzz_input *in)
{
	int32_t		date = (int32_t) fuzz_range(in, INT32_MIN, INT32_MAX);
	int64_t		months = fuzz_i64(in);
	int64_t		any_year = fuzz_i64(in);
	int			any_month = (int) fuzz_range(in, INT32_MIN, INT32_MAX);
	int			any_day = (int) fuzz_range(in, INT32_MIN, INT32_MAX);
	size_t		size = fuzz_u8(in) % 20;
	int64_t		y,
				y2;
	int			m,
				d,
				m2,
				d2;
	int32_t		back = 0,
				result = 0;
	bool		ok;
	char	   *buf = junk_buffer(size);
	char		full[32];

	/* to_ymd: a real day; 2000-01-01 is day 0; the next day follows */
	dsm_date_to_ymd(date, &y, &m, &d);
	FUZZ_CHECK(m >= 1 && m <= 12 && d >= 1 && d <= oracle_days_in_month(y, m),
			   "dsm_date_to_ymd(%d) = %lld-%d-%d", date, (long long) y, m, d);
	dsm_date_to_ymd(0, &y2, &m2, &d2);
	FUZZ_CHECK(y2 == 2000 && m2 == 1 && d2 == 1, "day 0 is %lld-%d-%d", (long long) y2, m2, d2);
	if (date < INT32_MAX)
	{
		dsm_date_to_ymd(date + 1, &y2, &m2, &d2);
		next_day(&y, &m, &d);
		FUZZ_CHECK(y == y2 && m == m2 && d == d2, "day %d + 1 = %lld-%d-%d, expected %lld-%d-%d",
				   date, (long long) y2, m2, d2, (long long) y, m, d);
		dsm_date_to_ymd(date, &y, &m, &d);
	}

	/* from_ymd: the inverse, within the calendar (DSM_CALENDAR_YEARS) */
	ok = dsm_date_from_ymd(y, m, d, &back);
	FUZZ_CHECK(ok == (y >= -DSM_CALENDAR_YEARS && y <= DSM_CALENDAR_YEARS) && (!ok || back == date),
			   "dsm_date_from_ymd(%lld, %d, %d) = %d (%d), expected %d",
			   (long long) y, m, d, (int) ok, back, date);
	ok = dsm_date_from_ymd(any_year, any_month, any_day, &back);
	FUZZ_CHECK(ok == (any_year >= -DSM_CALENDAR_YEARS && any_year <= DSM_CALENDAR_YEARS && any_month >= 1 && any_month <= 12 &&
					  any_day >= 1 && any_day <= oracle_days_in_month(any_year, any_month)),
			   "dsm_date_from_ymd(%lld, %d, %d) = %d", (long long) any_year, any_month, any_day, (int) ok);
	if (ok)
	{
		dsm_date_to_ymd(back, &y2, &m2, &d2);
		FUZZ_CHECK(y2 == any_year && m2 == any_month && d2 == any_day,
				   "dsm_date_from_ymd(%lld, %d, %d) = %d = %lld-%d-%d", (long long) any_year, any_month,
				   any_day, back, (long long) y2, m2, d2);
	}

	/* add_months: PostgreSQL's date + interval 'N months', within the calendar */
	ok = dsm_add_months(date, months, &result);
	if (months < -DSM_CALENDAR_MONTHS || months > DSM_CALENDAR_MONTHS)
		FUZZ_CHECK(!ok, "dsm_add_months(%d, %lld) succeeded", date, (long long) months);
	else
	{
		int64_t		index = y * 12 + (m - 1) + months;
		int64_t		ty = index >= 0 ? index / 12 : -((-index + 11) / 12);
		int			tm = (int) (index - ty * 12) + 1;
		int			td = d < oracle_days_in_month(ty, tm) ? d : oracle_days_in_month(ty, tm);

		FUZZ_CHECK(ok == (ty >= -DSM_CALENDAR_YEARS && ty <= DSM_CALENDAR_YEARS), "dsm_add_months(%d, %lld) = %d, target year %lld",
				   date, (long long) months, (int) ok, (long long) ty);
		if (ok)
		{
			dsm_date_to_ymd(result, &y2, &m2, &d2);
			FUZZ_CHECK(y2 == ty && m2 == tm && d2 == td,
					   "dsm_add_months(%d = %lld-%d-%d, %lld) = %lld-%d-%d, expected %lld-%d-%d",
					   date, (long long) y, m, d, (long long) months,
					   (long long) y2, m2, d2, (long long) ty, tm, td);
		}
	}

	/* format_date: terminated, and "Y-MM-DD" of to_ymd */
	dsm_format_date(date, buf, size);
	if (size > 0)
		FUZZ_CHECK(fuzz_terminated(buf, size), "dsm_format_date(%d, size %zu) not terminated", date, size);
	dsm_format_date(date, full, sizeof(full));
	{
		long long	py;
		int			pm,
					pd;
		char		tail;

		FUZZ_CHECK(sscanf(full, "%lld-%d-%d%c", &py, &pm, &pd, &tail) == 3 && py == y && pm == m && pd == d &&
				   strlen(full) >= 10 && full[strlen(full) - 3] == '-' && full[strlen(full) - 6] == '-',
				   "dsm_format_date(%d) = \"%s\", expected %lld-%d-%d", date, full, (long long) y, m, d);
		FUZZ_CHECK(strlen(full) < 16, "dsm_format_date(%d) = \"%s\" needs more than award.c's 16 bytes",
				   date, full);
	}
	free(buf);
}

/* ------------------------------------------------------------------------
 * dsm_evaluate
 * ------------------------------------------------------------------------ */

static dsm_value
fuzz_value(fuzz_input *in, int64_t lo, int64_t hi)
{
	dsm_value	v;

	v.present = fuzz_bool(in);
	v.value = v.present ? fuzz_range(in, lo, hi) : 0;
	return v;
}

/* A yes/no fact: NULL, false or true (one byte, mod 3). */
static dsm_value
fuzz_flag(fuzz_input *in)
{
	int			t = fuzz_u8(in) % 3;
	dsm_value	v = {t != 0, t == 2};

	return v;
}

static char clause_code[1101];

static void
read_rule(fuzz_input *in, dsm_rule *rule)
{
	size_t		len = fuzz_u8(in);
	int			i;

	memset(rule, 0, sizeof(*rule));
	if (len >= 250)
		len = 1100;				/* long enough to fill every text */
	for (i = 0; i < (int) len; i++)
		clause_code[i] = (char) ('A' + i % 26);
	clause_code[len] = '\0';
	if (len > 0 && len < 250)
		for (i = 0; i < (int) len && i < 8; i++)
			clause_code[i] = (char) (fuzz_u8(in) | 1);	/* any byte but NUL */
	rule->clause_code = clause_code;
	rule->kind = (dsm_kind) (fuzz_u8(in) % 5);
	rule->in_force = (dsm_in_force) (fuzz_u8(in) % 6);
	rule->in_force_date = (int32_t) fuzz_range(in, INT32_MIN, INT32_MAX);
	rule->cap_scope = (dsm_scope) (fuzz_u8(in) % 5);
	rule->decided_on = fuzz_value(in, PG_FIRST_DATE, PG_LAST_DATE);

	/* which parameters are present: one bit each, then their values */
	{
		uint32_t	present = (uint32_t) fuzz_bytes(in, 4);

		for (i = 0; i < DSM_P_COUNT; i++)
		{
			dsm_param	p = (dsm_param) i;

			rule->p[p].present = (present >> i) & 1;
			if (!rule->p[p].present)
				continue;
			switch (p)
			{
				case DSM_P_SHARE_RATIO:
					rule->p[p].value = fuzz_range(in, 0, DSM_RATIO_ONE);
					break;
				case DSM_P_PURCHASE_WINDOW_YEARS:
				case DSM_P_MIN_SERVICE_START_DATE:
					rule->p[p].value = fuzz_range(in, INT32_MIN, INT32_MAX);
					break;
				case DSM_P_ONCE_ONLY:
					rule->p[p].value = fuzz_range(in, 0, 2);
					break;
				case DSM_P_PURCHASE_WINDOW_APPLIES_TO:
				case DSM_P_STACKING_SCOPE:
					rule->p[p].value = fuzz_range(in, 0, 1);
					break;
				default:
					rule->p[p].value = fuzz_i64(in);
			}
		}
	}
}

static void
read_application(fuzz_input *in, dsm_application *a)
{
	memset(a, 0, sizeof(*a));
	a->application_id.present = a->applied_at.present = a->award_year.present = true;
	a->clause_code.data = clause_code;
	a->clause_code.len = (int32_t) strlen(clause_code);
	a->project_ref.data = "p";
	a->project_ref.len = 1;
	a->scale.present = true;
	a->scale.value = fuzz_u8(in) & 1;
	a->specialized = fuzz_flag(in);
	a->manufacturer = fuzz_flag(in);
	a->in_use = fuzz_flag(in);
	a->innovative_mode = fuzz_flag(in);
	a->in_catalogue = fuzz_flag(in);
	a->in_production = fuzz_flag(in);
	a->reports_statistics = fuzz_flag(in);
	a->city_made_product = fuzz_flag(in);
	a->qualifying_date.present = a->applied_on.present = true;
	a->qualifying_date.value = fuzz_range(in, PG_FIRST_DATE, PG_LAST_DATE);
	a->applied_on.value = fuzz_range(in, PG_FIRST_DATE, PG_LAST_DATE);
	a->provincial_amount = fuzz_value(in, 0, INT64_MAX);
	a->expenditure = fuzz_value(in, 0, INT64_MAX);
	a->investment = fuzz_value(in, INT64_MIN, INT64_MAX);
	a->approved_amount = fuzz_value(in, INT64_MIN, INT64_MAX);
	a->revenue = fuzz_value(in, INT64_MIN, INT64_MAX);
	a->cloud_stars = fuzz_value(in, INT64_MIN, INT64_MAX);
	a->service_start = fuzz_value(in, PG_FIRST_DATE, PG_LAST_DATE);
	a->expenditure_from = fuzz_value(in, PG_FIRST_DATE, PG_LAST_DATE);
	a->expenditure_until = fuzz_value(in, PG_FIRST_DATE, PG_LAST_DATE);
}

static bool
flag(const dsm_rule *rule, dsm_param p)
{
	return rule->p[p].present && rule->p[p].value != 0;
}

/* The first parameter present of a (when use_a), b and c; -1 if none. */
static int
first_of(const dsm_rule *rule, bool use_a, dsm_param a, dsm_param b, dsm_param c)
{
	if (use_a && rule->p[a].present)
		return a;
	if (rule->p[b].present)
		return b;
	if (rule->p[c].present)
		return c;
	return -1;
}

/*
 * The conditions of step 2 that fail, in the contract's order, each with
 * how its sentence in the reason must start: "missing fact: <column>" (once
 * per column), or the parameter's name and what follows it.
 */
typedef struct failure
{
	char		text[64];
} failure;

typedef struct failures
{
	failure		f[32];
	int			n;
} failures;

static void
fail_missing(failures *fs, const char *column)
{
	char		t[64];
	int			i;

	snprintf(t, sizeof(t), "missing fact: %s", column);
	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->f[i].text, t) == 0)
			return;				/* once per column */
	snprintf(fs->f[fs->n++].text, sizeof(t), "%s", t);
}

static void
fail_param(failures *fs, dsm_param p, const char *rest)
{
	snprintf(fs->f[fs->n++].text, sizeof(fs->f[0].text), "%s: %s", dsm_param_name[p], rest);
}

/* A requirement on a yes/no fact: the fact is true (NULL: missing). */
static void
require_true(failures *fs, const dsm_rule *rule, dsm_param p, dsm_value fact, const char *column)
{
	if (!flag(rule, p))
		return;
	if (!fact.present)
		fail_missing(fs, column);
	else if (fact.value == 0)
		fail_param(fs, p, "");
}

/* A minimum on a fact: fact >= value (NULL: missing). */
static void
require_minimum(failures *fs, const dsm_rule *rule, dsm_param p, dsm_value fact, const char *column)
{
	if (!rule->p[p].present)
		return;
	if (!fact.present)
		fail_missing(fs, column);
	else if (fact.value < rule->p[p].value)
		fail_param(fs, p, column);
}

static void
failing_conditions(const dsm_rule *rule, const dsm_application *a, failures *fs)
{
	int64_t		ya,
				ys;
	int			ma,
				da,
				ms,
				ds;
	/* the spending period: from expenditure_from, else service_start; to expenditure_until, else applied_on */
	dsm_value	from = a->expenditure_from.present ? a->expenditure_from : a->service_start;
	dsm_value	until = a->expenditure_until.present ? a->expenditure_until : a->applied_on;

	fs->n = 0;
	/* the basis of a share first */
	if (rule->kind == DSM_KIND_SHARE && !a->provincial_amount.present)
		fail_missing(fs, "provincial_amount");
	if (rule->kind == DSM_KIND_SPENDING_SHARE && !a->expenditure.present)
		fail_missing(fs, "expenditure");

	require_true(fs, rule, DSM_P_REQUIRES_MANUFACTURER, a->manufacturer, "manufacturer");
	if (flag(rule, DSM_P_REQUIRES_ABOVE_SCALE) && a->scale.value != DSM_ABOVE_SCALE)
		fail_param(fs, DSM_P_REQUIRES_ABOVE_SCALE, "");
	require_true(fs, rule, DSM_P_REQUIRES_STATISTICS_REPORTING, a->reports_statistics, "reports_statistics");
	require_minimum(fs, rule, DSM_P_MIN_REVENUE, a->revenue, "revenue");
	require_minimum(fs, rule, DSM_P_MIN_INVESTMENT, a->investment, "investment");
	require_true(fs, rule, DSM_P_REQUIRES_IN_CATALOGUE, a->in_catalogue, "in_catalogue");
	require_true(fs, rule, DSM_P_REQUIRES_IN_PRODUCTION, a->in_production, "in_production");
	require_true(fs, rule, DSM_P_REQUIRES_CITY_MADE_PRODUCT, a->city_made_product, "city_made_product");

	dsm_date_to_ymd((int32_t) a->applied_on.value, &ya, &ma, &da);
	ys = 0;
	ms = ds = 1;
	if (a->service_start.present)
		dsm_date_to_ymd((int32_t) a->service_start.value, &ys, &ms, &ds);

	if (rule->p[DSM_P_MIN_SERVICE_START_DATE].present)
	{
		if (!a->service_start.present)
			fail_missing(fs, "service_start");
		else if (a->service_start.value < rule->p[DSM_P_MIN_SERVICE_START_DATE].value)
			fail_param(fs, DSM_P_MIN_SERVICE_START_DATE, "service_start ");
	}
	if (rule->p[DSM_P_PURCHASE_WINDOW_YEARS].present)
	{
		/*
		 * On or after January 1 of the application's year minus N: the
		 * service start, or under purchase_window_applies_to
		 * expenditure_from the start of the spending period.  A NULL start
		 * is the missing fact service_start, or expenditure_from for the
		 * period (its own start).
		 */
		bool		on_period = rule->p[DSM_P_PURCHASE_WINDOW_APPLIES_TO].present &&
			rule->p[DSM_P_PURCHASE_WINDOW_APPLIES_TO].value == DSM_WINDOW_EXPENDITURE_FROM;
		dsm_value	date = on_period ? from : a->service_start;
		const char *column = on_period && a->expenditure_from.present ? "expenditure_from" : "service_start";
		int64_t		from_year = ya - rule->p[DSM_P_PURCHASE_WINDOW_YEARS].value;
		int64_t		yd;
		int			md,
					dd;

		if (!date.present)
			fail_missing(fs, on_period ? "expenditure_from" : "service_start");
		else
		{
			dsm_date_to_ymd((int32_t) date.value, &yd, &md, &dd);
			if (from_year > DSM_CALENDAR_YEARS)
				fail_param(fs, DSM_P_PURCHASE_WINDOW_YEARS, "no date satisfies it");	/* opens after the calendar */
			else if (yd < from_year)
			{
				char		rest[40];

				snprintf(rest, sizeof(rest), "%s ", column);
				fail_param(fs, DSM_P_PURCHASE_WINDOW_YEARS, rest);
			}
		}
	}
	if (rule->p[DSM_P_MIN_RUNNING_MONTHS].present)
	{
		/* service_start + N months (the day cut to the month's last) <= applied_on */
		int64_t		months = rule->p[DSM_P_MIN_RUNNING_MONTHS].value;

		if (!a->service_start.present)
			fail_missing(fs, "service_start");
		else if (months > DSM_CALENDAR_MONTHS)
			fail_param(fs, DSM_P_MIN_RUNNING_MONTHS, "service_start ");	/* beyond the calendar */
		else if (months >= -DSM_CALENDAR_MONTHS)	/* further back: reached long ago */
		{
			int64_t		index = ys * 12 + (ms - 1) + months;
			int64_t		ty = index >= 0 ? index / 12 : -((-index + 11) / 12);
			int			tm = (int) (index - ty * 12) + 1;
			int			td = ds < oracle_days_in_month(ty, tm) ? ds : oracle_days_in_month(ty, tm);

			if (ymd_cmp(ty, tm, td, ya, ma, da) > 0)
				fail_param(fs, DSM_P_MIN_RUNNING_MONTHS, "service_start ");
		}
	}
	require_true(fs, rule, DSM_P_REQUIRES_IN_USE, a->in_use, "in_use");
	require_minimum(fs, rule, DSM_P_MIN_CLOUD_STARS, a->cloud_stars, "cloud_stars");
	require_true(fs, rule, DSM_P_REQUIRES_INNOVATIVE_MODE, a->innovative_mode, "innovative_mode");
	if (flag(rule, DSM_P_EXCLUSIVE_SPENDING_PERIOD))
	{
		/* a known period that does not end before it starts */
		if (!from.present)
			fail_missing(fs, "expenditure_from");
		else if (until.value < from.value)
			fail_param(fs, DSM_P_EXCLUSIVE_SPENDING_PERIOD, "the spending period ");
	}
}

static bool
same_value(dsm_value a, dsm_value b)
{
	return a.present == b.present && (!a.present || a.value == b.value);
}

static void
check_text(const char *what, const char *text)
{
	FUZZ_CHECK(fuzz_terminated(text, DSM_TEXT_MAX), "%s not NUL-terminated within %d bytes", what, DSM_TEXT_MAX);
}

/* "YYYY-MM-DD" of a day, written from the calendar oracle (years < 1000 padded to 4 digits) */
static void
oracle_date(int32_t date, char *buf, size_t size)
{
	int64_t		y;
	int			m,
				d;

	dsm_date_to_ymd(date, &y, &m, &d);	/* checked against the rule of the calendar by fuzz_dates */
	snprintf(buf, size, "%04lld-%02d-%02d", (long long) y, m, d);
}

/* the case being evaluated, printed when an invariant breaks */
static const dsm_rule *current_rule;
static const dsm_application *current_app;

static void
print_value(const char *name, dsm_value v)
{
	if (v.present)
		fprintf(stderr, " %s=%lld", name, (long long) v.value);
}

static void
describe_evaluation(void)
{
	const dsm_rule *r = current_rule;
	const dsm_application *a = current_app;
	int			i;

	if (r == NULL || a == NULL)
		return;
	fprintf(stderr, "  rule: kind %d, in_force %d (date %d), cap_scope %d, clause code of %zu bytes;",
			(int) r->kind, (int) r->in_force, r->in_force_date, (int) r->cap_scope, strlen(r->clause_code));
	print_value("decided_on", r->decided_on);
	for (i = 0; i < DSM_P_COUNT; i++)
		print_value(dsm_param_name[i], r->p[i]);
	fprintf(stderr, "\n  application:");
#define PRINT_FIELD_TEXT(name)
#define PRINT_FIELD_VALUE(name) print_value(#name, a->name);
#define PRINT_FIELD(name, kind) PRINT_FIELD_##kind(name)
#define PRINT_FIELD_ID PRINT_FIELD_VALUE
#define PRINT_FIELD_TIME PRINT_FIELD_VALUE
#define PRINT_FIELD_DATE PRINT_FIELD_VALUE
#define PRINT_FIELD_YEAR PRINT_FIELD_VALUE
#define PRINT_FIELD_SCALE PRINT_FIELD_VALUE
#define PRINT_FIELD_FLAG PRINT_FIELD_VALUE
#define PRINT_FIELD_MONEY PRINT_FIELD_VALUE
#define PRINT_FIELD_COUNT PRINT_FIELD_VALUE
#define PRINT_FIELD_PROPOSAL PRINT_FIELD_VALUE
	DSM_APPLICATION_COLUMNS(PRINT_FIELD)
	fprintf(stderr, "\n");
}

static const char *const status_name[] = {"ELIGIBLE", "NOT_IN_FORCE", "NO_MONETARY_AWARD", "INELIGIBLE", "PENDING"};

static const char *
name_of(dsm_status s)
{
	return (unsigned) s < 5 ? status_name[s] : "?";
}

/* buffers of exactly DSM_TEXT_MAX bytes, so that ASan sees one byte past */
static char *
text_buffer(void)
{
	char	   *b = malloc(DSM_TEXT_MAX);

	if (b == NULL)
		abort();
	memset(b, 0x5A, DSM_TEXT_MAX);
	return b;
}

static void
fuzz_evaluate(fuzz_input *in)
{
	dsm_rule	rule;
	dsm_application a;
	dsm_outcome *out = malloc(sizeof(dsm_outcome));
	dsm_value	none = {false, 0};
	dsm_value	basis = none;
	dsm_value	cap = none;
	dsm_value	want_from,
				want_until;
	dsm_status	expected;
	failures	fs;
	bool		above;
	char		want[DSM_TEXT_MAX + 64],
				day[40];
	char	   *reason = text_buffer(),
			   *formula = text_buffer(),
			   *warning = text_buffer();

	if (out == NULL)
		abort();
	fs.n = 0;
	read_rule(in, &rule);
	read_application(in, &a);
	above = a.scale.value == DSM_ABOVE_SCALE;
	memset(out, 0xA5, sizeof(*out));	/* whatever the caller's memory held */
	out->reason = reason;
	out->formula = formula;
	out->warning = warning;
	current_rule = &rule;
	current_app = &a;
	fuzz_describe = describe_evaluation;

	dsm_evaluate(&rule, &a, out);

	check_text("reason", out->reason);
	check_text("formula", out->formula);
	check_text("warning", out->warning);
	FUZZ_CHECK(out->reason == reason && out->formula == formula && out->warning == warning,
			   "dsm_evaluate moved the caller's text pointers");

	/* what the rule tells the enterprise's steps, whatever the decision */
	want_from = a.expenditure_from.present ? a.expenditure_from : a.service_start;
	want_until = a.expenditure_until.present ? a.expenditure_until : a.applied_on;
	FUZZ_CHECK(out->cap_scope == rule.cap_scope && same_value(out->quota, rule.p[DSM_P_QUOTA_ENTERPRISES_PER_YEAR]) &&
			   out->once_only == (rule.p[DSM_P_ONCE_ONLY].present ? (dsm_once_only) rule.p[DSM_P_ONCE_ONLY].value : DSM_ONCE_NONE) &&
			   out->stacking_exempt == flag(&rule, DSM_P_STACKING_EXEMPT) &&
			   out->stacking_scope == (rule.p[DSM_P_STACKING_SCOPE].present
									   ? (dsm_stacking_scope) rule.p[DSM_P_STACKING_SCOPE].value : DSM_STACKING_ALL_AWARDS) &&
			   out->exclusive_period == flag(&rule, DSM_P_EXCLUSIVE_SPENDING_PERIOD) &&
			   same_value(out->decided_on, rule.decided_on),
			   "the rule's cap_scope, quota, once_only, stacking or period flag not carried: %d %d %d %d %d %d",
			   (int) out->cap_scope, (int) out->once_only, (int) out->stacking_exempt, (int) out->stacking_scope,
			   (int) out->exclusive_period, (int) out->decided_on.present);
	FUZZ_CHECK(same_value(out->period_from, want_from) && same_value(out->period_until, want_until),
			   "spending period %d/%lld .. %d/%lld, expected %d/%lld .. %d/%lld",
			   out->period_from.present, (long long) out->period_from.value, out->period_until.present,
			   (long long) out->period_until.value, want_from.present, (long long) want_from.value,
			   want_until.present, (long long) want_until.value);

	/* the basis, whatever the decision */
	if (rule.kind == DSM_KIND_SHARE)
		basis = a.provincial_amount;
	else if (rule.kind == DSM_KIND_SPENDING_SHARE)
		basis = a.expenditure;
	else if (rule.kind == DSM_KIND_APPROVED)
		basis = a.approved_amount;
	FUZZ_CHECK(same_value(out->basis, basis), "basis %d/%lld, expected %d/%lld",
			   out->basis.present, (long long) out->basis.value, basis.present, (long long) basis.value);

	/* the provincial maximum and its warning, whatever the decision */
	{
		int			pm = -1;
		dsm_value	max = none;

		if (rule.kind == DSM_KIND_SHARE && a.provincial_amount.present)
			pm = first_of(&rule, a.specialized.present && a.specialized.value != 0,
						  DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME, DSM_P_PROVINCIAL_MAX, DSM_P_PROVINCIAL_MAX);
		if (pm >= 0)
			max = rule.p[pm];
		FUZZ_CHECK(same_value(out->provincial_max, max), "provincial_max %d/%lld, expected %d/%lld",
				   out->provincial_max.present, (long long) out->provincial_max.value,
				   max.present, (long long) max.value);
		FUZZ_CHECK((out->warning[0] != '\0') == (pm >= 0 && a.provincial_amount.value > max.value),
				   "warning \"%s\" for provincial_amount %lld, maximum %d/%lld", out->warning,
				   (long long) a.provincial_amount.value, max.present, (long long) max.value);
		if (out->warning[0] != '\0')
			FUZZ_CHECK(strstr(out->warning, dsm_param_name[pm]) != NULL, "warning \"%s\" does not name %s",
					   out->warning, dsm_param_name[pm]);
	}

	/* step 1: in force, the clause's window, the clause's own numbers */
	want[0] = '\0';
	oracle_date(rule.in_force_date, day, sizeof(day));
	expected = DSM_NOT_IN_FORCE;
	switch (rule.in_force)
	{
		case DSM_NOT_YET:
			snprintf(want, DSM_TEXT_MAX, "the policy takes effect on %s", day);
			break;
		case DSM_EXPIRED:
			snprintf(want, DSM_TEXT_MAX, "the policy expired on %s", day);
			break;
		case DSM_SUSPENDED:
			snprintf(want, DSM_TEXT_MAX, "the policy is suspended on this date");
			break;
		case DSM_GAP:
			snprintf(want, DSM_TEXT_MAX, "no in_force row covers this date");
			break;
		case DSM_WINDOW_NOT_OPEN:
			snprintf(want, DSM_TEXT_MAX, "eligible_from: clause %s covers events from %s", rule.clause_code, day);
			break;
		case DSM_IN_FORCE:
			expected = DSM_ELIGIBLE;
			break;
	}
	if (expected == DSM_ELIGIBLE)
	{
		oracle_date((int32_t) a.qualifying_date.value, day, sizeof(day));
		if (rule.kind == DSM_KIND_NONE)
			expected = DSM_NO_MONETARY_AWARD;
		else if ((rule.kind == DSM_KIND_SHARE || rule.kind == DSM_KIND_SPENDING_SHARE) &&
				 !rule.p[DSM_P_SHARE_RATIO].present)
		{
			expected = DSM_NOT_IN_FORCE;
			snprintf(want, DSM_TEXT_MAX, "clause %s has no share_ratio on %s", rule.clause_code, day);
		}
		else if (rule.kind == DSM_KIND_FIXED &&
				 first_of(&rule, true, above ? DSM_P_FIXED_AMOUNT_ABOVE_SCALE : DSM_P_FIXED_AMOUNT_BELOW_SCALE,
						  DSM_P_FIXED_AMOUNT, DSM_P_FIXED_AMOUNT) < 0)
		{
			expected = DSM_NOT_IN_FORCE;
			snprintf(want, DSM_TEXT_MAX, "clause %s has no fixed_amount on %s", rule.clause_code, day);
		}
		/* step 2 */
		else if (failing_conditions(&rule, &a, &fs), fs.n > 0)
			expected = DSM_INELIGIBLE;
		else if (rule.kind == DSM_KIND_APPROVED && !basis.present)
			expected = DSM_PENDING;
	}
	FUZZ_CHECK(out->status == expected, "status %s, expected %s; reason \"%s\"",
			   name_of(out->status), name_of(expected), out->reason);
	if (want[0] != '\0')
		FUZZ_CHECK(strcmp(out->reason, want) == 0, "reason \"%s\", expected \"%s\"", out->reason, want);

	if (expected != DSM_ELIGIBLE)
	{
		FUZZ_CHECK(out->reason[0] != '\0', "%s without a reason", name_of(expected));
		FUZZ_CHECK(!out->computed.present && out->formula[0] == '\0' && !out->cap.present,
				   "%s with an amount, a formula or a cap", name_of(expected));
		if (expected == DSM_NO_MONETARY_AWARD && strlen(rule.clause_code) < 100)
			FUZZ_CHECK(strstr(out->reason, rule.clause_code) != NULL, "reason \"%s\" does not name the clause",
					   out->reason);
		/*
		 * every failing condition, in order, joined by "; ", each once;
		 * unless the reason was cut to its buffer
		 */
		if (expected == DSM_INELIGIBLE && strlen(out->reason) < DSM_TEXT_MAX - 1)
		{
			const char *p = out->reason;
			int			i;

			for (i = 0; i < fs.n; i++)
			{
				const char *end = strstr(p, "; ");
				size_t		len = end ? (size_t) (end - p) : strlen(p);

				FUZZ_CHECK(strncmp(p, fs.f[i].text, strlen(fs.f[i].text)) == 0 &&
						   len >= strlen(fs.f[i].text),
						   "reason \"%s\": sentence %d does not start \"%s\"", out->reason, i + 1, fs.f[i].text);
				FUZZ_CHECK((end != NULL) == (i + 1 < fs.n), "reason \"%s\": %d sentences expected",
						   out->reason, fs.n);
				if (end)
					p = end + 2;
			}
		}
		goto done;
	}

	/* eligible: an amount, how it was reached, no reason */
	FUZZ_CHECK(out->computed.present && out->reason[0] == '\0' && out->formula[0] != '\0',
			   "ELIGIBLE: computed %d, reason \"%s\", formula \"%s\"", out->computed.present, out->reason,
			   out->formula);
	want[0] = '\0';
	switch (rule.kind)
	{
		case DSM_KIND_SHARE:
		case DSM_KIND_SPENDING_SHARE:
			{
				int64_t		ratio = rule.p[DSM_P_SHARE_RATIO].value;
				int64_t		share = oracle_share(ratio, basis.value);
				int64_t		capped = 0;
				bool		specialized = a.specialized.present && a.specialized.value != 0;
				int			cp = first_of(&rule, specialized, DSM_P_CAP_SPECIALIZED_SME,
										  above ? DSM_P_CAP_ABOVE_SCALE : DSM_P_CAP_BELOW_SCALE,
										  DSM_P_CAP);
				char		r[64],
							b[64],
							m[64];
				i128		p = (i128) ratio * basis.value;
				int64_t		rest = (int64_t) (p % DSM_RATIO_ONE);

				if (cp >= 0)
					cap = rule.p[cp];
				FUZZ_CHECK(out->computed.value == share && share >= 0 && share <= basis.value,
						   "share %lld x %lld = %lld, expected %lld", (long long) ratio,
						   (long long) basis.value, (long long) out->computed.value, (long long) share);
				FUZZ_CHECK(same_value(out->cap, cap), "cap %d/%lld, expected %d/%lld", out->cap.present,
						   (long long) out->cap.value, cap.present, (long long) cap.value);
				FUZZ_CHECK(same_value(dsm_share_cap(&rule, specialized, above), cap),
						   "dsm_share_cap disagrees with dsm_evaluate");
				/* the SQL share_award() and the decision agree */
				FUZZ_CHECK(dsm_capped_share(&rule, specialized, above, basis.value, &capped) &&
						   capped == (cap.present && share > cap.value ? cap.value : share),
						   "dsm_capped_share %lld, evaluate %lld cut to %d/%lld", (long long) capped,
						   (long long) share, cap.present, (long long) cap.value);

				/* "<ratio> x <basis> = <amount>", or "= <exact>, rounded to <amount>" */
				dsm_format_ratio(ratio, r, sizeof(r));	/* checked by fuzz_ratio */
				oracle_money(basis.value, b);
				oracle_money(share, m);
				if (rest == 0)
					snprintf(want, sizeof(want), "%s x %s = %s", r, b, m);
				else
				{
					char		t[64],
								digits[8];
					int			nd = 6;

					oracle_money((int64_t) (p / DSM_RATIO_ONE), t);
					snprintf(digits, sizeof(digits), "%06lld", (long long) rest);
					while (nd > 0 && digits[nd - 1] == '0')
						digits[--nd] = '\0';
					snprintf(want, sizeof(want), "%s x %s = %s%s, rounded to %s", r, b, t, digits, m);
				}
			}
			break;
		case DSM_KIND_FIXED:
			{
				int			ap = first_of(&rule, true,
										  above ? DSM_P_FIXED_AMOUNT_ABOVE_SCALE : DSM_P_FIXED_AMOUNT_BELOW_SCALE,
										  DSM_P_FIXED_AMOUNT, DSM_P_FIXED_AMOUNT);
				char		m[64];

				FUZZ_CHECK(out->computed.value == rule.p[ap].value && !out->cap.present,
						   "fixed sum %lld, expected %lld", (long long) out->computed.value,
						   (long long) rule.p[ap].value);
				oracle_money(rule.p[ap].value, m);
				snprintf(want, sizeof(want), "fixed sum%s: %s",
						 ap == DSM_P_FIXED_AMOUNT ? "" : above ? " for an above-scale enterprise"
						 : " for a below-scale enterprise", m);
			}
			break;
		case DSM_KIND_APPROVED:
			{
				char		m[64];

				FUZZ_CHECK(out->computed.value == basis.value && !out->cap.present,
						   "approved %lld, expected %lld", (long long) out->computed.value, (long long) basis.value);
				oracle_money(basis.value, m);
				snprintf(want, sizeof(want), "amount approved by the responsible unit: %s", m);
			}
			break;
		case DSM_KIND_NONE:
			FUZZ_CHECK(false, "KIND_NONE eligible");
	}
	/* an event before the policy took effect, decided with the rule of its first day */
	if (rule.decided_on.present)
	{
		oracle_date((int32_t) rule.decided_on.value, day, sizeof(day));
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
				 " (an event before the policy took effect: the parameters of %s)", day);
	}
	FUZZ_CHECK(strcmp(out->formula, want) == 0, "formula \"%s\", expected \"%s\"", out->formula, want);
done:
	if (getenv("FUZZ_DESCRIBE") != NULL)
	{
		describe_evaluation();
		fprintf(stderr, "  outcome: %s; reason \"%s\"; formula \"%s\"; warning \"%s\"\n", name_of(out->status),
				out->reason, out->formula, out->warning);
	}
	free(out);
	free(reason);
	free(formula);
	free(warning);
}

/* dsm_share and dsm_capped_share on any value */
static void
fuzz_share(fuzz_input *in)
{
	int64_t		ratio = fuzz_i64(in);
	int64_t		amount = fuzz_i64(in);
	int64_t		result = -12345;
	bool		in_range = ratio >= 0 && ratio <= DSM_RATIO_ONE && amount >= 0;
	bool		ok = dsm_share(ratio, amount, &result);
	dsm_rule	rule;
	bool		specialized,
				above_scale;
	int			cp;
	int64_t		capped = -12345;
	bool		want_ok;

	FUZZ_CHECK(ok == in_range, "dsm_share(%lld, %lld) returned %d", (long long) ratio, (long long) amount, ok);
	if (ok)
		FUZZ_CHECK(result == oracle_share(ratio, amount) && result >= 0 && result <= amount,
				   "dsm_share(%lld, %lld) = %lld, expected %lld", (long long) ratio, (long long) amount,
				   (long long) result, (long long) oracle_share(ratio, amount));

	/* a rule with any share_ratio (even outside [0, 10^6]) and any caps */
	memset(&rule, 0, sizeof(rule));
	rule.clause_code = "fuzz";
	rule.kind = (dsm_kind) (fuzz_u8(in) % 5);
	rule.in_force = (dsm_in_force) (fuzz_u8(in) % 5);
	rule.p[DSM_P_SHARE_RATIO].present = fuzz_bool(in);
	rule.p[DSM_P_SHARE_RATIO].value = ratio;
	rule.p[DSM_P_CAP] = fuzz_value(in, INT64_MIN, INT64_MAX);
	rule.p[DSM_P_CAP_ABOVE_SCALE] = fuzz_value(in, INT64_MIN, INT64_MAX);
	rule.p[DSM_P_CAP_BELOW_SCALE] = fuzz_value(in, INT64_MIN, INT64_MAX);
	rule.p[DSM_P_CAP_SPECIALIZED_SME] = fuzz_value(in, INT64_MIN, INT64_MAX);
	specialized = fuzz_bool(in);
	above_scale = fuzz_bool(in);
	cp = first_of(&rule, specialized, DSM_P_CAP_SPECIALIZED_SME,
				  above_scale ? DSM_P_CAP_ABOVE_SCALE : DSM_P_CAP_BELOW_SCALE, DSM_P_CAP);

	want_ok = rule.in_force == DSM_IN_FORCE &&
		(rule.kind == DSM_KIND_SHARE || rule.kind == DSM_KIND_SPENDING_SHARE) &&
		rule.p[DSM_P_SHARE_RATIO].present && in_range;
	ok = dsm_capped_share(&rule, specialized, above_scale, amount, &capped);
	FUZZ_CHECK(ok == want_ok, "dsm_capped_share returned %d, expected %d", ok, want_ok);
	if (ok)
	{
		int64_t		want = result;

		if (cp >= 0 && want > rule.p[cp].value)
			want = rule.p[cp].value;
		FUZZ_CHECK(capped == want && capped <= result && (cp < 0 || capped <= rule.p[cp].value),
				   "dsm_capped_share(%lld, %lld) = %lld, share %lld, cap %d/%lld", (long long) ratio,
				   (long long) amount, (long long) capped, (long long) result, cp >= 0,
				   cp >= 0 ? (long long) rule.p[cp].value : 0LL);
		if (cp < 0 || rule.p[cp].value >= 0)
			FUZZ_CHECK(capped >= 0 && capped <= amount, "capped share %lld outside [0, %lld]",
					   (long long) capped, (long long) amount);
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};

	fuzz_describe = NULL;
	/* the first byte chooses the family; the rest describes the case */
	switch (fuzz_u8(&in) % 5)
	{
		case 0:
		case 1:
			fuzz_evaluate(&in);
			break;
		case 2:
			fuzz_share(&in);
			break;
		case 3:
			fuzz_money(&in);
			fuzz_ratio(&in);
			break;
		case 4:
			fuzz_dates(&in);
			break;
	}
	return 0;
}
