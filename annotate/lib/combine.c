/* combine.c - summing and subtracting profiles into a one-part model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "combine.h"
#include "xalloc.h"

static int has_event(const cs_profile *p, const char *name)
{
    return cs_event_index(p, name) >= 0;
}

static void list_events(const cs_profile *p, char *buf, size_t len)
{
    size_t i, n = 0;
    buf[0] = '\0';
    for (i = 0; i < p->n_events && n + 1 < len; i++) {
        int k;
        if (cs_event_is_derived(p, i))
            continue;
        k = snprintf(buf + n, len - n, "%s%s", n ? " " : "", p->events[i]);
        if (k < 0)
            break;
        n += (size_t)k;
    }
}

int cs_same_events(const cs_profile *a, const cs_profile *b, char *err,
                   size_t errlen)
{
    size_t i;
    int same = cs_recorded_events(a) == cs_recorded_events(b);
    char ea[512], eb[512];
    /* (Derived events are worked out in each profile from its own
     * formula: they need not match.) */
    for (i = 0; same && i < a->n_events; i++)
        same = cs_event_is_derived(a, i) || has_event(b, a->events[i]);
    if (same)
        return 0;
    list_events(a, ea, sizeof ea);
    list_events(b, eb, sizeof eb);
    snprintf(err, errlen, "the profiles record different events:\n"
             "  %s: %s\n  %s: %s", a->path, ea, b->path, eb);
    return -1;
}

void cs_event_map(const cs_profile *dst, const cs_profile *src, size_t *map)
{
    size_t i;
    for (i = 0; i < src->n_events; i++) {
        int e = cs_event_index(dst, src->events[i]);
        map[i] = e < 0 ? CS_NO_EVENT : (size_t)e;
    }
}

const cs_part *cs_first_selected_part(const cs_profile *p)
{
    size_t i;
    for (i = 0; i < p->n_parts; i++)
        if (p->parts[i].selected)
            return &p->parts[i];
    return NULL;
}

void cs_combine_start(cs_profile *dst, const cs_profile *like)
{
    const cs_part *from = cs_first_selected_part(like);
    cs_part *part;
    size_t i;

    for (i = 0; i < like->n_events; i++) {
        size_t e = cs_add_event(dst, like->events[i], strlen(like->events[i]));
        cs_event_set_info(dst, e, like->formulas[i], like->long_names[i]);
    }
    dst->parts = xcalloc(1, sizeof *dst->parts);
    dst->parts_cap = dst->n_parts = 1;
    part = &dst->parts[0];
    part->has_line = 1;
    part->selected = 1;
    part->totals = CS_NONE;
    part->summary = cs_new_slot(dst);
    part->self_sum = cs_new_slot(dst);
    if (from) {
        if (from->cmd)
            part->cmd = xstrdup(from->cmd);
        part->desc = xcalloc(from->n_desc + 1, sizeof *part->desc);
        for (i = 0; i < from->n_desc; i++)
            part->desc[i] = xstrdup(from->desc[i]);
        part->n_desc = from->n_desc;
    }
    if (like->mtime > dst->mtime)
        dst->mtime = like->mtime;
}

/* src name id -> dst name id, through the rules; computed once per name. */
typedef struct name_map {
    const cs_profile *src;
    cs_profile *dst;
    const cs_name_rules *rules;
    uint32_t *ids;
} name_map;

static void name_map_init(name_map *m, cs_profile *dst, const cs_profile *src,
                          const cs_name_rules *rules)
{
    size_t i, n = cs_strtab_count(src->names);
    m->src = src;
    m->dst = dst;
    m->rules = rules;
    m->ids = xmalloc((n + 1) * sizeof *m->ids);
    for (i = 0; i < n; i++)
        m->ids[i] = CS_NONE;
}

static uint32_t map_name(name_map *m, uint32_t id)
{
    if (m->ids[id] == CS_NONE) {
        const char *name = cs_name(m->src, id);
        if (m->rules && m->rules->count) {
            char *renamed = cs_name_rules_apply(m->rules, name);
            m->ids[id] = cs_intern(m->dst, renamed, strlen(renamed));
            free(renamed);
        } else {
            m->ids[id] = cs_intern(m->dst, name, strlen(name));
        }
    }
    return m->ids[id];
}

typedef struct combiner {
    cs_profile *dst;
    const cs_profile *src;
    const cs_combine_options *opts;
    name_map files, funcs;
    uint32_t *func_ids;         /* src function -> dst function */
} combiner;

static uint32_t map_function(combiner *c, uint32_t f)
{
    if (c->func_ids[f] == CS_NONE) {
        const cs_function *fn = &c->src->funcs[f];
        uint32_t object = c->opts->keep_objects ? map_name(&c->files, fn->object)
                                                : c->dst->no_object;
        c->func_ids[f] = cs_function_get(c->dst, object, map_name(&c->files, fn->file),
                                         map_name(&c->funcs, fn->name));
    }
    return c->func_ids[f];
}

/* v (src order) into out (dst order), times sign. */
static void translate(const combiner *c, const size_t *emap, const cs_count *v,
                      int sign, cs_count *out)
{
    size_t i;
    memset(out, 0, c->dst->n_events * sizeof *out);
    for (i = 0; i < c->src->n_events; i++)
        if (emap[i] != CS_NO_EVENT)
            out[emap[i]] = sign < 0 ? (cs_count)(0 - (uint64_t)v[i]) : v[i];
}

/* src's contexts into dst's tree: a context is the one of dst with the
 * same parent and function name.  src lists parents before children, so
 * each parent is mapped before it is needed. */
static void add_stacks(combiner *c, const size_t *emap, int sign, cs_count *scratch)
{
    uint32_t *ids = xmalloc((c->src->n_stacks + 1) * sizeof *ids);
    size_t i;
    for (i = 0; i < c->src->n_stacks; i++) {
        const cs_stack *s = &c->src->stacks[i];
        uint32_t parent = s->parent == CS_NONE ? CS_NONE : ids[s->parent];
        ids[i] = cs_stack_get(c->dst, parent, map_name(&c->funcs, s->frame));
        if (s->cost != CS_NONE) {
            translate(c, emap, cs_cost(c->src, s->cost), sign, scratch);
            cs_stack_add(c->dst, ids[i], scratch);
        }
    }
    free(ids);
}

void cs_combine_add(cs_profile *dst, const cs_profile *src, int sign,
                    const cs_combine_options *opts)
{
    static const cs_combine_options defaults = { .keep_objects = 1, .keep_calls = 1 };
    combiner c;
    size_t i, w = dst->n_events;
    size_t *emap = xcalloc(src->n_events + 1, sizeof *emap);
    cs_count *plain = xcalloc(w + 1, sizeof *plain);
    cs_count *signed_cost = xcalloc(w + 1, sizeof *signed_cost);
    cs_count *totals = xcalloc(src->n_events + 1, sizeof *totals);

    c.dst = dst;
    c.src = src;
    c.opts = opts ? opts : &defaults;
    name_map_init(&c.files, dst, src, c.opts->file_rules);
    name_map_init(&c.funcs, dst, src, c.opts->func_rules);
    c.func_ids = xmalloc((src->n_funcs + 1) * sizeof *c.func_ids);
    for (i = 0; i < src->n_funcs; i++)
        c.func_ids[i] = CS_NONE;
    cs_event_map(dst, src, emap);

    for (i = 0; i < src->n_lines; i++) {
        const cs_line_cost *l = &src->lines[i];
        uint32_t func = map_function(&c, l->func);
        uint32_t file = map_name(&c.files, l->file);
        uint32_t entry = cs_line_get(dst, func, file, l->line);
        translate(&c, emap, cs_cost(src, l->cost), sign, signed_cost);
        cs_cost_add(dst, dst->lines[entry].cost, signed_cost);
        cs_cost_add(dst, dst->funcs[func].self, signed_cost);
        cs_cost_add(dst, dst->parts[0].self_sum, signed_cost);
        if (c.opts->on_line) {
            translate(&c, emap, cs_cost(src, l->cost), 1, plain);
            c.opts->on_line(c.opts->ctx, dst, func, file, plain);
        }
    }
    for (i = 0; c.opts->keep_calls && i < src->n_calls; i++) {
        const cs_call *k = &src->calls[i];
        uint32_t call = cs_call_get(dst, map_function(&c, k->caller),
                                    map_function(&c, k->callee),
                                    map_name(&c.files, k->file), k->line);
        dst->calls[call].count = sign < 0 ? cs_count_sub(dst->calls[call].count, k->count)
                                          : cs_calls_add(dst->calls[call].count, k->count);
        translate(&c, emap, cs_cost(src, k->inclusive), sign, signed_cost);
        cs_cost_add(dst, dst->calls[call].inclusive, signed_cost);
    }
    if (c.opts->keep_stacks)
        add_stacks(&c, emap, sign, signed_cost);
    cs_profile_totals(src, totals);
    translate(&c, emap, totals, sign, signed_cost);
    cs_cost_add(dst, dst->parts[0].summary, signed_cost);
    if (src->mtime > dst->mtime)
        dst->mtime = src->mtime;

    free(c.files.ids);
    free(c.funcs.ids);
    free(c.func_ids);
    free(emap);
    free(plain);
    free(signed_cost);
    free(totals);
}
