/* det/random.h - the fixed random streams of --deterministic=yes. */
#ifndef DET_RANDOM_H
#define DET_RANDOM_H

#include "pub_tool_basics.h"

/* Separate streams, so that one consumer (say, a program that reads
 * /dev/urandom more often) does not shift what another one sees. */
typedef enum {
   DetStreamKernel,   /* getrandom(2) and reads of /dev/[u]random */
   DetStreamCpu,      /* RDRAND and RDSEED */
   DetStreamAuxv,     /* the 16 AT_RANDOM bytes */
   DetStreamCount
} DetStream;

void det_random_init(ULong seed);
ULong det_random_next(DetStream s);
void det_random_fill(DetStream s, UChar* buf, SizeT len);
/* Overwrite the AT_RANDOM bytes the core put on the client's stack. */
void det_random_fix_auxv(void);

#endif
