/* reader.c - streaming reader of callgrind-format and Cachegrind-format
 * profiles into the model of profile.h.  One pass, one line at a time;
 * every malformed line is reported as "FILE:LINE: what is wrong". */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "reader.h"
#include "linereader.h"
#include "xalloc.h"

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

static int fail(reader *r, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(r->err, r->errlen, "%s:%lu: ", r->path, r->line_no);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < r->errlen)
        vsnprintf(r->err + n, r->errlen - n, fmt, ap);
    va_end(ap);
    return -1;
}

static int is_space(char c) { return c == ' ' || c == '\t'; }

static const char *skip_space(const char *s)
{
    while (is_space(*s))
        s++;
    return s;
}

/* Parses a decimal or 0x-hex number at *s; -1 on overflow or no digits. */
static int parse_number(const char **s, uint64_t *out)
{
    const char *c = *s;
    uint64_t v = 0;
    if (c[0] == '0' && (c[1] == 'x' || c[1] == 'X') && isxdigit((unsigned char)c[2])) {
        c += 2;
        while (isxdigit((unsigned char)*c)) {
            int d = isdigit((unsigned char)*c) ? *c - '0'
                  : tolower((unsigned char)*c) - 'a' + 10;
            if (v > (UINT64_MAX >> 4))
                return -1;
            v = (v << 4) | (uint64_t)d;
            c++;
        }
    } else {
        if (!isdigit((unsigned char)*c))
            return -1;
        while (isdigit((unsigned char)*c)) {
            uint64_t d = (uint64_t)(*c - '0');
            if (v > (UINT64_MAX - d) / 10)
                return -1;
            v = v * 10 + d;
            c++;
        }
    }
    *s = c;
    *out = v;
    return 0;
}

static int number_error(reader *r, const char *s)
{
    if (isdigit((unsigned char)*s))
        return fail(r, "number too large");
    return fail(r, "expected a number at '%.20s'", s);
}

/* One subposition: absolute, +N, -N or '*', relative to prev. */
static int parse_subposition(reader *r, const char **s, uint64_t prev,
                             uint64_t *out)
{
    const char *c = *s;
    uint64_t v;
    if (*c == '*') {
        *out = prev;
        *s = c + 1;
    } else if (*c == '+' || *c == '-') {
        c++;
        if (parse_number(&c, &v) < 0)
            return number_error(r, c);
        if (**s == '+') {
            if (v > UINT64_MAX - prev)
                return fail(r, "relative position overflows");
            *out = prev + v;
        } else {
            if (v > prev)
                return fail(r, "relative position -%llu goes below zero",
                            (unsigned long long)v);
            *out = prev - v;
        }
        *s = c;
    } else {
        if (parse_number(&c, out) < 0)
            return number_error(r, c);
        *s = c;
    }
    if (**s && !is_space(**s))
        return fail(r, "bad position '%.20s'", c);
    return 0;
}

/* Parses the n_pos subpositions of a line into pos (not touching prev). */
static int parse_positions(reader *r, const char **s, uint64_t pos[2])
{
    int i;
    for (i = 0; i < r->n_pos; i++) {
        *s = skip_space(*s);
        if (!**s)
            return fail(r, "expected %d position%s", r->n_pos,
                        r->n_pos > 1 ? "s" : "");
        if (parse_subposition(r, s, r->prev[i], &pos[i]) < 0)
            return -1;
    }
    return 0;
}

/* The count of a cost written as v (negative: after a '-'); -1 when it is
 * out of range.  Costs may be negative (csann diff -o writes NEW - OLD)
 * down to -2^63, which sums that wrap past 2^63-1 reach. */
static int signed_count(uint64_t v, int negative, cs_count *out)
{
    if (v > (uint64_t)INT64_MAX + (negative ? 1 : 0))
        return -1;
    *out = !negative ? (cs_count)v : v ? -(cs_count)(v - 1) - 1 : 0;
    return 0;
}

static int parse_costs(reader *r, const char *s)
{
    size_t i = 0;
    uint64_t v;
    int negative;
    memset(r->costs, 0, r->p->n_events * sizeof *r->costs);
    for (;;) {
        s = skip_space(s);
        if (!*s)
            return 0;
        if (i >= r->n_emap)
            return fail(r, "more costs than the %zu events of events:", r->n_emap);
        negative = *s == '-';
        s += negative;
        if (parse_number(&s, &v) < 0)
            return number_error(r, s);
        if (signed_count(v, negative, &r->costs[r->emap[i]]) < 0)
            return fail(r, "number too large");
        if (*s && !is_space(*s))
            return fail(r, "bad cost '%.20s'", s);
        i++;
    }
}

/* ----- name compression -------------------------------------------------- */

static int parse_name_id(reader *r, enum name_kind kind, const char *s,
                         uint32_t *out);

/* A name of kind kind at s into *out; function names are remembered (old
 * "# stack:" lines are split into frames by them). */
static int parse_name(reader *r, enum name_kind kind, const char *s,
                      uint32_t *out)
{
    cs_key key = { 0, 0, 0 };
    if (parse_name_id(r, kind, s, out) < 0)
        return -1;
    if (kind == KIND_FUNCTION) {
        key.a = *out;
        cs_keymap_put(r->fn_names, key, 1);
    }
    return 0;
}

static int parse_name_id(reader *r, enum name_kind kind, const char *s,
                         uint32_t *out)
{
    cs_key key;
    uint64_t id;
    size_t len;

    s = skip_space(s);
    if (s[0] == '(' && isdigit((unsigned char)s[1])) {
        const char *c = s + 1;
        if (parse_number(&c, &id) < 0 || *c != ')')
            return fail(r, "bad compressed name '%.30s'", s);
        key.a = kind;
        key.b = id;
        key.c = 0;
        c = skip_space(c + 1);
        if (!*c) {
            *out = cs_keymap_get(r->ids, key);
            if (*out == CS_NONE)
                return fail(r, "undefined name id (%llu)", (unsigned long long)id);
            return 0;
        }
        s = c;
        len = strlen(s);
        *out = cs_intern(r->p, s, len);
        cs_keymap_put(r->ids, key, *out);
        return 0;
    }
    len = strlen(s);
    if (len == 0)
        return fail(r, "empty name");
    *out = cs_intern(r->p, s, len);
    return 0;
}

/* ----- parts and header -------------------------------------------------- */

static int end_part(reader *r);


static void start_part(reader *r)
{
    cs_profile *p = r->p;
    cs_part *part;
    xgrow((void **)&p->parts, &p->parts_cap, p->n_parts + 1, sizeof *p->parts);
    part = &p->parts[p->n_parts++];
    memset(part, 0, sizeof *part);
    part->summary = part->totals = part->self_sum = part->stack_sum = CS_NONE;
    part->has_line = 1;
    part->first_line = r->line_no;
    r->part = part;
    r->part_no = p->n_parts;
    r->in_header = 1;
    r->part_events = 0;
    r->n_pos = 1;
    r->line_pos = 0;
    r->ob = r->fl = r->file = r->fn = CS_NONE;
    r->cob = r->cfile = r->cfn = CS_NONE;
    r->func = CS_NONE;
    r->pending = PENDING_NONE;
    r->last_func = CS_NONE;
    r->n_ctx = 0;
}

static int part_is_selected(reader *r)
{
    return !r->part_select || cs_part_matches(r->part, r->part_no, r->part_select);
}

static int parse_events(reader *r, const char *s)
{
    size_t i, cap = 0;
    if (r->part_events)
        return fail(r, "second events: line in one part");
    r->n_emap = 0;
    for (;;) {
        const char *start;
        s = skip_space(s);
        if (!*s)
            break;
        start = s;
        while (*s && !is_space(*s))
            s++;
        xgrow((void **)&r->emap, &cap, r->n_emap + 1, sizeof *r->emap);
        r->emap[r->n_emap] = (uint32_t)cs_add_event(r->p, start, (size_t)(s - start));
        for (i = 0; i < r->n_emap; i++)
            if (r->emap[i] == r->emap[r->n_emap])
                return fail(r, "event '%.*s' listed twice", (int)(s - start), start);
        r->n_emap++;
    }
    if (r->n_emap == 0)
        return fail(r, "events: line names no event");
    r->part_events = 1;
    r->costs = xrealloc(r->costs, r->p->n_events * sizeof *r->costs);
    return 0;
}

static int parse_positions_spec(reader *r, const char *s)
{
    int instr = 0, line = 0, n = 0;
    for (;;) {
        const char *start;
        size_t len;
        s = skip_space(s);
        if (!*s)
            break;
        start = s;
        while (*s && !is_space(*s))
            s++;
        len = (size_t)(s - start);
        if (len == 4 && memcmp(start, "line", 4) == 0 && !line)
            line = ++n;
        else if (((len == 5 && memcmp(start, "instr", 5) == 0)
                  || (len == 4 && memcmp(start, "addr", 4) == 0)) && !instr)
            instr = ++n;
        else
            return fail(r, "bad positions: '%.*s'", (int)len, start);
    }
    if (n == 0)
        return fail(r, "positions: line names no position");
    r->part->has_instr = instr != 0;
    r->part->has_line = line != 0;
    r->n_pos = n;
    r->line_pos = line ? line - 1 : -1;
    return 0;
}

/* A cost vector line (summary:, totals:) into a new slot. */
static int parse_total_line(reader *r, const char *s, uint32_t *slot)
{
    if (!r->part_events)
        return fail(r, "summary:/totals: before events:");
    if (*slot != CS_NONE)
        return fail(r, "second summary:/totals: line in one part");
    if (parse_costs(r, s) < 0)
        return -1;
    *slot = cs_new_slot(r->p);
    cs_cost_add(r->p, *slot, r->costs);
    return 0;
}

static char *value_dup(const char *s)
{
    return xstrdup(skip_space(s));
}

/* A header value that a later line with the same key replaces. */
static void replace_text(char **field, const char *s)
{
    free(*field);
    *field = value_dup(s);
}

/* "event: NAME [= FORMULA] [: LONG NAME]": noted for cs_profile_derive
 * (a line it cannot make sense of is ignored, as KCachegrind does). */
static void parse_event_def(reader *r, const char *s)
{
    const char *name, *end, *formula = NULL, *colon;
    char *n, *f = NULL, *l = NULL;

    s = skip_space(s);
    name = s;
    while (*s && !is_space(*s) && *s != '=' && *s != ':')
        s++;
    end = s;
    if (end == name)
        return;
    s = skip_space(s);
    if (*s == '=')
        formula = skip_space(s + 1);
    colon = strchr(formula ? formula : s, ':');
    if (!formula && *s && *s != ':')
        return;
    n = xstrndup(name, (size_t)(end - name));
    if (formula) {
        const char *fe = colon ? colon : formula + strlen(formula);
        while (fe > formula && is_space(fe[-1]))
            fe--;
        f = xstrndup(formula, (size_t)(fe - formula));
    }
    if (colon && *skip_space(colon + 1))
        l = xstrdup(skip_space(colon + 1));
    cs_event_define(r->p, n, f && *f ? f : NULL, l);
    free(n);
    free(f);
    free(l);
}

/* Header keys; returns 1 if the line is a header line it handled, 0 if it is
 * no header line, -1 on error. */
static int header_line(reader *r, const char *s)
{
    const char *colon = s, *key = s;
    size_t klen;
    cs_part *part;
    cs_profile *p = r->p;

    while (isalnum((unsigned char)*colon) || *colon == '_')
        colon++;
    if (*colon != ':' || colon == s)
        return 0;
    klen = (size_t)(colon - s);
#define KEY(k) (klen == sizeof k - 1 && memcmp(key, k, klen) == 0)
    if (KEY("summary") || KEY("totals"))
        return 0;               /* body lines, though Callgrind puts summary: in the header */
    if (!r->in_header) {
        /* In a body only the keys that begin a part's header are accepted. */
        if (!(KEY("version") || KEY("creator") || KEY("cmd") || KEY("pid")
              || KEY("thread") || KEY("part") || KEY("desc") || KEY("positions")
              || KEY("events") || KEY("event")))
            return 0;
        if (end_part(r) < 0)
            return -1;
        start_part(r);
    }
    part = r->part;
    s = colon + 1;
    if (KEY("version")) {
        const char *v = skip_space(s);
        if (!isdigit((unsigned char)*v) || strtoul(v, NULL, 10) >= 2)
            return fail(r, "unsupported format version '%s'", v), -1;
        replace_text(&p->version, s);
    } else if (KEY("creator")) {
        replace_text(&p->creator, s);
    } else if (KEY("cmd")) {
        replace_text(&part->cmd, s);
    } else if (KEY("pid")) {
        replace_text(&part->pid, s);
    } else if (KEY("thread")) {
        replace_text(&part->thread, s);
    } else if (KEY("part")) {
        replace_text(&part->label, s);
    } else if (KEY("desc")) {
        part->desc = xrealloc(part->desc, (part->n_desc + 1) * sizeof *part->desc);
        part->desc[part->n_desc++] = value_dup(s);
    } else if (KEY("positions")) {
        if (parse_positions_spec(r, s) < 0)
            return -1;
    } else if (KEY("events")) {
        if (parse_events(r, s) < 0)
            return -1;
    } else if (KEY("event")) {
        parse_event_def(r, s);
    }
    /* Unknown keys are ignored, as the format allows new header keys. */
#undef KEY
    return 1;
}

/* The first body line of a part: the header must be complete. */
static int begin_body(reader *r)
{
    if (!r->part_events)
        return fail(r, "body line before any events: line");
    r->in_header = 0;
    r->seen_body = 1;
    r->part->selected = part_is_selected(r);
    r->part->self_sum = cs_new_slot(r->p);
    return 0;
}

/* Checks a finished part: its cost lines must add up to totals: (or to
 * summary: without totals:); this is how truncated files are caught. */
static int end_part(reader *r)
{
    cs_profile *p = r->p;
    cs_part *part = r->part;
    uint32_t check;
    size_t e;

    if (!part)
        return 0;
    if (r->pending != PENDING_NONE)
        return fail(r, "file ends after calls=/jump= without its cost line");
    if (r->in_header) {
        if (!r->part_events)
            return fail(r, "no events: line (not a callgrind or Cachegrind profile?)");
        /* A header without a body: an empty part. */
        r->part->self_sum = cs_new_slot(p);
        r->part->selected = part_is_selected(r);
    }
    check = part->totals != CS_NONE ? part->totals : part->summary;
    if (check == CS_NONE)
        return fail(r, "part %zu has no totals: or summary: line (truncated file?)",
                    r->part_no);
    for (e = 0; e < p->n_events; e++) {
        cs_count want = cs_cost(p, check)[e], got = cs_cost(p, part->self_sum)[e];
        if (want != got)
            return fail(r, "part %zu: the cost lines add up to %lld %s, but %s says %lld"
                        " (truncated or edited file?)", r->part_no,
                        (long long)got, p->events[e],
                        check == part->totals ? "totals:" : "summary:",
                        (long long)want);
    }
    /* Exact stacks hold every cost once, so they too add up to the totals. */
    for (e = 0; part->n_stack_lines && e < p->n_events; e++) {
        cs_count want = cs_cost(p, check)[e], got = cs_cost(p, part->stack_sum)[e];
        if (want != got)
            return fail(r, "part %zu: the %s lines add up to %lld %s, but %s says %lld"
                        " (truncated or edited file?)", r->part_no,
                        r->n_ctx ? "# ctx:" : "# stack:",
                        (long long)got, p->events[e],
                        check == part->totals ? "totals:" : "summary:",
                        (long long)want);
    }
    return 0;
}

/* Frames of an old "# stack:" line that name no function are tried
 * joined with the next ones, since a name may itself hold ';' (Rust's
 * "[u8; 4]"): up to this many. */
enum { MAX_JOINED_FRAMES = 8 };

static int is_function_name(reader *r, uint32_t name)
{
    cs_key key = { name, 0, 0 };
    return cs_keymap_get(r->fn_names, key) != CS_NONE;
}

/* The context of "F1;F2;...;Fk" (len bytes, no empty frame), made with
 * its callers' when absent. */
static uint32_t stack_of_frames(reader *r, const char *s, size_t len)
{
    const char *end = s + len;
    uint32_t stack = CS_NONE;
    for (;;) {
        const char *semi = memchr(s, ';', (size_t)(end - s)), *next = semi;
        uint32_t name = cs_intern(r->p, s, (size_t)((semi ? semi : end) - s));
        int joins;
        for (joins = 0; next && !is_function_name(r, name) && joins < MAX_JOINED_FRAMES;
             joins++) {
            const char *after = memchr(next + 1, ';', (size_t)(end - next - 1));
            uint32_t joined = cs_intern(r->p, s, (size_t)((after ? after : end) - s));
            if (is_function_name(r, joined)) {
                name = joined;
                semi = after;
                break;
            }
            next = after;
        }
        stack = cs_stack_get(r->p, stack, name);
        if (!semi)
            return stack;
        s = semi + 1;
    }
}

/* "# stack: C1 ... Cn F1;F2;...;Fk": one exact calling context with its self
 * costs, one count per event of the part (cachesim --call-graph=yes).  The
 * stack runs to the end of the line and may contain spaces. */
static int stack_line(reader *r, const char *s)
{
    cs_profile *p = r->p;
    const char *frames, *c;
    size_t i, len;
    uint64_t v;
    int negative;

    if (!r->part || !r->part_events)
        return fail(r, "# stack: line before events:");
    if (r->in_header && begin_body(r) < 0)
        return -1;
    memset(r->costs, 0, p->n_events * sizeof *r->costs);
    for (i = 0; i < r->n_emap; i++) {
        s = skip_space(s);
        negative = *s == '-';
        s += negative;
        if (parse_number(&s, &v) < 0) {
            if (isdigit((unsigned char)*s))
                return fail(r, "number too large");
            return fail(r, "# stack: wants %zu counts (one per event) before the "
                        "stack, found %zu", r->n_emap, i);
        }
        if (signed_count(v, negative, &r->costs[r->emap[i]]) < 0)
            return fail(r, "number too large");
        if (!*s)
            return fail(r, "# stack: line without a stack after its counts");
        if (!is_space(*s))
            return fail(r, "bad count '%.20s' in # stack: line", s);
    }
    frames = skip_space(s);
    /* A first frame that is a bare number is one count too many. */
    for (c = frames; isdigit((unsigned char)*c); c++)
        ;
    if (c > frames && (*c == '\0' || is_space(*c)))
        return fail(r, "# stack: has more counts than the %zu events of events:",
                    r->n_emap);
    len = strlen(frames);
    if (frames[0] == ';' || frames[len - 1] == ';' || strstr(frames, ";;"))
        return fail(r, "# stack: '%.40s' has an empty frame", frames);
    if (r->part->n_stack_lines++ == 0)
        r->part->stack_sum = cs_new_slot(p);
    cs_cost_add(p, r->part->stack_sum, r->costs);
    if (r->part->selected)
        cs_stack_add(p, stack_of_frames(r, frames, len), r->costs);
    return 0;
}

/* "# ctxfn: FN NAME": the name of function number FN of "# ctx:" lines,
 * until the next definition of FN. */
static int ctxfn_line(reader *r, const char *s)
{
    uint64_t id;
    cs_key key = { KIND_CTXFN, 0, 0 };
    s = skip_space(s);
    if (parse_number(&s, &id) < 0 || (*s && !is_space(*s)))
        return fail(r, "# ctxfn: wants a function number and a name");
    s = skip_space(s);
    if (!*s)
        return fail(r, "# ctxfn: %llu has no name", (unsigned long long)id);
    key.b = id;
    cs_keymap_put(r->ids, key, cs_intern(r->p, s, strlen(s)));
    return 0;
}

/* "# ctx: UP FN C1 ... Cn": one exact calling context (cachesim
 * --call-graph=yes): the function numbered FN by a "# ctxfn:" line, called
 * in the context of the "# ctx:" line UP lines above in the same part (0:
 * at the top), with its self costs, as on a cost line (trailing zeros may
 * be left out). */
static int ctx_line(reader *r, const char *s)
{
    cs_profile *p = r->p;
    uint64_t v[2];
    uint32_t parent = CS_NONE, name, stack = CS_NONE;
    cs_key key = { KIND_CTXFN, 0, 0 };
    int i;

    if (!r->part || !r->part_events)
        return fail(r, "# ctx: line before events:");
    if (r->in_header && begin_body(r) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        s = skip_space(s);
        if (parse_number(&s, &v[i]) < 0 || (*s && !is_space(*s)))
            return fail(r, "# ctx: wants the lines up to its parent and a function "
                        "number before the costs");
    }
    if (v[0] > r->n_ctx)
        return fail(r, "# ctx: the parent (%llu up) is not a context of this part",
                    (unsigned long long)v[0]);
    key.b = v[1];
    name = cs_keymap_get(r->ids, key);
    if (name == CS_NONE)
        return fail(r, "# ctx: function %llu has no # ctxfn: line before it",
                    (unsigned long long)v[1]);
    if (parse_costs(r, s) < 0)
        return -1;
    if (r->part->n_stack_lines++ == 0)
        r->part->stack_sum = cs_new_slot(p);
    cs_cost_add(p, r->part->stack_sum, r->costs);
    if (r->part->selected) {
        if (v[0] != 0)
            parent = r->ctx_stack[r->n_ctx + 1 - v[0]];
        stack = cs_stack_get(p, parent, name);
        cs_stack_add(p, stack, r->costs);
    }
    xgrow((void **)&r->ctx_stack, &r->ctx_cap, r->n_ctx + 2, sizeof *r->ctx_stack);
    r->ctx_stack[++r->n_ctx] = stack;
    return 0;
}

/* ----- body -------------------------------------------------------------- */

static uint32_t current_function(reader *r)
{
    if (r->func == CS_NONE)
        r->func = cs_function_get(r->p, r->ob == CS_NONE ? r->p->no_object : r->ob,
                                  r->fl == CS_NONE ? cs_intern(r->p, "???", 3) : r->fl,
                                  r->fn);
    return r->func;
}

static int cost_line(reader *r, const char *s)
{
    cs_profile *p = r->p;
    uint64_t pos[2] = { 0, 0 }, line;
    uint32_t func, entry, file;

    if (parse_positions(r, &s, pos) < 0)
        return -1;
    r->prev[0] = pos[0];
    r->prev[1] = pos[1];
    line = r->line_pos >= 0 ? pos[r->line_pos] : 0;
    if (r->pending == PENDING_JUMP_POSITION) {
        r->pending = PENDING_NONE;
        return 0;               /* a jump's source: no costs to add */
    }
    if (parse_costs(r, s) < 0)
        return -1;
    if (r->fn == CS_NONE)
        return fail(r, "cost line before any fn= line");
    file = r->file == CS_NONE ? (r->fl == CS_NONE ? cs_intern(p, "???", 3) : r->fl)
                              : r->file;
    if (r->pending == PENDING_CALL_COST) {
        uint32_t callee, call;
        r->pending = PENDING_NONE;
        if (r->part->selected) {
            func = current_function(r);
            callee = cs_function_get(p, r->cob == CS_NONE
                                        ? (r->ob == CS_NONE ? p->no_object : r->ob)
                                        : r->cob,
                                     r->cfile == CS_NONE ? file : r->cfile, r->cfn);
            call = cs_call_get(p, func, callee, file, line);
            p->calls[call].count = cs_calls_add(p->calls[call].count, r->call_count);
            cs_cost_add(p, p->calls[call].inclusive, r->costs);
        }
        r->cob = r->cfile = r->cfn = CS_NONE;
        return 0;
    }
    cs_cost_add(p, r->part->self_sum, r->costs);
    if (!r->part->selected)
        return 0;
    func = current_function(r);
    if (func == r->last_func && file == r->last_file && line == r->last_line) {
        entry = r->last_line_entry;
    } else {
        entry = cs_line_get(p, func, file, line);
        r->last_func = func;
        r->last_file = file;
        r->last_line = line;
        r->last_line_entry = entry;
    }
    cs_cost_add(p, p->lines[entry].cost, r->costs);
    cs_cost_add(p, p->funcs[func].self, r->costs);
    return 0;
}

/* calls=N target / jump=N target / jcnd=N M target: the target positions
 * are checked but neither stored nor used as the base of the next line. */
static int association_line(reader *r, const char *s, int is_call, int conditional)
{
    uint64_t count, executed, pos[2];
    s = skip_space(s);
    if (parse_number(&s, &count) < 0)
        return number_error(r, s);
    if (conditional) {
        if (*s != '/' && !is_space(*s))
            return fail(r, "bad jcnd= line");
        s = skip_space(s + (*s == '/'));
        if (parse_number(&s, &executed) < 0)
            return number_error(r, s);
    }
    if (*s && !is_space(*s))
        return fail(r, "bad count '%.20s'", s);
    if (parse_positions(r, &s, pos) < 0)
        return -1;
    if (*skip_space(s))
        return fail(r, "unexpected text after the target position");
    if (is_call) {
        if (r->cfn == CS_NONE)
            return fail(r, "calls= without a preceding cfn= line");
        if (count > (uint64_t)INT64_MAX)
            return fail(r, "number too large");
        r->call_count = (cs_count)count;
        r->pending = PENDING_CALL_COST;
    } else {
        r->pending = PENDING_JUMP_POSITION;
    }
    return 0;
}

static int spec_is(const char *s, const char *key, const char **value)
{
    size_t n = strlen(key);
    if (strncmp(s, key, n) != 0)
        return 0;
    *value = s + n;
    return 1;
}

static int body_line(reader *r, const char *s)
{
    const char *v;
    uint32_t id;

    if (r->pending != PENDING_NONE && !(isdigit((unsigned char)*s) || *s == '+'
                                        || *s == '-' || *s == '*'))
        return fail(r, "expected a cost line after calls=/jump=");
    switch (*s) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6':
    case '7': case '8': case '9': case '+': case '-': case '*':
        return cost_line(r, s);
    }
    if (spec_is(s, "fn=", &v)) {
        if (parse_name(r, KIND_FUNCTION, v, &id) < 0)
            return -1;
        r->fn = id;
        r->file = r->fl;        /* a new function starts in its own file */
        r->func = CS_NONE;
    } else if (spec_is(s, "fl=", &v)) {
        if (parse_name(r, KIND_FILE, v, &id) < 0)
            return -1;
        r->fl = r->file = id;
        r->func = CS_NONE;
    } else if (spec_is(s, "fi=", &v) || spec_is(s, "fe=", &v)) {
        if (parse_name(r, KIND_FILE, v, &id) < 0)
            return -1;
        r->file = id;
    } else if (spec_is(s, "ob=", &v)) {
        if (parse_name(r, KIND_OBJECT, v, &id) < 0)
            return -1;
        r->ob = id;
        r->func = CS_NONE;
    } else if (spec_is(s, "cob=", &v)) {
        if (parse_name(r, KIND_OBJECT, v, &r->cob) < 0)
            return -1;
    } else if (spec_is(s, "cfi=", &v) || spec_is(s, "cfl=", &v)) {
        if (parse_name(r, KIND_FILE, v, &r->cfile) < 0)
            return -1;
    } else if (spec_is(s, "cfn=", &v)) {
        if (parse_name(r, KIND_FUNCTION, v, &r->cfn) < 0)
            return -1;
    } else if (spec_is(s, "calls=", &v)) {
        return association_line(r, v, 1, 0);
    } else if (spec_is(s, "jump=", &v)) {
        return association_line(r, v, 0, 0);
    } else if (spec_is(s, "jcnd=", &v)) {
        return association_line(r, v, 0, 1);
    } else if (spec_is(s, "jfi=", &v)) {
        return parse_name(r, KIND_FILE, v, &id);    /* may define an id */
    } else if (spec_is(s, "jfn=", &v)) {
        return parse_name(r, KIND_FUNCTION, v, &id);
    } else if (spec_is(s, "summary:", &v)) {
        return parse_total_line(r, v, &r->part->summary);
    } else if (spec_is(s, "totals:", &v)) {
        return parse_total_line(r, v, &r->part->totals);
    } else {
        return fail(r, "unrecognised line '%.40s'", s);
    }
    return 0;
}

#define LAST_LINE_KEY "# last line: "

static int process_line(reader *r, char *s, size_t len)
{
    int h;
    if (memchr(s, '\0', len))
        return fail(r, "NUL byte: binary data, not a profile");
    while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
    if (len > 0)
        r->at_last_line = r->last_line_text && strcmp(s, r->last_line_text) == 0;
    if (strncmp(s, "# ctx:", 6) == 0)
        return ctx_line(r, s + 6);
    if (strncmp(s, "# ctxfn:", 8) == 0)
        return ctxfn_line(r, s + 8);
    if (strncmp(s, "# stack:", 8) == 0)
        return stack_line(r, s + 8);
    if (strncmp(s, LAST_LINE_KEY, sizeof LAST_LINE_KEY - 1) == 0 && !r->seen_body
        && !r->last_line_text) {
        r->last_line_text = xstrdup(s + sizeof LAST_LINE_KEY - 1);
        r->promised_at = r->line_no;
        return 0;
    }
    if (len == 0 || s[0] == '#')
        return 0;
    if (!r->part) {
        start_part(r);
    }
    h = header_line(r, s);
    if (h != 0)
        return h < 0 ? -1 : 0;
    if (r->in_header && !r->part_events
        && (strncmp(s, "summary:", 8) == 0 || strncmp(s, "totals:", 7) == 0))
        return fail(r, "summary:/totals: before events:");
    if (r->in_header && begin_body(r) < 0)
        return -1;
    return body_line(r, s);
}

static int cut_short(reader *r)
{
    if (r->at_last_line)
        return fail(r, "the file is cut short: its last line \"%s\" has no newline",
                    r->last_line_text);
    return fail(r, "the file is cut short: it does not end with the line \"%s\" "
                "that line %lu says a complete file ends with", r->last_line_text,
                r->promised_at);
}

static int part_select_unmatched(const cs_profile *p, const char *sel)
{
    size_t i;
    if (!sel)
        return 0;
    for (i = 0; i < p->n_parts; i++)
        if (p->parts[i].selected)
            return 0;
    return 1;
}

int cs_profile_read(cs_profile *p, const char *path,
                    const cs_read_options *opts, char *err, size_t errlen)
{
    reader r;
    struct stat st;
    char *line;
    size_t len;
    int rc = 0, first = 1;

    memset(&r, 0, sizeof r);
    r.p = p;
    r.path = path;
    r.err = err;
    r.errlen = errlen;
    r.part_select = opts ? opts->part_select : NULL;
    if (cs_line_reader_open(&r.in, path) < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    free(p->path);
    p->path = xstrdup(path);
    p->format = CS_FORMAT_CACHEGRIND;
    if (fstat(cs_line_reader_fd(&r.in), &st) == 0)
        p->mtime = st.st_mtime;
    r.ids = cs_keymap_new();
    r.fn_names = cs_keymap_new();
    while (cs_line_reader_next(&r.in, &line, &len)) {
        r.line_no++;
        if (first && strncmp(line, "# callgrind format", 18) == 0)
            p->format = CS_FORMAT_CALLGRIND;
        first = 0;
        if (process_line(&r, line, len) < 0) {
            /* A line that is bad because the file stops in it. */
            if (r.last_line_text && r.in.unterminated)
                cut_short(&r);
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        if (cs_line_reader_error(&r.in)) {
            snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
            rc = -1;
        } else if (r.last_line_text && (!r.at_last_line || r.in.unterminated)) {
            rc = cut_short(&r);
        } else if (!r.part) {
            fail(&r, "empty file: not a profile");
            rc = -1;
        } else {
            rc = end_part(&r);
        }
    }
    /* Callgrind features seen anywhere make it a callgrind-format file. */
    if (p->version || p->n_calls || (p->n_parts && p->parts[0].has_instr))
        p->format = CS_FORMAT_CALLGRIND;
    if (rc == 0)
        cs_profile_derive(p);
    if (rc == 0 && part_select_unmatched(p, r.part_select)) {
        snprintf(err, errlen, "%s: no part '%s' (the file has %zu part%s)", path,
                 r.part_select, p->n_parts, p->n_parts == 1 ? "" : "s");
        rc = -1;
    }
    cs_line_reader_close(&r.in);
    free(r.last_line_text);
    cs_keymap_free(r.ids);
    cs_keymap_free(r.fn_names);
    free(r.ctx_stack);
    free(r.emap);
    free(r.costs);
    return rc < 0 ? -1 : 0;
}
