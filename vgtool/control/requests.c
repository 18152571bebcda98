/* control/requests.c - the client requests of include/cachesim.h: each
 * turns into a call on the part that does it. */
#include "control/requests.h"
#include "caches.h"
#include "cachesim.h"
#include "control/collection.h"
#include "options.h"
#include "profile/callgraph.h"
#include "profile/costs.h"
#include "profile/output.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_tooliface.h"

Bool cs_handle_client_request(ThreadId tid, UWord* args, UWord* ret)
{
   if (!VG_IS_TOOL_USERREQ('C', 'S', args[0]))
      return False;
   *ret = 0;
   switch (args[0]) {
   case CACHESIM_USERREQ_START_INSTRUMENTATION:
      cs_instrumentation_set(True, "CACHESIM_START_INSTRUMENTATION");
      break;
   case CACHESIM_USERREQ_STOP_INSTRUMENTATION:
      cs_instrumentation_set(False, "CACHESIM_STOP_INSTRUMENTATION");
      break;
   case CACHESIM_USERREQ_START_COLLECTION:
      cs_collection_set(True);
      break;
   case CACHESIM_USERREQ_STOP_COLLECTION:
      cs_collection_set(False);
      break;
   case CACHESIM_USERREQ_TOGGLE_COLLECT:
      cs_collection_flip();
      break;
   case CACHESIM_USERREQ_ZERO_STATS:
      cs_costs_zero();
      if (cs_clo.call_graph)
         cs_calls_zero();
      break;
   case CACHESIM_USERREQ_DUMP_STATS_AT:
      cs_dump_part((const HChar*)args[1]);
      break;
   case CACHESIM_USERREQ_FLUSH_CACHES:
      cs_flush_caches();
      break;
   default:
      VG_(dmsg)("warning: unknown cachesim client request 0x%lx (from a newer cachesim.h?)\n",
                args[0]);
      return False;
   }
   return True;
}
