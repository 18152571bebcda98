/* instrument/tail.h - statements held back until a stretch's simulation
 * is emitted (instrument/tail.c). */
#ifndef CS_INSTRUMENT_TAIL_H
#define CS_INSTRUMENT_TAIL_H

#include "instrument/emit.h"

/* Hold back a statement until the stretch's simulation is emitted. */
void cs_tail_defer(Walk* w, IRStmt* st);
/* Emit the held-back statements. */
void cs_tail_release(Walk* w);
/* Does a held-back statement read a temporary that a load of this
 * superblock wrote?  Then cs_tail_load_barrier must go before the
 * simulation's calls. */
Bool cs_tail_reads_a_load(const Walk* w);
void cs_tail_load_barrier(Walk* w);

#endif
