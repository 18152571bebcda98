/* flame_build.h - filling a flame tree from a profile: from its exact
 * "# stack:" contexts when it has them, else from stacks reconstructed
 * from its caller->callee pairs (calls= lines), which is only a guess. */
#ifndef CSANN_FLAME_BUILD_H
#define CSANN_FLAME_BUILD_H
#include <stddef.h>
#include "flame_input.h"

enum { CS_FLAME_NONE = -1, CS_FLAME_RECONSTRUCTED = 0, CS_FLAME_EXACT = 1 };

/* Adds the input's contexts to t.  Returns CS_FLAME_EXACT or
 * CS_FLAME_RECONSTRUCTED, or CS_FLAME_NONE with a message in err when the
 * profile has neither stacks nor calls. */
int cs_flame_add_profile(cs_flame_tree *t, const cs_flame_input *in,
                         char *err, size_t errlen);

#endif
