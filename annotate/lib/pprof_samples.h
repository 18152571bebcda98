/* pprof_samples.h - the samples of the pprof export: each calling
 * context's self costs put on the source lines of its innermost function
 * (how, and what happens to code with no frame of its own, is described in
 * pprof_samples.c). */
#ifndef CSANN_PPROF_SAMPLES_H
#define CSANN_PPROF_SAMPLES_H
#include "pprof_model.h"

/* Fills b's samples from its contexts. */
void pp_build_samples(pp_builder *b);

#endif
