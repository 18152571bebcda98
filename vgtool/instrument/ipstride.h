/* instrument/ipstride.h - D1's ipstride prefetcher trained in the
 * generated code (instrument/ipstride.c). */
#ifndef CS_INSTRUMENT_IPSTRIDE_H
#define CS_INSTRUMENT_IPSTRIDE_H

#include "instrument/emit.h"

/* Can this superblock's loads train the table inline (a 64-bit host)? */
Bool cs_ipstride_inline(const Walk* w);
/* Load e's training, and one call for its access (when missed, 1 when
 * its inline test failed) and the prefetches the training asks for. */
void cs_emit_ipstride_training(Walk* w, const Event* e, IRExpr* missed);

#endif
