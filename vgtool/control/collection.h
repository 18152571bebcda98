/* control/collection.h - what is measured when: instrumentation on or off,
 * collection on or off (by request, by option, or inside --toggle-collect
 * functions) (control/collection.c).  The collection mask and the
 * --toggle-collect functions the generated code uses are in runtime.h. */
#ifndef CS_CONTROL_COLLECTION_H
#define CS_CONTROL_COLLECTION_H

#include "pub_tool_basics.h"

/* Does the generated code AND its counts with cs_collect_mask?  Yes with
 * --toggle-collect, and after many collection requests; otherwise a
 * change of collection remakes the code (see control/collection.c). */
extern Bool cs_counts_masked;
/* False while instrumentation is off: translations then get no code. */
extern Bool cs_instr_enabled;

void cs_collection_init(void);
/* A thread's time slice begins. */
void cs_collection_thread_starts(ThreadId tid);
/* Collection on or off (or flipped), as --collect-atstart and the
 * collection requests set it (it is inverted inside --toggle-collect
 * functions). */
void cs_collection_set(Bool on);
void cs_collection_flip(void);
/* Instrumentation on or off; request names the client request, for its
 * warning when it changes nothing. */
void cs_instrumentation_set(Bool on, const HChar* request);

#endif
