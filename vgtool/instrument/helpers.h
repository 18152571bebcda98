/* instrument/helpers.h - the calls, under a guard, to the run-time helpers
 * (instrument/helpers.c): the slow paths that run when the generated
 * code's inline test of an access fails. */
#ifndef CS_INSTRUMENT_HELPERS_H
#define CS_INSTRUMENT_HELPERS_H

#include "instrument/emit.h"

/* A fetch of ii (within one line, or over two) that is not known to hit
 * the MRU line: the helper with the packed argument if it can take it,
 * else the general one. */
void cs_emit_fetch_helper(Walk* w, const CsInstr* ii, Bool two_lines, IRExpr* guard);
/* A data access: the helper for its size and D1's associativity if there
 * is one, else the general one. */
void cs_emit_data_helper(Walk* w, const Event* e, Bool is_write, IRExpr* guard);
/* A group of data accesses from base (helper_args.h: GROUP_MAX), packed
 * as described there. */
void cs_emit_data_group_helper(Walk* w, IRExpr* base, UWord packed, IRExpr* guard);
/* A guarded load or store of ii, counted (not only simulated) by its
 * helper, when the guard holds. */
void cs_emit_guarded_helper(Walk* w, const CsInstr* ii, Int size, IRExpr* addr, IRExpr* guard,
                            Bool is_write);

#endif
