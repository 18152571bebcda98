/* flame_build.h - filling a flame tree from a profile: from its exact
 * contexts (profile.h's stacks) when it has them, else from stacks reconstructed
 * from its caller->callee pairs (calls= lines), which is only a guess. */
#ifndef CSANN_FLAME_BUILD_H
#define CSANN_FLAME_BUILD_H
#include <stddef.h>
#include "flame_input.h"

/* Adds the input's contexts to t.  Returns where they came from, as
 * cs_contexts_of (profile.h) says: CS_CONTEXTS_EXACT or
 * CS_CONTEXTS_RECONSTRUCTED, or CS_CONTEXTS_NONE with its message in err
 * (t unchanged). */
int cs_flame_add_profile(cs_flame_tree *t, const cs_flame_input *in,
                         char *err, size_t errlen);

#endif
