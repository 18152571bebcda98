/* instrument/cache_tests.h - I1 and D1 in the generated code
 * (instrument/cache_tests.c). */
#ifndef CS_INSTRUMENT_CACHE_TESTS_H
#define CS_INSTRUMENT_CACHE_TESTS_H

#include "instrument/emit.h"

/* Instruction fetch: nothing when it surely hits the MRU line; else an
 * inline MRU test that calls the slow path only when it fails. */
void cs_emit_fetch(Walk* w, CsInstr* ii);
/* Data access: an inline MRU test of D1, the slow path when it fails. */
void cs_emit_data(Walk* w, const Event* e, Bool is_write);

/* Before the walk of superblock sb (for the groups below). */
void cs_cache_tests_begin(const IRSB* sb);

/* The data access at w->q[i] and the next ones of its group (see
 * cache_tests.c), under one test and one call: how many events of the
 * queue that took (the group's last access included), or 0 if there is no
 * group of two or more to make there. */
Int cs_emit_data_group(Walk* w, Int i);

#endif
