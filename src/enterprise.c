/*
 * enterprise.c: the rules across an enterprise's applications
 * (doc/reference.md, "The rules, in order", steps 5 to 11).
 *
 *   5  once only        a repeat of an award given once is ineligible
 *   6  quota            a place per enterprise, clause and award year
 *   7  spending period  no day of a service subsidised twice
 *   8  claim            the amount, cut to the cap left by earlier years
 *   9  stacking         only the highest award of a project in a year (从高不重复)
 *   10 cap sharing      the winners share what is left of their cap
 *   11 status, reason and explanation
 *
 * Steps 7 to 10 go award year by award year, so that a cap spanning years
 * (per project, per product) counts only what earlier years paid.
 */
#include "enterprise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Order and groups
 * ------------------------------------------------------------------------ */

static int
compare_int64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_text(dsm_text a, dsm_text b)
{
	int			c;
	int32_t		len;

	if (a.data == NULL || b.data == NULL)
		return (a.data == NULL) - (b.data == NULL);
	len = a.len < b.len ? a.len : b.len;
	c = len > 0 ? memcmp(a.data, b.data, (size_t) len) : 0;
	return c != 0 ? c : compare_int64(a.len, b.len);
}

static int
entry_order(const void *x, const void *y)
{
	const dsm_entry *a = x;
	const dsm_entry *b = y;

	if (a->other != b->other)
		return a->other ? 1 : -1;
	if (a->other)
		return compare_int64(a->other_award_id, b->other_award_id);
	if (a->app->applied_at.value != b->app->applied_at.value)
		return compare_int64(a->app->applied_at.value, b->app->applied_at.value);
	return compare_int64(a->app->application_id.value, b->app->application_id.value);
}

void
dsm_sort_entries(dsm_entry *entries, size_t n)
{
	if (n > 1)
		qsort(entries, n, sizeof(dsm_entry), entry_order);
}

static dsm_text
project_of(const dsm_entry *e)
{
	return e->other ? e->other_project_ref : e->app->project_ref;
}

/* A group key: up to two texts and a number; a field left NULL is equal to itself. */
typedef struct group_key
{
	dsm_text	a;
	dsm_text	b;
	int64_t		n;
} group_key;

static int
compare_keys(const group_key *x, const group_key *y)
{
	int			c;

	if ((c = compare_text(x->a, y->a)) != 0)
		return c;
	if ((c = compare_text(x->b, y->b)) != 0)
		return c;
	return compare_int64(x->n, y->n);
}

/* qsort has no context argument in C99: the keys being sorted */
static const group_key *sorting_keys;

static int
key_index_order(const void *x, const void *y)
{
	int			c = compare_keys(&sorting_keys[*(const int32_t *) x], &sorting_keys[*(const int32_t *) y]);

	/* equal keys keep their row order, so that group numbers are stable */
	return c != 0 ? c : compare_int64(*(const int32_t *) x, *(const int32_t *) y);
}

/* Number the distinct keys 0, 1, ... into groups[]; order has room for n. */
static void
number_groups(const group_key *keys, size_t n, int32_t *order, int32_t *groups)
{
	size_t		i;
	int32_t		group = -1;

	for (i = 0; i < n; i++)
		order[i] = (int32_t) i;
	sorting_keys = keys;
	qsort(order, n, sizeof(int32_t), key_index_order);
	for (i = 0; i < n; i++)
	{
		if (i == 0 || compare_keys(&keys[order[i - 1]], &keys[order[i]]) != 0)
			group++;
		groups[order[i]] = group;
	}
}

/* The scratch memory: the per-row and per-group arrays. */
typedef struct scratch
{
	group_key  *keys;
	int32_t    *order;
	int32_t    *groups;
	int64_t    *paid_before;	/* per cap group: paid in earlier award years */
	int64_t    *paid_this_year;	/* per cap group: paid in the award year at hand */
	int32_t    *years;			/* the distinct award years, ascending */
} scratch;

size_t
dsm_enterprise_scratch_size(size_t n)
{
	size_t		m = n > 0 ? n : 1;

	return m * (sizeof(group_key) + 2 * sizeof(int64_t) + 3 * sizeof(int32_t)) + 16;
}

static scratch
scratch_of(void *memory, size_t n)
{
	size_t		m = n > 0 ? n : 1;
	scratch		s;
	char	   *p = memory;

	s.keys = (group_key *) p;
	p += m * sizeof(group_key);
	s.paid_before = (int64_t *) p;
	p += m * sizeof(int64_t);
	s.paid_this_year = (int64_t *) p;
	p += m * sizeof(int64_t);
	s.order = (int32_t *) p;
	p += m * sizeof(int32_t);
	s.groups = (int32_t *) p;
	p += m * sizeof(int32_t);
	s.years = (int32_t *) p;
	return s;
}

static const dsm_text no_text = {NULL, 0};

/* Each row's group for every rule, numbered within the enterprise. */
static void
assign_groups(dsm_entry *e, size_t n, scratch *s)
{
	size_t		i;

	/* once only: (clause[, product]); rows without the rule each their own */
	for (i = 0; i < n; i++)
	{
		group_key  *k = &s->keys[i];

		k->a = e[i].other ? no_text : e[i].app->clause_code;
		k->b = !e[i].other && e[i].outcome->once_only == DSM_ONCE_ENTERPRISE_PRODUCT
			? e[i].app->project_ref : no_text;
		k->n = e[i].other || e[i].outcome->once_only == DSM_ONCE_NONE ? -1 - (int64_t) i : 0;
	}
	number_groups(s->keys, n, s->order, s->groups);
	for (i = 0; i < n; i++)
		e[i].once_group = s->groups[i];

	/* caps: per application, per enterprise and year, per project or product (within a clause) */
	for (i = 0; i < n; i++)
	{
		group_key  *k = &s->keys[i];
		dsm_scope	scope = e[i].other ? DSM_SCOPE_NONE : e[i].outcome->cap_scope;

		k->a = e[i].other ? no_text : e[i].app->clause_code;
		k->b = scope == DSM_SCOPE_PROJECT || scope == DSM_SCOPE_PRODUCT ? e[i].app->project_ref : no_text;
		k->n = scope == DSM_SCOPE_ENTERPRISE_YEAR ? e[i].year
			: scope == DSM_SCOPE_PROJECT || scope == DSM_SCOPE_PRODUCT ? 0 : -1 - (int64_t) i;
	}
	number_groups(s->keys, n, s->order, s->groups);
	for (i = 0; i < n; i++)
		e[i].cap_group = s->groups[i];

	/* spending periods: (clause, service) */
	for (i = 0; i < n; i++)
	{
		group_key  *k = &s->keys[i];

		k->a = e[i].other ? no_text : e[i].app->clause_code;
		k->b = e[i].other ? no_text : e[i].app->project_ref;
		k->n = e[i].other ? -1 - (int64_t) i : 0;
	}
	number_groups(s->keys, n, s->order, s->groups);
	for (i = 0; i < n; i++)
		e[i].period_group = s->groups[i];

	/* stacking: (project, award year), the other policies' awards included */
	for (i = 0; i < n; i++)
	{
		group_key  *k = &s->keys[i];

		k->a = project_of(&e[i]);
		k->b = no_text;
		k->n = e[i].year;
	}
	number_groups(s->keys, n, s->order, s->groups);
	for (i = 0; i < n; i++)
		e[i].stacking_group = s->groups[i];
}

/* ------------------------------------------------------------------------
 * Texts
 * ------------------------------------------------------------------------ */

static void
money(int64_t fen, char *buf, size_t size)
{
	dsm_format_money(fen, buf, size);
}

static int64_t
id_of(const dsm_entry *e)
{
	return e->other ? e->other_award_id : e->app->application_id.value;
}

/* "application 12", "applications 12, 15 and 18" (at most 8 named) */
static void
name_applications(const dsm_entry *e, const int32_t *which, size_t count, char *buf, size_t size)
{
	size_t		i,
				used;

	snprintf(buf, size, "application%s ", count == 1 ? "" : "s");
	for (i = 0; i < count && i < 8; i++)
	{
		used = strlen(buf);
		snprintf(buf + used, size - used, "%s%lld",
				 i == 0 ? "" : i + 1 == count ? " and " : ", ", (long long) id_of(&e[which[i]]));
	}
	if (count > 8)
	{
		used = strlen(buf);
		snprintf(buf + used, size - used, " and %zu more", count - 8);
	}
}

static const char *
scope_words(dsm_scope scope)
{
	switch (scope)
	{
		case DSM_SCOPE_ENTERPRISE_YEAR:
			return "enterprise and year";
		case DSM_SCOPE_PROJECT:
			return "project";
		case DSM_SCOPE_PRODUCT:
			return "product";
		case DSM_SCOPE_APPLICATION:
		case DSM_SCOPE_NONE:
			break;
	}
	return "application";
}

/*
 * The payable rows of row i's cap group decided before it: those of earlier
 * award years, and with same_year also those earlier in its own.  Their
 * indexes in which, their number, and what they were paid in *paid (no
 * overflow: the caller checked the group's total before the texts).
 */
static size_t
cap_users(const dsm_entry *e, size_t n, size_t i, bool same_year, int32_t *which, int64_t *paid)
{
	size_t		j,
				count = 0;

	*paid = 0;
	for (j = 0; j < n; j++)
	{
		if (j == i || e[j].other || e[j].cap_group != e[i].cap_group || e[j].status != DSM_PAYABLE ||
			e[j].payable <= 0)
			continue;
		if (e[j].year < e[i].year || (same_year && e[j].year == e[i].year && j < i))
		{
			which[count++] = (int32_t) j;
			*paid += e[j].payable;
		}
	}
	return count;
}

/*
 * The cap, in words: "cap 400,000.00 not reached", "cap 50,000.00 per
 * enterprise and year, 30,000.00 paid before to application 12: 20,000.00 left".
 */
static void
cap_note(const dsm_entry *e, size_t n, size_t i, int32_t *which, char *buf)
{
	const dsm_entry *r = &e[i];
	int64_t		amount = r->status == DSM_SUPERSEDED ? r->claim : r->award;
	int64_t		paid_before;
	size_t		count;
	char		c[40],
				p[40],
				a[40],
				names[256];

	buf[0] = '\0';
	if (!r->cap.present || !r->computed.present || r->status == DSM_OVER_QUOTA)
		return;
	money(r->cap.value, c, sizeof(c));
	if (r->outcome->cap_scope == DSM_SCOPE_APPLICATION || r->outcome->cap_scope == DSM_SCOPE_NONE)
	{
		if (r->computed.value < r->cap.value)
			snprintf(buf, DSM_TEXT_MAX, "cap %s not reached", c);
		else if (r->computed.value == r->cap.value)
			snprintf(buf, DSM_TEXT_MAX, "cap %s reached", c);
		else
			snprintf(buf, DSM_TEXT_MAX, "capped at %s", c);
		return;
	}
	snprintf(buf, DSM_TEXT_MAX, "cap %s per %s", c, scope_words(r->outcome->cap_scope));
	/*
	 * A superseded row's claim counts what earlier years paid (step 8); a
	 * payable or exhausted row's award also what its own year paid before it.
	 */
	count = cap_users(e, n, i, r->status != DSM_SUPERSEDED, which, &paid_before);
	if (count > 0)
	{
		money(paid_before, p, sizeof(p));
		name_applications(e, which, count, names, sizeof(names));
		snprintf(buf + strlen(buf), DSM_TEXT_MAX - strlen(buf), ", %s paid before to %s", p, names);
	}
	money(amount, a, sizeof(a));
	if (amount == 0 && r->computed.value > 0)
		snprintf(buf + strlen(buf), DSM_TEXT_MAX - strlen(buf), ": used up");
	else if (amount < r->computed.value)
		snprintf(buf + strlen(buf), DSM_TEXT_MAX - strlen(buf), ": %s left", a);
	else if (paid_before <= r->cap.value && amount == r->cap.value - paid_before)
		snprintf(buf + strlen(buf), DSM_TEXT_MAX - strlen(buf), ": reached");
	else
		snprintf(buf + strlen(buf), DSM_TEXT_MAX - strlen(buf), ": not reached");
}

static void
quota_note(const dsm_entry *r, char *buf, size_t size)
{
	buf[0] = '\0';
	if (r->placed)
		snprintf(buf, size, "quota: enterprise %lld of %lld places in %d%s",
				 (long long) r->quota_rank.value, (long long) r->outcome->quota.value, (int) r->year,
				 r->status == DSM_OVER_QUOTA ? ", over quota" : "");
}

/* "application 12, which gets 300,000.00" or "the award of ... under another city policy (...)" */
static void
describe_award(const dsm_entry *w, char *buf, size_t size)
{
	char		a[40];

	if (w->other)
	{
		money(w->other_amount, a, sizeof(a));
		snprintf(buf, size, "the award of %s under another city policy (%.*s)", a,
				 (int) w->other_policy_name.len, w->other_policy_name.data ? w->other_policy_name.data : "");
	}
	else
	{
		money(w->payable, a, sizeof(a));
		snprintf(buf, size, "application %lld, which gets %s", (long long) w->app->application_id.value, a);
	}
}

static const char *
status_words(dsm_status status)
{
	switch (status)
	{
		case DSM_NO_MONETARY_AWARD:
			return "no monetary award";
		case DSM_INELIGIBLE:
			return "ineligible";
		case DSM_PENDING:
			return "pending";
		default:
			return dsm_status_name[status];
	}
}

/* Step 11: the reason of a row that is not paid, and the explanation of every row. */
static void
write_texts(dsm_entry *e, size_t n, size_t i, int32_t *which)
{
	dsm_entry  *r = &e[i];
	char		cap[DSM_TEXT_MAX],
				quota[DSM_TEXT_MAX / 2],
				stacking[DSM_TEXT_MAX / 2],
				amount[40];
	char	   *x = r->explanation;
	size_t		j;

	if (r->other)
	{
		r->reason[0] = '\0';
		x[0] = '\0';
		if (r->outranked_by >= 0)
		{
			describe_award(&e[r->outranked_by], stacking, sizeof(stacking));
			snprintf(x, DSM_TEXT_MAX, "outranked by %s: only the highest award of a project in a year is paid (从高不重复); its department should withhold it",
					 stacking);
		}
		return;
	}

	switch (r->status)
	{
		case DSM_NOT_IN_FORCE:
			snprintf(x, DSM_TEXT_MAX, "not in force: %s", r->reason);
			break;
		case DSM_NO_MONETARY_AWARD:
		case DSM_INELIGIBLE:
		case DSM_PENDING:
			snprintf(x, DSM_TEXT_MAX, "%s: %s", status_words(r->status), r->reason);
			break;
		default:
			cap_note(e, n, i, which, cap);
			quota_note(r, quota, sizeof(quota));
			stacking[0] = '\0';
			if (r->status == DSM_SUPERSEDED && r->outranked_by >= 0)
			{
				char		w[DSM_TEXT_MAX / 4];

				describe_award(&e[r->outranked_by], w, sizeof(w));
				snprintf(stacking, sizeof(stacking), "superseded by %s", w);
			}
			snprintf(x, DSM_TEXT_MAX, "%s", r->outcome->formula);
			if (cap[0] != '\0')
				dsm_append(x, "%s", cap);
			if (quota[0] != '\0')
				dsm_append(x, "%s", quota);
			if (r->outcome->stacking_exempt)
				dsm_append(x, "outside the stacking rule");
			if (stacking[0] != '\0')
				dsm_append(x, "%s", stacking);
			for (j = 0; j < n; j++)
			{
				/* the other policies' awards this one outranks: theirs to withhold */
				if (e[j].other && e[j].outranked_by == (int32_t) i)
				{
					char		w[DSM_TEXT_MAX / 2];

					describe_award(&e[j], w, sizeof(w));
					dsm_append(x, "outranks %s, to be withheld", w);
				}
			}
			money(r->payable, amount, sizeof(amount));
			dsm_append(x, "payable %s", amount);

			/* the reason of a row the group steps stop */
			if (r->status == DSM_OVER_QUOTA)
				snprintf(r->reason, DSM_TEXT_MAX, "%s", quota);
			else if (r->status == DSM_CAP_EXHAUSTED)
			{
				int64_t		paid;
				size_t		count = cap_users(e, n, i, true, which, &paid);
				char		c[40],
							names[256];

				money(r->cap.value, c, sizeof(c));
				name_applications(e, which, count, names, sizeof(names));
				snprintf(r->reason, DSM_TEXT_MAX, "cap %s per %s used up by %s", c,
						 scope_words(r->outcome->cap_scope), names);
			}
			else if (r->status == DSM_SUPERSEDED)
				snprintf(r->reason, DSM_TEXT_MAX, "%s: only the highest award of a project in a year is paid (从高不重复)",
						 stacking);
			else
				r->reason[0] = '\0';
			break;
	}
	if (r->outcome->facts != NULL && r->outcome->facts[0] != '\0')
		dsm_append(x, "%s", r->outcome->facts);
	if (r->outcome->warning[0] != '\0')
		dsm_append(x, "check: %s", r->outcome->warning);
}

/* ------------------------------------------------------------------------
 * The rules
 * ------------------------------------------------------------------------ */

int64_t
dsm_claim_award(const dsm_claim *claim, int64_t allocated)
{
	int64_t		left;

	if (claim->cap == DSM_NO_CAP)
		return claim->amount;
	left = claim->cap > allocated ? claim->cap - allocated : 0;
	return claim->amount < left ? claim->amount : left;
}

/* An application's claim on its cap group, for dsm_claim_award. */
static dsm_claim
claim_of(const dsm_entry *r, int64_t amount)
{
	dsm_claim	c;

	c.applied_at = r->app->applied_at.value;
	c.application_id = r->app->application_id.value;
	c.amount = amount;
	c.cap = r->cap.present ? r->cap.value : DSM_NO_CAP;
	return c;
}

bool
dsm_candidate_beats(const dsm_candidate *a, const dsm_candidate *b)
{
	if (a->amount != b->amount)
		return a->amount > b->amount;
	if (a->other != b->other)
		return a->other;
	if (a->other)
		return false;			/* two other awards of one amount: either will do */
	if (a->applied_at != b->applied_at)
		return a->applied_at < b->applied_at;
	return a->application_id < b->application_id;
}

static dsm_candidate
candidate_of(const dsm_entry *e)
{
	dsm_candidate c;

	c.amount = e->other ? e->other_amount : e->claim;
	c.other = e->other;
	c.applied_at = e->other ? 0 : e->app->applied_at.value;
	c.application_id = e->other ? e->other_award_id : e->app->application_id.value;
	return c;
}

static bool
beats(const dsm_entry *a, const dsm_entry *b)
{
	dsm_candidate x = candidate_of(a);
	dsm_candidate y = candidate_of(b);

	return dsm_candidate_beats(&x, &y);
}

/* A refused application reaches no amount. */
static void
refuse(dsm_entry *e, dsm_status status)
{
	e->status = status;
	e->computed.present = false;
	e->cap.present = false;
}

/* Initial state of every row, from dsm_evaluate's outcome. */
static void
start(dsm_entry *e, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		dsm_entry  *r = &e[i];

		r->claim = r->award = r->payable = 0;
		r->capped = r->placed = false;
		r->outranked_by = -1;
		if (r->other)
		{
			r->status = DSM_PAYABLE;	/* never paid here; a stacking candidate */
			r->computed.present = r->cap.present = false;
			r->year = r->other_year;
			continue;
		}
		r->status = r->outcome->status;
		r->computed = r->outcome->computed;
		r->cap = r->outcome->cap;
		r->year = (int32_t) r->app->award_year.value;
		r->period_from = r->outcome->period_from;
		r->period_until = r->outcome->period_until;
		snprintf(r->reason, DSM_TEXT_MAX, "%s", r->outcome->reason);
	}
}

/* Step 5: once only.  The first application of a group that qualifies; the others are repeats. */
static void
once_only(dsm_entry *e, size_t n)
{
	size_t		i,
				j;

	for (i = 0; i < n; i++)
	{
		dsm_entry  *r = &e[i];

		if (r->other || r->outcome->once_only == DSM_ONCE_NONE ||
			(r->status != DSM_ELIGIBLE && r->status != DSM_PENDING))
			continue;
		for (j = 0; j < i; j++)
		{
			const dsm_entry *f = &e[j];

			if (!f->other && f->once_group == r->once_group &&
				(f->status == DSM_ELIGIBLE || f->status == DSM_PENDING))
			{
				refuse(r, DSM_INELIGIBLE);
				snprintf(r->reason, DSM_TEXT_MAX, "once_only: application %lld qualified first (once per %s)",
						 (long long) f->app->application_id.value,
						 r->outcome->once_only == DSM_ONCE_ENTERPRISE_PRODUCT ? "enterprise and product"
						 : "enterprise");
				break;
			}
		}
	}
}

/* Whether row i is its enterprise's claim on the quota of its clause and award year (step 6). */
static bool
is_quota_claim(const dsm_entry *e, size_t i)
{
	size_t		j;
	const dsm_entry *r = &e[i];

	if (r->other || r->status != DSM_ELIGIBLE || !r->outcome->quota.present)
		return false;
	for (j = 0; j < i; j++)
		if (!e[j].other && e[j].status == DSM_ELIGIBLE && e[j].outcome->quota.present &&
			e[j].year == r->year && compare_text(e[j].app->clause_code, r->app->clause_code) == 0)
			return false;
	return true;
}

size_t
dsm_quota_claims(dsm_entry *e, size_t n, size_t *claims, void *memory)
{
	scratch		s = scratch_of(memory, n);
	size_t		i,
				count = 0;

	start(e, n);
	assign_groups(e, n, &s);
	once_only(e, n);
	for (i = 0; i < n; i++)
		if (is_quota_claim(e, i))
			claims[count++] = i;
	return count;
}

static bool
overlaps(const dsm_entry *a, const dsm_entry *b)
{
	return a->period_from.present && b->period_from.present &&
		a->period_from.value <= b->period_until.value && b->period_from.value <= a->period_until.value;
}

/*
 * Step 7: a spending period that overlaps the period of an earlier
 * application of the same clause and service that is subsidised: one of an
 * earlier award year that is payable, or one of the same award year still
 * in the running.
 */
static void
spending_periods(dsm_entry *e, size_t n, int32_t year)
{
	size_t		i,
				j;

	for (i = 0; i < n; i++)
	{
		dsm_entry  *r = &e[i];

		if (r->other || r->year != year || r->status != DSM_ELIGIBLE || !r->outcome->exclusive_period)
			continue;
		for (j = 0; j < n; j++)
		{
			const dsm_entry *p = &e[j];
			bool		earlier = p->year < year || (p->year == year && j < i);
			bool		subsidised = p->year < year ? p->status == DSM_PAYABLE : p->status == DSM_ELIGIBLE;
			char		a[16],
						b[16],
						c[16],
						d[16];

			/* whatever the earlier one's own rule said (doc/reference.md, step 7) */
			if (j == i || p->other || !earlier || !subsidised ||
				p->period_group != r->period_group || !overlaps(p, r))
				continue;
			dsm_format_date((int32_t) r->period_from.value, a, sizeof(a));
			dsm_format_date((int32_t) r->period_until.value, b, sizeof(b));
			dsm_format_date((int32_t) p->period_from.value, c, sizeof(c));
			dsm_format_date((int32_t) p->period_until.value, d, sizeof(d));
			refuse(r, DSM_INELIGIBLE);
			snprintf(r->reason, DSM_TEXT_MAX,
					 "exclusive_spending_period: the spending of %s to %s overlaps that of application %lld (%s to %s), already subsidised",
					 a, b, (long long) p->app->application_id.value, c, d);
			break;
		}
	}
}

static int
year_order(const void *x, const void *y)
{
	return compare_int64(*(const int32_t *) x, *(const int32_t *) y);
}

dsm_decide_result
dsm_decide_enterprise(dsm_entry *e, size_t n, void *memory)
{
	scratch		s = scratch_of(memory, n);
	size_t		i,
				j,
				y,
				nyears = 0;

	start(e, n);
	assign_groups(e, n, &s);
	for (i = 0; i < n; i++)
	{
		s.paid_before[i] = s.paid_this_year[i] = 0;
		if (nyears == 0 || s.years[nyears - 1] != e[i].year)
			s.years[nyears++] = e[i].year;
	}
	qsort(s.years, nyears, sizeof(int32_t), year_order);

	/* 5. once only */
	once_only(e, n);

	/* 6. quota: the enterprise's place, given for every eligible application of a quota clause */
	for (i = 0; i < n; i++)
	{
		dsm_entry  *r = &e[i];

		if (r->other || r->status != DSM_ELIGIBLE || !r->outcome->quota.present)
			continue;
		if (!r->quota_rank.present)
			return DSM_NO_QUOTA_PLACE;
		r->placed = true;
		if (r->quota_rank.value > r->outcome->quota.value)
			r->status = DSM_OVER_QUOTA;
	}

	for (y = 0; y < nyears; y++)
	{
		int32_t		year = s.years[y];
		dsm_claim	claim;

		if (y > 0 && year == s.years[y - 1])
			continue;

		/* 7. spending periods */
		spending_periods(e, n, year);

		/* 8. claims: the amount cut to the cap its group left after earlier years */
		for (i = 0; i < n; i++)
		{
			dsm_entry  *r = &e[i];

			if (r->other || r->year != year || r->status != DSM_ELIGIBLE)
				continue;
			claim = claim_of(r, r->computed.value);
			r->claim = dsm_claim_award(&claim, s.paid_before[r->cap_group]);
			if (r->computed.value > 0 && r->claim == 0)
			{
				r->status = DSM_CAP_EXHAUSTED;
				r->capped = true;
			}
		}

		/*
		 * 9. stacking: in each (project, award year) group, an application is
		 * superseded by any candidate that outranks it: another policy's
		 * award, and under stacking_scope all_awards also this policy's own.
		 */
		for (i = 0; i < n; i++)
		{
			dsm_entry  *r = &e[i];
			int32_t		best = -1;

			if (r->other || r->year != year || r->status != DSM_ELIGIBLE || r->outcome->stacking_exempt)
				continue;
			for (j = 0; j < n; j++)
			{
				const dsm_entry *c = &e[j];

				if (j == i || c->stacking_group != r->stacking_group)
					continue;
				if (c->other ? c->other_amount <= 0
					: (r->outcome->stacking_scope != DSM_STACKING_ALL_AWARDS || c->status != DSM_ELIGIBLE ||
					   c->outcome->stacking_exempt))
					continue;
				if (best < 0 || beats(c, &e[best]))
					best = (int32_t) j;
			}
			if (best >= 0 && beats(&e[best], r))
				r->outranked_by = best;
		}
		for (i = 0; i < n; i++)
			if (!e[i].other && e[i].year == year && e[i].status == DSM_ELIGIBLE && e[i].outranked_by >= 0)
			{
				e[i].status = DSM_SUPERSEDED;
				e[i].award = e[i].claim;
				e[i].capped = e[i].claim < e[i].computed.value;
			}

		/* 10. the winners share what is left of their cap, in application order */
		for (i = 0; i < n; i++)
		{
			dsm_entry  *r = &e[i];
			int64_t		award;

			if (r->other || r->year != year || r->status != DSM_ELIGIBLE)
				continue;
			if (s.paid_before[r->cap_group] > INT64_MAX - s.paid_this_year[r->cap_group])
				return DSM_OVERFLOW;
			claim = claim_of(r, r->claim);
			award = dsm_claim_award(&claim, s.paid_before[r->cap_group] + s.paid_this_year[r->cap_group]);
			r->award = award;
			r->capped = award < r->computed.value;
			if (r->computed.value > 0 && award == 0)
				r->status = DSM_CAP_EXHAUSTED;
			else
			{
				r->status = DSM_PAYABLE;
				r->payable = award;
				if (s.paid_this_year[r->cap_group] > INT64_MAX - award)
					return DSM_OVERFLOW;
				s.paid_this_year[r->cap_group] += award;
			}
		}

		/* the other policies' awards that a payable application of ours outranks */
		for (i = 0; i < n; i++)
		{
			dsm_entry  *o = &e[i];

			if (!o->other || o->year != year || o->other_amount <= 0)
				continue;
			for (j = 0; j < n; j++)
			{
				const dsm_entry *r = &e[j];

				if (r->other || r->stacking_group != o->stacking_group || r->status != DSM_PAYABLE ||
					r->outcome->stacking_exempt || !beats(r, o))
					continue;
				if (o->outranked_by < 0 || beats(r, &e[o->outranked_by]))
					o->outranked_by = (int32_t) j;
			}
		}

		/*
		 * 11. the texts of the year's rows, then its payments count for later
		 * years.  What a group paid up to now must fit first: the texts add
		 * up parts of it.
		 */
		for (i = 0; i < n; i++)
			if (s.paid_before[i] > INT64_MAX - s.paid_this_year[i])
				return DSM_OVERFLOW;
		for (i = 0; i < n; i++)
			if (e[i].year == year)
				write_texts(e, n, i, s.order);
		for (i = 0; i < n; i++)
		{
			s.paid_before[i] += s.paid_this_year[i];
			s.paid_this_year[i] = 0;
		}
	}
	return DSM_DECIDED;
}
