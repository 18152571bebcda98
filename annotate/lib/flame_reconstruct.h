/* flame_reconstruct.h - stacks guessed from a profile's caller->callee
 * pairs (calls= lines), for profiles without exact contexts; the method and
 * its limits are described in flame_reconstruct.c. */
#ifndef CSANN_FLAME_RECONSTRUCT_H
#define CSANN_FLAME_RECONSTRUCT_H
#include "flame_input.h"

/* Adds the reconstructed contexts of in to t (warning on stderr when the
 * depth or node budget cut the tree). */
void cs_flame_reconstruct(cs_flame_tree *t, const cs_flame_input *in);

#endif
