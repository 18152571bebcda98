/* function_pairs.c - see function_pairs.h. */
#include <stdlib.h>
#include <string.h>
#include "combine.h"
#include "function_pairs.h"
#include "xalloc.h"

static uint32_t pair_get(cs_pairs *t, uint32_t file, uint32_t name)
{
    cs_key k = { file, name, 0 };
    uint32_t i = cs_keymap_get(t->index, k);
    size_t w = t->width;
    if (i != CS_NONE)
        return i;
    if (t->count + 1 > t->cap) {
        size_t old = t->cap, cap = t->cap;
        xgrow((void **)&t->file, &cap, t->count + 1, sizeof *t->file);
        t->name = xrealloc(t->name, cap * sizeof *t->name);
        t->sides = xrealloc(t->sides, cap);
        t->old = xrealloc(t->old, cap * w * sizeof *t->old);
        t->new_ = xrealloc(t->new_, cap * w * sizeof *t->new_);
        memset(t->old + old * w, 0, (cap - old) * w * sizeof *t->old);
        memset(t->new_ + old * w, 0, (cap - old) * w * sizeof *t->new_);
        memset(t->sides + old, 0, cap - old);
        t->cap = cap;
    }
    i = (uint32_t)t->count++;
    t->file[i] = file;
    t->name[i] = name;
    cs_keymap_put(t->index, k, i);
    return i;
}

static void add_line(void *ctx, const cs_profile *dst, uint32_t func,
                     uint32_t file, const cs_count *cost)
{
    cs_pairs *t = ctx;
    uint32_t r = pair_get(t, file, dst->funcs[func].name);
    cs_count *v = (t->side == CS_IN_OLD ? t->old : t->new_) + r * t->width;
    size_t i;
    for (i = 0; i < t->width; i++)
        v[i] = cs_count_add(v[i], cost[i]);
    t->sides[r] |= (unsigned char)t->side;
}

void cs_pairs_build(cs_pairs *t, cs_profile *d, const cs_profile *old,
                    const cs_profile *new_, const cs_name_rules *file_rules,
                    const cs_name_rules *func_rules)
{
    cs_combine_options co;
    memset(t, 0, sizeof *t);
    cs_combine_start(d, new_);
    t->width = d->n_events;
    t->index = cs_keymap_new();
    memset(&co, 0, sizeof co);
    co.file_rules = file_rules;
    co.func_rules = func_rules;
    co.on_line = add_line;
    co.ctx = t;
    t->side = CS_IN_NEW;
    cs_combine_add(d, new_, +1, &co);
    if (old) {
        t->side = CS_IN_OLD;
        cs_combine_add(d, old, -1, &co);
    }
}

void cs_pairs_free(cs_pairs *t)
{
    free(t->file);
    free(t->name);
    free(t->old);
    free(t->new_);
    free(t->sides);
    if (t->index)
        cs_keymap_free(t->index);
    memset(t, 0, sizeof *t);
}

cs_count cs_pairs_change(const cs_pairs *t, size_t r, size_t e)
{
    return (cs_count)((uint64_t)t->new_[r * t->width + e] - (uint64_t)t->old[r * t->width + e]);
}
