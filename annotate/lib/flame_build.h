/* flame_build.h - filling a flame tree from a profile: from its exact
 * "# stack:" contexts when it has them, else from stacks reconstructed
 * from its caller->callee pairs (calls= lines), which is only a guess. */
#ifndef CSANN_FLAME_BUILD_H
#define CSANN_FLAME_BUILD_H
#include <stddef.h>
#include "column.h"
#include "flame_tree.h"
#include "name_rules.h"
#include "profile.h"

enum { CS_FLAME_NONE = -1, CS_FLAME_RECONSTRUCTED = 0, CS_FLAME_EXACT = 1 };

typedef struct cs_flame_input {
    const cs_profile *profile;
    const cs_column *event;         /* a sum of the profile's events */
    const cs_name_rules *func_rules;    /* frame renaming; may be NULL */
    int into_old;                   /* add to old_self, not self (--diff) */
} cs_flame_input;

/* Adds the input's contexts to t.  Returns CS_FLAME_EXACT or
 * CS_FLAME_RECONSTRUCTED, or CS_FLAME_NONE with a message in err when the
 * profile has neither stacks nor calls. */
int cs_flame_add_profile(cs_flame_tree *t, const cs_flame_input *in,
                         char *err, size_t errlen);

/* Stacks reconstructed from the calls= pairs (flame_reconstruct.c). */
void cs_flame_reconstruct(cs_flame_tree *t, const cs_flame_input *in);

/* The frame name of a function name after the --mod-funcname rules (a new
 * string). */
char *cs_flame_frame_name(const cs_flame_input *in, const char *name);

#endif
