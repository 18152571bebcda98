/* presets.h - the built-in CPU descriptions (--cpu=NAME, csann cpu).
 *
 * Each preset is kept as description text in the format of cpu_desc.h,
 * with a comment giving the public source of every figure, so that
 * printing a preset gives a file to copy and edit.  docs/cpu-models.md
 * has the same figures in tables.  Plain C, no libc. */
#ifndef CACHESIM_MODEL_PRESETS_H
#define CACHESIM_MODEL_PRESETS_H

#include "cpu_desc.h"

typedef struct {
    const char *name;     /* "skylake" */
    const char *title;    /* one line for listings */
    const char *text;     /* the description, with its sources */
} cs_cpu_preset_t;

/* The presets, in listing order; *count gets their number.  The first is
 * "cachegrind", whose I1/D1/LL geometries the tool replaces with the
 * host's or --I1/--D1/--LL. */
const cs_cpu_preset_t *cs_cpu_presets(unsigned *count);

/* The preset called name, or NULL. */
const cs_cpu_preset_t *cs_cpu_preset_find(const char *name);

/* Parse a preset into *out (0; -1 with err filled, which would be a bug
 * in the preset, found by the unit tests). */
int cs_cpu_preset_load(const cs_cpu_preset_t *preset, cs_cpu_t *out, cs_cpu_error_t *err);

#endif
