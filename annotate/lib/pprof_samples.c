/* pprof_samples.c - the samples of the pprof export: the self costs of
 * each calling context put on the source lines of its innermost function,
 * so that every function keeps exactly the self cost the profile gives it.
 *
 * The stacks and the cost lines count the same events, grouped by function
 * name on both sides, event by event:
 *   - a name whose contexts and lines hold the same count: the contexts'
 *     costs are shared out over the lines (pprof_split.h), exact both ways;
 *   - the two sides can differ for code that gets no frame of its own in
 *     the stacks (a PLT stub, "???"): its cost sits in the caller's context,
 *     but under its own name in the cost lines.  The caller's context then
 *     holds more than its function's lines (a surplus), the frameless
 *     function's lines more than its contexts (a deficit).  The surplus of
 *     the contexts is paired with the deficit of the lines, and each pair
 *     becomes a sample of the context with the frameless function called
 *     from it: the calls the stacks did not see.
 * When the counts of the stacks and of the lines differ in all (rounded
 * reconstructed stacks), the lines win. */
#include <stdlib.h>
#include <string.h>
#include "pprof_samples.h"
#include "pprof_split.h"
#include "xalloc.h"

typedef struct group {
    uint32_t name;                  /* profile name id */
    uint32_t *rows;                 /* contexts with this innermost function */
    size_t n_rows, rows_cap;
    uint32_t *lines;                /* cost lines of functions so named */
    uint32_t *line_col;             /* the column of each */
    size_t n_lines, lines_cap, line_col_cap;
    uint32_t *locs;                 /* the columns: distinct locations */
    size_t n_cols, locs_cap;
    size_t best;                    /* the costliest column (first event) */
} group;

typedef struct groups {
    group *g;
    size_t n, cap;
    cs_keymap *of;                  /* name -> group */
} groups;

static group *group_of(groups *gs, uint32_t name)
{
    cs_key k = { name, 0, 0 };
    uint32_t i = cs_keymap_get(gs->of, k);
    if (i == CS_NONE) {
        xgrow((void **)&gs->g, &gs->cap, gs->n + 1, sizeof *gs->g);
        memset(&gs->g[gs->n], 0, sizeof gs->g[gs->n]);
        gs->g[gs->n].name = name;
        i = (uint32_t)gs->n++;
        cs_keymap_put(gs->of, k, i);
    }
    return &gs->g[i];
}

static void make_groups(pp_builder *b, groups *gs)
{
    const cs_profile *p = b->p;
    cs_keymap *col_of;              /* (name, location) -> column */
    size_t i;
    gs->of = cs_keymap_new();
    for (i = 0; i < b->n_contexts; i++) {
        group *g = group_of(gs, pp_leaf_name(b, (uint32_t)i));
        xgrow((void **)&g->rows, &g->rows_cap, g->n_rows + 1, sizeof *g->rows);
        g->rows[g->n_rows++] = (uint32_t)i;
    }
    col_of = cs_keymap_new();
    for (i = 0; i < p->n_lines; i++) {
        const cs_line_cost *l = &p->lines[i];
        const cs_function *f = &p->funcs[l->func];
        group *g = group_of(gs, f->name);
        uint32_t loc = b->o->no_lines ? pp_location_at(b, f->object, f->name, f->file, 0)
                                      : pp_location_at(b, f->object, f->name, l->file, l->line);
        cs_key k = { f->name, loc, 0 };
        uint32_t col = cs_keymap_get(col_of, k);
        if (col == CS_NONE) {
            xgrow((void **)&g->locs, &g->locs_cap, g->n_cols + 1, sizeof *g->locs);
            g->locs[g->n_cols] = loc;
            col = (uint32_t)g->n_cols++;
            cs_keymap_put(col_of, k, col);
        }
        xgrow((void **)&g->lines, &g->lines_cap, g->n_lines + 1, sizeof *g->lines);
        xgrow((void **)&g->line_col, &g->line_col_cap, g->n_lines + 1, sizeof *g->line_col);
        g->lines[g->n_lines] = (uint32_t)i;
        g->line_col[g->n_lines++] = col;
    }
    cs_keymap_free(col_of);
    /* The costliest column, where counts go that cannot be shared. */
    for (i = 0; i < gs->n && p->n_events > 0; i++) {
        group *g = &gs->g[i];
        cs_count *sum = xcalloc(g->n_cols + 1, sizeof *sum);
        size_t j;
        for (j = 0; j < g->n_lines; j++)
            sum[g->line_col[j]] = cs_count_add(sum[g->line_col[j]],
                                               cs_cost(p, p->lines[g->lines[j]].cost)[0]);
        for (j = 1; j < g->n_cols; j++)
            if (sum[j] > sum[g->best])
                g->best = j;
        free(sum);
    }
    for (i = 0; i < gs->n; i++)
        if (gs->g[i].n_rows > 1 && gs->g[i].n_cols > 1)
            b->shared_lines = 1;
}

static void free_groups(groups *gs)
{
    size_t i;
    for (i = 0; i < gs->n; i++) {
        free(gs->g[i].rows);
        free(gs->g[i].lines);
        free(gs->g[i].line_col);
        free(gs->g[i].locs);
    }
    free(gs->g);
    cs_keymap_free(gs->of);
}

/* ----- one event --------------------------------------------------------- */

/* The surplus of contexts and the deficit of lines, for the pairing. */
typedef struct pools {
    uint32_t *ctx;                  /* surplus: context */
    cs_count *extra;
    size_t n_surplus, surplus_cap, extra_cap;
    uint32_t *group, *line;         /* deficit: group, column within it */
    cs_count *missing;
    size_t n_deficit, group_cap, line_cap, missing_cap;
} pools;

typedef struct event_pass {
    pp_builder *b;
    size_t e;
    const group *g;
    const uint32_t *rows;           /* contexts by row */
    cs_count *row_vals, *col_vals;  /* scratch */
    cs_count *first, *second;       /* split_two's results */
    pools *pl;
} event_pass;

static void emit_to_line(void *ctx, size_t row, size_t col, cs_count v)
{
    event_pass *ep = ctx;
    pp_add_sample(ep->b, ep->rows[row], ep->g->locs[col], ep->e, v);
}

static void emit_two(void *ctx, size_t row, size_t col, cs_count v)
{
    event_pass *ep = ctx;
    (col == 0 ? ep->first : ep->second)[row] += v;
}

/* Splits each of vals[0..n) (summing to a + b) into first[] (summing to a)
 * and second[] (summing to b). */
static void split_two(event_pass *ep, const cs_count *vals, size_t n, cs_count a, cs_count b)
{
    cs_count two[2];
    two[0] = a;
    two[1] = b;
    memset(ep->first, 0, n * sizeof *ep->first);
    memset(ep->second, 0, n * sizeof *ep->second);
    cs_split(vals, n, two, 2, 0, emit_two, ep);
}

static void add_surplus(pools *pl, uint32_t ctx, cs_count v)
{
    xgrow((void **)&pl->ctx, &pl->surplus_cap, pl->n_surplus + 1, sizeof *pl->ctx);
    xgrow((void **)&pl->extra, &pl->extra_cap, pl->n_surplus + 1, sizeof *pl->extra);
    pl->ctx[pl->n_surplus] = ctx;
    pl->extra[pl->n_surplus++] = v;
}

static void add_deficit(pools *pl, uint32_t g, uint32_t line, cs_count v)
{
    xgrow((void **)&pl->group, &pl->group_cap, pl->n_deficit + 1, sizeof *pl->group);
    xgrow((void **)&pl->line, &pl->line_cap, pl->n_deficit + 1, sizeof *pl->line);
    xgrow((void **)&pl->missing, &pl->missing_cap, pl->n_deficit + 1, sizeof *pl->missing);
    pl->group[pl->n_deficit] = g;
    pl->line[pl->n_deficit] = line;
    pl->missing[pl->n_deficit++] = v;
}

/* The samples of one function name for event ep->e; what its contexts and
 * lines do not match goes to the pools. */
static void group_event(event_pass *ep, uint32_t gi)
{
    const group *g = ep->g;
    const cs_profile *p = ep->b->p;
    cs_count rows = 0, cols = 0;
    size_t i;

    for (i = 0; i < g->n_rows; i++) {
        ep->row_vals[i] = ep->b->cost_pool[ep->b->contexts[g->rows[i]].cost + ep->e];
        rows += ep->row_vals[i];
    }
    memset(ep->col_vals, 0, g->n_cols * sizeof *ep->col_vals);
    for (i = 0; i < g->n_lines; i++) {
        cs_count v = cs_cost(p, p->lines[g->lines[i]].cost)[ep->e];
        ep->col_vals[g->line_col[i]] += v;
        cols += v;
    }
    ep->rows = g->rows;
    if (rows == cols) {
        if (rows != 0)
            cs_split(ep->row_vals, g->n_rows, ep->col_vals, g->n_cols, g->best,
                     emit_to_line, ep);
    } else if (rows > cols) {
        if (cols > 0) {
            split_two(ep, ep->row_vals, g->n_rows, cols, rows - cols);
            cs_split(ep->first, g->n_rows, ep->col_vals, g->n_cols, g->best,
                     emit_to_line, ep);
        } else {
            memcpy(ep->second, ep->row_vals, g->n_rows * sizeof *ep->second);
        }
        for (i = 0; i < g->n_rows; i++)
            if (ep->second[i] > 0)
                add_surplus(ep->pl, g->rows[i], ep->second[i]);
    } else {
        if (rows > 0) {
            split_two(ep, ep->col_vals, g->n_cols, rows, cols - rows);
            cs_split(ep->row_vals, g->n_rows, ep->first, g->n_cols, g->best,
                     emit_to_line, ep);
        } else {
            memcpy(ep->second, ep->col_vals, g->n_cols * sizeof *ep->second);
        }
        for (i = 0; i < g->n_cols; i++)
            if (ep->second[i] > 0)
                add_deficit(ep->pl, gi, (uint32_t)i, ep->second[i]);
    }
}

typedef struct pairing {
    pp_builder *b;
    const groups *gs;
    const pools *pl;
    size_t e;
} pairing;

/* A deficit of a line paired with a surplus of a context: the context
 * calling the line's function. */
static void emit_pair(void *ctx, size_t row, size_t col, cs_count v)
{
    pairing *pr = ctx;
    const group *g = &pr->gs->g[pr->pl->group[row]];
    uint32_t ext = pp_extended_context(pr->b, pr->pl->ctx[col], g->name);
    pp_add_sample(pr->b, ext, g->locs[pr->pl->line[row]], pr->e, v);
}

/* The deficits are shared out over the surpluses.  Both sum to the same
 * in a consistent profile; when they do not (reconstructed stacks are
 * rounded), the lines win: each line keeps its count, so each function
 * its self cost and the profile its totals. */
static void pair_pools(pp_builder *b, const groups *gs, pools *pl, size_t e)
{
    pairing pr = { b, gs, pl, e };
    size_t i;
    if (pl->n_surplus > 0 && pl->n_deficit > 0) {
        cs_split(pl->missing, pl->n_deficit, pl->extra, pl->n_surplus, 0, emit_pair, &pr);
        b->moved_costs = 1;
    } else {
        /* No context to put them in: a stack of the function alone. */
        for (i = 0; i < pl->n_deficit; i++) {
            const group *g = &gs->g[pl->group[i]];
            pp_add_sample(b, pp_extended_context(b, CS_NONE, g->name),
                          g->locs[pl->line[i]], e, pl->missing[i]);
        }
    }
    pl->n_surplus = pl->n_deficit = 0;
}

/* With negative counts (a difference profile), or counts that sum past
 * 2^63 - 1 (no real profile; sharing them out would overflow), nothing is
 * paired: each context's count goes to its function's costliest line. */
static int cannot_share(const pp_builder *b, size_t e)
{
    const cs_profile *p = b->p;
    cs_count rows = 0, cols = 0;
    size_t i;
    for (i = 0; i < b->n_contexts; i++) {
        cs_count v = b->cost_pool[b->contexts[i].cost + e];
        if (v < 0 || v > INT64_MAX - rows)
            return 1;
        rows += v;
    }
    for (i = 0; i < p->n_lines; i++) {
        cs_count v = cs_cost(p, p->lines[i].cost)[e];
        if (v < 0 || v > INT64_MAX - cols)
            return 1;
        cols += v;
    }
    return 0;
}

static void negative_event(event_pass *ep)
{
    const group *g = ep->g;
    size_t i;
    ep->rows = g->rows;
    for (i = 0; i < g->n_rows; i++) {
        cs_count v = ep->b->cost_pool[ep->b->contexts[g->rows[i]].cost + ep->e];
        if (v == 0)
            continue;
        pp_add_sample(ep->b, g->rows[i], g->n_cols ? g->locs[g->best]
                      : pp_location_of_name(ep->b, g->name), ep->e, v);
    }
}

void pp_build_samples(pp_builder *b)
{
    groups gs;
    pools pl;
    event_pass ep;
    size_t i, e, most = 1;
    size_t n_groups;

    memset(&gs, 0, sizeof gs);
    memset(&pl, 0, sizeof pl);
    make_groups(b, &gs);
    n_groups = gs.n;
    for (i = 0; i < n_groups; i++) {
        if (gs.g[i].n_rows > most)
            most = gs.g[i].n_rows;
        if (gs.g[i].n_cols > most)
            most = gs.g[i].n_cols;
    }
    memset(&ep, 0, sizeof ep);
    ep.b = b;
    ep.pl = &pl;
    ep.row_vals = xcalloc(most, sizeof *ep.row_vals);
    ep.col_vals = xcalloc(most, sizeof *ep.col_vals);
    ep.first = xcalloc(most, sizeof *ep.first);
    ep.second = xcalloc(most, sizeof *ep.second);
    for (e = 0; e < b->n_events; e++) {
        int negative = cannot_share(b, e);
        ep.e = e;
        for (i = 0; i < n_groups; i++) {
            ep.g = &gs.g[i];
            if (negative)
                negative_event(&ep);
            else
                group_event(&ep, (uint32_t)i);
        }
        if (!negative)
            pair_pools(b, &gs, &pl, e);
    }
    free(ep.row_vals);
    free(ep.col_vals);
    free(ep.first);
    free(ep.second);
    free(pl.ctx);
    free(pl.extra);
    free(pl.group);
    free(pl.line);
    free(pl.missing);
    free_groups(&gs);
}
