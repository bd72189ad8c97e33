/*
 * allocation.h: the rules that span several applications, in plain C99:
 * a cap shared by a group (README.md, "Award decisions", step 4) and stacking, only the
 * highest award of a project in a year (step 7).
 *
 * Both are order-independent on their input so that the SQL aggregates built
 * on them (allocation_sql.c) can be split across parallel workers and
 * combined: a cap group keeps its claims and allocates them in
 * (applied_at, application_id) order; stacking keeps only the best candidate.
 */
#ifndef DSM_ALLOCATION_H
#define DSM_ALLOCATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DSM_NO_CAP (-1)

/* One application's claim on its group's cap. */
typedef struct dsm_claim
{
	int64_t		applied_at;		/* microseconds, as timestamptz */
	int64_t		application_id;
	int64_t		amount;			/* fen, >= 0: computed before the group cap */
	int64_t		cap;			/* fen, >= 0, or DSM_NO_CAP */
} dsm_claim;

/* Order claims by (applied_at, application_id). */
extern void dsm_claims_sort(dsm_claim *claims, size_t n);

/*
 * What a claim gets when `allocated` fen of the group's cap went to earlier
 * claims: min(amount, max(0, cap - allocated)).
 */
extern int64_t dsm_claim_award(const dsm_claim *claim, int64_t allocated);

/*
 * Allocate sorted claims in order.  Stores the award of the last claim in
 * *last and the total in *total; false on overflow of the total.
 */
extern bool dsm_allocate(const dsm_claim *claims, size_t n, int64_t *last, int64_t *total);

/* A candidate award in a stacking group. */
typedef struct dsm_candidate
{
	int64_t		amount;			/* fen, > 0 */
	bool		other;			/* an award under another city policy */
	int64_t		applied_at;		/* for applications */
	int64_t		application_id;
} dsm_candidate;

/*
 * True when a wins over b: the higher amount; on a tie an award under another
 * policy, then the earlier applied_at, then the lower application_id.
 */
extern bool dsm_candidate_beats(const dsm_candidate *a, const dsm_candidate *b);

/*
 * One row of an enterprise's group steps (caps, quota, stacking), given in
 * (applied_at, application_id) order: an application, or an award under
 * another city policy.  The caller numbers the groups; the groups of one
 * kind are numbered 0 .. n-1.
 */
typedef struct dsm_group_row
{
	/* inputs */
	bool		other;			/* an award under another city policy: a stacking candidate only */
	int64_t		application_id;
	int64_t		applied_at;
	bool		claims;			/* an eligible application: claims on its cap group */
	int64_t		amount;			/* fen: the computed amount, or the other award's amount */
	int64_t		cap;			/* fen, or DSM_NO_CAP */
	bool		over_quota;
	bool		stacking_exempt;
	int32_t		cap_group;		/* for claims */
	int32_t		stacking_group;
	/* outputs */
	int64_t		allocated;		/* claims: what its group's cap left it */
	int64_t		allocated_so_far;	/* claims: its group's total up to and including it */
	int64_t		award;			/* applications: allocated, 0 when over quota or not claiming */
	int32_t		winner;			/* index of its stacking group's winner; -1 when no candidate */
} dsm_group_row;

/*
 * Steps 4 to 7 for one enterprise's rows: each cap group allocated in row
 * order, the award after the quota, and the winner of each stacking group
 * among the other awards and the awards above 0 of applications not exempt.
 * scratch has room for n int64_t and n int32_t values.  false when a group's
 * total overflows.
 */
extern bool dsm_group_steps(dsm_group_row *rows, size_t n, int64_t *totals, int32_t *best);

#endif							/* DSM_ALLOCATION_H */
