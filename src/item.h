/*
 * item.h: one row of an enterprise as the enterprise pass reads it, in one
 * bytea: an application with dsm_evaluate()'s outcome, or an award under
 * another city policy.
 *
 * evaluate() writes an application's item where the applications are read
 * (in parallel workers when the plan has them); decide_enterprise() reads
 * the items of one enterprise.  The bytea is the engine's own, versioned and
 * checked when read: a bytea that is not an item is an error, never trusted.
 */
#ifndef DSM_ITEM_H
#define DSM_ITEM_H

#include "postgres.h"

#include "award.h"

/* An item, decoded: its texts point into the bytea. */
typedef struct DsmItem
{
	bool		other;
	/* an application: the columns the enterprise pass reads, and the outcome */
	dsm_application app;
	dsm_outcome outcome;
	const char *policy_code;	/* NULL if none */
	const char *parameter_version;	/* NULL if none */
	/* another policy's award */
	int64		other_award_id;
	int32		other_year;
	int64		other_amount;
	dsm_text	other_project_ref;
	dsm_text	other_policy_name;
} DsmItem;

/* An application's item. */
extern bytea *item_of_application(const dsm_application *app, const dsm_outcome *outcome,
								  const char *policy_code, const char *parameter_version);

/* Another policy's award's item. */
extern bytea *item_of_other_award(int64 other_award_id, int32 award_year, int64 amount,
								  dsm_text project_ref, dsm_text policy_name);

/* Decode an item from its bytes; an error (22P03) if they are not one. */
extern void item_decode(const char *data, Size len, DsmItem *out);

/*
 * A bundle: the items of one enterprise in one bytea, written by the
 * aggregate enterprise_items(item).  Its bytes: "DSMB", the format version
 * and the number of items (uint32 each), then each item's length (uint32)
 * and bytes.  While the aggregate runs, the bytes grow in an ItemBundle.
 */
typedef struct ItemBundle
{
	char	   *data;			/* the items: each its length and bytes */
	Size		len;
	Size		cap;
	uint32		count;
} ItemBundle;

/* Append an item's bytes (or another bundle's items) to a bundle, growing it in its memory context. */
extern void bundle_add_item(ItemBundle *b, const char *item, Size len);
extern void bundle_add_bundle(ItemBundle *b, const ItemBundle *other);

/* The bundle as a bytea (palloc'd), and back: the bytea checked (22P03). */
extern bytea *bundle_to_bytea(const ItemBundle *b);
extern void bundle_from_bytea(bytea *bundle, ItemBundle *out);

/* The i-th item of a bundle read in order: *pos starts at 0. */
extern void bundle_next_item(const ItemBundle *b, Size *pos, const char **item, Size *len);

#endif							/* DSM_ITEM_H */
