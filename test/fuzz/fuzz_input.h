/*
 * fuzz_input.h
 *	  Turning libFuzzer's bytes into values, for the harnesses of test/fuzz.
 *
 * The bytes are read front to back; past their end every read gives 0, so
 * any input, however short, describes a complete case.  An integer is read
 * as a tag byte then a few bytes: small values, the boundaries where
 * arithmetic breaks (0, +-1, INT64_MIN/MAX, 10^6, ...) and raw values of
 * 1 to 8 bytes all come out of short inputs, which the fuzzer then mutates.
 *
 * FUZZ_CHECK(cond, ...) prints what broke and abort()s: libFuzzer then saves
 * the input as a crash artifact.
 */
#ifndef DSM_FUZZ_INPUT_H
#define DSM_FUZZ_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* set by a harness to print the case at hand when an invariant breaks */
static void (*fuzz_describe) (void);

#define FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "fuzz invariant violated at %s:%d: %s\n  ", \
					__FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			if (fuzz_describe != NULL) \
				fuzz_describe(); \
			abort(); \
		} \
	} while (0)

typedef struct fuzz_input
{
	const uint8_t *p;
	size_t		n;
} fuzz_input;

static inline uint8_t
fuzz_u8(fuzz_input *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

static inline bool
fuzz_bool(fuzz_input *in)
{
	return (fuzz_u8(in) & 1) != 0;
}

/* k bytes, big-endian, as an unsigned number */
static inline uint64_t
fuzz_bytes(fuzz_input *in, int k)
{
	uint64_t	v = 0;
	int			i;

	for (i = 0; i < k; i++)
		v = (v << 8) | fuzz_u8(in);
	return v;
}

static const int64_t fuzz_boundaries[] = {
	0, 1, -1, 2, 99, 100, 101, 499999, 500000, 500001, 999999, 1000000, 1000001,
	INT8_MAX, INT16_MAX, INT32_MAX, (int64_t) INT32_MAX + 1, INT32_MIN, (int64_t) INT32_MIN - 1,
	INT64_MAX, INT64_MAX - 1, INT64_MIN, INT64_MIN + 1, INT64_MAX / 2, INT64_MAX / 1000000,
	10000000000000000LL,		/* 10^14 yuan in fen: the glue's limit */
	9999999999999999LL,
	100000000000000LL,			/* 10^12 yuan: the parameter table's limit */
	99999999999999LL,
	48000000, 48000001, -48000000, -48000001,	/* dsm_add_months' limit */
	4000000, 4000001, -4000000, -4000001,	/* dsm_date_from_ymd's limit */
	-2451545,					/* 4714-11-24 BC, PostgreSQL's first date */
	2145031948,					/* 5874897-12-31, its last */
	1460969, 1460970,			/* 6000-01-01 and after */
};

/* An integer of any int64 value, shaped to find edges fast. */
static inline int64_t
fuzz_i64(fuzz_input *in)
{
	uint8_t		tag = fuzz_u8(in);

	switch (tag % 8)
	{
		case 0:
			return (int8_t) fuzz_u8(in);
		case 1:
			return (int16_t) fuzz_bytes(in, 2);
		case 2:
			return (int64_t) fuzz_bytes(in, 3);
		case 3:
			return (int32_t) fuzz_bytes(in, 4);
		case 4:
			return (int64_t) fuzz_bytes(in, 8);
		case 5:
			return fuzz_boundaries[fuzz_u8(in) % (sizeof(fuzz_boundaries) / sizeof(fuzz_boundaries[0]))];
		case 6:
			/* near a boundary */
			{
				int64_t		b = fuzz_boundaries[fuzz_u8(in) % (sizeof(fuzz_boundaries) / sizeof(fuzz_boundaries[0]))];
				int8_t		d = (int8_t) fuzz_u8(in);

				if ((d > 0 && b > INT64_MAX - d) || (d < 0 && b < INT64_MIN - d))
					return b;
				return b + d;
			}
		default:
			return (int64_t) fuzz_bytes(in, 5);
	}
}

/* An integer in [lo, hi]: the value read if it lies there, else folded in. */
static inline int64_t
fuzz_range(fuzz_input *in, int64_t lo, int64_t hi)
{
	int64_t		v = fuzz_i64(in);
	uint64_t	span = (uint64_t) hi - (uint64_t) lo;

	if (v >= lo && v <= hi)
		return v;
	if (span == UINT64_MAX)
		return v;
	return (int64_t) ((uint64_t) lo + (uint64_t) v % (span + 1));
}

/* Does buf hold a NUL within its size bytes? */
static inline bool
fuzz_terminated(const char *buf, size_t size)
{
	return memchr(buf, '\0', size) != NULL;
}

#endif							/* DSM_FUZZ_INPUT_H */
