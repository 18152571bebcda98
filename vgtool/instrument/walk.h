/* instrument/walk.h - the tool's instrumentation pass
 * (instrument/walk.c). */
#ifndef CS_INSTRUMENT_WALK_H
#define CS_INSTRUMENT_WALK_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"

IRSB* cs_instrument(VgCallbackClosure* closure, IRSB* sbIn,
                    const VexGuestLayout* layout, const VexGuestExtents* vge,
                    const VexArchInfo* archinfo_host,
                    IRType gWordTy, IRType hWordTy);

#endif
