/*
 * csv.c
 *	  A reader of CSV text (RFC 4180), one record per call; the rules are in
 *	  csv.h.
 *
 * Every loop reads one byte and advances, or returns: the reader always
 * ends, after at most one pass over the input.  Every read checks the
 * input's length and every write the output's size.
 *
 * Pure C99: no PostgreSQL header, so that it can be unit-tested and fuzzed.
 */
#include "csv.h"

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

void
csv_reader_init(csv_reader *r, const char *data, size_t len, bool skip_bom)
{
	r->data = data;
	r->len = len;
	r->pos = 0;
	r->line = 1;
	r->done = CSV_OK;
	r->error.code = CSV_ERR_NONE;
	r->error.message = "";
	r->error.line = 0;
	r->error.record_line = 0;
	r->error.field = 0;

	if (skip_bom && len >= sizeof(utf8_bom) &&
		(unsigned char) data[0] == utf8_bom[0] &&
		(unsigned char) data[1] == utf8_bom[1] &&
		(unsigned char) data[2] == utf8_bom[2])
		r->pos = sizeof(utf8_bom);
}

static const char *
error_message(csv_error_code code)
{
	switch (code)
	{
		case CSV_ERR_QUOTE_IN_UNQUOTED:
			return "quote in unquoted field";
		case CSV_ERR_AFTER_CLOSING_QUOTE:
			return "character after closing quote";
		case CSV_ERR_UNTERMINATED:
			return "unterminated quoted field";
		case CSV_ERR_TOO_MANY_FIELDS:
			return "too many fields";
		case CSV_ERR_NUL_BYTE:
			return "NUL byte";
		case CSV_ERR_LONE_CR:
			return "carriage return not followed by line feed";
		case CSV_ERR_NO_ROOM:
			return "output buffer too small";
		case CSV_ERR_NONE:
			break;
	}
	return "";
}

/* Record the error; the reader answers CSV_ERROR from now on. */
static csv_status
fail(csv_reader *r, csv_error_code code, size_t line, size_t record_line,
	 size_t field)
{
	r->done = CSV_ERROR;
	r->error.code = code;
	r->error.message = error_message(code);
	r->error.line = line;
	r->error.record_line = record_line;
	r->error.field = field;
	return CSV_ERROR;
}

/*
 * If data[pos] is a line end (LF, or CR then LF, or a CR that is the last
 * byte of the input), its length (1 or 2); otherwise 0.
 */
static size_t
line_end_at(const csv_reader *r, size_t pos)
{
	if (pos >= r->len)
		return 0;
	if (r->data[pos] == '\n')
		return 1;
	if (r->data[pos] == '\r' && pos + 1 < r->len && r->data[pos + 1] == '\n')
		return 2;
	if (r->data[pos] == '\r' && pos + 1 == r->len)
		return 1;				/* a CRLF file whose last LF was cut (psql's `cat`) */
	return 0;
}

csv_status
csv_next_record(csv_reader *r, char *out, size_t out_size,
				csv_field *fields, size_t max_fields, csv_record *rec)
{
	const char *data = r->data;
	size_t		len = r->len;
	size_t		o = 0;			/* bytes written to out */
	size_t		nfields = 0;
	size_t		record_line;
	size_t		eol;

	if (r->done != CSV_OK)
		return r->done;

	/* empty lines */
	while ((eol = line_end_at(r, r->pos)) != 0)
	{
		r->pos += eol;
		r->line++;
	}
	if (r->pos >= len)
	{
		r->done = CSV_END;
		return CSV_END;
	}
	record_line = r->line;

	/* one field per iteration; a comma continues, a line end or the end of input returns */
	for (;;)
	{
		size_t		start = o;
		char		c;

		if (nfields == max_fields)
			return fail(r, CSV_ERR_TOO_MANY_FIELDS, record_line, record_line,
						nfields + 1);

		if (r->pos < len && data[r->pos] == '"')
		{
			size_t		quote_line = r->line;

			r->pos++;
			for (;;)
			{
				if (r->pos >= len)
					return fail(r, CSV_ERR_UNTERMINATED, quote_line, record_line,
								nfields + 1);
				c = data[r->pos];
				if (c == '"')
				{
					if (r->pos + 1 < len && data[r->pos + 1] == '"')
						r->pos++;	/* "" is one quote */
					else
					{
						r->pos++;	/* the closing quote */
						break;
					}
				}
				else if (c == '\0')
					return fail(r, CSV_ERR_NUL_BYTE, r->line, record_line,
								nfields + 1);
				else if (c == '\n')
					r->line++;
				if (o >= out_size)
					return fail(r, CSV_ERR_NO_ROOM, r->line, record_line,
								nfields + 1);
				out[o++] = c;
				r->pos++;
			}

			/* after the closing quote: a comma, a line end or the end */
			if (r->pos < len && data[r->pos] != ',' && line_end_at(r, r->pos) == 0)
			{
				c = data[r->pos];
				return fail(r, c == '\0' ? CSV_ERR_NUL_BYTE :
							c == '\r' ? CSV_ERR_LONE_CR :
							CSV_ERR_AFTER_CLOSING_QUOTE,
							r->line, record_line, nfields + 1);
			}
		}
		else
		{
			while (r->pos < len && data[r->pos] != ',' && data[r->pos] != '\n')
			{
				c = data[r->pos];
				if (c == '\r')
				{
					if (line_end_at(r, r->pos) != 0)
						break;
					return fail(r, CSV_ERR_LONE_CR, r->line, record_line,
								nfields + 1);
				}
				if (c == '"')
					return fail(r, CSV_ERR_QUOTE_IN_UNQUOTED, r->line, record_line,
								nfields + 1);
				if (c == '\0')
					return fail(r, CSV_ERR_NUL_BYTE, r->line, record_line,
								nfields + 1);
				if (o >= out_size)
					return fail(r, CSV_ERR_NO_ROOM, r->line, record_line,
								nfields + 1);
				out[o++] = c;
				r->pos++;
			}
		}

		/* the field ends at a comma, a line end or the end of the input */
		fields[nfields].data = out + start;
		fields[nfields].len = o - start;
		nfields++;

		if (r->pos < len && data[r->pos] == ',')
		{
			r->pos++;
			continue;
		}
		eol = line_end_at(r, r->pos);
		if (eol != 0)
		{
			r->pos += eol;
			r->line++;
		}
		rec->line = record_line;
		rec->nfields = nfields;
		return CSV_OK;
	}
}
