/* flame_build.c - see flame_build.h: the exact contexts. */
#include <stdlib.h>
#include <string.h>
#include "flame_build.h"
#include "flame_reconstruct.h"
#include "xalloc.h"

/* The node of a "# stack:" context, each frame renamed by the rules. */
static uint32_t renamed_stack_node(cs_flame_tree *t, const cs_flame_input *in,
                                   const char *frames)
{
    uint32_t node = 0;
    const char *s = frames;
    if (!in->func_rules || !in->func_rules->count)
        return cs_flame_stack_node(t, frames);
    for (;;) {
        const char *end = strchr(s, ';');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *frame = xstrndup(s, len), *renamed = cs_flame_frame_name(in, frame);
        node = cs_flame_child(t, node, renamed, strlen(renamed));
        free(frame);
        free(renamed);
        if (!end)
            return node;
        s = end + 1;
    }
}

int cs_flame_add_profile(cs_flame_tree *t, const cs_flame_input *in,
                         char *err, size_t errlen)
{
    const cs_profile *p = in->profile;
    int how = cs_contexts_of(p, err, errlen);
    size_t i;

    if (how == CS_CONTEXTS_NONE)
        return how;
    if (how == CS_CONTEXTS_RECONSTRUCTED) {
        cs_flame_reconstruct(t, in);
        return how;
    }
    for (i = 0; i < p->n_stacks; i++) {
        const cs_stack *st = &p->stacks[i];
        cs_count v = cs_column_count(in->event, cs_cost(p, st->cost));
        uint32_t node;
        if (v == 0)
            continue;
        node = renamed_stack_node(t, in, cs_name(p, st->frames));
        cs_flame_add_self(t, node, in, v);
    }
    return CS_CONTEXTS_EXACT;
}
