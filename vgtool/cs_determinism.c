/* cs_determinism.c - --deterministic=yes (not implemented yet: the option
 * is accepted only as "no"). */
#include "cs_global.h"
#include "cs_determinism.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_options.h"

static Bool det_on = False;

void cs_det_pre_clo_init(void) { }

Bool cs_det_process_option(const HChar* arg)
{
   if VG_BOOL_CLO(arg, "--deterministic", det_on) {
      if (det_on)
         VG_(fmsg_bad_option)(arg, "--deterministic=yes is not implemented yet\n");
      return True;
   }
   return False;
}

void cs_det_print_usage(void) { }
void cs_det_post_clo_init(void) { }
IRStmt* cs_det_filter_stmt(IRStmt* st) { return st; }
Bool cs_det_enabled(void) { return det_on; }
const HChar* cs_det_fingerprint(void) { return "deterministic=no seed=0"; }
