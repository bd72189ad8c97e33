/*
 * enterprise_test.c
 *	  Unit test of the rules across an enterprise's applications
 *	  (src/enterprise.c, doc/reference.md "The rules, in order", steps 5 to
 *	  11) and of the cap allocation of the aggregates (src/allocation.c),
 *	  without PostgreSQL.  Prints TAP; built with ASan and UBSan and run by
 *	  `make core-check`.
 *
 * Each test builds an enterprise by hand: applications with the outcome
 * dsm_evaluate() would have given them (steps 1 to 4), and other policies'
 * awards; sorts them as the glue does (dsm_sort_entries) and decides them
 * with dsm_decide_enterprise(), its scratch of dsm_enterprise_scratch_size()
 * bytes and every text buffer of exactly DSM_TEXT_MAX bytes on the heap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocation.h"
#include "enterprise.h"

static int	tests = 0;
static int	failures = 0;

static void
check(int ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tests, what);
}

static void
check_text(const char *got, const char *want, const char *what)
{
	int			ok = strcmp(got, want) == 0;

	check(ok, what);
	if (!ok)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got, want);
}

static void
check_has(const char *got, const char *part, const char *what)
{
	int			ok = strstr(got, part) != NULL;

	check(ok, what);
	if (!ok)
		printf("#   \"%s\"\n#   does not contain \"%s\"\n", got, part);
}

static int32_t
day(int year, int month, int dom)
{
	int32_t		d = 0;

	if (!dsm_date_from_ymd(year, month, dom, &d))
		printf("# bad date %d-%d-%d\n", year, month, dom);
	return d;
}

static dsm_value
some(int64_t v)
{
	dsm_value	x = {true, v};

	return x;
}

static const dsm_value null_value = {false, 0};

static dsm_text
text(const char *s)
{
	dsm_text	t = {s, (int32_t) strlen(s)};

	return t;
}

/* ------------------------------------------------------------------------
 * An enterprise, built by hand
 * ------------------------------------------------------------------------ */

#define MAX_ROWS 24
#define NO_CAP (-1)

static dsm_application apps[MAX_ROWS];
static dsm_outcome outs[MAX_ROWS];
static dsm_entry rows[MAX_ROWS];
static char *texts[MAX_ROWS][5];	/* outcome reason, formula, warning; entry reason, explanation */
static char formulas[MAX_ROWS][64];
static size_t nrows;
static void *scratch;

static void
reset(void)
{
	size_t		i;
	int			k;

	for (i = 0; i < MAX_ROWS; i++)
		for (k = 0; k < 5; k++)
		{
			if (texts[i][k] == NULL && (texts[i][k] = malloc(DSM_TEXT_MAX)) == NULL)
				abort();
			memset(texts[i][k], 'x', DSM_TEXT_MAX);
		}
	memset(apps, 0, sizeof(apps));
	memset(outs, 0, sizeof(outs));
	memset(rows, 0xA5, sizeof(rows));	/* what the rules decide starts as junk */
	nrows = 0;
}

/*
 * An eligible application: steps 1 to 4 passed, computed (fen), its own cap
 * (NO_CAP: none), cap scope application; applied at `at` (any unit: only the
 * order counts).  Change its outcome through the pointer returned.
 */
static dsm_outcome *
add(int64_t id, const char *clause, const char *project, int year, int64_t at, int64_t computed, int64_t cap)
{
	size_t		i = nrows++;
	dsm_application *a = &apps[i];
	dsm_outcome *o = &outs[i];
	dsm_entry  *e = &rows[i];

	a->application_id = some(id);
	a->clause_code = text(clause);
	a->project_ref = text(project);
	a->applied_at = some(at);
	a->applied_on = some(day(year, 6, 30));
	a->qualifying_date = some(day(year, 6, 30));
	a->award_year = some(year);
	a->scale = some(DSM_ABOVE_SCALE);

	o->status = DSM_ELIGIBLE;
	o->computed = some(computed);
	o->cap = cap == NO_CAP ? null_value : some(cap);
	o->cap_scope = DSM_SCOPE_APPLICATION;
	o->once_only = DSM_ONCE_NONE;
	o->stacking_scope = DSM_STACKING_ALL_AWARDS;
	o->period_until = a->applied_on;
	o->reason = texts[i][0];
	o->formula = texts[i][1];
	o->warning = texts[i][2];
	o->facts = NULL;
	o->reason[0] = o->warning[0] = '\0';
	dsm_format_money(computed, formulas[i], sizeof(formulas[i]));
	snprintf(o->formula, DSM_TEXT_MAX, "computed %s", formulas[i]);

	memset(e, 0xA5, sizeof(*e));
	e->other = false;
	e->app = a;
	e->outcome = o;
	e->quota_rank = null_value;
	e->reason = texts[i][3];
	e->explanation = texts[i][4];
	return o;
}

/* An application that steps 1 to 4 did not leave eligible. */
static dsm_outcome *
add_refused(int64_t id, const char *clause, const char *project, int year, int64_t at, dsm_status status,
			const char *reason)
{
	dsm_outcome *o = add(id, clause, project, year, at, 0, NO_CAP);

	o->status = status;
	o->computed = null_value;
	o->formula[0] = '\0';
	snprintf(o->reason, DSM_TEXT_MAX, "%s", reason);
	return o;
}

static void
add_other(int64_t id, const char *project, int year, int64_t amount, const char *policy)
{
	size_t		i = nrows++;
	dsm_entry  *e = &rows[i];

	memset(e, 0xA5, sizeof(*e));
	e->other = true;
	e->app = NULL;
	e->outcome = NULL;
	e->other_award_id = id;
	e->other_year = year;
	e->other_project_ref = text(project);
	e->other_amount = amount;
	e->other_policy_name = text(policy);
	e->reason = texts[i][3];
	e->explanation = texts[i][4];
}

/* The quota place of every application of a clause and year. */
static void
place(const char *clause, int year, int64_t rank)
{
	size_t		i;

	for (i = 0; i < nrows; i++)
		if (!rows[i].other && strcmp(rows[i].app->clause_code.data, clause) == 0 &&
			rows[i].app->award_year.value == year)
			rows[i].quota_rank = some(rank);
}

static dsm_decide_result
decide(void)
{
	dsm_decide_result r;

	dsm_sort_entries(rows, nrows);
	free(scratch);
	scratch = malloc(dsm_enterprise_scratch_size(nrows));
	r = dsm_decide_enterprise(rows, nrows, scratch);
	return r;
}

/* The row of an application, or of another policy's award (other = true). */
static dsm_entry *
find(int64_t id, bool other)
{
	size_t		i;

	for (i = 0; i < nrows; i++)
		if (rows[i].other == other && (other ? rows[i].other_award_id : rows[i].app->application_id.value) == id)
			return &rows[i];
	printf("# no row %lld\n", (long long) id);
	abort();
}

#define APP(id) find((id), false)
#define OTHER(id) find((id), true)

static bool
is(dsm_entry *e, dsm_status status, int64_t award, int64_t payable)
{
	bool		ok = e->status == status && e->award == award && e->payable == payable;

	if (!ok)
		printf("#   application %lld: %s award %lld payable %lld; wanted %s %lld %lld\n",
			   (long long) (e->other ? e->other_award_id : e->app->application_id.value),
			   dsm_status_name[e->status], (long long) e->award, (long long) e->payable,
			   dsm_status_name[status], (long long) award, (long long) payable);
	return ok;
}

/* ------------------------------------------------------------------------
 * Step 5: once only
 * ------------------------------------------------------------------------ */

static void
test_once_only(void)
{
	/* clause 12 once per enterprise: repeats in the same and the next year */
	reset();
	add(1, "12", "P", 2022, 10, 1000000, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	add(2, "12", "Q", 2022, 20, 1000000, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	add(3, "12", "R", 2023, 30, 1000000, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	add(4, "14", "S", 2023, 40, 500000, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	check(decide() == DSM_DECIDED, "once only: decided");
	check(is(APP(1), DSM_PAYABLE, 1000000, 1000000), "once per enterprise: the first application is payable");
	check(is(APP(2), DSM_INELIGIBLE, 0, 0) && !APP(2)->computed.present && !APP(2)->cap.present,
		  "  a repeat in the same year is ineligible, without computed amount or cap");
	check_text(APP(2)->reason, "once_only: application 1 qualified first (once per enterprise)", "  its reason names the first");
	check(is(APP(3), DSM_INELIGIBLE, 0, 0), "  a repeat in the next year is ineligible too");
	check_text(APP(3)->reason, "once_only: application 1 qualified first (once per enterprise)",
			   "  and names the first, not the second");
	check_text(APP(3)->explanation, "ineligible: once_only: application 1 qualified first (once per enterprise)",
			   "  its explanation");
	check(is(APP(4), DSM_PAYABLE, 500000, 500000), "  another clause is not limited");

	/* clause 15 once per enterprise and product */
	reset();
	add(1, "15", "A", 2022, 10, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE_PRODUCT;
	add(2, "15", "A", 2023, 20, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE_PRODUCT;
	add(3, "15", "B", 2023, 30, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE_PRODUCT;
	decide();
	check(is(APP(1), DSM_PAYABLE, 100, 100) && is(APP(3), DSM_PAYABLE, 100, 100),
		  "once per enterprise and product: the first of each product is payable, another product allowed");
	check(APP(2)->status == DSM_INELIGIBLE, "  the same product the next year is ineligible");
	check_text(APP(2)->reason, "once_only: application 1 qualified first (once per enterprise and product)",
			   "  (once per enterprise and product)");

	/* who keeps the place: the first eligible or pending, in application order, whatever the year */
	reset();
	add_refused(1, "12", "P", 2022, 10, DSM_INELIGIBLE, "requires_in_use: the service is no longer in use")->once_only =
		DSM_ONCE_ENTERPRISE;
	add_refused(2, "12", "P", 2022, 20, DSM_NOT_IN_FORCE, "the policy takes effect on 2022-07-28")->once_only =
		DSM_ONCE_ENTERPRISE;
	add_refused(3, "12", "P", 2023, 30, DSM_PENDING, "approved_amount not yet recorded")->once_only = DSM_ONCE_ENTERPRISE;
	add(4, "12", "P", 2023, 40, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	decide();
	check(APP(1)->status == DSM_INELIGIBLE && APP(2)->status == DSM_NOT_IN_FORCE && APP(3)->status == DSM_PENDING,
		  "  statuses of steps 1 to 4 stay");
	check_text(APP(1)->reason, "requires_in_use: the service is no longer in use", "  with their reasons");
	check(is(APP(4), DSM_INELIGIBLE, 0, 0), "an eligible application after a pending one is the repeat");
	check_text(APP(4)->reason, "once_only: application 3 qualified first (once per enterprise)",
			   "  ineligible and not-in-force ones keep no place");
	check(APP(3)->award == 0 && APP(3)->payable == 0 && !APP(3)->capped, "statuses before step 6 pay 0");
	check_text(APP(2)->explanation, "not in force: the policy takes effect on 2022-07-28", "  not in force: explained");
	check_text(APP(3)->explanation, "pending: approved_amount not yet recorded", "  pending: explained");

	reset();
	add(1, "12", "P", 2024, 10, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	add(2, "12", "P", 2023, 20, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	decide();
	check(APP(1)->status == DSM_PAYABLE && APP(2)->status == DSM_INELIGIBLE,
		  "application order decides, not the award year: a later application of an earlier year is the repeat");

	reset();
	add(5, "12", "P", 2023, 10, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	add(4, "12", "P", 2023, 10, 100, NO_CAP)->once_only = DSM_ONCE_ENTERPRISE;
	decide();
	check(APP(4)->status == DSM_PAYABLE && APP(5)->status == DSM_INELIGIBLE,
		  "  at the same applied_at, the lower application_id is first");

	reset();
	add(1, "12", "P", 2023, 10, 100, NO_CAP);
	add(2, "12", "Q", 2023, 20, 200, NO_CAP);
	add(3, "12", "R", 2024, 30, 300, NO_CAP);
	decide();
	check(is(APP(1), DSM_PAYABLE, 100, 100) && is(APP(2), DSM_PAYABLE, 200, 200) && is(APP(3), DSM_PAYABLE, 300, 300),
		  "once_only none (or no row) sets no limit");
}

/* ------------------------------------------------------------------------
 * Step 6: quota
 * ------------------------------------------------------------------------ */

static void
test_quota(void)
{
	size_t		claims[MAX_ROWS];
	size_t		nclaims;

	/* rank = Q pays, Q + 1 is over quota */
	reset();
	add(12, "3", "P", 2023, 10, 3000000, 5000000)->quota = some(30);
	add(13, "3", "Q", 2023, 20, 3000000, 5000000)->quota = some(30);
	add(14, "3", "R", 2024, 30, 3000000, 5000000)->quota = some(30);
	place("3", 2023, 30);
	place("3", 2024, 31);
	check(decide() == DSM_DECIDED, "quota: decided");
	check(is(APP(12), DSM_PAYABLE, 3000000, 3000000) && APP(12)->placed && APP(12)->quota_rank.value == 30,
		  "place 30 of 30: payable, its place shown");
	check(APP(13)->placed && APP(13)->quota_rank.value == 30 && APP(13)->status == DSM_PAYABLE,
		  "  every eligible application of the clause and year shows the enterprise's place");
	check_text(APP(12)->explanation, "computed 30,000.00; cap 50,000.00 not reached; quota: enterprise 30 of 30 places in 2023; payable 30,000.00",
			   "  explained");
	check(is(APP(14), DSM_OVER_QUOTA, 0, 0) && APP(14)->computed.present && APP(14)->computed.value == 3000000 &&
		  !APP(14)->capped, "place 31 of 30: over_quota, award 0, the computed amount kept, not capped");
	check_text(APP(14)->reason, "quota: enterprise 31 of 30 places in 2024, over quota", "  its reason");
	check_has(APP(14)->explanation, "quota: enterprise 31 of 30 places in 2024, over quota; payable 0.00",
			  "  its explanation");

	/* the application's own Q */
	reset();
	add(1, "3", "P", 2023, 10, 100, NO_CAP)->quota = some(5);
	add(2, "3", "Q", 2023, 20, 100, NO_CAP)->quota = some(6);
	place("3", 2023, 6);
	decide();
	check(APP(1)->status == DSM_OVER_QUOTA && APP(2)->status == DSM_PAYABLE,
		  "rank > the application's own Q: place 6 is over a quota of 5, within one of 6");

	/* a missing place */
	reset();
	add(1, "3", "P", 2023, 10, 100, NO_CAP)->quota = some(30);
	check(decide() == DSM_NO_QUOTA_PLACE, "an eligible application of a quota clause without a place: DSM_NO_QUOTA_PLACE");
	reset();
	add_refused(1, "3", "P", 2023, 10, DSM_INELIGIBLE, "missing fact: expenditure")->quota = some(30);
	add(2, "3", "P", 2023, 20, 100, NO_CAP)->quota = some(30);
	add(3, "3", "P", 2023, 30, 100, NO_CAP)->quota = some(30);
	outs[1].once_only = outs[2].once_only = DSM_ONCE_ENTERPRISE;
	place("3", 2023, 1);
	rows[0].quota_rank = null_value;
	rows[2].quota_rank = null_value;
	check(decide() == DSM_DECIDED && APP(3)->status == DSM_INELIGIBLE && !APP(3)->placed && !APP(1)->placed,
		  "  ineligible ones, and ones refused once only, need no place and show none");

	/* the claims: each enterprise's first eligible application of a clause and year after step 5 */
	reset();
	add_refused(1, "3", "P", 2023, 10, DSM_INELIGIBLE, "x")->quota = some(30);
	add_refused(2, "3", "P", 2023, 15, DSM_PENDING, "x")->quota = some(30);
	add(3, "2.3", "P", 2023, 20, 100, NO_CAP)->quota = some(30);
	outs[2].once_only = DSM_ONCE_ENTERPRISE;
	add(4, "2.3", "P", 2023, 25, 100, NO_CAP)->quota = some(30);
	outs[3].once_only = DSM_ONCE_ENTERPRISE;
	add(5, "3", "P", 2023, 30, 100, NO_CAP)->quota = some(30);
	add(6, "3", "Q", 2023, 40, 900, NO_CAP)->quota = some(30);
	add(7, "3", "P", 2024, 50, 100, NO_CAP)->quota = some(30);
	add(8, "1", "P", 2023, 60, 100, NO_CAP);
	add(9, "2.3", "P", 2024, 70, 100, NO_CAP)->quota = some(30);
	outs[8].once_only = DSM_ONCE_ENTERPRISE;
	add_other(1, "P", 2023, 1000000, "other");
	dsm_sort_entries(rows, nrows);
	free(scratch);
	scratch = malloc(dsm_enterprise_scratch_size(nrows));
	nclaims = dsm_quota_claims(rows, nrows, claims, scratch);
	check(nclaims == 3 && !rows[claims[0]].other && rows[claims[0]].app->application_id.value == 3 &&
		  rows[claims[1]].app->application_id.value == 5 && rows[claims[2]].app->application_id.value == 7,
		  "dsm_quota_claims: the first eligible application per clause and year (3, 5, 7): not the ineligible or pending ones, "
		  "not a repeat refused once only (9), not a clause without a quota (8)");
	check(APP(9)->status == DSM_INELIGIBLE && strstr(APP(9)->reason, "application 3") != NULL,
		  "  once only is applied first (9 repeats 3)");
	place("2.3", 2023, 2);
	place("3", 2023, 1);
	place("3", 2024, 1);
	check(decide() == DSM_DECIDED && APP(5)->status == DSM_SUPERSEDED && APP(5)->placed,
		  "  an application superseded later (5, by another policy's 10,000.00) keeps its enterprise's place");

	/* dsm_quota_claims on nothing */
	check(dsm_quota_claims(rows, 0, claims, scratch) == 0, "dsm_quota_claims of no rows: no claim");
}

/* ------------------------------------------------------------------------
 * Step 7: spending periods
 * ------------------------------------------------------------------------ */

static dsm_outcome *
add_period(int64_t id, const char *project, int year, int64_t at, int32_t from, int32_t until, int64_t computed)
{
	dsm_outcome *o = add(id, "3", project, year, at, computed, NO_CAP);

	o->exclusive_period = true;
	o->period_from = some(from);
	o->period_until = some(until);
	return o;
}

static void
test_spending_periods(void)
{
	/* overlap by one day (stacking-exempt, to see the periods alone) */
	reset();
	add_period(1, "cloud", 2023, 10, day(2023, 1, 1), day(2023, 3, 31), 100)->stacking_exempt = true;
	add_period(2, "cloud", 2023, 20, day(2023, 3, 31), day(2023, 6, 30), 200)->stacking_exempt = true;
	check(decide() == DSM_DECIDED && is(APP(1), DSM_PAYABLE, 100, 100), "spending periods: the first is payable");
	check(is(APP(2), DSM_INELIGIBLE, 0, 0) && !APP(2)->computed.present && !APP(2)->cap.present,
		  "a period overlapping an earlier one of the same year by one day is ineligible, no computed amount");
	check_text(APP(2)->reason,
			   "exclusive_spending_period: the spending of 2023-03-31 to 2023-06-30 overlaps that of application 1 (2023-01-01 to 2023-03-31), already subsidised",
			   "  its reason");

	/* touching */
	reset();
	add_period(1, "cloud", 2023, 10, day(2023, 1, 1), day(2023, 3, 31), 100)->stacking_exempt = true;
	add_period(2, "cloud", 2023, 20, day(2023, 4, 1), day(2023, 6, 30), 100)->stacking_exempt = true;
	add_period(3, "other-service", 2023, 30, day(2023, 1, 1), day(2023, 6, 30), 100);
	decide();
	check(APP(1)->status == DSM_PAYABLE && APP(2)->status == DSM_PAYABLE && APP(3)->status == DSM_PAYABLE,
		  "touching periods are both paid; another service's period may overlap");

	/* earlier years: payable counts, over quota does not */
	reset();
	add_period(1, "cloud", 2022, 10, day(2022, 10, 1), day(2023, 1, 31), 100)->quota = some(30);
	add_period(2, "cloud", 2023, 20, day(2023, 1, 1), day(2023, 6, 30), 100)->quota = some(30);
	place("3", 2022, 1);
	place("3", 2023, 1);
	decide();
	check(APP(1)->status == DSM_PAYABLE && APP(2)->status == DSM_INELIGIBLE,
		  "an overlap with a payable application of an earlier year: ineligible");
	check_has(APP(2)->reason, "overlaps that of application 1 (2022-10-01 to 2023-01-31), already subsidised",
			  "  naming it and its period");
	reset();
	add_period(1, "cloud", 2022, 10, day(2022, 10, 1), day(2023, 1, 31), 100)->quota = some(30);
	add_period(2, "cloud", 2023, 20, day(2023, 1, 1), day(2023, 6, 30), 100)->quota = some(30);
	place("3", 2022, 31);
	place("3", 2023, 1);
	decide();
	check(APP(1)->status == DSM_OVER_QUOTA && APP(2)->status == DSM_PAYABLE,
		  "an overlap with an over-quota application of an earlier year: not subsidised, payable");
	reset();
	add_period(1, "cloud", 2022, 10, day(2022, 10, 1), day(2023, 1, 31), 100);
	add_period(2, "cloud", 2023, 20, day(2023, 1, 1), day(2023, 6, 30), 100);
	add_other(1, "cloud", 2022, 1000, "provincial cloud");
	decide();
	check(APP(1)->status == DSM_SUPERSEDED && APP(2)->status == DSM_PAYABLE,
		  "an overlap with a superseded application of an earlier year: not subsidised, payable");

	/* the same year: still eligible at this step, even if superseded afterwards */
	reset();
	add_period(1, "cloud", 2023, 10, day(2023, 1, 1), day(2023, 3, 31), 100);
	add_period(2, "cloud", 2023, 20, day(2023, 3, 1), day(2023, 6, 30), 100);
	add_other(1, "cloud", 2023, 1000, "provincial cloud");
	decide();
	check(APP(1)->status == DSM_SUPERSEDED && APP(2)->status == DSM_INELIGIBLE,
		  "the same year: an earlier application still eligible at step 7 counts, though superseded at step 9");

	/* a refused one subsidises nothing: a chain */
	reset();
	add_period(1, "cloud", 2023, 10, day(2023, 1, 1), day(2023, 3, 31), 100)->stacking_exempt = true;
	add_period(2, "cloud", 2023, 20, day(2023, 3, 1), day(2023, 5, 31), 100)->stacking_exempt = true;
	add_period(3, "cloud", 2023, 30, day(2023, 5, 1), day(2023, 6, 30), 100)->stacking_exempt = true;
	decide();
	check(APP(1)->status == DSM_PAYABLE && APP(2)->status == DSM_INELIGIBLE && APP(3)->status == DSM_PAYABLE,
		  "overlapping only a refused application is no overlap with a subsidised one");

	/* award years, not application order, decide which is earlier across years */
	reset();
	add_period(1, "cloud", 2024, 10, day(2023, 1, 1), day(2023, 12, 31), 100);
	add_period(2, "cloud", 2023, 20, day(2023, 6, 1), day(2023, 6, 30), 100);
	decide();
	check(APP(2)->status == DSM_PAYABLE && APP(1)->status == DSM_INELIGIBLE,
		  "an application of an earlier award year, applied later, is decided first and subsidised first");

	/* a clause without the rule is not checked */
	reset();
	add_period(1, "cloud", 2023, 10, day(2023, 1, 1), day(2023, 3, 31), 100)->stacking_exempt = true;
	add_period(2, "cloud", 2023, 20, day(2023, 1, 1), day(2023, 3, 31), 100)->stacking_exempt = true;
	outs[1].exclusive_period = false;
	decide();
	check(APP(2)->status == DSM_PAYABLE, "an application whose clause has no exclusive_spending_period is not refused");
}

/* ------------------------------------------------------------------------
 * Steps 8 and 10: caps that count what was paid
 * ------------------------------------------------------------------------ */

static void
test_caps(void)
{
	/* a project cap across years */
	reset();
	add(1, "4", "P", 2022, 10, 3000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add(2, "4", "P", 2023, 20, 3000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add(3, "4", "P", 2024, 30, 1000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add(4, "4", "Q", 2024, 40, 1000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	check(decide() == DSM_DECIDED, "caps: decided");
	check(is(APP(1), DSM_PAYABLE, 3000000, 3000000) && !APP(1)->capped, "project cap 50,000.00: 2022 gets 30,000.00");
	check(is(APP(2), DSM_PAYABLE, 2000000, 2000000) && APP(2)->capped && APP(2)->claim == 2000000,
		  "  2023 claims what 2022 left, 20,000.00, capped");
	check_text(APP(2)->explanation,
			   "computed 30,000.00; cap 50,000.00 per project, 30,000.00 paid before to application 1: 20,000.00 left; payable 20,000.00",
			   "  explained, naming the application that used the cap");
	check(is(APP(3), DSM_CAP_EXHAUSTED, 0, 0) && APP(3)->capped && APP(3)->computed.value == 1000000,
		  "  2024: nothing left, cap_exhausted");
	check_text(APP(3)->reason, "cap 50,000.00 per project used up by applications 1 and 2", "  its reason names them");
	check_has(APP(3)->explanation, "paid before to applications 1 and 2: used up", "  so does its explanation");
	check(is(APP(4), DSM_PAYABLE, 1000000, 1000000), "  another project has its own cap");

	/* a superseded year uses none of the cap */
	reset();
	add(1, "4", "P", 2022, 10, 3000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add(2, "4", "P", 2023, 20, 5000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add_other(7, "P", 2022, 4000000, "city talent");
	decide();
	check(is(APP(1), DSM_SUPERSEDED, 3000000, 0), "a superseded application: award = its claim, pays 0");
	check(is(APP(2), DSM_PAYABLE, 5000000, 5000000) && !APP(2)->capped,
		  "  and uses none of the cap: the next year gets the whole 50,000.00");
	check_has(APP(2)->explanation, "cap 50,000.00 per project: reached", "  the cap met exactly reads reached");

	/* a 0.00 computation is never cap_exhausted */
	reset();
	add(1, "4", "P", 2022, 10, 5000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add(2, "4", "P", 2023, 20, 0, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	decide();
	check(is(APP(2), DSM_PAYABLE, 0, 0) && !APP(2)->capped, "computed 0.00 under a used-up cap: payable 0.00, not cap_exhausted");

	/* a claim cut to 0 by earlier years is no stacking candidate */
	reset();
	add(1, "4", "P", 2022, 10, 5000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add(2, "4", "P", 2023, 20, 9000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	add(3, "5", "P", 2023, 30, 100, NO_CAP);
	decide();
	check(APP(2)->status == DSM_CAP_EXHAUSTED && is(APP(3), DSM_PAYABLE, 100, 100),
		  "a cap_exhausted claim (step 8) does not supersede a lower one of its project");

	/* sharing within a year, in application order */
	reset();
	add(12, "3", "A", 2023, 10, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(13, "3", "B", 2023, 20, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(11, "3", "C", 2023, 30, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(14, "3", "D", 2024, 40, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	outs[0].quota = outs[1].quota = outs[2].quota = outs[3].quota = some(30);
	place("3", 2023, 1);
	place("3", 2024, 2);
	decide();
	check(is(APP(12), DSM_PAYABLE, 3000000, 3000000) && is(APP(13), DSM_PAYABLE, 2000000, 2000000) &&
		  APP(13)->capped && APP(13)->claim == 3000000,
		  "enterprise_year cap 50,000.00: 30,000.00 then 20,000.00, in application order (not by id)");
	check_text(APP(13)->explanation,
			   "computed 30,000.00; cap 50,000.00 per enterprise and year, 30,000.00 paid before to application 12: 20,000.00 left; "
			   "quota: enterprise 1 of 30 places in 2023; payable 20,000.00",
			   "  explained as the contract's example");
	check(is(APP(11), DSM_CAP_EXHAUSTED, 0, 0) && APP(11)->capped, "  the third gets nothing: cap_exhausted");
	check_text(APP(11)->reason, "cap 50,000.00 per enterprise and year used up by applications 12 and 13", "  its reason");
	check(is(APP(14), DSM_PAYABLE, 3000000, 3000000), "  the next year has a cap of its own");

	/* equality: the cap met exactly */
	reset();
	add(1, "3", "A", 2023, 10, 2000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(2, "3", "B", 2023, 20, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(3, "3", "C", 2023, 30, 1, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	decide();
	check(is(APP(2), DSM_PAYABLE, 3000000, 3000000) && !APP(2)->capped, "20,000.00 + 30,000.00 under 50,000.00: all of it");
	check_has(APP(2)->explanation, "cap 50,000.00 per enterprise and year, 20,000.00 paid before to application 1: reached",
			  "  the cap met exactly reads reached");
	check_has(APP(1)->explanation, "cap 50,000.00 per enterprise and year: not reached", "  the first: not reached");
	check(is(APP(3), DSM_CAP_EXHAUSTED, 0, 0), "  0.01 more: cap_exhausted");

	/* each its own cap, the group's payments shared */
	reset();
	add(1, "3", "A", 2023, 10, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(2, "3", "B", 2023, 20, 3000000, 4000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(3, "3", "C", 2023, 30, 500000, NO_CAP)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	decide();
	check(is(APP(2), DSM_PAYABLE, 1000000, 1000000) && is(APP(3), DSM_PAYABLE, 500000, 500000),
		  "each application's own cap less what its group paid: 40,000.00 - 30,000.00; no cap: all of it");

	/* the application's own cap */
	reset();
	add(1, "1", "A", 2023, 10, 30000000, 40000000);
	add(2, "1", "B", 2023, 20, 40000000, 40000000);
	add(3, "1", "C", 2023, 30, 50000000, 40000000);
	decide();
	check_text(APP(1)->explanation, "computed 300,000.00; cap 400,000.00 not reached; payable 300,000.00",
			   "cap of the application: not reached");
	check_text(APP(2)->explanation, "computed 400,000.00; cap 400,000.00 reached; payable 400,000.00", "  met exactly: reached");
	check(is(APP(3), DSM_PAYABLE, 40000000, 40000000) && APP(3)->capped, "  above it: cut to it, capped");
	check_text(APP(3)->explanation, "computed 500,000.00; capped at 400,000.00; payable 400,000.00", "  capped at");

	/* what is not payable uses none of the cap */
	reset();
	add(1, "4", "P", 2022, 10, 3000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	outs[0].quota = some(1);
	add(2, "4", "P", 2023, 20, 5000000, 5000000)->cap_scope = DSM_SCOPE_PROJECT;
	outs[1].quota = some(1);
	place("4", 2022, 2);
	place("4", 2023, 1);
	decide();
	check(APP(1)->status == DSM_OVER_QUOTA && is(APP(2), DSM_PAYABLE, 5000000, 5000000),
		  "an over-quota application uses none of the cap");
}

/* ------------------------------------------------------------------------
 * Step 9: stacking
 * ------------------------------------------------------------------------ */

static void
test_stacking(void)
{
	/* another policy's award higher, equal, lower */
	reset();
	add(1, "1", "P", 2023, 10, 1000000, NO_CAP);
	add_other(7, "P", 2023, 1000001, "city talent");
	decide();
	check(is(APP(1), DSM_SUPERSEDED, 1000000, 0) && !APP(1)->capped, "another policy's award 0.01 higher: superseded");
	check_text(APP(1)->reason,
			   "superseded by the award of 10,000.01 under another city policy (city talent): only the highest award of a project in a year is paid (从高不重复)",
			   "  its reason");
	check(APP(1)->outranked_by >= 0 && rows[APP(1)->outranked_by].other, "  outranked by the other award");
	check(OTHER(7)->outranked_by == -1 && OTHER(7)->payable == 0 && OTHER(7)->explanation[0] == '\0',
		  "  the other award is not outranked, and never paid here");

	reset();
	add(1, "1", "P", 2023, 10, 1000000, NO_CAP);
	add_other(7, "P", 2023, 1000000, "city talent");
	decide();
	check(APP(1)->status == DSM_SUPERSEDED, "an equal award under another policy outranks ours");

	reset();
	add(1, "1", "P", 2023, 10, 1000000, NO_CAP);
	add_other(7, "P", 2023, 999999, "city talent");
	add_other(8, "P", 2024, 5000000, "next year");
	add_other(9, "Q", 2023, 5000000, "other project");
	decide();
	check(is(APP(1), DSM_PAYABLE, 1000000, 1000000), "one 0.01 lower: ours is payable; another year or project does not compete");
	check(OTHER(7)->outranked_by >= 0 && rows[OTHER(7)->outranked_by].app->application_id.value == 1,
		  "  the other award is outranked by ours (to be withheld)");
	check_has(OTHER(7)->explanation, "outranked by application 1, which gets 10,000.00", "  its explanation");
	check_has(APP(1)->explanation, "outranks the award of 9,999.99 under another city policy (city talent), to be withheld",
			  "  ours names it");
	check(OTHER(8)->outranked_by == -1 && OTHER(9)->outranked_by == -1, "  the others are not outranked");

	/* ours against ours: amount, then applied_at, then application_id */
	reset();
	add(1, "1", "P", 2023, 10, 1000000, NO_CAP);
	add(2, "4", "P", 2023, 20, 1000001, NO_CAP);
	add(3, "4", "Q", 2023, 10, 500, NO_CAP);
	add(4, "5", "Q", 2023, 5, 500, NO_CAP);
	add(6, "4", "R", 2023, 10, 500, NO_CAP);
	add(5, "5", "R", 2023, 10, 500, NO_CAP);
	decide();
	check(APP(1)->status == DSM_SUPERSEDED && APP(2)->status == DSM_PAYABLE, "the higher claim of a project wins, though later");
	check_has(APP(1)->reason, "superseded by application 2, which gets 10,000.01", "  the reason names the winner");
	check(APP(4)->status == DSM_PAYABLE && APP(3)->status == DSM_SUPERSEDED, "  a tie: the earlier applied_at wins");
	check(APP(5)->status == DSM_PAYABLE && APP(6)->status == DSM_SUPERSEDED, "  then the lower application_id");

	/* stacking_exempt */
	reset();
	add(1, "9", "P", 2023, 10, 100, NO_CAP)->stacking_exempt = true;
	add(2, "1", "P", 2023, 20, 50, NO_CAP);
	add_other(7, "P", 2023, 1000, "city talent");
	add(3, "9", "Q", 2023, 30, 1000, NO_CAP)->stacking_exempt = true;
	add(4, "1", "Q", 2023, 40, 50, NO_CAP);
	decide();
	check(is(APP(1), DSM_PAYABLE, 100, 100), "a stacking-exempt application is never superseded");
	check_has(APP(1)->explanation, "outside the stacking rule", "  explained");
	check(APP(2)->status == DSM_SUPERSEDED && rows[APP(2)->outranked_by].other, "  the other one still is");
	check(APP(4)->status == DSM_PAYABLE && OTHER(7)->outranked_by == -1,
		  "  an exempt one is no candidate: it supersedes nothing and outranks no other award");

	/* stacking_scope other_policies_only */
	reset();
	add(1, "1", "P", 2023, 10, 100, NO_CAP)->stacking_scope = DSM_STACKING_OTHER_POLICIES_ONLY;
	add(2, "4", "P", 2023, 20, 200, NO_CAP)->stacking_scope = DSM_STACKING_OTHER_POLICIES_ONLY;
	add(3, "1", "Q", 2023, 30, 100, NO_CAP)->stacking_scope = DSM_STACKING_OTHER_POLICIES_ONLY;
	add_other(7, "Q", 2023, 150, "city talent");
	decide();
	check(is(APP(1), DSM_PAYABLE, 100, 100) && is(APP(2), DSM_PAYABLE, 200, 200),
		  "other_policies_only: this policy's applications of a project do not compete");
	check(APP(3)->status == DSM_SUPERSEDED, "  but another policy's higher award still supersedes");

	/* the scope is the application's own */
	reset();
	add(1, "1", "P", 2023, 10, 200, NO_CAP)->stacking_scope = DSM_STACKING_OTHER_POLICIES_ONLY;
	add(2, "4", "P", 2023, 20, 100, NO_CAP);
	add(3, "1", "Q", 2023, 30, 100, NO_CAP)->stacking_scope = DSM_STACKING_OTHER_POLICIES_ONLY;
	add(4, "4", "Q", 2023, 40, 200, NO_CAP);
	decide();
	check(APP(1)->status == DSM_PAYABLE && APP(2)->status == DSM_SUPERSEDED,
		  "an all_awards application competes with an other_policies_only one that outranks it");
	check(APP(3)->status == DSM_PAYABLE && APP(4)->status == DSM_PAYABLE,
		  "  the other_policies_only one competes with no application of ours, even a higher one");

	/* 0.00 claims */
	reset();
	add(1, "1", "P", 2023, 10, 0, NO_CAP);
	add(2, "4", "P", 2023, 20, 1, NO_CAP);
	add(3, "1", "Q", 2023, 30, 0, NO_CAP);
	add_other(7, "Q", 2023, 0, "nothing");
	add(4, "1", "R", 2023, 40, 0, NO_CAP);
	add(5, "4", "R", 2023, 50, 0, NO_CAP);
	decide();
	check(is(APP(1), DSM_SUPERSEDED, 0, 0) && is(APP(2), DSM_PAYABLE, 1, 1), "a claim of 0.00 is a candidate, and superseded by 0.01");
	check(is(APP(3), DSM_PAYABLE, 0, 0) && APP(3)->reason[0] == '\0' && OTHER(7)->outranked_by == -1,
		  "alone (another policy's 0.00 is no candidate): payable 0.00, no reason");
	check_has(APP(3)->explanation, "payable 0.00", "  explained");
	check(APP(4)->status == DSM_PAYABLE && APP(5)->status == DSM_SUPERSEDED, "two 0.00 claims: the earlier is payable");

	/* superseded uses none of the cap: the winner's group and the loser's */
	reset();
	add(1, "3", "P", 2023, 10, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(2, "3", "Q", 2023, 20, 5000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add_other(7, "P", 2023, 9000000, "city talent");
	decide();
	check(APP(1)->status == DSM_SUPERSEDED && is(APP(2), DSM_PAYABLE, 5000000, 5000000),
		  "a superseded application's claim leaves the cap to the others of its group");

	/* the claim, not the cap share, stacks */
	reset();
	add(1, "3", "A", 2023, 10, 4000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(2, "3", "P", 2023, 20, 3000000, 5000000)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add_other(7, "P", 2023, 2500000, "city talent");
	decide();
	check(is(APP(2), DSM_PAYABLE, 1000000, 1000000) && OTHER(7)->outranked_by >= 0,
		  "a claim of 30,000.00 beats another policy's 25,000.00, though the cap leaves it 10,000.00");
}

/* ------------------------------------------------------------------------
 * Overflow, texts, the helpers of the aggregates
 * ------------------------------------------------------------------------ */

static void
test_overflow(void)
{
	reset();
	add(1, "3", "A", 2023, 10, INT64_MAX, NO_CAP)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(2, "3", "B", 2023, 20, 1, NO_CAP)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	check(decide() == DSM_OVERFLOW, "a cap group's total above INT64_MAX in a year: DSM_OVERFLOW, not a wrap");
	reset();
	add(1, "4", "P", 2022, 10, INT64_MAX, NO_CAP)->cap_scope = DSM_SCOPE_PROJECT;
	add(2, "4", "P", 2023, 20, 1, NO_CAP)->cap_scope = DSM_SCOPE_PROJECT;
	check(decide() == DSM_OVERFLOW, "  across years");
	reset();
	add(1, "4", "P", 2022, 10, INT64_MAX, NO_CAP)->cap_scope = DSM_SCOPE_PROJECT;
	add(2, "4", "P", 2023, 20, 0, NO_CAP)->cap_scope = DSM_SCOPE_PROJECT;
	add(3, "4", "Q", 2023, 30, INT64_MAX, NO_CAP)->cap_scope = DSM_SCOPE_PROJECT;
	check(decide() == DSM_DECIDED && APP(1)->payable == INT64_MAX && APP(3)->payable == INT64_MAX,
		  "  INT64_MAX exactly, in two groups, is no overflow");
	reset();
	add(1, "3", "A", 2023, 10, INT64_MAX, INT64_MAX)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	add(2, "3", "B", 2023, 20, INT64_MAX, INT64_MAX)->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
	check(decide() == DSM_DECIDED && APP(2)->status == DSM_CAP_EXHAUSTED, "  a cap keeps the total within range");
	reset();
	check(decide() == DSM_DECIDED, "an enterprise of no rows is decided");
}

static void
test_texts(void)
{
	size_t		i;
	bool		ok = true;
	static char long_name[3000];

	/* many users of a cap, a long other policy name: every text within its buffer */
	reset();
	memset(long_name, 'n', sizeof(long_name) - 1);
	for (i = 0; i < 20; i++)
	{
		dsm_outcome *o = add(1000000000000000000LL + (int64_t) i, "3", i % 2 ? "A" : "B", 2023, (int64_t) i, 100, 1500);

		o->cap_scope = DSM_SCOPE_ENTERPRISE_YEAR;
		o->stacking_exempt = i > 0;
	}
	add_other(INT64_MAX, "B", 2023, 50, long_name);
	check(decide() == DSM_DECIDED, "20 applications sharing a cap: decided");
	for (i = 0; i < nrows; i++)
		if (memchr(rows[i].reason, '\0', DSM_TEXT_MAX) == NULL ||
			memchr(rows[i].explanation, '\0', DSM_TEXT_MAX) == NULL)
			ok = false;
	check(ok, "  every reason and explanation ends within DSM_TEXT_MAX");
	check_has(APP(1000000000000000019LL)->reason,
			  "used up by applications 1000000000000000000, 1000000000000000001, 1000000000000000002, 1000000000000000003, "
			  "1000000000000000004, 1000000000000000005, 1000000000000000006, 1000000000000000007 and 7 more",
			  "  at most eight applications are named, then how many more");
	check(APP(1000000000000000014LL)->status == DSM_PAYABLE && APP(1000000000000000015LL)->status == DSM_CAP_EXHAUSTED,
		  "  fifteen of 1.00 under a cap of 15.00");
	check(OTHER(INT64_MAX)->outranked_by >= 0 && strstr(APP(1000000000000000000LL)->explanation, "(nnnnnnnn") != NULL &&
		  strstr(OTHER(INT64_MAX)->explanation, "outranked by application 1000000000000000000") != NULL,
		  "  an outranked award with a policy name of 3,000 bytes: the name cut, the texts whole");
}

static void
test_allocation(void)
{
	dsm_claim	c[4] = {
		{300, 4, 3000000, 5000000},	/* sorted last */
		{100, 2, 4000000, 5000000},
		{100, 1, 500000, 5000000},	/* same time, lower id: first */
		{200, 3, 4000000, 3000000},	/* a lower cap of its own */
	};
	int64_t		last = -1,
				total = -1;
	dsm_candidate ours1 = {100, false, 10, 1};
	dsm_candidate ours2 = {100, false, 10, 2};
	dsm_candidate early = {100, false, 5, 9};
	dsm_candidate other = {100, true, 0, 0};
	dsm_candidate other2 = {100, true, 0, 1};
	dsm_candidate higher = {101, false, 99, 99};
	dsm_claim	huge[2] = {{1, 1, INT64_MAX, DSM_NO_CAP}, {2, 2, 1, DSM_NO_CAP}};

	dsm_claims_sort(c, 4);
	check(c[0].application_id == 1 && c[1].application_id == 2 && c[3].application_id == 4,
		  "claims sort by applied_at, then application_id");
	check(dsm_claim_award(&c[0], 0) == 500000 && dsm_claim_award(&c[1], 500000) == 4000000 &&
		  dsm_claim_award(&c[2], 4500000) == 0 && dsm_claim_award(&c[3], 4500000) == 500000,
		  "each claim gets min(amount, its cap - allocated): 5,000 + 40,000; 0 under its own 30,000 cap; 5,000");
	check(dsm_claim_award(&c[0], 6000000) == 0, "  a cap already exceeded leaves 0, not a negative amount");
	check(dsm_allocate(c, 4, &last, &total) && last == 500000 && total == 5000000,
		  "the group gets exactly its 50,000.00 cap");
	c[0].cap = c[1].cap = c[2].cap = c[3].cap = DSM_NO_CAP;
	check(dsm_allocate(c, 4, &last, &total) && total == 11500000, "without a cap every claim is paid in full");
	check(dsm_allocate(c, 0, &last, &total) && total == 0, "an empty group allocates nothing");
	check(!dsm_allocate(huge, 2, &last, &total), "a total above INT64_MAX is refused");

	check(dsm_candidate_beats(&higher, &other), "the higher amount wins");
	check(dsm_candidate_beats(&other, &early) && !dsm_candidate_beats(&early, &other),
		  "on a tie an award under another policy wins");
	check(!dsm_candidate_beats(&other, &other2) && !dsm_candidate_beats(&other2, &other),
		  "  two other awards of one amount: neither beats the other");
	check(dsm_candidate_beats(&early, &ours1), "then the earlier application");
	check(dsm_candidate_beats(&ours1, &ours2) && !dsm_candidate_beats(&ours2, &ours1),
		  "then the lower application_id");
	check(!dsm_candidate_beats(&ours1, &ours1), "a candidate does not beat itself");
}

/* The rows are taken in application order, the other awards after them. */
static void
test_sort(void)
{
	reset();
	add_other(3, "P", 2023, 1, "x");
	add(9, "1", "P", 2023, 30, 1, NO_CAP);
	add_other(1, "P", 2023, 1, "x");
	add(8, "1", "P", 2023, 20, 1, NO_CAP);
	add(7, "1", "P", 2023, 20, 1, NO_CAP);
	dsm_sort_entries(rows, nrows);
	check(!rows[0].other && rows[0].app->application_id.value == 7 && rows[1].app->application_id.value == 8 &&
		  rows[2].app->application_id.value == 9 && rows[3].other && rows[3].other_award_id == 1 &&
		  rows[4].other_award_id == 3, "dsm_sort_entries: applications by (applied_at, application_id), then other awards by id");
}

int
main(void)
{
	size_t		i;
	int			k;

	test_once_only();
	test_quota();
	test_spending_periods();
	test_caps();
	test_stacking();
	test_overflow();
	test_texts();
	test_allocation();
	test_sort();
	printf("1..%d\n", tests);
	for (i = 0; i < MAX_ROWS; i++)
		for (k = 0; k < 5; k++)
			free(texts[i][k]);
	free(scratch);
	return failures == 0 ? 0 : 1;
}
