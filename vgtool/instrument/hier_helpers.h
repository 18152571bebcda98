/* instrument/hier_helpers.h - the calls, under a guard, to the general
 * model's run-time helpers (instrument/hier_helpers.c): what runs when an
 * access misses the inline test of an L1 mirror (runtime.h). */
#ifndef CS_INSTRUMENT_HIER_HELPERS_H
#define CS_INSTRUMENT_HIER_HELPERS_H

#include "instrument/emit.h"

/* A fetch of ii (within one line, or over two). */
void cs_emit_hier_fetch_helper(Walk* w, const CsInstr* ii, IRExpr* guard);
/* A data access: a read, a write or a modify, by e's kind. */
void cs_emit_hier_data_helper(Walk* w, const Event* e, IRExpr* guard);
/* A load (a read or modify) that trains D1's ipstride prefetcher, with no
 * classifier: an unguarded call, whose helper tests D1's mirror itself. */
void cs_emit_hier_load_tested(Walk* w, const Event* e);
/* A guarded load or store, counted (not only simulated) by its helper,
 * when the guard holds. */
void cs_emit_hier_guarded_helper(Walk* w, CsCC* cc, Addr ip, Int size, IRExpr* addr, IRExpr* guard,
                                 Bool is_write);

#endif
