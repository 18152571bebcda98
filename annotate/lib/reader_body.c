/* reader_body.c - the body of a part: cost lines, calls=/jump=/jcnd=
 * lines and the position specifications (fn=, fl=, fi=, ob=, cfn=, ...)
 * with their compressed names. */
#include <ctype.h>
#include <string.h>
#include "reader_state.h"

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

int body_line(reader *r, const char *s)
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
