/* profile.c - the profile model: names, events, the cost pool, and the
 * find-or-create lookups of functions, line costs and call arcs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "profile.h"
#include "xalloc.h"

cs_profile *cs_profile_new(void)
{
    cs_profile *p = xcalloc(1, sizeof *p);
    p->names = cs_strtab_new();
    p->func_index = cs_keymap_new();
    p->line_index = cs_keymap_new();
    p->call_index = cs_keymap_new();
    p->stack_index = cs_keymap_new();
    p->no_object = cs_intern(p, "", 0);
    return p;
}

static void free_part(cs_part *part)
{
    size_t i;
    free(part->label);
    free(part->cmd);
    free(part->pid);
    free(part->thread);
    for (i = 0; i < part->n_desc; i++)
        free(part->desc[i]);
    free(part->desc);
}

void cs_profile_free(cs_profile *p)
{
    size_t i;
    if (!p)
        return;
    for (i = 0; i < p->n_parts; i++)
        free_part(&p->parts[i]);
    for (i = 0; i < p->n_events; i++) {
        free(p->events[i]);
        free(p->long_names[i]);
        free(p->formulas[i]);
    }
    free(p->events);
    free(p->long_names);
    free(p->formulas);
    for (i = 0; i < p->n_defs; i++) {
        free(p->defs[i].name);
        free(p->defs[i].formula);
        free(p->defs[i].long_name);
    }
    free(p->defs);
    free(p->parts);
    free(p->funcs);
    free(p->lines);
    free(p->calls);
    free(p->stacks);
    free(p->pool);
    free(p->path);
    free(p->creator);
    free(p->version);
    cs_keymap_free(p->func_index);
    cs_keymap_free(p->line_index);
    cs_keymap_free(p->call_index);
    cs_keymap_free(p->stack_index);
    cs_strtab_free(p->names);
    free(p);
}

uint32_t cs_intern(cs_profile *p, const char *s, size_t len)
{
    return cs_strtab_intern(p->names, s, len);
}

int cs_event_index(const cs_profile *p, const char *name)
{
    size_t i;
    for (i = 0; i < p->n_events; i++)
        if (strcmp(p->events[i], name) == 0)
            return (int)i;
    return -1;
}

size_t cs_add_event(cs_profile *p, const char *name, size_t len)
{
    size_t i, old = p->n_events, s;
    cs_count *pool;

    for (i = 0; i < old; i++)
        if (strlen(p->events[i]) == len && memcmp(p->events[i], name, len) == 0)
            return i;
    p->events = xrealloc(p->events, (old + 1) * sizeof *p->events);
    p->events[old] = xstrndup(name, len);
    p->long_names = xrealloc(p->long_names, (old + 1) * sizeof *p->long_names);
    p->long_names[old] = NULL;
    p->formulas = xrealloc(p->formulas, (old + 1) * sizeof *p->formulas);
    p->formulas[old] = NULL;
    p->n_events = old + 1;
    /* Rare (a later part with new events): re-lay the pool one wider. */
    if (p->n_slots) {
        pool = xcalloc(p->slots_cap, (old + 1) * sizeof *pool);
        for (s = 0; s < p->n_slots; s++)
            memcpy(pool + s * (old + 1), p->pool + s * old, old * sizeof *pool);
        free(p->pool);
        p->pool = pool;
    } else {
        free(p->pool);
        p->pool = NULL;
        p->slots_cap = 0;
    }
    return old;
}

uint32_t cs_new_slot(cs_profile *p)
{
    size_t width = p->n_events ? p->n_events : 1;
    if (p->n_slots + 1 > p->slots_cap) {
        size_t old = p->slots_cap;
        xgrow((void **)&p->pool, &p->slots_cap, p->n_slots + 1,
              width * sizeof *p->pool);
        memset(p->pool + old * width, 0,
               (p->slots_cap - old) * width * sizeof *p->pool);
    }
    return (uint32_t)p->n_slots++;
}

void cs_cost_add(cs_profile *p, uint32_t slot, const cs_count *c)
{
    cs_count *d = cs_cost(p, slot);
    size_t i;
    for (i = 0; i < p->n_events; i++)
        d[i] = cs_count_add(d[i], c[i]);
}

uint32_t cs_function_get(cs_profile *p, uint32_t object, uint32_t file,
                         uint32_t name)
{
    cs_key k = { ((uint64_t)object << 32) | file, name, 0 };
    uint32_t i = cs_keymap_get(p->func_index, k);
    if (i != CS_NONE)
        return i;
    xgrow((void **)&p->funcs, &p->funcs_cap, p->n_funcs + 1, sizeof *p->funcs);
    i = (uint32_t)p->n_funcs++;
    p->funcs[i].object = object;
    p->funcs[i].file = file;
    p->funcs[i].name = name;
    p->funcs[i].self = cs_new_slot(p);
    cs_keymap_put(p->func_index, k, i);
    return i;
}

uint32_t cs_line_get(cs_profile *p, uint32_t func, uint32_t file,
                     uint64_t line)
{
    cs_key k = { ((uint64_t)func << 32) | file, line, 1 };
    uint32_t i = cs_keymap_get(p->line_index, k);
    if (i != CS_NONE)
        return i;
    xgrow((void **)&p->lines, &p->lines_cap, p->n_lines + 1, sizeof *p->lines);
    i = (uint32_t)p->n_lines++;
    p->lines[i].func = func;
    p->lines[i].file = file;
    p->lines[i].line = line;
    p->lines[i].cost = cs_new_slot(p);
    cs_keymap_put(p->line_index, k, i);
    return i;
}

uint32_t cs_call_get(cs_profile *p, uint32_t caller, uint32_t callee,
                     uint32_t file, uint64_t line)
{
    cs_key k = { ((uint64_t)caller << 32) | callee, line, ((uint64_t)file << 8) | 2 };
    uint32_t i = cs_keymap_get(p->call_index, k);
    if (i != CS_NONE)
        return i;
    xgrow((void **)&p->calls, &p->calls_cap, p->n_calls + 1, sizeof *p->calls);
    i = (uint32_t)p->n_calls++;
    p->calls[i].caller = caller;
    p->calls[i].callee = callee;
    p->calls[i].file = file;
    p->calls[i].line = line;
    p->calls[i].count = 0;
    p->calls[i].inclusive = cs_new_slot(p);
    cs_keymap_put(p->call_index, k, i);
    return i;
}

uint32_t cs_stack_get(cs_profile *p, uint32_t parent, uint32_t frame)
{
    cs_key k = { parent, frame, 3 };
    uint32_t i = cs_keymap_get(p->stack_index, k);
    if (i != CS_NONE)
        return i;
    xgrow((void **)&p->stacks, &p->stacks_cap, p->n_stacks + 1, sizeof *p->stacks);
    i = (uint32_t)p->n_stacks++;
    p->stacks[i].parent = parent;
    p->stacks[i].frame = frame;
    p->stacks[i].cost = CS_NONE;
    cs_keymap_put(p->stack_index, k, i);
    return i;
}

void cs_stack_add(cs_profile *p, uint32_t stack, const cs_count *c)
{
    size_t e;
    for (e = 0; e < p->n_events && c[e] == 0; e++)
        ;
    if (e == p->n_events)
        return;
    if (p->stacks[stack].cost == CS_NONE)
        p->stacks[stack].cost = cs_new_slot(p);
    cs_cost_add(p, p->stacks[stack].cost, c);
}

size_t cs_stack_frames(const cs_profile *p, uint32_t stack, uint32_t *names,
                       size_t cap)
{
    size_t depth = 0, i;
    uint32_t s;
    for (s = stack; s != CS_NONE; s = p->stacks[s].parent)
        depth++;
    if (depth > cap)
        return depth;
    for (s = stack, i = depth; s != CS_NONE; s = p->stacks[s].parent)
        names[--i] = p->stacks[s].frame;
    return depth;
}

const cs_count *cs_part_totals(const cs_profile *p, const cs_part *part)
{
    return cs_cost(p, part->summary != CS_NONE ? part->summary
                      : part->totals != CS_NONE ? part->totals
                      : part->self_sum);
}

int cs_contexts_of(const cs_profile *p, char *err, size_t errlen)
{
    if (p->n_stacks > 0)
        return CS_CONTEXTS_EXACT;
    if (p->n_calls > 0)
        return CS_CONTEXTS_RECONSTRUCTED;
    snprintf(err, errlen, "%s has neither exact stacks (# ctx: lines, "
             "cachesim --call-graph=yes) nor calls= lines to reconstruct them from",
             p->path);
    return CS_CONTEXTS_NONE;
}

void cs_profile_totals(const cs_profile *p, cs_count *out)
{
    size_t i, e;
    memset(out, 0, p->n_events * sizeof *out);
    for (i = 0; i < p->n_parts; i++) {
        const cs_part *part = &p->parts[i];
        if (!part->selected)
            continue;
        for (e = 0; e < p->n_events; e++)
            out[e] = cs_count_add(out[e], cs_part_totals(p, part)[e]);
    }
}

const char *cs_part_request_label(const cs_part *part)
{
    static const char prefix[] = "Trigger: Client Request:";
    size_t i;
    for (i = 0; i < part->n_desc; i++)
        if (strncmp(part->desc[i], prefix, sizeof prefix - 1) == 0) {
            const char *label = part->desc[i] + sizeof prefix - 1;
            while (*label == ' ' || *label == '\t')
                label++;
            return label;
        }
    return NULL;
}

int cs_part_matches(const cs_part *part, size_t part_no, const char *sel)
{
    const char *c = sel, *request;
    while (isdigit((unsigned char)*c))
        c++;
    if (*sel && !*c)
        return strtoull(sel, NULL, 10) == part_no;
    if (part->label && strcmp(part->label, sel) == 0)
        return 1;
    request = cs_part_request_label(part);
    return request && strcmp(request, sel) == 0;
}

const char *cs_part_name(const cs_profile *p, const cs_part *part, char *buf)
{
    const char *request = cs_part_request_label(part);
    if (request && *request)
        return request;
    if (part->label && *part->label)
        return part->label;
    snprintf(buf, 32, "%zu", (size_t)(part - p->parts) + 1);
    return buf;
}

/* ----- derived events and long names -------------------------------------- */

size_t cs_recorded_events(const cs_profile *p)
{
    size_t e, n = 0;
    for (e = 0; e < p->n_events; e++)
        n += !cs_event_is_derived(p, e);
    return n;
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void cs_event_define(cs_profile *p, const char *name, const char *formula,
                     const char *long_name)
{
    size_t i;
    for (i = 0; i < p->n_defs; i++)
        if (strcmp(p->defs[i].name, name) == 0)
            return;
    p->defs = xrealloc(p->defs, (p->n_defs + 1) * sizeof *p->defs);
    p->defs[p->n_defs].name = xstrdup(name);
    p->defs[p->n_defs].formula = dup_or_null(formula);
    p->defs[p->n_defs].long_name = dup_or_null(long_name);
    p->n_defs++;
}

void cs_event_set_info(cs_profile *p, size_t e, const char *formula, const char *long_name)
{
    free(p->formulas[e]);
    p->formulas[e] = dup_or_null(formula);
    free(p->long_names[e]);
    p->long_names[e] = dup_or_null(long_name);
}

/* A formula's terms: FACTOR [*] EVENT, or EVENT, joined by '+' (the
 * callgrind format's grammar).  Returns the number of terms, or -1 with
 * a message; events[] are indexes into p. */
static int parse_formula(const cs_profile *p, const char *f, size_t *events,
                         cs_count *factors, int max, char *err, size_t errlen)
{
    int n = 0;
    const char *s = f;
    for (;;) {
        cs_count factor = 1;
        char name[128];
        size_t len = 0;
        int e;
        while (*s == ' ' || *s == '\t')
            s++;
        if (isdigit((unsigned char)*s)) {
            factor = 0;
            while (isdigit((unsigned char)*s)) {
                if (factor > 1000000000LL) {
                    snprintf(err, errlen, "factor too large in '%s'", f);
                    return -1;
                }
                factor = factor * 10 + (*s++ - '0');
            }
            while (*s == ' ' || *s == '\t')
                s++;
            if (*s == '*')
                s++;
            while (*s == ' ' || *s == '\t')
                s++;
        }
        while ((isalnum((unsigned char)*s) || *s == '_') && len + 1 < sizeof name)
            name[len++] = *s++;
        name[len] = '\0';
        if (len == 0) {
            snprintf(err, errlen, "bad formula '%s' (expected EVENT or N EVENT, joined by +)", f);
            return -1;
        }
        e = cs_event_index(p, name);
        if (e < 0) {
            snprintf(err, errlen, "its formula names '%s', which the profile does not record",
                     name);
            return -1;
        }
        if (n == max) {
            snprintf(err, errlen, "formula '%s' has too many terms", f);
            return -1;
        }
        events[n] = (size_t)e;
        factors[n] = factor;
        n++;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '\0')
            return n;
        if (*s != '+') {
            snprintf(err, errlen, "bad formula '%s' (expected EVENT or N EVENT, joined by +)", f);
            return -1;
        }
        s++;
    }
}

size_t cs_profile_derive(cs_profile *p)
{
    enum { MAX_TERMS = 64 };
    size_t d, skipped = 0;
    for (d = 0; d < p->n_defs; d++) {
        const cs_event_def *def = &p->defs[d];
        size_t events[MAX_TERMS], slot, e, w;
        cs_count factors[MAX_TERMS];
        char err[256];
        int n, existing = cs_event_index(p, def->name), t;

        if (existing >= 0) {
            /* a long name for a recorded event (a formula for an event the
             * file records as well is ignored: its counts are there) */
            if (def->long_name && !p->long_names[existing])
                p->long_names[existing] = xstrdup(def->long_name);
            continue;
        }
        if (!def->formula)
            continue;           /* a long name for an event not recorded */
        n = parse_formula(p, def->formula, events, factors, MAX_TERMS, err, sizeof err);
        if (n < 0) {
            fprintf(stderr, "csann: warning: %s: derived event %s left out: %s\n",
                    p->path ? p->path : "profile", def->name, err);
            skipped++;
            continue;
        }
        e = cs_add_event(p, def->name, strlen(def->name));
        cs_event_set_info(p, e, def->formula, def->long_name);
        w = p->n_events;
        for (slot = 0; slot < p->n_slots; slot++) {
            cs_count *v = p->pool + slot * w, sum = 0;
            for (t = 0; t < n; t++)
                sum = cs_count_add(sum, (cs_count)((uint64_t)v[events[t]] * (uint64_t)factors[t]));
            v[e] = sum;
        }
    }
    for (d = 0; d < p->n_defs; d++) {
        free(p->defs[d].name);
        free(p->defs[d].formula);
        free(p->defs[d].long_name);
    }
    free(p->defs);
    p->defs = NULL;
    p->n_defs = 0;
    return skipped;
}

void cs_remove_event(cs_profile *p, size_t e)
{
    size_t old = p->n_events, s, i;
    free(p->events[e]);
    free(p->long_names[e]);
    free(p->formulas[e]);
    for (i = e; i + 1 < old; i++) {
        p->events[i] = p->events[i + 1];
        p->long_names[i] = p->long_names[i + 1];
        p->formulas[i] = p->formulas[i + 1];
    }
    /* Re-lay the pool one narrower, in place (each slot moves down). */
    for (s = 0; s < p->n_slots; s++) {
        cs_count *from = p->pool + s * old, *to = p->pool + s * (old - 1);
        for (i = 0; i < old; i++)
            if (i != e)
                *to++ = from[i];
    }
    p->n_events = old - 1;
}

void cs_keep_shared_derived(cs_profile *a, cs_profile *b)
{
    size_t e;
    for (e = a->n_events; e-- > 0;)
        if (cs_event_is_derived(a, e) && cs_event_index(b, a->events[e]) < 0)
            cs_remove_event(a, e);
    for (e = b->n_events; e-- > 0;)
        if (cs_event_is_derived(b, e) && cs_event_index(a, b->events[e]) < 0)
            cs_remove_event(b, e);
}
