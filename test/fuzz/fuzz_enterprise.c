/*
 * fuzz_enterprise.c
 *	  libFuzzer harness of src/enterprise.c and src/allocation.c:
 *	  dsm_decide_enterprise and dsm_quota_claims on random enterprises,
 *	  dsm_claims_sort + dsm_allocate on any claims, dsm_candidate_beats on any
 *	  candidates.
 *
 * An enterprise is up to 40 rows: applications of up to four clauses, each
 * clause with a cap scope, maybe a quota, a once-only scope, a stacking
 * scope, maybe stacking-exempt and exclusive_spending_period, on three
 * projects and three award years, with the outcome dsm_evaluate() could have
 * given them (steps 1 to 4: a status, a computed amount, a cap, a spending
 * period); and awards under other city policies.  Amounts come from a small
 * set, so that ties and caps met exactly are frequent, or are any int64 >= 0
 * so that the totals overflow.  The quota places are the enterprise's place
 * per clause and award year, as decide_enterprise's glue hands them over,
 * sometimes missing.
 *
 * The domain is the one the glue (enterprise_sql.c, item.c) can hand over:
 * statuses ELIGIBLE .. PENDING, computed present exactly when ELIGIBLE and
 * >= 0, caps >= 0, other awards' amounts >= 0, a period's start present only
 * with its end, unique application ids, rows in any order (the harness sorts
 * them with dsm_sort_entries, as the glue does).  An eligible application of
 * a clause with exclusive_spending_period has a period that does not end
 * before it starts (step 2 refuses the others).
 *
 * Each decision is compared with a model of doc/reference.md, steps 5 to
 * 11, written here from the contract alone (model_decide): the result
 * (DSM_DECIDED, DSM_NO_QUOTA_PLACE, DSM_OVERFLOW), and for every row the
 * status, computed amount and cap kept or dropped, claim, award, payable
 * amount, capped, quota place, outranked_by, the reasons the contract spells
 * out, and key words of the explanation.  Invariants are checked on their
 * own too: a payable amount only when payable; within a cap group no payable
 * amount above what the cap left; no day of a service paid twice; at most
 * one payable non-exempt all_awards application per stacking group; sums in
 * __int128 that never exceed int64.
 *
 * Where the contract is silent the model follows the core, and says so:
 *	(a) a clause whose once_only changes between applications (a scenario's
 *	    row, a new validity): an application's once-only group is its own
 *	    scope's (clause; clause and product); an earlier application under
 *	    another once_only value is not in it;
 *	(b) a clause whose quota row is absent on some applications' dates:
 *	    the claim of a clause and year is the first eligible application that
 *	    has a quota;
 *	(c) over_quota is not capped (the cap did not cut it; "capped" reads
 *	    "the cap ... cut the amount");
 *	(d) a cap with cap_scope NULL (DSM_SCOPE_NONE) is the application's own;
 *	(e) two other policies' awards of one amount: either outranks.
 * Where the contract is explicit the model follows it: step 7 counts every
 * earlier subsidised application of the clause and service, whatever its own
 * exclusive_spending_period (finding 4, fixed in the core).  Findings 2 and 3
 * (signed overflows in the texts, fixed) are replayed by their seeds.
 *
 * FUZZ_DESCRIBE=1 in the environment prints each case and its decision.
 */
#include "allocation.h"
#include "enterprise.h"
#include "fuzz_input.h"

#define MAX_ROWS 40
#define MAX_CLAUSES 4
#define NPROJECTS 3
#define NYEARS 3
#define FIRST_YEAR 2022
#define FIRST_DAY 8036			/* 2022-01-01, days since 2000-01-01 */

typedef __int128 i128;

/*
 * The model and the checks are not instrumented for coverage: their
 * branches mirror the core's and would only slow libFuzzer down (it runs
 * about three times as many inputs without them).
 */
#if defined(__clang__)
#define NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define NO_COVERAGE
#endif

/* ------------------------------------------------------------------------
 * Oracles
 * ------------------------------------------------------------------------ */

/* "-1,234,567.89": written digit by digit from the right */
static void NO_COVERAGE
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

/* "YYYY-MM-DD" of a day (fuzz_award checks dsm_date_to_ymd against the calendar's rule) */
static void
oracle_date(int64_t date, char *buf, size_t size)
{
	int64_t		y;
	int			m,
				d;

	dsm_date_to_ymd((int32_t) date, &y, &m, &d);
	snprintf(buf, size, "%04lld-%02d-%02d", (long long) y, m, d);
}

/* The stacking order of step 9: amount, then another policy's award, then earlier, then lower id. */
static int NO_COVERAGE
oracle_rank(const dsm_candidate *a, const dsm_candidate *b)
{
	if (a->amount != b->amount)
		return a->amount > b->amount ? 1 : -1;
	if (a->other != b->other)
		return a->other ? 1 : -1;
	if (a->other)
		return 0;
	if (a->applied_at != b->applied_at)
		return a->applied_at < b->applied_at ? 1 : -1;
	if (a->application_id != b->application_id)
		return a->application_id < b->application_id ? 1 : -1;
	return 0;
}

/* ------------------------------------------------------------------------
 * The enterprise: what the harness generates
 * ------------------------------------------------------------------------ */

typedef struct clause_rule
{
	char		code[8];
	dsm_scope	cap_scope;
	dsm_value	quota;
	dsm_once_only once_only;
	bool		exempt;
	dsm_stacking_scope scope;
	bool		exclusive;
} clause_rule;

typedef struct row
{
	bool		other;
	int			clause;
	int			project;
	int			year;			/* index 0 .. NYEARS-1 */
	/* other award */
	int64_t		other_id;
	int64_t		other_amount;
} row;

static const char *const project_name[NPROJECTS] = {"P0", "P1", "P2"};
static const char *const other_policy_name[2] = {"city talent", "provincial cloud"};

static clause_rule clauses[MAX_CLAUSES];
static int	nclauses;
static row	rows[MAX_ROWS];
static dsm_application apps[MAX_ROWS];
static dsm_outcome outs[MAX_ROWS];
static dsm_entry entries[MAX_ROWS];
static size_t nrows;
static dsm_value ranks[MAX_CLAUSES][NYEARS];
static char *buffers[MAX_ROWS][5];	/* outcome reason, formula, warning; entry reason, explanation */
static char long_formula[DSM_TEXT_MAX];

static int64_t
amount_of(fuzz_input *in, bool big)
{
	static const int64_t amounts[15] = {0, 1, 2, 99, 100, 101, 150, 200, 250, 300, 400, 500, 1000, 5000, 100000};
	uint8_t		m = fuzz_u8(in);

	if (big && m % 16 == 15)
		return fuzz_range(in, 0, INT64_MAX);
	return amounts[m % 16 % 15];
}

static dsm_value
cap_of(fuzz_input *in, bool big)
{
	static const int64_t caps[7] = {0, 100, 150, 250, 300, 500, 1000};
	uint8_t		k = fuzz_u8(in);
	dsm_value	v = {false, 0};

	if (k % 10 < 3)
		return v;
	v.present = true;
	if (big && k % 10 == 9)
		v.value = fuzz_range(in, 0, INT64_MAX);
	else
		v.value = caps[k % 10 % 7];
	return v;
}

static char *
buffer(size_t i, int k)
{
	if (buffers[i][k] == NULL && (buffers[i][k] = malloc(DSM_TEXT_MAX)) == NULL)
		abort();
	memset(buffers[i][k], 0x5A, DSM_TEXT_MAX);
	return buffers[i][k];
}

/* Reads an enterprise: its clauses, rows and quota places. */
static void
read_enterprise(fuzz_input *in, bool *run_claims)
{
	uint8_t		config = fuzz_u8(in);
	bool		vary = (config >> 2) & 1;
	bool		big = (config >> 3) & 1;
	bool		long_texts = (config >> 4) & 1;
	bool		warnings = (config >> 5) & 1;
	int			c,
				y;
	size_t		i;

	*run_claims = (config >> 6) & 1;
	nclauses = (config & 3) + 1;
	for (c = 0; c < nclauses; c++)
	{
		uint8_t		a = fuzz_u8(in);
		uint8_t		q = fuzz_u8(in);
		clause_rule *r = &clauses[c];

		snprintf(r->code, sizeof(r->code), "c%d", c);
		r->cap_scope = (dsm_scope) (a % 5);
		r->once_only = (dsm_once_only) ((a / 5) % 3);
		r->exempt = (a / 15) % 4 == 0;	/* one in four */
		r->exclusive = (a / 60) & 1;
		r->scope = (dsm_stacking_scope) ((a / 120) & 1);
		r->quota.present = q & 1;
		r->quota.value = (q >> 1) % 4;
	}

	nrows = fuzz_u8(in) % (MAX_ROWS + 1);
	for (i = 0; i < nrows; i++)
	{
		uint8_t		t = fuzz_u8(in);
		row		   *w = &rows[i];
		dsm_entry  *e = &entries[i];

		memset(e, 0xA5, sizeof(*e));	/* what the rules write starts as junk */
		e->reason = buffer(i, 3);
		e->explanation = buffer(i, 4);
		e->quota_rank.present = false;
		e->quota_rank.value = 0;
		if (t % 8 == 7)
		{
			uint8_t		p = fuzz_u8(in);

			w->other = true;
			w->project = p % NPROJECTS;
			w->year = (p / NPROJECTS) % NYEARS;
			w->other_id = 1000 + (int64_t) i;
			w->other_amount = amount_of(in, big);
			e->other = true;
			e->app = NULL;
			e->outcome = NULL;
			e->other_award_id = w->other_id;
			e->other_year = FIRST_YEAR + w->year;
			e->other_project_ref.data = project_name[w->project];
			e->other_project_ref.len = 2;
			e->other_amount = w->other_amount;
			e->other_policy_name.data = other_policy_name[(t >> 3) & 1];
			e->other_policy_name.len = (int32_t) strlen(other_policy_name[(t >> 3) & 1]);
		}
		else
		{
			uint8_t		cb = fuzz_u8(in);
			uint8_t		at = fuzz_u8(in);
			uint8_t		s = fuzz_u8(in);
			uint8_t		d = fuzz_u8(in);
			uint8_t		l = fuzz_u8(in);
			dsm_application *a = &apps[i];
			dsm_outcome *o = &outs[i];
			const clause_rule *r;

			w->other = false;
			w->clause = cb % nclauses;
			w->project = (cb / 4) % NPROJECTS;
			w->year = (cb / 12) % NYEARS;
			r = &clauses[w->clause];

			memset(a, 0, sizeof(*a));
			a->application_id.present = a->applied_at.present = a->award_year.present = true;
			a->application_id.value = (int64_t) (at >> 4) * 64 + (int64_t) i + 1;	/* unique, in any order */
			a->applied_at.value = at % 16;	/* ties are frequent */
			a->award_year.value = FIRST_YEAR + w->year;
			a->clause_code.data = r->code;
			a->clause_code.len = (int32_t) strlen(r->code);
			a->project_ref.data = project_name[w->project];
			a->project_ref.len = 2;
			a->applied_on.present = a->qualifying_date.present = true;
			a->applied_on.value = a->qualifying_date.value = FIRST_DAY + 365 * w->year + 180;
			a->scale.present = true;

			memset(o, 0xA5, sizeof(*o));
			o->reason = buffer(i, 0);
			o->formula = buffer(i, 1);
			o->warning = buffer(i, 2);
			o->facts = NULL;
			o->cap_scope = r->cap_scope;
			o->quota = r->quota;
			o->once_only = r->once_only;
			o->stacking_exempt = r->exempt;
			o->stacking_scope = r->scope;
			o->exclusive_period = r->exclusive;
			o->basis.present = o->provincial_max.present = o->decided_on.present = false;
			o->basis.value = o->provincial_max.value = o->decided_on.value = 0;

			/* steps 1 to 4 */
			switch (s % 8)
			{
				case 5:
					o->status = DSM_INELIGIBLE;
					break;
				case 6:
					o->status = DSM_PENDING;
					break;
				case 7:
					o->status = (s >> 3) & 1 ? DSM_NOT_IN_FORCE : DSM_NO_MONETARY_AWARD;
					break;
				default:
					o->status = DSM_ELIGIBLE;
			}
			o->computed.present = o->status == DSM_ELIGIBLE;
			o->computed.value = o->computed.present ? amount_of(in, big) : 0;
			o->cap = o->computed.present ? cap_of(in, big) : (dsm_value) {false, 0};
			if (o->status == DSM_ELIGIBLE)
			{
				o->reason[0] = '\0';
				if (long_texts)
					snprintf(o->formula, DSM_TEXT_MAX, "%s", long_formula);
				else
					snprintf(o->formula, DSM_TEXT_MAX, "formula of application %lld", (long long) a->application_id.value);
			}
			else
			{
				o->formula[0] = '\0';
				snprintf(o->reason, DSM_TEXT_MAX, "reason of application %lld", (long long) a->application_id.value);
			}
			if (warnings && (s & 64))
				snprintf(o->warning, DSM_TEXT_MAX, "provincial_amount of application %lld", (long long) a->application_id.value);
			else
				o->warning[0] = '\0';

			/* the spending period: from (expenditure_from, else service_start) to (.., else applied_on) */
			o->period_from.present = true;
			o->period_from.value = FIRST_DAY + 365 * w->year - 120 + (d % 48) * 10;
			o->period_until.present = true;
			o->period_until.value = o->period_from.value + (l % 40) * 7 + (l >> 7);
			if (d & 128)
			{
				/* a period ending before it starts, or without a start: step 2 refuses them under the rule */
				if (l & 64)
					o->period_from.present = false;
				else
					o->period_until.value = o->period_from.value - 1 - (l % 5);
			}

			/* a parameter that changes between applications of a clause (a scenario, a new row) */
			if (vary)
			{
				uint8_t		v = fuzz_u8(in);

				if (v & 1)
					o->once_only = (dsm_once_only) ((v >> 1) % 3);
				if (v & 8)
					o->stacking_exempt = !o->stacking_exempt;
				if (v & 16)
					o->stacking_scope = (dsm_stacking_scope) !o->stacking_scope;
				if (v & 32)
				{
					o->quota.value = (v >> 6) % 4;
					o->quota.present = !(v & 4);
				}
				if (v & 128)
					o->exclusive_period = !o->exclusive_period;
			}
			/* step 2 refuses an exclusive period that is unknown or ends before it starts */
			if (o->status == DSM_ELIGIBLE && o->exclusive_period &&
				(!o->period_from.present || o->period_until.value < o->period_from.value))
			{
				o->status = DSM_INELIGIBLE;
				o->computed.present = o->cap.present = false;
				o->formula[0] = '\0';
				snprintf(o->reason, DSM_TEXT_MAX, "exclusive_spending_period: the spending period ends before it starts");
			}
			e->other = false;
			e->app = a;
			e->outcome = o;
		}
	}

	/* the enterprise's quota places, per clause and award year; 0: none */
	for (c = 0; c < nclauses; c++)
		for (y = 0; y < NYEARS; y++)
		{
			bool		past_end = in->n == 0;	/* a short input: every place given */
			uint8_t		r = fuzz_u8(in);

			ranks[c][y].present = past_end || r % 16 != 0;
			ranks[c][y].value = r % 6 + 1;
		}
	for (i = 0; i < nrows; i++)
		if (!rows[i].other && ranks[rows[i].clause][rows[i].year].present)
			entries[i].quota_rank = ranks[rows[i].clause][rows[i].year];
}

/* ------------------------------------------------------------------------
 * The model of steps 5 to 11, from doc/reference.md
 * ------------------------------------------------------------------------ */

typedef struct model
{
	dsm_status	status;
	bool		computed;		/* computed amount kept */
	bool		cap;			/* cap kept */
	int64_t		claim;
	int64_t		award;
	int64_t		payable;
	bool		capped;
	bool		placed;
	int			first_once;		/* step 5: the application that qualified first; -1 */
	bool		overlaps[MAX_ROWS]; /* step 7: the earlier subsidised applications it overlaps */
	bool		refused_in_7;
	bool		superseded_by[MAX_ROWS];	/* the best candidates that outrank it */
	bool		outranked_by[MAX_ROWS];	/* other award: the best payable applications that outrank it */
	bool		any_outranker;
	i128		paid_before;	/* its cap group's payments decided before it (texts) */
	int			users[MAX_ROWS];	/* ... by these applications */
	int			nusers;
} model;

static model m[MAX_ROWS];
static int	order[MAX_ROWS];	/* the applications in application order */
static int	norder;
static size_t model_claims[MAX_ROWS];
static size_t nmodel_claims;

static const dsm_outcome *
out_of(int i)
{
	return &outs[i];
}

static int64_t
at_of(int i)
{
	return apps[i].applied_at.value;
}

static int64_t
id_of(int i)
{
	return apps[i].application_id.value;
}

/* application order: (applied_at, application_id) */
static bool NO_COVERAGE
before(int i, int j)
{
	return at_of(i) != at_of(j) ? at_of(i) < at_of(j) : id_of(i) < id_of(j);
}

/* Cap groups, within a clause: application (or none), enterprise_year, project and product. */
static bool NO_COVERAGE
same_cap_group(int i, int j)
{
	dsm_scope	s = out_of(i)->cap_scope;

	if (i == j)
		return true;
	if (rows[i].clause != rows[j].clause || s != out_of(j)->cap_scope)
		return false;
	switch (s)
	{
		case DSM_SCOPE_ENTERPRISE_YEAR:
			return rows[i].year == rows[j].year;
		case DSM_SCOPE_PROJECT:
		case DSM_SCOPE_PRODUCT:
			return rows[i].project == rows[j].project;
		default:
			return false;		/* (d) */
	}
}

/* One candidate of step 9: an application's claim or another policy's award. */
static dsm_candidate NO_COVERAGE
candidate(int i)
{
	dsm_candidate c;

	c.other = rows[i].other;
	c.amount = rows[i].other ? rows[i].other_amount : m[i].claim;
	c.applied_at = rows[i].other ? 0 : at_of(i);
	c.application_id = rows[i].other ? rows[i].other_id : id_of(i);
	return c;
}

static bool NO_COVERAGE
outranks(int a, int b)
{
	dsm_candidate x = candidate(a),
				y = candidate(b);

	return oracle_rank(&x, &y) > 0;
}

static bool NO_COVERAGE
periods_overlap(int i, int j)
{
	const dsm_outcome *a = out_of(i),
			   *b = out_of(j);

	/* both days included; a period without a start is not known */
	return a->period_from.present && b->period_from.present &&
		a->period_from.value <= b->period_until.value && b->period_from.value <= a->period_until.value;
}

/* What the contract decides; DSM_OVERFLOW when a cap group's payments exceed int64. */
static dsm_decide_result NO_COVERAGE
model_decide(void)
{
	int			i,
				j,
				k,
				y;
	bool		overflow = false;
	bool		stopped = false;	/* the core has returned DSM_OVERFLOW by now */
	i128		paid[MAX_ROWS];	/* per row, of its cap group: paid in earlier years */

	/* application order */
	norder = 0;
	for (i = 0; i < (int) nrows; i++)
	{
		if (rows[i].other)
			continue;
		for (k = norder; k > 0 && before(i, order[k - 1]); k--)
			order[k] = order[k - 1];
		order[k] = i;
		norder++;
	}
	for (i = 0; i < (int) nrows; i++)
	{
		memset(&m[i], 0, sizeof(m[i]));
		m[i].first_once = -1;
		if (rows[i].other)
		{
			m[i].status = DSM_PAYABLE;	/* not ours: compared only for outranked_by */
			continue;
		}
		m[i].status = out_of(i)->status;
		m[i].computed = out_of(i)->computed.present;
		m[i].cap = m[i].computed && out_of(i)->cap.present;
	}

	/* 5. once only: among the group's applications eligible or pending after step 4, the first keeps its place */
	for (k = 0; k < norder; k++)
	{
		int			r = order[k];
		const dsm_outcome *o = out_of(r);

		if (o->once_only == DSM_ONCE_NONE || (o->status != DSM_ELIGIBLE && o->status != DSM_PENDING))
			continue;
		for (j = 0; j < k; j++)
		{
			int			f = order[j];

			if (rows[f].clause == rows[r].clause && out_of(f)->once_only == o->once_only &&	/* (a) */
				(o->once_only != DSM_ONCE_ENTERPRISE_PRODUCT || rows[f].project == rows[r].project) &&
				(out_of(f)->status == DSM_ELIGIBLE || out_of(f)->status == DSM_PENDING))
			{
				m[r].status = DSM_INELIGIBLE;
				m[r].computed = m[r].cap = false;
				m[r].first_once = f;
				break;
			}
		}
	}

	/* 6. quota: the claims; the place of every eligible application of a clause with a quota */
	nmodel_claims = 0;
	for (k = 0; k < norder; k++)
	{
		int			r = order[k];
		bool		first = true;

		if (m[r].status != DSM_ELIGIBLE || !out_of(r)->quota.present)
			continue;
		for (j = 0; j < k; j++)
		{
			int			f = order[j];

			if (m[f].status == DSM_ELIGIBLE && out_of(f)->quota.present &&	/* (b) */
				rows[f].clause == rows[r].clause && rows[f].year == rows[r].year)
				first = false;
		}
		if (first)
			model_claims[nmodel_claims++] = (size_t) r;
	}
	for (k = 0; k < norder; k++)
	{
		int			r = order[k];

		if (m[r].status != DSM_ELIGIBLE || !out_of(r)->quota.present)
			continue;
		if (!entries[r].quota_rank.present)
			return DSM_NO_QUOTA_PLACE;
		m[r].placed = true;
		if (entries[r].quota_rank.value > out_of(r)->quota.value)
			m[r].status = DSM_OVER_QUOTA;
	}

	/* steps 7 to 10, award year by award year */
	for (i = 0; i < (int) nrows; i++)
		paid[i] = 0;
	for (y = 0; y < NYEARS; y++)
	{
		i128		this_year[MAX_ROWS];
		bool		superseded[MAX_ROWS];
		bool		stopped_in_10 = false;

		/* 7. spending periods: no overlap with an earlier subsidised application of the clause and service */
		for (k = 0; k < norder; k++)
		{
			int			r = order[k];

			if (rows[r].year != y || m[r].status != DSM_ELIGIBLE || !out_of(r)->exclusive_period)
				continue;
			for (j = 0; j < norder; j++)
			{
				int			p = order[j];
				bool		subsidised = rows[p].year < y ? m[p].status == DSM_PAYABLE
					: rows[p].year == y && j < k && m[p].status == DSM_ELIGIBLE;

				if (p != r && subsidised && rows[p].clause == rows[r].clause &&
					rows[p].project == rows[r].project && periods_overlap(p, r))
					m[r].overlaps[p] = true;
			}
			for (j = 0; j < (int) nrows; j++)
				if (m[r].overlaps[j])
				{
					m[r].status = DSM_INELIGIBLE;
					m[r].computed = m[r].cap = false;
					m[r].refused_in_7 = true;
				}
		}

		/* 8. claims: the computed amount cut to what the cap group left after earlier years */
		for (k = 0; k < norder; k++)
		{
			int			r = order[k];
			i128		left;

			if (rows[r].year != y || m[r].status != DSM_ELIGIBLE)
				continue;
			left = out_of(r)->cap.present ? (i128) out_of(r)->cap.value - paid[r] : (i128) INT64_MAX;
			if (left < 0)
				left = 0;
			m[r].claim = out_of(r)->computed.value < left ? out_of(r)->computed.value : (int64_t) left;
			if (out_of(r)->computed.value > 0 && m[r].claim == 0)
			{
				m[r].status = DSM_CAP_EXHAUSTED;
				m[r].capped = true;
			}
		}

		/* 9. stacking: superseded by a candidate it competes with that outranks it */
		for (k = 0; k < norder; k++)
		{
			int			r = order[k];
			int			c;

			superseded[r] = false;
			if (rows[r].year != y || m[r].status != DSM_ELIGIBLE || out_of(r)->stacking_exempt)
				continue;
			for (c = 0; c < (int) nrows; c++)
			{
				bool		competes;

				if (c == r || rows[c].project != rows[r].project || rows[c].year != y)
					continue;
				if (rows[c].other)
					competes = rows[c].other_amount > 0;
				else
					competes = out_of(r)->stacking_scope == DSM_STACKING_ALL_AWARDS &&
						m[c].status == DSM_ELIGIBLE && !out_of(c)->stacking_exempt;
				if (competes && outranks(c, r))
				{
					superseded[r] = true;
					m[r].superseded_by[c] = true;
				}
			}
			/* keep the best of those that outrank it (none outranks them) */
			for (c = 0; c < (int) nrows; c++)
			{
				int			d;

				if (!m[r].superseded_by[c])
					continue;
				for (d = 0; d < (int) nrows; d++)
					if (d != c && m[r].superseded_by[d] && outranks(d, c))
						break;
				if (d < (int) nrows)
					m[r].superseded_by[c] = false;
			}
		}
		for (k = 0; k < norder; k++)
		{
			int			r = order[k];

			if (rows[r].year == y && superseded[r])
			{
				m[r].status = DSM_SUPERSEDED;
				m[r].award = m[r].claim;
				m[r].capped = m[r].claim < out_of(r)->computed.value;
			}
		}

		/* 10. the rest share what their cap group left, in application order */
		for (i = 0; i < (int) nrows; i++)
			this_year[i] = 0;
		for (k = 0; k < norder; k++)
		{
			int			r = order[k];
			i128		left,
						used = 0;

			if (rows[r].year != y || m[r].status != DSM_ELIGIBLE)
				continue;
			for (j = 0; j < k; j++)
				if (rows[order[j]].year == y && m[order[j]].status == DSM_PAYABLE && same_cap_group(order[j], r))
					used += m[order[j]].payable;
			if (paid[r] + used > INT64_MAX)
				stopped_in_10 = true;	/* the core checks the group's total before each application */
			left = out_of(r)->cap.present ? (i128) out_of(r)->cap.value - paid[r] - used : (i128) INT64_MAX;
			if (left < 0)
				left = 0;
			m[r].award = m[r].claim < left ? m[r].claim : (int64_t) left;
			m[r].capped = m[r].award < out_of(r)->computed.value;
			if (out_of(r)->computed.value > 0 && m[r].award == 0)
				m[r].status = DSM_CAP_EXHAUSTED;
			else
			{
				m[r].status = DSM_PAYABLE;
				m[r].payable = m[r].award;
				if (paid[r] + used + m[r].payable > INT64_MAX)
					overflow = true;
				if (used + m[r].payable > INT64_MAX)
					stopped_in_10 = true;	/* ... and the year's total after it */
			}
		}

		/* other awards outranked by the best payable, non-exempt application of the group whose claim outranks them */
		for (i = 0; i < (int) nrows; i++)
		{
			if (!rows[i].other || rows[i].year != y || rows[i].other_amount <= 0)
				continue;
			for (k = 0; k < norder; k++)
			{
				int			r = order[k];

				if (rows[r].project == rows[i].project && rows[r].year == y && m[r].status == DSM_PAYABLE &&
					!out_of(r)->stacking_exempt && outranks(r, i))
				{
					m[i].outranked_by[r] = true;
					m[i].any_outranker = true;
				}
			}
			for (k = 0; k < (int) nrows; k++)
			{
				int			d;

				if (!m[i].outranked_by[k])
					continue;
				for (d = 0; d < (int) nrows; d++)
					if (d != k && m[i].outranked_by[d] && outranks(d, k))
						break;
				if (d < (int) nrows)
					m[i].outranked_by[k] = false;
			}
		}

		/* for the texts: what each row's cap group paid before it, and to whom */
		for (k = 0; k < norder; k++)
		{
			int			r = order[k];

			if (rows[r].year != y)
				continue;
			for (j = 0; j < norder; j++)
			{
				int			p = order[j];

				/* a superseded row's claim counted earlier years only (step 8) */
				if (p != r && same_cap_group(p, r) && m[p].status == DSM_PAYABLE && m[p].payable > 0 &&
					(rows[p].year < y || (rows[p].year == y && j < k && m[r].status != DSM_SUPERSEDED)))
				{
					m[r].paid_before += m[p].payable;
					m[r].users[m[r].nusers++] = p;
				}
			}
		}

		stopped = stopped || stopped_in_10;

		/* the year's payments count for the later years */
		for (i = 0; i < (int) nrows; i++)
		{
			if (rows[i].other)
				continue;
			for (j = 0; j < (int) nrows; j++)
				if (!rows[j].other && rows[j].year == y && m[j].status == DSM_PAYABLE && same_cap_group(i, j))
					paid[i] += m[j].payable;
			if (paid[i] > INT64_MAX)
				overflow = stopped = true;
		}
	}
	return overflow ? DSM_OVERFLOW : DSM_DECIDED;
}

/* ------------------------------------------------------------------------
 * The comparison
 * ------------------------------------------------------------------------ */

/* the index (into rows) of a sorted entry */
static int
index_of(const dsm_entry *e)
{
	size_t		i;

	if (!e->other)
		return (int) (e->app - apps);
	for (i = 0; i < nrows; i++)
		if (rows[i].other && rows[i].other_id == e->other_award_id)
			return (int) i;
	return -1;
}

static dsm_entry sorted[MAX_ROWS];

static void
describe_enterprise(void)
{
	size_t		i;
	int			c;

	for (c = 0; c < nclauses; c++)
		fprintf(stderr, "  clause %s: cap_scope %d quota %d/%lld once_only %d exempt %d scope %d exclusive %d\n",
				clauses[c].code, (int) clauses[c].cap_scope, clauses[c].quota.present,
				(long long) clauses[c].quota.value, (int) clauses[c].once_only, (int) clauses[c].exempt,
				(int) clauses[c].scope, (int) clauses[c].exclusive);
	for (i = 0; i < nrows; i++)
	{
		const row  *w = &rows[i];

		if (w->other)
		{
			fprintf(stderr, "  [%zu] other award %lld: %s %d amount %lld\n", i, (long long) w->other_id,
					project_name[w->project], FIRST_YEAR + w->year, (long long) w->other_amount);
			continue;
		}
		{
			const dsm_outcome *o = &outs[i];

			fprintf(stderr, "  [%zu] application %lld at %lld: clause %s %s %d, %s computed %d/%lld cap %d/%lld "
					"scope %d quota %d/%lld rank %d/%lld once %d exempt %d stacking %d exclusive %d period %d/%lld..%lld\n",
					i, (long long) id_of((int) i), (long long) at_of((int) i), clauses[w->clause].code,
					project_name[w->project], FIRST_YEAR + w->year, dsm_status_name[o->status],
					o->computed.present, (long long) o->computed.value, o->cap.present, (long long) o->cap.value,
					(int) o->cap_scope, o->quota.present, (long long) o->quota.value,
					entries[i].quota_rank.present, (long long) entries[i].quota_rank.value, (int) o->once_only,
					(int) o->stacking_exempt, (int) o->stacking_scope, (int) o->exclusive_period,
					o->period_from.present, (long long) o->period_from.value, (long long) o->period_until.value);
		}
	}
	fprintf(stderr, "  decided (sorted):\n");
	for (i = 0; i < nrows; i++)
	{
		const dsm_entry *e = &sorted[i];
		int			r = index_of(e);

		if (r < 0 || e->other)
		{
			if (r >= 0)
				fprintf(stderr, "    other %lld: outranked_by %d; model %d\n", (long long) e->other_award_id,
						e->outranked_by, (int) m[r].any_outranker);
			continue;
		}
		fprintf(stderr, "    application %lld: %s claim %lld award %lld payable %lld capped %d placed %d outranked_by %d"
				" | model %s claim %lld award %lld payable %lld capped %d placed %d\n      reason: %s\n      explanation: %s\n",
				(long long) id_of(r), (unsigned) e->status < DSM_STATUS_COUNT ? dsm_status_name[e->status] : "?",
				(long long) e->claim, (long long) e->award, (long long) e->payable, e->capped, e->placed,
				e->outranked_by, dsm_status_name[m[r].status], (long long) m[r].claim, (long long) m[r].award,
				(long long) m[r].payable, m[r].capped, m[r].placed,
				memchr(e->reason, 0, DSM_TEXT_MAX) ? e->reason : "?",
				memchr(e->explanation, 0, DSM_TEXT_MAX) ? (strlen(e->explanation) > 300 ? "(long)" : e->explanation) : "?");
	}
}

static void NO_COVERAGE
check_texts(const dsm_entry *e, int r)
{
	const dsm_outcome *o = out_of(r);
	const model *x = &m[r];
	char		want[DSM_TEXT_MAX + 256],
				money[64],
				cap[64];
	bool		cut = strlen(e->explanation) >= DSM_TEXT_MAX - 1;

	switch (x->status)
	{
		case DSM_NOT_IN_FORCE:
		case DSM_NO_MONETARY_AWARD:
		case DSM_INELIGIBLE:
		case DSM_PENDING:
			if (x->first_once >= 0)
				snprintf(want, sizeof(want), "once_only: application %lld qualified first (once per %s)",
						 (long long) id_of(x->first_once),
						 o->once_only == DSM_ONCE_ENTERPRISE_PRODUCT ? "enterprise and product" : "enterprise");
			else if (x->refused_in_7)
			{
				/* the reason names one of the earlier subsidised applications it overlaps */
				const char *p = strstr(e->reason, "overlaps that of application ");
				long long	named = p ? atoll(p + strlen("overlaps that of application ")) : -1;
				int			n;
				char		a[16],
							b[16],
							c[16],
							d[16];

				for (n = 0; n < (int) nrows; n++)
					if (x->overlaps[n] && id_of(n) == named)
						break;
				FUZZ_CHECK(n < (int) nrows, "application %lld: reason \"%s\" does not name an overlapping subsidised application",
						   (long long) id_of(r), e->reason);
				oracle_date(o->period_from.value, a, sizeof(a));
				oracle_date(o->period_until.value, b, sizeof(b));
				oracle_date(out_of(n)->period_from.value, c, sizeof(c));
				oracle_date(out_of(n)->period_until.value, d, sizeof(d));
				snprintf(want, sizeof(want),
						 "exclusive_spending_period: the spending of %s to %s overlaps that of application %lld (%s to %s), already subsidised",
						 a, b, named, c, d);
			}
			else
				snprintf(want, sizeof(want), "%s", o->reason);	/* steps 1 to 4's */
			FUZZ_CHECK(strcmp(e->reason, want) == 0, "application %lld: reason \"%s\", expected \"%s\"",
					   (long long) id_of(r), e->reason, want);
			FUZZ_CHECK(strstr(e->explanation, want) != NULL || cut,
					   "application %lld: explanation \"%s\" without its reason", (long long) id_of(r), e->explanation);
			return;
		case DSM_OVER_QUOTA:
			snprintf(want, sizeof(want), "quota: enterprise %lld of %lld places in %d, over quota",
					 (long long) e->quota_rank.value, (long long) o->quota.value, FIRST_YEAR + rows[r].year);
			FUZZ_CHECK(strcmp(e->reason, want) == 0, "application %lld: reason \"%s\", expected \"%s\"",
					   (long long) id_of(r), e->reason, want);
			break;
		case DSM_CAP_EXHAUSTED:
			FUZZ_CHECK(strncmp(e->reason, "cap ", 4) == 0 && strstr(e->reason, " used up by ") != NULL,
					   "application %lld: cap_exhausted, reason \"%s\"", (long long) id_of(r), e->reason);
			break;
		case DSM_SUPERSEDED:
			FUZZ_CHECK(strncmp(e->reason, "superseded by ", 14) == 0 && strstr(e->reason, "(从高不重复)") != NULL,
					   "application %lld: superseded, reason \"%s\"", (long long) id_of(r), e->reason);
			break;
		case DSM_PAYABLE:
			FUZZ_CHECK(e->reason[0] == '\0', "application %lld: payable with reason \"%s\"", (long long) id_of(r), e->reason);
			break;
		case DSM_ELIGIBLE:
			FUZZ_CHECK(false, "model left application %lld eligible", (long long) id_of(r));
	}

	/* the explanation: the formula, the cap, the quota, stacking, the payable amount */
	FUZZ_CHECK(strncmp(e->explanation, o->formula, strlen(o->formula) < DSM_TEXT_MAX - 1 ? strlen(o->formula) : DSM_TEXT_MAX - 1) == 0,
			   "application %lld: explanation \"%s\" does not start with the formula", (long long) id_of(r), e->explanation);
	if (cut)
		return;
	oracle_money(x->payable, money);
	snprintf(want, sizeof(want), "; payable %s", money);
	FUZZ_CHECK(strstr(e->explanation, want) != NULL, "application %lld: explanation \"%s\" lacks \"%s\"",
			   (long long) id_of(r), e->explanation, want);
	if (x->placed)
	{
		snprintf(want, sizeof(want), "quota: enterprise %lld of %lld places in %d", (long long) e->quota_rank.value,
				 (long long) o->quota.value, FIRST_YEAR + rows[r].year);
		FUZZ_CHECK(strstr(e->explanation, want) != NULL, "application %lld: explanation \"%s\" lacks \"%s\"",
				   (long long) id_of(r), e->explanation, want);
	}
	if (o->stacking_exempt)
		FUZZ_CHECK(strstr(e->explanation, "outside the stacking rule") != NULL,
				   "application %lld: exempt, explanation \"%s\"", (long long) id_of(r), e->explanation);
	if (o->warning[0] != '\0')
		FUZZ_CHECK(strstr(e->explanation, o->warning) != NULL, "application %lld: explanation \"%s\" without the warning",
				   (long long) id_of(r), e->explanation);

	/* the cap in words, where the application reached one */
	if (x->cap && x->status != DSM_OVER_QUOTA)
	{
		int64_t		amount = x->status == DSM_SUPERSEDED ? x->claim : x->award;

		oracle_money(o->cap.value, cap);
		if (o->cap_scope == DSM_SCOPE_APPLICATION || o->cap_scope == DSM_SCOPE_NONE)
		{
			if (o->computed.value < o->cap.value)
				snprintf(want, sizeof(want), "; cap %s not reached", cap);
			else if (o->computed.value == o->cap.value)
				snprintf(want, sizeof(want), "; cap %s reached", cap);
			else
				snprintf(want, sizeof(want), "; capped at %s", cap);
			FUZZ_CHECK(strstr(e->explanation, want) != NULL, "application %lld: explanation \"%s\" lacks \"%s\"",
					   (long long) id_of(r), e->explanation, want);
		}
		else
		{
			snprintf(want, sizeof(want), "; cap %s per ", cap);
			FUZZ_CHECK(strstr(e->explanation, want) != NULL, "application %lld: explanation \"%s\" lacks \"%s\"",
					   (long long) id_of(r), e->explanation, want);
			if (x->nusers > 0)
			{
				snprintf(want, sizeof(want), " paid before to application%s %lld", x->nusers > 1 ? "s" : "",
						 (long long) id_of(x->users[0]));
				FUZZ_CHECK(strstr(e->explanation, want) != NULL, "application %lld: explanation \"%s\" lacks \"%s\"",
						   (long long) id_of(r), e->explanation, want);
			}
			else
				FUZZ_CHECK(strstr(e->explanation, "paid before") == NULL,
						   "application %lld: explanation \"%s\" names a payment before", (long long) id_of(r),
						   e->explanation);
			if (amount == o->computed.value && amount > 0 && x->paid_before + amount == o->cap.value)
				FUZZ_CHECK(strstr(e->explanation, ": reached") != NULL,
						   "application %lld: the cap met exactly, explanation \"%s\"", (long long) id_of(r), e->explanation);
		}
	}
}

/* The core's decision of every row against the model's, and the invariants. */
static void NO_COVERAGE
check_decision(void)
{
	size_t		i,
				j;

	for (i = 0; i < nrows; i++)
	{
		const dsm_entry *e = &sorted[i];
		int			r = index_of(e);
		const model *x = &m[r];

		FUZZ_CHECK(memchr(e->reason, '\0', DSM_TEXT_MAX) != NULL && memchr(e->explanation, '\0', DSM_TEXT_MAX) != NULL,
				   "row %zu: a text not NUL-terminated in its buffer", i);
		FUZZ_CHECK(e->outranked_by >= -1 && e->outranked_by < (int32_t) nrows, "row %zu: outranked_by %d", i,
				   e->outranked_by);
		if (e->other)
		{
			const dsm_entry *w = e->outranked_by >= 0 ? &sorted[e->outranked_by] : NULL;

			FUZZ_CHECK(e->payable == 0, "other award %lld paid %lld", (long long) e->other_award_id, (long long) e->payable);
			FUZZ_CHECK((w != NULL) == x->any_outranker, "other award %lld: outranked_by %d, the model %s",
					   (long long) e->other_award_id, e->outranked_by, x->any_outranker ? "one" : "none");
			if (w != NULL)
			{
				FUZZ_CHECK(!w->other && x->outranked_by[index_of(w)],
						   "other award %lld: outranked by application %lld, not the model's best",
						   (long long) e->other_award_id, w->other ? -1LL : (long long) id_of(index_of(w)));
				FUZZ_CHECK(strstr(e->explanation, "outranked by application ") != NULL,
						   "other award %lld: explanation \"%s\"", (long long) e->other_award_id, e->explanation);
			}
			else
				FUZZ_CHECK(e->explanation[0] == '\0', "other award %lld: explanation \"%s\"",
						   (long long) e->other_award_id, e->explanation);
			continue;
		}

		FUZZ_CHECK(e->status == x->status, "application %lld: %s, the model %s", (long long) id_of(r),
				   (unsigned) e->status < DSM_STATUS_COUNT ? dsm_status_name[e->status] : "?", dsm_status_name[x->status]);
		FUZZ_CHECK(e->computed.present == x->computed && (!x->computed || e->computed.value == out_of(r)->computed.value) &&
				   e->cap.present == x->cap && (!x->cap || e->cap.value == out_of(r)->cap.value),
				   "application %lld: computed %d/%lld cap %d/%lld, the model keeps computed %d cap %d",
				   (long long) id_of(r), e->computed.present, (long long) e->computed.value, e->cap.present,
				   (long long) e->cap.value, x->computed, x->cap);
		FUZZ_CHECK(e->award == x->award && e->payable == x->payable && e->capped == x->capped,
				   "application %lld: award %lld payable %lld capped %d, the model %lld %lld %d", (long long) id_of(r),
				   (long long) e->award, (long long) e->payable, e->capped, (long long) x->award,
				   (long long) x->payable, x->capped);
		FUZZ_CHECK(e->claim == x->claim, "application %lld: claim %lld, the model %lld", (long long) id_of(r),
					   (long long) e->claim, (long long) x->claim);
		FUZZ_CHECK(e->placed == x->placed && (!x->placed || e->quota_rank.value == entries[r].quota_rank.value),
				   "application %lld: placed %d, the model %d", (long long) id_of(r), e->placed, x->placed);
		if (x->status == DSM_SUPERSEDED)
			FUZZ_CHECK(e->outranked_by >= 0 && x->superseded_by[index_of(&sorted[e->outranked_by])],
					   "application %lld: superseded by row %d, not one of the model's best", (long long) id_of(r),
					   e->outranked_by);
		else
			FUZZ_CHECK(e->outranked_by == -1, "application %lld: %s but outranked_by %d", (long long) id_of(r),
					   dsm_status_name[e->status], e->outranked_by);
		check_texts(e, r);
	}

	/* invariants, on the core's decision alone */
	{
		i128		group_paid[MAX_ROWS];

		for (i = 0; i < nrows; i++)
		{
			const dsm_entry *a = &sorted[i];
			int			ra = index_of(a);

			if (a->other)
				continue;
			FUZZ_CHECK(a->payable >= 0 && a->award >= 0 && (a->status == DSM_PAYABLE ? a->payable == a->award : a->payable == 0),
					   "application %lld: %s award %lld payable %lld", (long long) id_of(ra),
					   dsm_status_name[a->status], (long long) a->award, (long long) a->payable);
			if (a->computed.present)
				FUZZ_CHECK(a->award <= a->computed.value, "application %lld: award above computed", (long long) id_of(ra));
			group_paid[i] = 0;
			for (j = 0; j < nrows; j++)
			{
				const dsm_entry *b = &sorted[j];
				int			rb = index_of(b);

				if (b->other || j == i)
					continue;
				/* within a cap group, what was paid before a payable one leaves it at most its cap */
				if (same_cap_group(ra, rb) && b->status == DSM_PAYABLE &&
					(rows[rb].year < rows[ra].year || (rows[rb].year == rows[ra].year && j < i)))
					group_paid[i] += b->payable;
				/* no day of a service paid twice */
				if (a->status == DSM_PAYABLE && b->status == DSM_PAYABLE && j > i && rows[ra].clause == rows[rb].clause &&
					rows[ra].project == rows[rb].project && out_of(ra)->exclusive_period && out_of(rb)->exclusive_period)
					FUZZ_CHECK(!periods_overlap(ra, rb), "applications %lld and %lld: overlapping periods both paid",
							   (long long) id_of(ra), (long long) id_of(rb));
				/* all_awards: at most one payable non-exempt application of a stacking group */
				if (a->status == DSM_PAYABLE && b->status == DSM_PAYABLE && j > i && rows[ra].project == rows[rb].project &&
					rows[ra].year == rows[rb].year && !out_of(ra)->stacking_exempt && !out_of(rb)->stacking_exempt &&
					out_of(ra)->stacking_scope == DSM_STACKING_ALL_AWARDS &&
					out_of(rb)->stacking_scope == DSM_STACKING_ALL_AWARDS)
					FUZZ_CHECK(false, "applications %lld and %lld: both payable in one stacking group under all_awards",
							   (long long) id_of(ra), (long long) id_of(rb));
			}
			if (a->status == DSM_PAYABLE && out_of(ra)->cap.present)
				FUZZ_CHECK((i128) a->payable <= (out_of(ra)->cap.value > group_paid[i] ? out_of(ra)->cap.value - group_paid[i] : 0),
						   "application %lld: payable %lld above what its cap %lld left", (long long) id_of(ra),
						   (long long) a->payable, (long long) out_of(ra)->cap.value);
			FUZZ_CHECK(group_paid[i] + a->payable <= INT64_MAX, "application %lld: its cap group's payments wrap",
					   (long long) id_of(ra));
		}
	}
}

static void
fuzz_enterprise(fuzz_input *in)
{
	bool		run_claims;
	void	   *scratch;
	size_t		claims[MAX_ROWS];
	size_t		nclaims = 0,
				i;
	dsm_decide_result got,
				want;

	read_enterprise(in, &run_claims);
	memcpy(sorted, entries, sizeof(dsm_entry) * nrows);
	fuzz_describe = describe_enterprise;
	scratch = malloc(dsm_enterprise_scratch_size(nrows));
	if (scratch == NULL)
		abort();

	/* the order of the rules: applications by (applied_at, application_id), then the other awards by id */
	dsm_sort_entries(sorted, nrows);
	for (i = 0; i + 1 < nrows; i++)
	{
		const dsm_entry *a = &sorted[i],
				   *b = &sorted[i + 1];

		FUZZ_CHECK(a->other ? b->other && a->other_award_id < b->other_award_id
				   : b->other || before(index_of(a), index_of(b)),
				   "dsm_sort_entries: row %zu before row %zu", i, i + 1);
	}

	want = model_decide();

	/* steps 5 and 6: the claims on quotas */
	if (run_claims)
	{
		nclaims = dsm_quota_claims(sorted, nrows, claims, scratch);
		FUZZ_CHECK(nclaims == nmodel_claims, "dsm_quota_claims: %zu claims, the model %zu", nclaims, nmodel_claims);
		for (i = 0; i < nclaims; i++)
		{
			FUZZ_CHECK(claims[i] < nrows && !sorted[claims[i]].other &&
					   index_of(&sorted[claims[i]]) == (int) model_claims[i],
					   "dsm_quota_claims: claim %zu is row %zu, the model's application %lld", i, claims[i],
					   (long long) id_of((int) model_claims[i]));
			FUZZ_CHECK(i == 0 || claims[i] > claims[i - 1], "dsm_quota_claims: claims out of order");
		}
	}

	got = dsm_decide_enterprise(sorted, nrows, scratch);
	FUZZ_CHECK(got == want, "dsm_decide_enterprise returned %d, the model %d", (int) got, (int) want);
	if (got != DSM_DECIDED)
		goto done;

	check_decision();
done:
	if (getenv("FUZZ_DESCRIBE") != NULL)
	{
		fprintf(stderr, "result %d\n", (int) got);
		describe_enterprise();
	}
	free(scratch);
}

/* ------------------------------------------------------------------------
 * The helpers of the aggregates (allocation.c) and the stacking order
 * ------------------------------------------------------------------------ */

static int
claim_cmp(const dsm_claim *a, const dsm_claim *b)
{
	if (a->applied_at != b->applied_at)
		return a->applied_at < b->applied_at ? -1 : 1;
	if (a->application_id != b->application_id)
		return a->application_id < b->application_id ? -1 : 1;
	return 0;
}

static int64_t
fuzz_cap(fuzz_input *in)
{
	uint8_t		t = fuzz_u8(in);

	if (t % 4 == 0)
		return DSM_NO_CAP;
	return fuzz_range(in, 0, INT64_MAX);
}

/* One cap group's claims as the aggregates of allocation_sql.c see them: in any order. */
static void
fuzz_allocate(fuzz_input *in)
{
	size_t		n = fuzz_u8(in) % 65;
	dsm_claim  *claims = malloc(sizeof(dsm_claim) * (n ? n : 1));
	dsm_claim  *shuffled = malloc(sizeof(dsm_claim) * (n ? n : 1));
	int64_t		last = -1,
				total = -1,
				last2 = -1,
				total2 = -1;
	i128		model = 0;
	int64_t		model_last = 0;
	bool		ok,
				ok2,
				unique = true;
	size_t		i,
				j;

	if (claims == NULL || shuffled == NULL)
		abort();
	for (i = 0; i < n; i++)
	{
		uint8_t		t = fuzz_u8(in);

		claims[i].applied_at = (t & 1) ? fuzz_i64(in) : (int64_t) (t >> 4);
		claims[i].application_id = (t & 2) ? fuzz_i64(in) : (int64_t) i;
		claims[i].amount = fuzz_range(in, 0, INT64_MAX);
		claims[i].cap = fuzz_cap(in);
	}
	dsm_claims_sort(claims, n);
	for (i = 0; i + 1 < n; i++)
	{
		int			c = claim_cmp(&claims[i], &claims[i + 1]);

		FUZZ_CHECK(c <= 0, "dsm_claims_sort: claim %zu after claim %zu", i, i + 1);
		if (c == 0)
			unique = false;
	}

	ok = dsm_allocate(claims, n, &last, &total);
	for (i = 0; i < n && model <= INT64_MAX; i++)
	{
		int64_t		award = dsm_claim_award(&claims[i], (int64_t) model);
		i128		left = claims[i].cap == DSM_NO_CAP ? (i128) claims[i].amount
			: (claims[i].cap > model ? (i128) claims[i].cap - model : 0);
		i128		want = claims[i].amount < left ? claims[i].amount : left;

		FUZZ_CHECK(award == want && award >= 0 && award <= claims[i].amount,
				   "dsm_claim_award(amount %lld, cap %lld, allocated %lld) = %lld", (long long) claims[i].amount,
				   (long long) claims[i].cap, (long long) model, (long long) award);
		model += award;
		model_last = award;
	}
	FUZZ_CHECK(ok == (model <= INT64_MAX), "dsm_allocate returned %d", ok);
	if (ok)
		FUZZ_CHECK(total == (int64_t) model && last == (n > 0 ? model_last : 0),
				   "dsm_allocate: last %lld total %lld, expected %lld %lld", (long long) last,
				   (long long) total, (long long) model_last, (long long) model);

	/* order-independent: the same claims shuffled, sorted again, give the same */
	if (unique && n > 1)
	{
		memcpy(shuffled, claims, sizeof(dsm_claim) * n);
		for (i = n - 1; i > 0; i--)
		{
			dsm_claim	t;

			j = fuzz_u8(in) % (i + 1);
			t = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = t;
		}
		dsm_claims_sort(shuffled, n);
		FUZZ_CHECK(memcmp(shuffled, claims, sizeof(dsm_claim) * n) == 0, "sorting shuffled claims differs");
		ok2 = dsm_allocate(shuffled, n, &last2, &total2);
		FUZZ_CHECK(ok2 == ok && (!ok || (last2 == last && total2 == total)), "allocation depends on order");
	}
	free(claims);
	free(shuffled);
}

/* dsm_candidate_beats is a strict order that agrees with the documented one */
static void
fuzz_beats(fuzz_input *in)
{
	dsm_candidate c[3];
	int			i,
				j,
				k;

	for (i = 0; i < 3; i++)
	{
		uint8_t		t = fuzz_u8(in);

		c[i].amount = (t & 1) ? fuzz_range(in, 0, INT64_MAX) : (t >> 5);
		c[i].other = (t & 2) != 0;
		c[i].applied_at = (t & 4) ? fuzz_i64(in) : (t >> 6);
		c[i].application_id = (t & 8) ? fuzz_i64(in) : (t >> 7);
	}
	for (i = 0; i < 3; i++)
	{
		FUZZ_CHECK(!dsm_candidate_beats(&c[i], &c[i]), "a candidate beats itself");
		for (j = 0; j < 3; j++)
		{
			bool		ab = dsm_candidate_beats(&c[i], &c[j]);

			FUZZ_CHECK(ab == (oracle_rank(&c[i], &c[j]) > 0), "beats(%d, %d) = %d", i, j, ab);
			FUZZ_CHECK(!(ab && dsm_candidate_beats(&c[j], &c[i])), "%d and %d beat each other", i, j);
			for (k = 0; k < 3; k++)
				if (ab && dsm_candidate_beats(&c[j], &c[k]))
					FUZZ_CHECK(dsm_candidate_beats(&c[i], &c[k]), "beats is not transitive");
		}
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};

	if (long_formula[0] == '\0')
	{
		memset(long_formula, 'f', DSM_TEXT_MAX - 1);
		long_formula[DSM_TEXT_MAX - 1] = '\0';
	}
	fuzz_describe = NULL;
	switch (fuzz_u8(&in) % 8)
	{
		case 6:
			fuzz_allocate(&in);
			break;
		case 7:
			fuzz_beats(&in);
			break;
		default:
			fuzz_enterprise(&in);
			break;
	}
	return 0;
}
