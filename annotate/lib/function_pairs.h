/* function_pairs.h - the old and new self costs of each file:function of
 * two profiles (after --mod-filename/--mod-funcname), and the difference
 * model NEW - OLD; shared by csann diff and csann check. */
#ifndef CSANN_FUNCTION_PAIRS_H
#define CSANN_FUNCTION_PAIRS_H
#include "change_table.h"
#include "name_rules.h"
#include "profile.h"

typedef struct cs_pairs {
    size_t width, count, cap;   /* width: the difference model's events */
    uint32_t *file, *name;      /* name ids of the difference model */
    cs_count *old, *new_;       /* width counts per pair */
    unsigned char *sides;       /* CS_IN_OLD | CS_IN_NEW */
    cs_keymap *index;
    int side;                   /* the side being added */
} cs_pairs;

/* Fills d (a new, empty profile) with NEW - OLD and t with the pairs, the
 * names rewritten by the rules (either may be NULL); old may be NULL (then
 * every pair is on the new side only).  The profiles must record the same
 * events (cs_same_events). */
void cs_pairs_build(cs_pairs *t, cs_profile *d, const cs_profile *old,
                    const cs_profile *new_, const cs_name_rules *file_rules,
                    const cs_name_rules *func_rules);
void cs_pairs_free(cs_pairs *t);
/* new - old of event e for pair r. */
cs_count cs_pairs_change(const cs_pairs *t, size_t r, size_t e);

#endif
