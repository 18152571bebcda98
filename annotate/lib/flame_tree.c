/* flame_tree.c - see flame_tree.h. */
#include <stdlib.h>
#include <string.h>
#include "flame_tree.h"
#include "xalloc.h"

static uint32_t new_node(cs_flame_tree *t, uint32_t parent, uint32_t name)
{
    cs_flame_node *n;
    xgrow((void **)&t->nodes, &t->cap, t->n_nodes + 1, sizeof *t->nodes);
    n = &t->nodes[t->n_nodes];
    memset(n, 0, sizeof *n);
    n->name = name;
    n->parent = parent;
    n->depth = parent == CS_NONE ? 0 : t->nodes[parent].depth + 1;
    return (uint32_t)t->n_nodes++;
}

cs_flame_tree *cs_flame_tree_new(const char *root_name)
{
    cs_flame_tree *t = xcalloc(1, sizeof *t);
    t->names = cs_strtab_new();
    t->index = cs_keymap_new();
    new_node(t, CS_NONE, cs_strtab_intern(t->names, root_name, strlen(root_name)));
    return t;
}

void cs_flame_tree_free(cs_flame_tree *t)
{
    if (!t)
        return;
    cs_strtab_free(t->names);
    cs_keymap_free(t->index);
    free(t->nodes);
    free(t);
}

static cs_key child_key(uint32_t parent, uint32_t name)
{
    cs_key k = { parent, name, 5 };
    return k;
}

uint32_t cs_flame_child(cs_flame_tree *t, uint32_t parent, const char *name,
                        size_t len)
{
    uint32_t id = cs_strtab_intern(t->names, name, len);
    uint32_t node = cs_keymap_get(t->index, child_key(parent, id));
    if (node == CS_NONE) {
        node = new_node(t, parent, id);
        cs_keymap_put(t->index, child_key(parent, id), node);
    }
    return node;
}

uint32_t cs_flame_find_child(cs_flame_tree *t, uint32_t parent,
                             const char *name)
{
    /* Interning a name no node has only grows the name table. */
    uint32_t id = cs_strtab_intern(t->names, name, strlen(name));
    return cs_keymap_get(t->index, child_key(parent, id));
}

void cs_flame_sum_totals(cs_flame_tree *t)
{
    size_t i;
    for (i = 0; i < t->n_nodes; i++) {
        t->nodes[i].total = t->nodes[i].self;
        t->nodes[i].old_total = t->nodes[i].old_self;
    }
    /* Children come after their parents, so one backward pass suffices. */
    for (i = t->n_nodes; i-- > 1;) {
        cs_flame_node *n = &t->nodes[i], *parent = &t->nodes[n->parent];
        parent->total = cs_count_add(parent->total, n->total);
        parent->old_total = cs_count_add(parent->old_total, n->old_total);
    }
}

char *cs_flame_path(const cs_flame_tree *t, uint32_t node)
{
    size_t len = 0, pos;
    uint32_t n;
    char *path;
    for (n = node; n != 0 && n != CS_NONE; n = t->nodes[n].parent)
        len += strlen(cs_flame_name(t, n)) + 1;
    path = xmalloc(len + 1);
    pos = len ? len - 1 : 0;
    path[pos] = '\0';
    for (n = node; n != 0 && n != CS_NONE; n = t->nodes[n].parent) {
        const char *name = cs_flame_name(t, n);
        size_t l = strlen(name);
        pos -= l;
        memcpy(path + pos, name, l);
        if (pos > 0)
            path[--pos] = ';';
    }
    return path;
}

int cs_flame_write_folded(const cs_flame_tree *t, FILE *out)
{
    size_t i;
    for (i = 1; i < t->n_nodes; i++) {
        char *path;
        if (t->nodes[i].self == 0)
            continue;
        path = cs_flame_path(t, (uint32_t)i);
        fprintf(out, "%s %lld\n", path, (long long)t->nodes[i].self);
        free(path);
    }
    return ferror(out) ? -1 : 0;
}
