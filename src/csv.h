/*
 * csv.h
 *	  A reader of CSV text (RFC 4180) that reports errors by line number.
 *
 * Core: plain C99, no PostgreSQL header and no malloc: the caller provides
 * all memory.  The SQL function csv_records() is in csv_sql.c.
 *
 * The rules:
 *	- fields are separated by commas; records end with LF or CRLF, and the
 *	  last record may have no line end;
 *	- a field may be enclosed in double quotes; inside, "" is one quote and
 *	  commas, CR and LF are data; the closing quote must be followed by a
 *	  comma, a line end or the end of the input;
 *	- a double quote in a field that does not begin with one is an error
 *	  (so is a space before an opening quote: the field then begins with the
 *	  space);
 *	- a completely empty line (nothing before its LF or CRLF) is skipped, but
 *	  counted in line numbers; a line holding only "" is a record of one
 *	  empty field;
 *	- a carriage return outside quotes that is not followed by a line feed is
 *	  an error (so that "line N" always means the same as in an editor that
 *	  counts LF), except as the very last byte of the input: a CRLF file
 *	  whose last LF was cut off (psql's backquotes cut the final newline)
 *	  ends there;
 *	- a NUL byte anywhere is an error;
 *	- with skip_bom, a UTF-8 byte order mark (EF BB BF) at the very start is
 *	  skipped.
 *
 * Line numbers are physical and 1-based: line N begins after the (N-1)th LF,
 * including the LFs inside quoted fields.
 */
#ifndef DSM_CSV_H
#define DSM_CSV_H

#include <stdbool.h>
#include <stddef.h>

typedef enum csv_status
{
	CSV_OK = 0,					/* a record was read */
	CSV_END,					/* no more records */
	CSV_ERROR					/* the input is not valid CSV: see reader->error */
} csv_status;

typedef enum csv_error_code
{
	CSV_ERR_NONE = 0,
	CSV_ERR_QUOTE_IN_UNQUOTED,	/* a quote inside a field not enclosed in quotes */
	CSV_ERR_AFTER_CLOSING_QUOTE,	/* a character other than , CR LF after a closing quote */
	CSV_ERR_UNTERMINATED,		/* a quoted field runs to the end of the input */
	CSV_ERR_TOO_MANY_FIELDS,	/* more fields than the caller has room for */
	CSV_ERR_NUL_BYTE,			/* a NUL byte */
	CSV_ERR_LONE_CR,			/* a CR outside quotes not followed by LF */
	CSV_ERR_NO_ROOM				/* out_size too small: the caller's mistake */
} csv_error_code;

typedef struct csv_error
{
	csv_error_code code;
	const char *message;		/* short, lower case, static: "unterminated quoted field" */
	size_t		line;			/* where the error is; see below */
	size_t		record_line;	/* where the record in error starts */
	size_t		field;			/* 1-based number of the field in error */
} csv_error;

/*
 * error.line is the line of the offending byte, except for
 * CSV_ERR_UNTERMINATED (the line of the opening quote) and
 * CSV_ERR_TOO_MANY_FIELDS (the line where the record starts).
 */

typedef struct csv_field
{
	const char *data;			/* into the caller's out buffer; not NUL-terminated */
	size_t		len;
} csv_field;

typedef struct csv_record
{
	size_t		line;			/* physical line where the record starts, 1-based */
	size_t		nfields;		/* at least 1 */
} csv_record;

/* The reader's state; its members other than error are private. */
typedef struct csv_reader
{
	const char *data;
	size_t		len;
	size_t		pos;			/* next byte to read */
	size_t		line;			/* line of data[pos] */
	csv_status	done;			/* CSV_OK while reading; then END or ERROR, for good */
	csv_error	error;			/* after CSV_ERROR: what and where */
} csv_reader;

/* Start reading len bytes at data (not NUL-terminated; they must outlive r). */
extern void csv_reader_init(csv_reader *r, const char *data, size_t len,
							bool skip_bom);

/*
 * Read the next record.  Its unescaped fields are written from the start of
 * out (out_size bytes, not NULL; the input's length always suffices: a
 * record's unescaped text is never longer than its input) and described in
 * fields[0 .. rec->nfields - 1], at most max_fields of them.  Both stay valid
 * until the next call, which overwrites them.
 *
 * Returns CSV_OK with *rec filled, CSV_END at the end of the input, or
 * CSV_ERROR with r->error filled.  After CSV_END or CSV_ERROR every further
 * call returns the same.
 */
extern csv_status csv_next_record(csv_reader *r, char *out, size_t out_size,
								  csv_field *fields, size_t max_fields,
								  csv_record *rec);

#endif							/* DSM_CSV_H */
