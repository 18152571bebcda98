/* function_table.c - see function_table.h. */
#include <stdlib.h>
#include <string.h>
#include "function_table.h"
#include "xalloc.h"

static uint32_t row_get(cs_fn_table *t, uint32_t object, uint32_t file, uint32_t name)
{
    cs_key k = { ((uint64_t)object << 32) | file, name, 0 };
    uint32_t i = cs_keymap_get(t->index, k);
    size_t old = t->cap, w = t->width;
    if (i != CS_NONE)
        return i;
    if (t->count + 1 > t->cap) {
        size_t cap = t->cap;
        xgrow((void **)&t->object, &cap, t->count + 1, sizeof *t->object);
        t->file = xrealloc(t->file, cap * sizeof *t->file);
        t->name = xrealloc(t->name, cap * sizeof *t->name);
        t->called = xrealloc(t->called, cap);
        t->self = xrealloc(t->self, cap * w * sizeof *t->self);
        t->out_calls = xrealloc(t->out_calls, cap * w * sizeof *t->self);
        t->in_calls = xrealloc(t->in_calls, cap * w * sizeof *t->self);
        memset(t->self + old * w, 0, (cap - old) * w * sizeof *t->self);
        memset(t->out_calls + old * w, 0, (cap - old) * w * sizeof *t->self);
        memset(t->in_calls + old * w, 0, (cap - old) * w * sizeof *t->self);
        memset(t->called + old, 0, cap - old);
        t->cap = cap;
    }
    i = (uint32_t)t->count++;
    t->object[i] = object;
    t->file[i] = file;
    t->name[i] = name;
    cs_keymap_put(t->index, k, i);
    return i;
}

static void add_to(cs_count *d, const cs_count *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        d[i] = cs_count_add(d[i], s[i]);
}

void cs_fn_table_build(cs_fn_table *t, const cs_profile *p)
{
    size_t i, w = p->n_events;
    memset(t, 0, sizeof *t);
    t->width = w;
    t->index = cs_keymap_new();
    for (i = 0; i < p->n_lines; i++) {
        const cs_line_cost *l = &p->lines[i];
        const cs_function *f = &p->funcs[l->func];
        uint32_t r = row_get(t, f->object, l->file, f->name);
        add_to(t->self + r * w, cs_cost(p, l->cost), w);
    }
    /* What inclusive costs are made of (cs_fn_table_costs). */
    t->call_from = xcalloc(p->n_calls + 1, sizeof *t->call_from);
    t->call_to = xcalloc(p->n_calls + 1, sizeof *t->call_to);
    for (i = 0; i < p->n_calls; i++) {
        const cs_call *c = &p->calls[i];
        const cs_function *caller = &p->funcs[c->caller];
        const cs_function *callee = &p->funcs[c->callee];
        uint32_t from = row_get(t, caller->object, c->file, caller->name);
        uint32_t to = row_get(t, callee->object, callee->file, callee->name);
        t->call_from[i] = from;
        t->call_to[i] = to;
        add_to(t->out_calls + from * w, cs_cost(p, c->inclusive), w);
        add_to(t->in_calls + to * w, cs_cost(p, c->inclusive), w);
        t->called[to] = 1;
    }
    /* Each row's calls out and in, in call order (a counting sort), so
     * that --tree looks at a row's own calls only. */
    t->out_first = xcalloc(t->count + 2, sizeof *t->out_first);
    t->in_first = xcalloc(t->count + 2, sizeof *t->in_first);
    t->out_arcs = xcalloc(p->n_calls + 1, sizeof *t->out_arcs);
    t->in_arcs = xcalloc(p->n_calls + 1, sizeof *t->in_arcs);
    for (i = 0; i < p->n_calls; i++) {
        t->out_first[t->call_from[i] + 1]++;
        t->in_first[t->call_to[i] + 1]++;
    }
    for (i = 0; i < t->count; i++) {
        t->out_first[i + 1] += t->out_first[i];
        t->in_first[i + 1] += t->in_first[i];
    }
    {
        size_t *out_fill = xcalloc(t->count + 1, sizeof *out_fill);
        size_t *in_fill = xcalloc(t->count + 1, sizeof *in_fill);
        for (i = 0; i < p->n_calls; i++) {
            uint32_t from = t->call_from[i], to = t->call_to[i];
            t->out_arcs[t->out_first[from] + out_fill[from]++] = (uint32_t)i;
            t->in_arcs[t->in_first[to] + in_fill[to]++] = (uint32_t)i;
        }
        free(out_fill);
        free(in_fill);
    }
}

void cs_fn_table_free(cs_fn_table *t)
{
    free(t->object);
    free(t->file);
    free(t->name);
    free(t->self);
    free(t->out_calls);
    free(t->in_calls);
    free(t->called);
    free(t->call_from);
    free(t->call_to);
    free(t->out_first);
    free(t->in_first);
    free(t->out_arcs);
    free(t->in_arcs);
    cs_keymap_free(t->index);
}

void cs_fn_table_costs(const cs_fn_table *t, size_t r, int inclusive, cs_count *v)
{
    size_t w = t->width;
    if (!inclusive) {
        memcpy(v, t->self + r * w, w * sizeof *v);
    } else if (t->called[r]) {
        memcpy(v, t->in_calls + r * w, w * sizeof *v);
    } else {
        memcpy(v, t->self + r * w, w * sizeof *v);
        add_to(v, t->out_calls + r * w, w);
    }
}

static const cs_column *link_order;

static int compare_links(const void *pa, const void *pb)
{
    const cs_fn_link *a = pa, *b = pb;
    double x = cs_column_value(link_order, a->v), y = cs_column_value(link_order, b->v);
    if (x != y)
        return x > y ? -1 : 1;
    return a->other < b->other ? -1 : a->other > b->other;
}

/* Arcs by the row at their other end, then by arc: equal rows together. */
static const uint32_t *other_row;

static int compare_by_other(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    if (other_row[a] != other_row[b])
        return other_row[a] < other_row[b] ? -1 : 1;
    return a < b ? -1 : a > b;
}

cs_fn_links cs_fn_table_links(const cs_fn_table *t, const cs_profile *p, size_t r,
                              int callers, const cs_column *order)
{
    cs_fn_links l = { NULL, 0 };
    const size_t *first = callers ? t->in_first : t->out_first;
    const uint32_t *arcs = (callers ? t->in_arcs : t->out_arcs) + first[r];
    size_t n = first[r + 1] - first[r], i, w = t->width;
    uint32_t *sorted;

    if (n == 0)
        return l;
    /* The calls between r and one other row, summed over call sites. */
    sorted = xmalloc(n * sizeof *sorted);
    memcpy(sorted, arcs, n * sizeof *sorted);
    other_row = callers ? t->call_from : t->call_to;
    qsort(sorted, n, sizeof *sorted, compare_by_other);
    l.items = xcalloc(n, sizeof *l.items);
    for (i = 0; i < n; i++) {
        uint32_t call = sorted[i], other = other_row[call];
        cs_fn_link *k = l.count ? &l.items[l.count - 1] : NULL;
        if (!k || k->other != other) {
            k = &l.items[l.count++];
            k->other = other;
            k->count = 0;
            k->v = xcalloc(w, sizeof *k->v);
        }
        k->count = cs_calls_add(k->count, p->calls[call].count);
        add_to(k->v, cs_cost(p, p->calls[call].inclusive), w);
    }
    free(sorted);
    link_order = order;
    qsort(l.items, l.count, sizeof *l.items, compare_links);
    return l;
}

void cs_fn_links_free(cs_fn_links *l)
{
    size_t i;
    for (i = 0; i < l->count; i++)
        free(l->items[i].v);
    free(l->items);
}
