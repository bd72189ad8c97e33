/*
 * fuzz_csv.c
 *	  libFuzzer harness of src/csv.c: any bytes through csv_reader_init and
 *	  csv_next_record, with room enough and with little room.
 *
 * Two bytes of settings, then the CSV text.  The first: bit 0 skip_bom,
 * bit 1 CRLF line ends (written back, put before), bits 2-4 the small run's
 * fields (1 to 4, or plenty), bit 5 its output as a fraction of the input,
 * bits 6-7 how many empty lines to put before the input.  The second: the
 * small run's output bytes (bit 7: plenty; bits 0-3: 0 to 15 bytes, or
 * that many fifteenths of the input).  Every buffer is allocated at its exact size, so ASan sees a
 * read past the input or a write past the output or the fields.
 *
 * Invariants:
 *	- the reader ends: one record per call, at most len + 1 records, then
 *	  CSV_END or CSV_ERROR again on every later call;
 *	- a record has 1 .. max_fields fields, laid end to end from the start of
 *	  the output buffer and within it; its line is 1-based, after the
 *	  previous record's and no later than the input's last line;
 *	- with an output of the input's length and len + 1 fields, never
 *	  CSV_ERR_NO_ROOM nor CSV_ERR_TOO_MANY_FIELDS (csv.h's promise); an
 *	  error says where, within the input's lines, with a message;
 *	- with less room, the same records until the first that does not fit,
 *	  which fails with exactly the error its size calls for;
 *	- writing the records back as CSV (every field quoted) and reading that
 *	  gives the same fields, at the lines the written LFs put them on;
 *	- empty lines put before the input add as many to every line number
 *	  and change nothing else;
 *	- with skip_bom, input after a byte order mark reads as the input
 *	  without it;
 *	- an input ending in CRLF reads the same with its last LF cut off (as
 *	  psql's backquotes cut it).
 */
#include "csv.h"
#include "fuzz_input.h"

/* what a run read: records (their fields copied out) then how it ended */
typedef struct run
{
	size_t		nrecords;
	size_t	   *line;			/* per record */
	size_t	   *first_field;	/* per record: index into field_len */
	size_t	   *nfields;
	size_t	   *field_len;		/* per field */
	size_t	   *field_off;		/* per field: offset into text */
	char	   *text;			/* the fields' bytes */
	size_t		text_len;
	csv_status	status;
	csv_error	error;
} run;

static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n > 0 ? n : 1);

	if (p == NULL)
		abort();
	return p;
}

static void
run_free(run *r)
{
	free(r->line);
	free(r->first_field);
	free(r->nfields);
	free(r->field_len);
	free(r->field_off);
	free(r->text);
}

static size_t
count_lf(const char *data, size_t len)
{
	size_t		n = 0,
				i;

	for (i = 0; i < len; i++)
		n += data[i] == '\n';
	return n;
}

/*
 * Read all of data (len bytes, at their exact size) with out_size bytes of
 * output and max_fields fields, checking what must hold of any run.
 * max_records_hint bounds the records kept (the run's size).
 */
static void
read_all(const char *input, size_t len, bool skip_bom, size_t out_size, size_t max_fields, run *res)
{
	char	   *data = xmalloc(len);
	char	   *out = malloc(out_size);	/* exactly out_size: 0 is a valid size */
	csv_field  *fields = malloc(max_fields * sizeof(csv_field));
	size_t		last_line = 1 + count_lf(input, len);
	size_t		cap_records = len + 2;
	size_t		cap_fields = len + 2;
	size_t		nf = 0;
	size_t		prev_line = 0;
	size_t		calls = 0;
	csv_reader	r;
	csv_record	rec;
	csv_status	s;

	if ((out == NULL && out_size > 0) || (fields == NULL && max_fields > 0))
		abort();
	if (out == NULL)
		out = xmalloc(0);
	memcpy(data, input, len);
	memset(res, 0, sizeof(*res));
	res->line = xmalloc(cap_records * sizeof(size_t));
	res->first_field = xmalloc(cap_records * sizeof(size_t));
	res->nfields = xmalloc(cap_records * sizeof(size_t));
	res->field_len = xmalloc(cap_fields * sizeof(size_t));
	res->field_off = xmalloc(cap_fields * sizeof(size_t));
	res->text = xmalloc(len);

	csv_reader_init(&r, data, len, skip_bom);
	while ((s = csv_next_record(&r, out, out_size, fields, max_fields, &rec)) == CSV_OK)
	{
		size_t		i;
		const char *end = out;

		calls++;
		FUZZ_CHECK(calls <= len + 1, "more records (%zu) than bytes (%zu) + 1", calls, len);
		FUZZ_CHECK(rec.nfields >= 1 && rec.nfields <= max_fields, "record of %zu fields, room for %zu",
				   rec.nfields, max_fields);
		FUZZ_CHECK(rec.line > prev_line && rec.line <= last_line, "record at line %zu after line %zu, input of %zu lines",
				   rec.line, prev_line, last_line);
		prev_line = rec.line;
		for (i = 0; i < rec.nfields; i++)
		{
			FUZZ_CHECK(fields[i].data == end, "field %zu does not follow field %zu in the output", i + 1, i);
			FUZZ_CHECK(fields[i].len <= out_size && (size_t) (fields[i].data - out) <= out_size - fields[i].len,
					   "field %zu (%zu bytes) beyond the output's %zu bytes", i + 1, fields[i].len, out_size);
			FUZZ_CHECK(memchr(fields[i].data, '\0', fields[i].len) == NULL, "a NUL byte in field %zu", i + 1);
			end = fields[i].data + fields[i].len;
		}
		FUZZ_CHECK(nf + rec.nfields <= cap_fields && res->text_len + (size_t) (end - out) <= len,
				   "the records hold more than the input");
		res->line[res->nrecords] = rec.line;
		res->first_field[res->nrecords] = nf;
		res->nfields[res->nrecords] = rec.nfields;
		for (i = 0; i < rec.nfields; i++)
		{
			res->field_len[nf] = fields[i].len;
			res->field_off[nf] = res->text_len;
			memcpy(res->text + res->text_len, fields[i].data, fields[i].len);
			res->text_len += fields[i].len;
			nf++;
		}
		res->nrecords++;
	}
	FUZZ_CHECK(s == CSV_END || s == CSV_ERROR, "csv_next_record returned %d", (int) s);
	res->status = s;
	res->error = r.error;
	if (s == CSV_ERROR)
	{
		FUZZ_CHECK(r.error.code > CSV_ERR_NONE && r.error.code <= CSV_ERR_NO_ROOM, "error code %d",
				   (int) r.error.code);
		FUZZ_CHECK(r.error.message != NULL && r.error.message[0] != '\0', "error %d without a message",
				   (int) r.error.code);
		FUZZ_CHECK(r.error.record_line > prev_line && r.error.record_line <= r.error.line &&
				   r.error.line <= last_line,
				   "error \"%s\" at line %zu in the record of line %zu, after line %zu, of %zu lines",
				   r.error.message, r.error.line, r.error.record_line, prev_line, last_line);
		FUZZ_CHECK(r.error.field >= 1 && r.error.field <= max_fields + 1, "error in field %zu",
				   r.error.field);
		if (r.error.code == CSV_ERR_TOO_MANY_FIELDS)
			FUZZ_CHECK(r.error.field == max_fields + 1 && r.error.line == r.error.record_line,
					   "too many fields: field %zu, line %zu, record line %zu", r.error.field,
					   r.error.line, r.error.record_line);
	}
	else
		FUZZ_CHECK(r.error.code == CSV_ERR_NONE, "CSV_END with error %d", (int) r.error.code);
	/* ended for good */
	FUZZ_CHECK(csv_next_record(&r, out, out_size, fields, max_fields, &rec) == s &&
			   csv_next_record(&r, out, out_size, fields, max_fields, &rec) == s,
			   "a reader that ended reads again");
	free(data);
	free(out);
	free(fields);
}

static bool
same_field(const run *a, size_t fa, const run *b, size_t fb)
{
	return a->field_len[fa] == b->field_len[fb] &&
		memcmp(a->text + a->field_off[fa], b->text + b->field_off[fb], a->field_len[fa]) == 0;
}

static bool
same_record(const run *a, size_t ra, const run *b, size_t rb)
{
	size_t		i;

	if (a->nfields[ra] != b->nfields[rb])
		return false;
	for (i = 0; i < a->nfields[ra]; i++)
		if (!same_field(a, a->first_field[ra] + i, b, b->first_field[rb] + i))
			return false;
	return true;
}

static bool
same_error(const csv_error *a, const csv_error *b)
{
	return a->code == b->code && a->line == b->line && a->record_line == b->record_line &&
		a->field == b->field && strcmp(a->message, b->message) == 0;
}

/* The small run reads what the big one read, until a record does not fit. */
static void
compare_small(const run *big, const run *small, size_t out_size, size_t max_fields)
{
	size_t		k;

	for (k = 0; k < big->nrecords; k++)
	{
		size_t		f,
					used = 0;
		size_t		nf = big->nfields[k];
		size_t		fail_field = 0;
		csv_error_code fail_code = CSV_ERR_NONE;

		for (f = 0; f < nf; f++)
		{
			if (f == max_fields)
			{
				fail_code = CSV_ERR_TOO_MANY_FIELDS;
				fail_field = f + 1;
				break;
			}
			used += big->field_len[big->first_field[k] + f];
			if (used > out_size)
			{
				fail_code = CSV_ERR_NO_ROOM;
				fail_field = f + 1;
				break;
			}
		}
		if (fail_code == CSV_ERR_NONE)
		{
			FUZZ_CHECK(k < small->nrecords && small->line[k] == big->line[k] && same_record(big, k, small, k),
					   "record %zu (line %zu) read differently with %zu bytes and %zu fields of room",
					   k + 1, big->line[k], out_size, max_fields);
			continue;
		}
		FUZZ_CHECK(small->nrecords == k && small->status == CSV_ERROR && small->error.code == fail_code &&
				   small->error.field == fail_field && small->error.record_line == big->line[k],
				   "record %zu (line %zu, %zu fields) with %zu bytes and %zu fields of room: "
				   "%zu records, status %d, error %d \"%s\" in field %zu at line %zu; expected error %d in field %zu",
				   k + 1, big->line[k], nf, out_size, max_fields, small->nrecords, (int) small->status,
				   (int) small->error.code, small->error.message, small->error.field, small->error.line,
				   (int) fail_code, fail_field);
		return;
	}
	FUZZ_CHECK(small->nrecords == big->nrecords, "%zu records with little room, %zu with enough",
			   small->nrecords, big->nrecords);
	if (big->status == CSV_END)
	{
		FUZZ_CHECK(small->status == CSV_END, "the end of the input, status %d with little room", (int) small->status);
		return;
	}
	/* the big run's error, or room running out before it in the same record */
	FUZZ_CHECK(small->status == CSV_ERROR &&
			   (same_error(&small->error, &big->error) ||
				((small->error.code == CSV_ERR_NO_ROOM || small->error.code == CSV_ERR_TOO_MANY_FIELDS) &&
				 small->error.record_line == big->error.record_line && small->error.field <= big->error.field)),
			   "error %d \"%s\" field %zu line %zu with little room; %d \"%s\" field %zu line %zu with enough",
			   (int) small->error.code, small->error.message, small->error.field, small->error.line,
			   (int) big->error.code, big->error.message, big->error.field, big->error.line);
}

/* Write the records back, every field quoted; the line each record starts on. */
static char *
write_back(const run *r, bool crlf, size_t *len, size_t *lines)
{
	size_t		cap = 2 * r->text_len + 3 * (r->nrecords + r->text_len + 1) + 16;
	size_t		nf = 0;
	char	   *buf;
	size_t		o = 0,
				k,
				i,
				j,
				line = 1;

	for (k = 0; k < r->nrecords; k++)
		nf += r->nfields[k];
	cap += 3 * nf;
	buf = xmalloc(cap);
	for (k = 0; k < r->nrecords; k++)
	{
		lines[k] = line;
		for (i = 0; i < r->nfields[k]; i++)
		{
			size_t		fi = r->first_field[k] + i;
			const char *t = r->text + r->field_off[fi];

			if (i > 0)
				buf[o++] = ',';
			buf[o++] = '"';
			for (j = 0; j < r->field_len[fi]; j++)
			{
				if (t[j] == '"')
					buf[o++] = '"';
				if (t[j] == '\n')
					line++;
				buf[o++] = t[j];
			}
			buf[o++] = '"';
		}
		if (crlf)
			buf[o++] = '\r';
		buf[o++] = '\n';
		line++;
		FUZZ_CHECK(o <= cap, "write_back overran its buffer");
	}
	*len = o;
	return buf;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t		config = size > 0 ? data[0] : 0;
	uint8_t		room = size > 1 ? data[1] : 0;
	const char *text = (const char *) data + (size > 1 ? 2 : size);
	size_t		len = size > 1 ? size - 2 : 0;
	bool		skip_bom = config & 1;
	bool		crlf = (config & 2) != 0;
	run			big,
				small,
				again;
	size_t		small_out,
				small_fields;

	/* enough room: the input's length, and a field per byte + 1 */
	read_all(text, len, skip_bom, len, len + 1, &big);
	if (big.status == CSV_ERROR)
		FUZZ_CHECK(big.error.code != CSV_ERR_NO_ROOM && big.error.code != CSV_ERR_TOO_MANY_FIELDS,
				   "error \"%s\" with the room csv.h says suffices", big.error.message);

	/* little room: 1 to 4 fields or plenty, 0 to 15 bytes or plenty */
	small_fields = ((config >> 2) & 7) % 5 == 4 ? len + 1 : ((config >> 2) & 7) % 5 + 1;
	small_out = (room & 0x80) ? len : (room & 0x0f);
	if ((config >> 5) & 1)
		small_out = len > 0 ? (len - 1) * (room & 0x0f) / 15 : 0;	/* a fraction of the input */
	read_all(text, len, skip_bom, small_out, small_fields, &small);
	compare_small(&big, &small, small_out, small_fields);
	run_free(&small);

	/* the records written back read the same */
	{
		size_t	   *lines = xmalloc((big.nrecords + 1) * sizeof(size_t));
		size_t		wlen = 0,
					k;
		char	   *w = write_back(&big, crlf, &wlen, lines);

		read_all(w, wlen, false, wlen, wlen + 1, &again);
		FUZZ_CHECK(again.status == CSV_END && again.nrecords == big.nrecords,
				   "written back: status %d (\"%s\"), %zu records of %zu", (int) again.status,
				   again.error.message, again.nrecords, big.nrecords);
		for (k = 0; k < big.nrecords; k++)
			FUZZ_CHECK(same_record(&big, k, &again, k) && again.line[k] == lines[k],
					   "record %zu written back reads differently (line %zu, expected %zu)", k + 1,
					   again.line[k], lines[k]);
		run_free(&again);
		free(w);
		free(lines);
	}

	/* an input ending in CRLF reads the same with its last LF cut off */
	if (len >= 2 && text[len - 2] == '\r' && text[len - 1] == '\n')
	{
		size_t		k;

		read_all(text, len - 1, skip_bom, len - 1, len, &again);
		FUZZ_CHECK(again.nrecords == big.nrecords && again.status == big.status,
				   "without its last LF: %zu records, status %d; with it %zu, %d", again.nrecords,
				   (int) again.status, big.nrecords, (int) big.status);
		for (k = 0; k < big.nrecords; k++)
			FUZZ_CHECK(same_record(&big, k, &again, k) && again.line[k] == big.line[k],
					   "record %zu reads differently without the last LF", k + 1);
		if (big.status == CSV_ERROR)
			FUZZ_CHECK(again.error.code == big.error.code && again.error.line == big.error.line,
					   "error \"%s\" without the last LF: \"%s\"", big.error.message, again.error.message);
		run_free(&again);
	}

	/* empty lines put before the input move every line number, nothing else */
	if ((config >> 6) > 0 && !(skip_bom && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0))
	{
		size_t		k = config >> 6;
		const char *eol = crlf ? "\r\n" : "\n";
		size_t		eol_len = strlen(eol);
		size_t		plen = k * eol_len + len;
		char	   *prefixed = xmalloc(plen);
		size_t		i;

		for (i = 0; i < k; i++)
			memcpy(prefixed + i * eol_len, eol, eol_len);
		memcpy(prefixed + k * eol_len, text, len);
		read_all(prefixed, plen, false, plen, plen + 1, &again);
		FUZZ_CHECK(again.nrecords == big.nrecords && again.status == big.status,
				   "after %zu empty lines: %zu records, status %d; without them %zu, %d", k, again.nrecords,
				   (int) again.status, big.nrecords, (int) big.status);
		for (i = 0; i < big.nrecords; i++)
			FUZZ_CHECK(same_record(&big, i, &again, i) && again.line[i] == big.line[i] + k,
					   "record %zu after %zu empty lines: line %zu, expected %zu", i + 1, k, again.line[i],
					   big.line[i] + k);
		if (big.status == CSV_ERROR)
			FUZZ_CHECK(again.error.code == big.error.code && again.error.field == big.error.field &&
					   again.error.line == big.error.line + k && again.error.record_line == big.error.record_line + k,
					   "error \"%s\" after %zu empty lines: line %zu record line %zu, expected %zu %zu",
					   again.error.message, k, again.error.line, again.error.record_line, big.error.line + k,
					   big.error.record_line + k);
		run_free(&again);
		free(prefixed);
	}

	/* a byte order mark skipped is no input at all */
	if (skip_bom && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
	{
		size_t		k;

		read_all(text + 3, len - 3, false, len - 3, len - 2, &again);
		FUZZ_CHECK(again.nrecords == big.nrecords && again.status == big.status &&
				   (big.status != CSV_ERROR || same_error(&again.error, &big.error)),
				   "after a BOM: %zu records, status %d; without it %zu, %d", big.nrecords, (int) big.status,
				   again.nrecords, (int) again.status);
		for (k = 0; k < big.nrecords; k++)
			FUZZ_CHECK(same_record(&big, k, &again, k) && again.line[k] == big.line[k],
					   "record %zu after a BOM reads differently", k + 1);
		run_free(&again);
	}
	run_free(&big);
	return 0;
}
