/* instrument/predictors.h - the branch predictors in the generated code
 * (instrument/predictors.c). */
#ifndef CS_INSTRUMENT_PREDICTORS_H
#define CS_INSTRUMENT_PREDICTORS_H

#include "instrument/emit.h"

/* The taken flag (a host word, 0 or 1) of the side exit st (statement
 * exit_at of sb_in, in instruction ii), computed among the held-back
 * statements; NULL if it is not a branch the simulation counts. */
IRExpr* cs_exit_taken(Walk* w, const CsInstr* ii, const IRSB* sb_in, Int exit_at,
                      const IRStmt* st, IRType hWordTy);
/* The predictors, inline, for a conditional or an indirect branch. */
void cs_emit_cond_branch(Walk* w, const Event* e);
void cs_emit_ind_branch(Walk* w, const Event* e);

#endif
