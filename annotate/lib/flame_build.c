/* flame_build.c - see flame_build.h: the exact contexts. */
#include <stdlib.h>
#include <string.h>
#include "flame_build.h"
#include "flame_reconstruct.h"
#include "xalloc.h"

/* The flame node of the function name id `frame` under node parent, the
 * frame renamed by the rules. */
static uint32_t frame_node(cs_flame_tree *t, const cs_flame_input *in,
                           uint32_t parent, uint32_t frame)
{
    const char *name = cs_name(in->profile, frame);
    uint32_t node;
    char *renamed;
    if (!in->func_rules || !in->func_rules->count)
        return cs_flame_child(t, parent, name, strlen(name));
    renamed = cs_flame_frame_name(in, name);
    node = cs_flame_child(t, parent, renamed, strlen(renamed));
    free(renamed);
    return node;
}

int cs_flame_add_profile(cs_flame_tree *t, const cs_flame_input *in,
                         char *err, size_t errlen)
{
    const cs_profile *p = in->profile;
    int how = cs_contexts_of(p, err, errlen);
    cs_count *value;
    uint32_t *node_of;
    unsigned char *needed;
    size_t i;

    if (how == CS_CONTEXTS_NONE)
        return how;
    if (how == CS_CONTEXTS_RECONSTRUCTED) {
        cs_flame_reconstruct(t, in);
        return how;
    }
    /* Parents come before their children in p->stacks: a pass from the
     * end marks the contexts with a count and those on their way, a pass
     * from the start makes their nodes, parents first. */
    value = xcalloc(p->n_stacks, sizeof *value);
    needed = xcalloc(p->n_stacks, 1);
    node_of = xmalloc(p->n_stacks * sizeof *node_of);
    for (i = p->n_stacks; i-- > 0;) {
        const cs_stack *st = &p->stacks[i];
        if (st->cost != CS_NONE)
            value[i] = cs_column_count(in->event, cs_cost(p, st->cost));
        needed[i] |= value[i] != 0;
        if (needed[i] && st->parent != CS_NONE)
            needed[st->parent] = 1;
    }
    for (i = 0; i < p->n_stacks; i++) {
        const cs_stack *st = &p->stacks[i];
        if (!needed[i])
            continue;
        node_of[i] = frame_node(t, in, st->parent == CS_NONE ? 0 : node_of[st->parent],
                                st->frame);
        if (value[i] != 0)
            cs_flame_add_self(t, node_of[i], in, value[i]);
    }
    free(value);
    free(needed);
    free(node_of);
    return CS_CONTEXTS_EXACT;
}
