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

#endif							/* DSM_ALLOCATION_H */
