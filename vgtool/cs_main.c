/* cs_main.c - stub */
#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "pub_tool_libcprint.h"

static void cs_post_clo_init(void) { }
static IRSB* cs_instrument(VgCallbackClosure* closure, IRSB* sb, const VexGuestLayout* layout,
                           const VexGuestExtents* vge, const VexArchInfo* archinfo_host,
                           IRType gWordTy, IRType hWordTy)
{ return sb; }
static void cs_fini(Int exitcode) { }
static void cs_pre_clo_init(void)
{
   VG_(details_name)("cachesim");
   VG_(details_version)(CACHESIM_VERSION);
   VG_(details_description)("a cache and branch simulator");
   VG_(details_copyright_author)("Copyright (C) the cachesim authors.");
   VG_(details_bug_reports_to)("the cachesim issue tracker");
   VG_(basic_tool_funcs)(cs_post_clo_init, cs_instrument, cs_fini);
}
VG_DETERMINE_INTERFACE_VERSION(cs_pre_clo_init)
