/*
 * fuzz_award.c
 *	  libFuzzer harness of src/award.c: dsm_evaluate on any rule and any
 *	  facts, and the money and date functions on any value.
 *
 * The values are those the glue (award_sql.c) can hand over, taken as wide
 * as the C types allow where the code only compares or copies them:
 *	- share_ratio in [0, 10^6] (the parameter table's CHECK; award.c relies
 *	  on it: "both inputs are range-checked by the glue");
 *	- a share basis (provincial_amount, expenditure) >= 0 (numeric_to_fen);
 *	- purchase_window_years within int32 (value_count is an integer);
 *	- the facts' dates finite PostgreSQL dates (date_argument);
 *	- every other parameter and fact any int64, present or absent; any
 *	  in_force state and date; any clause code up to 1,100 bytes.
 * The functions with no precondition (dsm_share, dsm_capped_share,
 * dsm_format_*, dsm_add_months, the date conversions) get any value.
 *
 * Each result is checked against an independent reading of README.md's
 * steps 1 to 4 (see expect_outcome): a mismatch, a text not NUL-terminated
 * in its buffer, or a sanitizer report is a crash.
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

static dsm_tri
fuzz_tri(fuzz_input *in)
{
	return (dsm_tri) (fuzz_u8(in) % 3) - 1;
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
	rule->in_force = (dsm_in_force) (fuzz_u8(in) % 5);
	rule->in_force_date = (int32_t) fuzz_range(in, INT32_MIN, INT32_MAX);

	/* which parameters are present: one bit each, then their values */
	{
		uint32_t	present = (uint32_t) fuzz_bytes(in, 4);

		for (i = 0; i < DSM_P_COUNT; i++)
		{
			dsm_param	p = (dsm_param) i;

			rule->p[p].present = (present >> i) & 1;
			if (!rule->p[p].present)
				continue;
			if (p == DSM_P_SHARE_RATIO)
				rule->p[p].value = fuzz_range(in, 0, DSM_RATIO_ONE);
			else if (p == DSM_P_PURCHASE_WINDOW_YEARS)
				rule->p[p].value = fuzz_range(in, INT32_MIN, INT32_MAX);
			else if (p == DSM_P_MIN_SERVICE_START_DATE)
				rule->p[p].value = fuzz_range(in, INT32_MIN, INT32_MAX);
			else
				rule->p[p].value = fuzz_i64(in);
		}
	}
}

static void
read_facts(fuzz_input *in, dsm_facts *f)
{
	uint8_t		flags = fuzz_u8(in);

	memset(f, 0, sizeof(*f));
	f->above_scale = flags & 1;
	f->specialized = (flags >> 1) & 1;
	f->manufacturer = (flags >> 2) & 1;
	f->qualifying_date = (int32_t) fuzz_range(in, PG_FIRST_DATE, PG_LAST_DATE);
	f->applied_on = (int32_t) fuzz_range(in, PG_FIRST_DATE, PG_LAST_DATE);
	f->provincial_amount = fuzz_value(in, 0, INT64_MAX);
	f->expenditure = fuzz_value(in, 0, INT64_MAX);
	f->investment = fuzz_value(in, INT64_MIN, INT64_MAX);
	f->approved_amount = fuzz_value(in, INT64_MIN, INT64_MAX);
	f->revenue = fuzz_value(in, INT64_MIN, INT64_MAX);
	f->cloud_stars = fuzz_value(in, INT64_MIN, INT64_MAX);
	f->service_start = fuzz_value(in, PG_FIRST_DATE, PG_LAST_DATE);
	f->in_use = fuzz_tri(in);
	f->innovative_mode = fuzz_tri(in);
	f->in_catalogue = fuzz_tri(in);
	f->in_production = fuzz_tri(in);
	f->reports_statistics = fuzz_tri(in);
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
 * The conditions of step 2 that fail, each with what the reason must name:
 * "missing fact: <column>", or the parameter's name.
 */
typedef struct failure
{
	char		text[64];
} failure;

static int
failing_conditions(const dsm_rule *rule, const dsm_facts *f, failure *out)
{
	int			n = 0;
	int64_t		ya,
				ys;
	int			ma,
				da,
				ms,
				ds;

#define FAIL_MISSING(column) snprintf(out[n++].text, sizeof(out[0].text), "missing fact: %s", column)
#define FAIL_PARAM(param) snprintf(out[n++].text, sizeof(out[0].text), "%s: ", dsm_param_name[param])
#define TRI(param, fact, column) \
	if (flag(rule, param)) \
	{ \
		if ((fact) == DSM_UNKNOWN) \
			FAIL_MISSING(column); \
		else if ((fact) == DSM_NO) \
			FAIL_PARAM(param); \
	}
#define MINIMUM(param, fact, column) \
	if (rule->p[param].present) \
	{ \
		if (!(fact).present) \
			FAIL_MISSING(column); \
		else if ((fact).value < rule->p[param].value) \
			FAIL_PARAM(param); \
	}

	if ((rule->kind == DSM_KIND_SHARE && !f->provincial_amount.present))
		FAIL_MISSING("provincial_amount");
	if ((rule->kind == DSM_KIND_SPENDING_SHARE && !f->expenditure.present))
		FAIL_MISSING("expenditure");
	if (flag(rule, DSM_P_REQUIRES_MANUFACTURER) && !f->manufacturer)
		FAIL_PARAM(DSM_P_REQUIRES_MANUFACTURER);
	if (flag(rule, DSM_P_REQUIRES_ABOVE_SCALE) && !f->above_scale)
		FAIL_PARAM(DSM_P_REQUIRES_ABOVE_SCALE);
	TRI(DSM_P_REQUIRES_STATISTICS_REPORTING, f->reports_statistics, "reports_statistics");
	MINIMUM(DSM_P_MIN_REVENUE, f->revenue, "revenue");
	MINIMUM(DSM_P_MIN_INVESTMENT, f->investment, "investment");
	TRI(DSM_P_REQUIRES_IN_CATALOGUE, f->in_catalogue, "in_catalogue");
	TRI(DSM_P_REQUIRES_IN_PRODUCTION, f->in_production, "in_production");

	dsm_date_to_ymd(f->applied_on, &ya, &ma, &da);
	ys = 0;
	ms = ds = 1;
	if (f->service_start.present)
		dsm_date_to_ymd((int32_t) f->service_start.value, &ys, &ms, &ds);

	if (rule->p[DSM_P_MIN_SERVICE_START_DATE].present)
	{
		if (!f->service_start.present)
			FAIL_MISSING("service_start");
		else if (f->service_start.value < (int32_t) rule->p[DSM_P_MIN_SERVICE_START_DATE].value)
			FAIL_PARAM(DSM_P_MIN_SERVICE_START_DATE);
	}
	if (rule->p[DSM_P_PURCHASE_WINDOW_YEARS].present)
	{
		/* bought on or after January 1 of the application's year minus N */
		int64_t		from_year = ya - rule->p[DSM_P_PURCHASE_WINDOW_YEARS].value;

		if (!f->service_start.present)
			FAIL_MISSING("service_start");
		else if (ys < from_year)
			FAIL_PARAM(DSM_P_PURCHASE_WINDOW_YEARS);
	}
	if (rule->p[DSM_P_MIN_RUNNING_MONTHS].present)
	{
		/* service_start + N months (the day cut to the month's last) <= applied_on */
		int64_t		months = rule->p[DSM_P_MIN_RUNNING_MONTHS].value;

		if (!f->service_start.present)
			FAIL_MISSING("service_start");
		else if (months > DSM_CALENDAR_MONTHS)
			FAIL_PARAM(DSM_P_MIN_RUNNING_MONTHS);	/* "beyond the calendar" */
		else if (months >= -DSM_CALENDAR_MONTHS)	/* further back: reached long ago */
		{
			int64_t		index = ys * 12 + (ms - 1) + months;
			int64_t		ty = index >= 0 ? index / 12 : -((-index + 11) / 12);
			int			tm = (int) (index - ty * 12) + 1;
			int			td = ds < oracle_days_in_month(ty, tm) ? ds : oracle_days_in_month(ty, tm);

			if (ymd_cmp(ty, tm, td, ya, ma, da) > 0)
				FAIL_PARAM(DSM_P_MIN_RUNNING_MONTHS);
		}
	}
	TRI(DSM_P_REQUIRES_IN_USE, f->in_use, "in_use");
	MINIMUM(DSM_P_MIN_CLOUD_STARS, f->cloud_stars, "cloud_stars");
	TRI(DSM_P_REQUIRES_INNOVATIVE_MODE, f->innovative_mode, "innovative_mode");
	return n;
#undef FAIL_MISSING
#undef FAIL_PARAM
#undef TRI
#undef MINIMUM
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

/* the case being evaluated, printed when an invariant breaks */
static const dsm_rule *current_rule;
static const dsm_facts *current_facts;

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
	const dsm_facts *f = current_facts;
	int			i;

	if (r == NULL || f == NULL)
		return;
	fprintf(stderr, "  rule: kind %d, in_force %d (date %d), clause code of %zu bytes;",
			(int) r->kind, (int) r->in_force, r->in_force_date, strlen(r->clause_code));
	for (i = 0; i < DSM_P_COUNT; i++)
		print_value(dsm_param_name[i], r->p[i]);
	fprintf(stderr, "\n  facts: qualifying_date=%d applied_on=%d above_scale=%d specialized=%d manufacturer=%d",
			f->qualifying_date, f->applied_on, f->above_scale, f->specialized, f->manufacturer);
	print_value("provincial_amount", f->provincial_amount);
	print_value("expenditure", f->expenditure);
	print_value("investment", f->investment);
	print_value("approved_amount", f->approved_amount);
	print_value("revenue", f->revenue);
	print_value("cloud_stars", f->cloud_stars);
	print_value("service_start", f->service_start);
	fprintf(stderr, " in_use=%d innovative_mode=%d in_catalogue=%d in_production=%d reports_statistics=%d\n",
			(int) f->in_use, (int) f->innovative_mode, (int) f->in_catalogue, (int) f->in_production,
			(int) f->reports_statistics);
}

static const char *const status_name[] = {"ELIGIBLE", "NOT_IN_FORCE", "NO_MONETARY_AWARD", "INELIGIBLE", "PENDING"};

static void
fuzz_evaluate(fuzz_input *in)
{
	dsm_rule	rule;
	dsm_facts	f;
	dsm_outcome *out = malloc(sizeof(dsm_outcome));
	dsm_value	none = {false, 0};
	dsm_value	basis = none;
	dsm_value	cap = none;
	dsm_status	expected;
	failure		failures[24];
	int			nfail = 0;
	int			i;

	if (out == NULL)
		abort();
	read_rule(in, &rule);
	read_facts(in, &f);
	memset(out, 0xA5, sizeof(*out));	/* whatever the caller's memory held */
	current_rule = &rule;
	current_facts = &f;
	fuzz_describe = describe_evaluation;

	dsm_evaluate(&rule, &f, out);

	check_text("reason", out->reason);
	check_text("formula", out->formula);
	check_text("warning", out->warning);

	/* the basis, whatever the decision */
	if (rule.kind == DSM_KIND_SHARE)
		basis = f.provincial_amount;
	else if (rule.kind == DSM_KIND_SPENDING_SHARE)
		basis = f.expenditure;
	else if (rule.kind == DSM_KIND_APPROVED)
		basis = f.approved_amount;
	FUZZ_CHECK(same_value(out->basis, basis), "basis %d/%lld, expected %d/%lld",
			   out->basis.present, (long long) out->basis.value, basis.present, (long long) basis.value);

	/* the provincial maximum and its warning, whatever the decision */
	{
		int			pm = -1;
		dsm_value	want = none;

		if (rule.kind == DSM_KIND_SHARE && f.provincial_amount.present)
			pm = first_of(&rule, f.specialized, DSM_P_PROVINCIAL_MAX_SPECIALIZED_SME,
						  DSM_P_PROVINCIAL_MAX, DSM_P_PROVINCIAL_MAX);
		if (pm >= 0)
			want = rule.p[pm];
		FUZZ_CHECK(same_value(out->provincial_max, want), "provincial_max %d/%lld, expected %d/%lld",
				   out->provincial_max.present, (long long) out->provincial_max.value,
				   want.present, (long long) want.value);
		FUZZ_CHECK((out->warning[0] != '\0') == (pm >= 0 && f.provincial_amount.value > want.value),
				   "warning \"%s\" for provincial_amount %lld, maximum %d/%lld", out->warning,
				   (long long) f.provincial_amount.value, want.present, (long long) want.value);
	}

	/* the status, by the steps in order */
	if (rule.in_force != DSM_IN_FORCE)
		expected = DSM_NOT_IN_FORCE;
	else if (rule.kind == DSM_KIND_NONE)
		expected = DSM_NO_MONETARY_AWARD;
	else if ((rule.kind == DSM_KIND_SHARE || rule.kind == DSM_KIND_SPENDING_SHARE) &&
			 !rule.p[DSM_P_SHARE_RATIO].present)
		expected = DSM_NOT_IN_FORCE;
	else if (rule.kind == DSM_KIND_FIXED &&
			 first_of(&rule, true, f.above_scale ? DSM_P_FIXED_AMOUNT_ABOVE_SCALE : DSM_P_FIXED_AMOUNT_BELOW_SCALE,
					  DSM_P_FIXED_AMOUNT, DSM_P_FIXED_AMOUNT) < 0)
		expected = DSM_NOT_IN_FORCE;
	else if ((nfail = failing_conditions(&rule, &f, failures)) > 0)
		expected = DSM_INELIGIBLE;
	else if (rule.kind == DSM_KIND_APPROVED && !basis.present)
		expected = DSM_PENDING;
	else
		expected = DSM_ELIGIBLE;
	FUZZ_CHECK(out->status == expected, "status %s, expected %s; reason \"%s\"",
			   (unsigned) out->status < 5 ? status_name[out->status] : "?", status_name[expected], out->reason);

	if (expected != DSM_ELIGIBLE)
	{
		FUZZ_CHECK(out->reason[0] != '\0', "%s without a reason", status_name[expected]);
		FUZZ_CHECK(!out->computed.present && out->formula[0] == '\0' && !out->cap.present,
				   "%s with an amount, a formula or a cap", status_name[expected]);
		/* each failing condition named, unless the reason was cut to its buffer */
		if (strlen(out->reason) < DSM_TEXT_MAX - 1)
			for (i = 0; i < nfail; i++)
				FUZZ_CHECK(strstr(out->reason, failures[i].text) != NULL,
						   "reason \"%s\" does not say \"%s\"", out->reason, failures[i].text);
		free(out);
		return;
	}

	/* eligible: an amount, how it was reached, no reason */
	FUZZ_CHECK(out->computed.present && out->reason[0] == '\0' && out->formula[0] != '\0',
			   "ELIGIBLE: computed %d, reason \"%s\", formula \"%s\"", out->computed.present, out->reason,
			   out->formula);
	switch (rule.kind)
	{
		case DSM_KIND_SHARE:
		case DSM_KIND_SPENDING_SHARE:
			{
				int64_t		ratio = rule.p[DSM_P_SHARE_RATIO].value;
				int64_t		want = oracle_share(ratio, basis.value);
				int64_t		capped = 0;
				int			cp = first_of(&rule, f.specialized, DSM_P_CAP_SPECIALIZED_SME,
										  f.above_scale ? DSM_P_CAP_ABOVE_SCALE : DSM_P_CAP_BELOW_SCALE,
										  DSM_P_CAP);
				char		m[64],
							prefix[256];
				size_t		fl = strlen(out->formula),
							ml;

				if (cp >= 0)
					cap = rule.p[cp];
				FUZZ_CHECK(out->computed.value == want && want >= 0 && want <= basis.value,
						   "share %lld x %lld = %lld, expected %lld", (long long) ratio,
						   (long long) basis.value, (long long) out->computed.value, (long long) want);
				FUZZ_CHECK(same_value(out->cap, cap), "cap %d/%lld, expected %d/%lld", out->cap.present,
						   (long long) out->cap.value, cap.present, (long long) cap.value);
				FUZZ_CHECK(same_value(dsm_share_cap(&rule, f.specialized, f.above_scale), cap),
						   "dsm_share_cap disagrees with dsm_evaluate");
				/* the SQL share_award() and the decision agree */
				FUZZ_CHECK(dsm_capped_share(&rule, f.specialized, f.above_scale, basis.value, &capped) &&
						   capped == (cap.present && want > cap.value ? cap.value : want),
						   "dsm_capped_share %lld, evaluate %lld cut to %d/%lld", (long long) capped,
						   (long long) want, cap.present, (long long) cap.value);

				/* formula: "<ratio> x <basis> = <exact, rounded to >amount" */
				dsm_format_ratio(ratio, prefix, sizeof(prefix));
				oracle_money(basis.value, m);
				strcat(prefix, " x ");
				strcat(prefix, m);
				strcat(prefix, " = ");
				oracle_money(want, m);
				ml = strlen(m);
				FUZZ_CHECK(strncmp(out->formula, prefix, strlen(prefix)) == 0 && fl >= ml &&
						   strcmp(out->formula + fl - ml, m) == 0,
						   "formula \"%s\", expected \"%s...%s\"", out->formula, prefix, m);
				{
					i128		p = (i128) ratio * basis.value;
					int64_t		rest = (int64_t) (p % DSM_RATIO_ONE);
					char		exact[128],
								digits[8];
					int			nd = 6;

					if (rest == 0)
						snprintf(exact, sizeof(exact), "%s%s", prefix, m);
					else
					{
						char		t[64];

						oracle_money((int64_t) (p / DSM_RATIO_ONE), t);
						snprintf(digits, sizeof(digits), "%06lld", (long long) rest);
						while (nd > 0 && digits[nd - 1] == '0')
							digits[--nd] = '\0';
						snprintf(exact, sizeof(exact), "%s%s%s, rounded to %s", prefix, t, digits, m);
					}
					FUZZ_CHECK(strcmp(out->formula, exact) == 0, "formula \"%s\", expected \"%s\"",
							   out->formula, exact);
				}
			}
			break;
		case DSM_KIND_FIXED:
			{
				int			ap = first_of(&rule, true,
										  f.above_scale ? DSM_P_FIXED_AMOUNT_ABOVE_SCALE : DSM_P_FIXED_AMOUNT_BELOW_SCALE,
										  DSM_P_FIXED_AMOUNT, DSM_P_FIXED_AMOUNT);

				FUZZ_CHECK(out->computed.value == rule.p[ap].value && !out->cap.present,
						   "fixed sum %lld, expected %lld", (long long) out->computed.value,
						   (long long) rule.p[ap].value);
			}
			break;
		case DSM_KIND_APPROVED:
			FUZZ_CHECK(out->computed.value == basis.value && !out->cap.present,
					   "approved %lld, expected %lld", (long long) out->computed.value, (long long) basis.value);
			break;
		case DSM_KIND_NONE:
			FUZZ_CHECK(false, "KIND_NONE eligible");
	}
	free(out);
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
