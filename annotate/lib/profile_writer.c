/* profile_writer.c - the model as a callgrind-format file.  Functions are
 * written sorted by object, file and name, and each function's line costs
 * and call arcs by file and line, so equal models give equal files. */
#include <stdlib.h>
#include <string.h>
#include "profile_writer.h"
#include "xalloc.h"

enum { KIND_OB, KIND_FL, KIND_FN, N_KINDS };

typedef struct writer {
    FILE *out;
    const cs_profile *p;
    /* "(N) name" written, per name id, for objects and files.  Functions
     * get an id per function (object, file and name), since KCachegrind
     * binds a function id to the object and file in force where it is
     * defined: one id for "_init" of two libraries would put both under
     * the first. */
    unsigned char *defined[N_KINDS];
    uint32_t *fn_id;            /* per function: its id, 0 before its first use */
    uint32_t n_fn_ids;
} writer;

/* "(N) name" the first time a name is used in its kind, then "(N)". */
static void put_name(writer *w, int kind, const char *key, uint32_t id)
{
    if (w->defined[kind][id]) {
        fprintf(w->out, "%s=(%u)\n", key, id + 1);
    } else {
        w->defined[kind][id] = 1;
        fprintf(w->out, "%s=(%u) %s\n", key, id + 1, cs_name(w->p, id));
    }
}

/* A function's "(N) name", numbered in the order of first use. */
static void put_function(writer *w, const char *key, uint32_t func)
{
    if (w->fn_id[func]) {
        fprintf(w->out, "%s=(%u)\n", key, w->fn_id[func]);
    } else {
        w->fn_id[func] = ++w->n_fn_ids;
        fprintf(w->out, "%s=(%u) %s\n", key, w->fn_id[func],
                cs_name(w->p, w->p->funcs[func].name));
    }
}

/* Costs with trailing zeros left out (the format allows it), at least one;
 * all of them in summary:/totals:, where callgrind_annotate shows a
 * missing count as "." instead of 0. */
static void put_costs_n(writer *w, const cs_count *v, int all)
{
    size_t n = w->p->n_events, i;
    /* Derived events (CEst) are written as formulas, not counts. */
    while (n > 1 && (cs_event_is_derived(w->p, n - 1) || (!all && v[n - 1] == 0)))
        n--;
    for (i = 0; i < n; i++)
        if (!cs_event_is_derived(w->p, i))
            fprintf(w->out, " %lld", (long long)v[i]);
    fputc('\n', w->out);
}

static void put_costs(writer *w, const cs_count *v)
{
    put_costs_n(w, v, 0);
}

static const cs_profile *order;

static int compare_functions(const void *pa, const void *pb)
{
    const cs_function *a = &order->funcs[*(const uint32_t *)pa];
    const cs_function *b = &order->funcs[*(const uint32_t *)pb];
    int c = strcmp(cs_name(order, a->object), cs_name(order, b->object));
    if (!c)
        c = strcmp(cs_name(order, a->file), cs_name(order, b->file));
    if (!c)
        c = strcmp(cs_name(order, a->name), cs_name(order, b->name));
    return c;
}

/* A function's line costs and calls, in one list: (file, line, calls last). */
typedef struct item {
    uint32_t file;
    uint64_t line;
    int is_call;
    uint32_t index;
} item;

static int compare_items(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    int c = strcmp(cs_name(order, a->file), cs_name(order, b->file));
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->is_call != b->is_call)
        return a->is_call - b->is_call;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void write_header(writer *w, const cs_write_options *o)
{
    const cs_profile *p = w->p;
    const cs_part *part = p->n_parts ? &p->parts[0] : NULL;
    size_t i;
    const char *creator = o && o->creator ? o->creator : p->creator;

    /* The first lines promise the last, which tells a reader that a file
     * without it was cut short. */
    fputs("# callgrind format\n" CS_LAST_LINE_PROMISE "\nversion: 1\n", w->out);
    if (creator)
        fprintf(w->out, "creator: %s\n", creator);
    if (part && part->cmd)
        fprintf(w->out, "cmd: %s\n", part->cmd);
    fputs("part: 1\n\n", w->out);
    for (i = 0; part && i < part->n_desc; i++)
        fprintf(w->out, "desc: %s\n", part->desc[i]);
    for (i = 0; o && i < o->n_extra_desc; i++)
        fprintf(w->out, "desc: %s\n", o->extra_desc[i]);
    fputs("\npositions: line\n", w->out);
    for (i = 0; i < p->n_events; i++) {
        if (!p->formulas[i] && !p->long_names[i])
            continue;
        fprintf(w->out, "event: %s", p->events[i]);
        if (p->formulas[i])
            fprintf(w->out, " = %s", p->formulas[i]);
        if (p->long_names[i])
            fprintf(w->out, " : %s", p->long_names[i]);
        fputc('\n', w->out);
    }
    fputs("events:", w->out);
    for (i = 0; i < p->n_events; i++)
        if (!cs_event_is_derived(p, i))
            fprintf(w->out, " %s", p->events[i]);
    fputs("\n", w->out);
    if (part) {
        fputs("summary:", w->out);
        put_costs_n(w, cs_cost(p, part->summary), 1);
    }
    fputs("\n", w->out);
}

static int compare_stack_names(const void *pa, const void *pb)
{
    const cs_stack *a = &order->stacks[*(const uint32_t *)pa];
    const cs_stack *b = &order->stacks[*(const uint32_t *)pb];
    return strcmp(cs_name(order, a->frame), cs_name(order, b->frame));
}

/* The exact calling contexts, as cachesim writes them: "# ctx: UP FN
 * COSTS" lines depth first (UP: how many such lines up the parent is, 0 at
 * the top), siblings sorted by name, each function number defined by a
 * "# ctxfn: FN NAME" line before its first use.  Contexts whose whole
 * subtree costs nothing are left out. */
static void write_contexts(writer *w)
{
    const cs_profile *p = w->p;
    size_t n = p->n_stacks, i, top = 0, n_written = 0, n_kids = 0;
    cs_count *zero = xcalloc(p->n_events + 1, sizeof *zero);
    unsigned char *live = xcalloc(n + 1, 1);
    uint32_t *kids = xmalloc((n + 1) * sizeof *kids);      /* children, by parent */
    size_t *first_kid = xcalloc(n + 2, sizeof *first_kid); /* n: the top level */
    size_t *line_of = xcalloc(n + 1, sizeof *line_of);
    uint32_t *todo = xmalloc((n + 1) * sizeof *todo);
    uint32_t *fn_number = xcalloc(cs_strtab_count(p->names) + 1, sizeof *fn_number);
    uint32_t n_fn_numbers = 0;

    /* Children come after their parents: one backward pass marks every
     * context on the way to a cost. */
    for (i = n; i-- > 0;) {
        const cs_stack *s = &p->stacks[i];
        size_t e;
        for (e = 0; s->cost != CS_NONE && e < p->n_events && !live[i]; e++)
            live[i] = cs_cost(p, s->cost)[e] != 0;
        if (live[i] && s->parent != CS_NONE)
            live[s->parent] = 1;
    }
    /* Bucket the live contexts by parent (a counting sort). */
    for (i = 0; i < n; i++)
        if (live[i])
            first_kid[(p->stacks[i].parent == CS_NONE ? n : p->stacks[i].parent) + 1]++;
    for (i = 0; i <= n; i++)
        first_kid[i + 1] += first_kid[i];
    {
        size_t *fill = xcalloc(n + 1, sizeof *fill);
        for (i = 0; i < n; i++) {
            if (live[i]) {
                size_t up = p->stacks[i].parent == CS_NONE ? n : p->stacks[i].parent;
                kids[first_kid[up] + fill[up]++] = (uint32_t)i;
                n_kids++;
            }
        }
        free(fill);
    }
    order = p;
    for (i = 0; i <= n; i++)
        qsort(kids + first_kid[i], first_kid[i + 1] - first_kid[i], sizeof *kids,
              compare_stack_names);

    if (n_kids)
        fputs("\n# Calling contexts, parents first: \"# ctx: <lines up to the parent, "
              "0: none> <function> <self costs>\"; \"# ctxfn: <function> <name>\"\n",
              w->out);
    /* Depth first: push the children in reverse, so the first comes out first. */
    for (i = first_kid[n + 1]; i-- > first_kid[n];)
        todo[top++] = kids[i];
    while (top > 0) {
        uint32_t c = todo[--top];
        const cs_stack *s = &p->stacks[c];
        size_t k;
        if (!fn_number[s->frame]) {
            fn_number[s->frame] = ++n_fn_numbers;
            fprintf(w->out, "# ctxfn: %u %s\n", n_fn_numbers, cs_name(p, s->frame));
        }
        line_of[c] = ++n_written;
        fprintf(w->out, "# ctx: %zu %u",
                s->parent == CS_NONE ? (size_t)0 : n_written - line_of[s->parent],
                fn_number[s->frame]);
        put_costs(w, s->cost == CS_NONE ? zero : cs_cost(p, s->cost));
        for (k = first_kid[c + 1]; k-- > first_kid[c];)
            todo[top++] = kids[k];
    }
    free(zero);
    free(live);
    free(kids);
    free(first_kid);
    free(line_of);
    free(todo);
    free(fn_number);
}

int cs_profile_write(FILE *out, const cs_profile *p, const cs_write_options *o)
{
    writer w;
    size_t i, k, n_names = cs_strtab_count(p->names);
    uint32_t *funcs = xcalloc(p->n_funcs + 1, sizeof *funcs);
    size_t *first_item = xcalloc(p->n_funcs + 2, sizeof *first_item);
    item *items = xcalloc(p->n_lines + p->n_calls + 1, sizeof *items);
    size_t *fill = xcalloc(p->n_funcs + 1, sizeof *fill);
    uint32_t object = CS_NONE;

    w.out = out;
    w.p = p;
    for (k = 0; k < N_KINDS; k++)
        w.defined[k] = xcalloc(n_names + 1, 1);
    w.fn_id = xcalloc(p->n_funcs + 1, sizeof *w.fn_id);
    w.n_fn_ids = 0;
    write_header(&w, o);

    /* Bucket the line costs and calls by function (a counting sort). */
    for (i = 0; i < p->n_lines; i++)
        first_item[p->lines[i].func + 1]++;
    for (i = 0; i < p->n_calls; i++)
        first_item[p->calls[i].caller + 1]++;
    for (i = 0; i < p->n_funcs; i++)
        first_item[i + 1] += first_item[i];
    for (i = 0; i < p->n_lines; i++) {
        const cs_line_cost *l = &p->lines[i];
        item *it = &items[first_item[l->func] + fill[l->func]++];
        it->file = l->file;
        it->line = l->line;
        it->is_call = 0;
        it->index = (uint32_t)i;
    }
    for (i = 0; i < p->n_calls; i++) {
        const cs_call *c = &p->calls[i];
        item *it = &items[first_item[c->caller] + fill[c->caller]++];
        it->file = c->file;
        it->line = c->line;
        it->is_call = 1;
        it->index = (uint32_t)i;
    }
    order = p;
    for (i = 0; i < p->n_funcs; i++)
        funcs[i] = (uint32_t)i;
    qsort(funcs, p->n_funcs, sizeof *funcs, compare_functions);

    for (i = 0; i < p->n_funcs; i++) {
        const cs_function *f = &p->funcs[funcs[i]];
        size_t from = first_item[funcs[i]], to = first_item[funcs[i] + 1];
        uint32_t file;
        if (from == to)
            continue;
        qsort(items + from, to - from, sizeof *items, compare_items);
        /* Functions without an object sort first, so "" never needs an ob=. */
        if (f->object != p->no_object && f->object != object) {
            put_name(&w, KIND_OB, "ob", f->object);
            object = f->object;
        }
        put_name(&w, KIND_FL, "fl", f->file);
        put_function(&w, "fn", funcs[i]);
        file = f->file;
        for (k = from; k < to; k++) {
            const item *it = &items[k];
            if (it->file != file) {
                put_name(&w, KIND_FL, it->file == f->file ? "fe" : "fi", it->file);
                file = it->file;
            }
            if (it->is_call) {
                const cs_call *c = &p->calls[it->index];
                const cs_function *callee = &p->funcs[c->callee];
                if (callee->object != p->no_object)
                    put_name(&w, KIND_OB, "cob", callee->object);
                put_name(&w, KIND_FL, "cfi", callee->file);
                put_function(&w, "cfn", c->callee);
                fprintf(out, "calls=%lld 0\n%llu", (long long)c->count,
                        (unsigned long long)c->line);
                put_costs(&w, cs_cost(p, c->inclusive));
            } else {
                const cs_line_cost *l = &p->lines[it->index];
                fprintf(out, "%llu", (unsigned long long)l->line);
                put_costs(&w, cs_cost(p, l->cost));
            }
        }
        fputs("\n", out);
    }
    if (p->n_stacks)
        write_contexts(&w);
    if (p->n_parts) {
        fputs("totals:", out);
        put_costs_n(&w, cs_cost(p, p->parts[0].self_sum), 1);
    }
    fputs(CS_LAST_LINE "\n", out);
    for (k = 0; k < N_KINDS; k++)
        free(w.defined[k]);
    free(w.fn_id);
    free(funcs);
    free(first_item);
    free(items);
    free(fill);
    return ferror(out) ? -1 : 0;
}
