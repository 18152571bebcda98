/* flame_reconstruct.c - stacks guessed from caller->callee pairs, for
 * profiles without exact contexts (Callgrind's, or cachesim's without
 * --call-graph=yes stacks).
 *
 * Each function's inclusive cost (the sum of its incoming call costs) is
 * split over the contexts it is called from in proportion to the cost each
 * brings: a context that brings the fraction q of a function's inclusive
 * cost gets q of each of its outgoing call costs, and keeps the rest as
 * self cost.  A pair graph cannot say which callers' calls were the costly
 * ones, so the result is a guess; the sums per function stay right.
 * Recursion: a callee already on the path is not entered again (its cost
 * stays in the caller's frame), so cycles end; a depth limit and a node
 * budget bound the work on large graphs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flame_reconstruct.h"
#include "xalloc.h"

enum { MAX_DEPTH = 256, MAX_NODES = 500000 };

typedef struct arc {
    uint32_t callee;
    double value;
} arc;

typedef struct graph {
    cs_flame_tree *t;
    const cs_flame_input *in;
    char **frame;               /* per function: its frame name */
    double *incoming;           /* per function: cost of calls from others */
    size_t *first_arc;          /* function f's arcs: [first_arc[f], first_arc[f+1]) */
    arc *arcs;
    unsigned char *on_path;
    int truncated;
} graph;

/* Places amount of func's inclusive cost at node, passing shares on. */
static void expand(graph *g, uint32_t node, uint32_t func, double amount)
{
    double share = g->incoming[func] > 0 ? amount / g->incoming[func] : 1.0;
    double passed = 0;
    size_t a;

    if (share > 1.0)
        share = 1.0;
    g->on_path[func] = 1;
    for (a = g->first_arc[func]; a < g->first_arc[func + 1]; a++) {
        const arc *c = &g->arcs[a];
        double part = c->value * share;
        uint32_t child;
        if (g->on_path[c->callee] || fabs(part) < 0.5)
            continue;
        if (g->t->nodes[node].depth >= MAX_DEPTH || g->t->n_nodes >= MAX_NODES) {
            g->truncated = 1;
            continue;
        }
        child = cs_flame_child(g->t, node, g->frame[c->callee], strlen(g->frame[c->callee]));
        expand(g, child, c->callee, part);
        passed += part;
    }
    cs_flame_add_self(g->t, node, g->in, (cs_count)llround(amount - passed));
    g->on_path[func] = 0;
}

void cs_flame_reconstruct(cs_flame_tree *t, const cs_flame_input *in)
{
    const cs_profile *p = in->profile;
    size_t nf = p->n_funcs, i;
    double *self = xcalloc(nf + 1, sizeof *self), *outgoing;
    size_t *fill, n_pairs = 0;
    double *pair_value;
    uint32_t *pair_of;
    cs_keymap *pairs;
    graph g;

    memset(&g, 0, sizeof g);
    g.t = t;
    g.in = in;
    g.frame = xcalloc(nf + 1, sizeof *g.frame);
    g.incoming = xcalloc(nf + 1, sizeof *g.incoming);
    g.first_arc = xcalloc(nf + 2, sizeof *g.first_arc);
    g.on_path = xcalloc(nf + 1, 1);
    outgoing = xcalloc(nf + 1, sizeof *outgoing);
    for (i = 0; i < nf; i++) {
        g.frame[i] = cs_flame_frame_name(in, cs_name(p, p->funcs[i].name));
        self[i] = (double)cs_column_count(in->event, cs_cost(p, p->funcs[i].self));
    }
    /* One arc per (caller, callee) pair, whatever the call sites, so that
     * each context is expanded once; grouped by caller (a counting sort).
     * A function calling itself adds nothing its own frame does not hold. */
    pairs = cs_keymap_new();
    pair_value = xcalloc(p->n_calls + 1, sizeof *pair_value);
    pair_of = xcalloc(p->n_calls + 1, sizeof *pair_of);
    for (i = 0; i < p->n_calls; i++) {
        const cs_call *c = &p->calls[i];
        cs_key k = { c->caller, c->callee, 6 };
        uint32_t pair;
        if (c->caller == c->callee)
            continue;
        pair = cs_keymap_get(pairs, k);
        if (pair == CS_NONE) {
            pair = (uint32_t)n_pairs;
            pair_of[n_pairs++] = (uint32_t)i;
            cs_keymap_put(pairs, k, pair);
            g.first_arc[c->caller + 1]++;
        }
        pair_value[pair] += (double)cs_column_count(in->event, cs_cost(p, c->inclusive));
    }
    for (i = 0; i < nf; i++)
        g.first_arc[i + 1] += g.first_arc[i];
    g.arcs = xcalloc(n_pairs + 1, sizeof *g.arcs);
    fill = xcalloc(nf + 1, sizeof *fill);
    for (i = 0; i < n_pairs; i++) {
        const cs_call *c = &p->calls[pair_of[i]];
        arc *a = &g.arcs[g.first_arc[c->caller] + fill[c->caller]++];
        a->callee = c->callee;
        a->value = pair_value[i];
        g.incoming[c->callee] += pair_value[i];
        outgoing[c->caller] += pair_value[i];
    }
    cs_keymap_free(pairs);
    free(pair_value);
    free(pair_of);
    /* Roots: functions nobody else calls, with self + outgoing calls. */
    for (i = 0; i < nf; i++) {
        double amount = self[i] + outgoing[i];
        if (g.incoming[i] != 0 || fabs(amount) < 0.5)
            continue;
        expand(&g, cs_flame_child(t, 0, g.frame[i], strlen(g.frame[i])),
               (uint32_t)i, amount);
    }
    if (g.truncated)
        fprintf(stderr, "csann: warning: the reconstructed call tree was cut at "
                "depth %d or %d contexts\n", MAX_DEPTH, MAX_NODES);
    for (i = 0; i < nf; i++)
        free(g.frame[i]);
    free(g.frame);
    free(g.incoming);
    free(g.first_arc);
    free(g.arcs);
    free(g.on_path);
    free(fill);
    free(outgoing);
    free(self);
}
