/* flame_input.h - what a flame tree is filled from: one profile, the event
 * (or sum of events) that sets the widths, and the renaming of frames;
 * shared by the exact (flame_build.c) and the reconstructed
 * (flame_reconstruct.c) ways of filling it. */
#ifndef CSANN_FLAME_INPUT_H
#define CSANN_FLAME_INPUT_H
#include "column.h"
#include "flame_tree.h"
#include "name_rules.h"
#include "profile.h"

typedef struct cs_flame_input {
    const cs_profile *profile;
    const cs_column *event;         /* a sum of the profile's events */
    const cs_name_rules *func_rules;    /* frame renaming; may be NULL */
    int into_old;                   /* add to old_self, not self (--diff) */
} cs_flame_input;

/* The frame name of a function name after the --mod-funcname rules (a new
 * string). */
char *cs_flame_frame_name(const cs_flame_input *in, const char *name);
/* Adds count to the self count of node that this input fills (self, or
 * old_self for the old side of a differential graph). */
void cs_flame_add_self(cs_flame_tree *t, uint32_t node, const cs_flame_input *in,
                       cs_count count);

#endif
