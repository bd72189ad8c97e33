/*
 * allocation.h: a cap shared by a group, allocated in application order, in
 * plain C99, for the aggregates cap_allocation and cap_allocated
 * (doc/reference.md, step 10, one group at a time).
 *
 * The rule of one claim (dsm_claim_award) and the stacking order
 * (dsm_candidate_beats) are enterprise.c's; here the claims of a group are
 * sorted and allocated, so that an aggregate state can hold its claims in
 * any order and be combined across parallel workers.
 */
#ifndef DSM_ALLOCATION_H
#define DSM_ALLOCATION_H

#include "enterprise.h"

/* Order claims by (applied_at, application_id). */
extern void dsm_claims_sort(dsm_claim *claims, size_t n);

/*
 * Allocate sorted claims in order.  Stores the award of the last claim in
 * *last and the total in *total; false on overflow of the total.
 */
extern bool dsm_allocate(const dsm_claim *claims, size_t n, int64_t *last, int64_t *total);

#endif							/* DSM_ALLOCATION_H */
