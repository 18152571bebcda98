/* flame_input.c - see flame_input.h. */
#include "flame_input.h"
#include "xalloc.h"

char *cs_flame_frame_name(const cs_flame_input *in, const char *name)
{
    if (in->func_rules && in->func_rules->count)
        return cs_name_rules_apply(in->func_rules, name);
    return xstrdup(name);
}

void cs_flame_add_self(cs_flame_tree *t, uint32_t node, const cs_flame_input *in,
                       cs_count count)
{
    cs_flame_node *n = &t->nodes[node];
    if (in->into_old)
        n->old_self = cs_count_add(n->old_self, count);
    else
        n->self = cs_count_add(n->self, count);
}
