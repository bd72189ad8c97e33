/*
 * money_sql.h: numeric <-> int64 at the boundary of the C engine, and the
 * argument checks the SQL entry points share.
 *
 * Amounts cross into C as int64 fen, ratios as int64 millionths, read
 * directly from numeric's stored digits (no numeric arithmetic, no palloc)
 * and exactly: a value with more decimals than the unit holds is refused,
 * never rounded.
 */
#ifndef DSM_MONEY_SQL_H
#define DSM_MONEY_SQL_H

#include "postgres.h"

#include "fmgr.h"

/* The largest amount the engine accepts: 10^14 yuan (revenue is numeric(16,2)). */
#define DSM_MAX_FEN INT64CONST(10000000000000000)

typedef enum numeric_scaled_status
{
	NUMERIC_SCALED_OK,
	NUMERIC_SCALED_NAN,
	NUMERIC_SCALED_INFINITE,
	NUMERIC_SCALED_TOO_PRECISE,	/* more decimals than 10^-scale */
	NUMERIC_SCALED_OUT_OF_RANGE /* does not fit in int64 */
} numeric_scaled_status;

/* value x 10^scale, exactly, for scale 0..8. */
extern numeric_scaled_status numeric_to_scaled(Datum numeric, int scale, int64 *result);

/*
 * A money argument in fen; raises a clear error naming `field` for NaN,
 * infinities, fractions of a fen, negative values and values >= 10^14 yuan.
 */
extern int64 numeric_to_fen(Datum numeric, const char *field);

/* An argument that must not be NULL: error 22004 naming it. */
extern void require_argument(FunctionCallInfo fcinfo, int argno, const char *name);

/* fen -> numeric with 2 decimals */
extern Datum fen_to_numeric(int64 fen);

#endif							/* DSM_MONEY_SQL_H */
