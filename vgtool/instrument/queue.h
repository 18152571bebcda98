/* instrument/queue.h - the events of a stretch of code and their flush
 * into code (instrument/queue.c). */
#ifndef CS_INSTRUMENT_QUEUE_H
#define CS_INSTRUMENT_QUEUE_H

#include "instrument/emit.h"

/* A new superblock: no stretches recorded yet. */
void cs_queue_begin(void);
/* Queue an event of instruction ii (flushing first when the queue is
 * full); the caller fills in the rest. */
Event* cs_queue_push(Walk* w, EvKind kind, CsInstr* ii);
/* A data read or write of size bytes at addr (an atom); a write just after
 * a read of the same place by the same instruction merges into it. */
void cs_queue_read(Walk* w, CsInstr* ii, Int size, IRExpr* addr);
void cs_queue_write(Walk* w, CsInstr* ii, Int size, IRExpr* addr);
/* A guarded load or store: flushed and simulated at once, under guard. */
void cs_queue_guarded(Walk* w, CsInstr* ii, Int size, IRExpr* addr, IRExpr* guard,
                      Bool is_write);
/* Turn the queued events into code (see instrument/queue.c). */
void cs_queue_flush(Walk* w);
/* The superblock starting at base is instrumented: make its record. */
void cs_queue_end(Addr base);

#endif
