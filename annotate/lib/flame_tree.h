/* flame_tree.h - the calling-context tree a flame graph draws: one node per
 * distinct stack prefix, with the self and total (self + descendants)
 * count of one event.  A differential graph also keeps the old counts. */
#ifndef CSANN_FLAME_TREE_H
#define CSANN_FLAME_TREE_H
#include <stdio.h>
#include "hash.h"
#include "profile.h"
#include "strtab.h"

typedef struct cs_flame_node {
    uint32_t name;              /* id in the tree's names */
    uint32_t parent;            /* CS_NONE for the root */
    uint32_t depth;             /* root 0 */
    cs_count self, total;
    cs_count old_self, old_total;   /* differential graphs only */
} cs_flame_node;

typedef struct cs_flame_tree {
    cs_strtab *names;
    cs_flame_node *nodes;       /* nodes[0] is the root; parents come first */
    size_t n_nodes, cap;
    cs_keymap *index;           /* (parent, name) -> node */
} cs_flame_tree;

cs_flame_tree *cs_flame_tree_new(const char *root_name);
void cs_flame_tree_free(cs_flame_tree *t);

/* The child of parent named name[0..len), created when absent. */
uint32_t cs_flame_child(cs_flame_tree *t, uint32_t parent, const char *name,
                        size_t len);
/* The child named name, or CS_NONE (no node is created). */
uint32_t cs_flame_find_child(cs_flame_tree *t, uint32_t parent,
                             const char *name);
static inline const char *cs_flame_name(const cs_flame_tree *t, uint32_t node)
{
    return cs_strtab_get(t->names, t->nodes[node].name);
}

/* Sets every node's total from the self counts (and old_total from
 * old_self); call once after the last addition. */
void cs_flame_sum_totals(cs_flame_tree *t);

/* "f1;f2;...;fn" of a node (a new string). */
char *cs_flame_path(const cs_flame_tree *t, uint32_t node);
/* Folded stacks: "f1;...;fn COUNT" per context with a non-zero self count. */
int cs_flame_write_folded(const cs_flame_tree *t, FILE *out);

#endif
