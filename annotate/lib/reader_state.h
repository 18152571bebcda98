/* reader_state.h - the state of the profile reader and the functions its
 * files share: private to those files (reader*.c); users include reader.h.
 * The files form layers, each calling only those below it:
 *   reader.c         cs_profile_read: the file, line by line, and dispatch
 *   reader_stacks.c  "# stack:", "# ctxfn:" and "# ctx:" lines
 *   reader_body.c    cost lines, calls=/jump=, fn=/fl=/ob=..., names
 *   reader_parts.c   parts: their header keys, summary:/totals:, end checks
 *   reader_lex.c     numbers, positions and costs; error messages */
#ifndef CSANN_READER_STATE_H
#define CSANN_READER_STATE_H
#include <stddef.h>
#include <stdint.h>
#include "reader.h"
#include "linereader.h"

enum name_kind { KIND_OBJECT, KIND_FILE, KIND_FUNCTION, KIND_CTXFN };
enum pending { PENDING_NONE, PENDING_CALL_COST, PENDING_JUMP_POSITION };

typedef struct reader {
    cs_profile *p;
    const char *path;
    cs_line_reader in;
    unsigned long line_no;
    char *err;
    size_t errlen;
    const char *part_select;

    cs_keymap *ids;         /* (kind, compressed id) -> name id */
    cs_keymap *fn_names;    /* name ids of fn=/cfn= names (value 1) */
    uint32_t *ctx_stack;    /* this part's "# ctx:" context N -> stack, N >= 1 */
    size_t n_ctx, ctx_cap;  /* "# ctx:" lines in this part so far */
    int in_header;          /* between a part's start and its first body line */
    int seen_body;          /* any body line yet in the file */
    int part_events;        /* events: given for the current part */
    cs_part *part;          /* current part (re-fetched: parts may move) */
    size_t part_no;
    uint32_t *emap;         /* part event -> profile event */
    size_t n_emap;
    cs_count *costs;        /* costs of the current line, profile order */
    int n_pos;              /* subpositions per line: 1 or 2 */
    int line_pos;           /* which subposition is the line, -1 if none */
    uint64_t prev[2];

    uint32_t ob, fl, file, fn;      /* CS_NONE when not set */
    uint32_t cob, cfile, cfn;
    uint32_t func;                  /* cached (ob, fl, fn) index */
    enum pending pending;
    cs_count call_count;
    /* The last line entry, since consecutive cost lines often share it. */
    uint32_t last_func, last_file, last_line_entry;
    uint64_t last_line;
    /* Completeness: a header comment "# last line: TEXT" (cachesim's
     * writers) promises that a whole file ends with the line TEXT. */
    char *last_line_text;           /* TEXT, NULL if not promised */
    unsigned long promised_at;      /* the line that promised it */
    int at_last_line;               /* the last non-empty line so far is TEXT */
} reader;

static inline int is_space(char c) { return c == ' ' || c == '\t'; }

static inline const char *skip_space(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

/* The next blank-separated word at *s (its length in *len, 0 at the
 * line's end); *s moves past it. */
static inline const char *next_word(const char **s, size_t *len)
{
    const char *start = skip_space(*s), *end = start;
    while (*end && !is_space(*end))
        end++;
    *s = end;
    *len = (size_t)(end - start);
    return start;
}

/* reader_lex.c: numbers, positions and costs of the current line. */
/* Writes "FILE:LINE: message" into r->err and returns -1. */
int fail(reader *r, const char *fmt, ...);
int parse_number(const char **s, uint64_t *out);
int number_error(reader *r, const char *s);
int parse_positions(reader *r, const char **s, uint64_t pos[2]);
int signed_count(uint64_t v, int negative, cs_count *out);
/* The costs of a line into r->costs, in the profile's event order. */
int parse_costs(reader *r, const char *s);

/* reader_parts.c: a part's header and the checks at its end. */
void start_part(reader *r);
int header_line(reader *r, const char *s);
int begin_body(reader *r);
int end_part(reader *r);
int parse_total_line(reader *r, const char *s, uint32_t *slot);

/* reader_body.c: the lines of a part's body. */
int body_line(reader *r, const char *s);

/* reader_stacks.c: exact calling contexts. */
int stack_line(reader *r, const char *s);
int ctxfn_line(reader *r, const char *s);
int ctx_line(reader *r, const char *s);

#endif
