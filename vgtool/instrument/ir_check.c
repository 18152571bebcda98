/* ir_check.c - VEX's checks of a superblock's IR, only when asked.
 *
 * VEX checks every superblock's IR twice: as its front end made it, and
 * after the tool's instrumentation and VEX's clean-up of it.  Both are
 * checks of VEX's and the tool's own code, not of the program, and they
 * find nothing in a working build; on a program that translates much
 * code once (a compiler) they are about 7% of the run.  The tool is
 * linked with --wrap=sanityCheckIRSB (Makefile.am), so VEX's calls come
 * here and run the check only under --check-ir=yes, which the tests use
 * to keep every instrumentation mode's IR checked. */

#include "pub_tool_basics.h"
#include "libvex_ir.h"
#include "options.h"

void __real_sanityCheckIRSB(const IRSB* bb, const HChar* caller, Bool require_flatness,
                            IRType guest_word_size);
void __wrap_sanityCheckIRSB(const IRSB* bb, const HChar* caller, Bool require_flatness,
                            IRType guest_word_size);

void __wrap_sanityCheckIRSB(const IRSB* bb, const HChar* caller, Bool require_flatness,
                            IRType guest_word_size)
{
   if (cs_clo.check_ir)
      __real_sanityCheckIRSB(bb, caller, require_flatness, guest_word_size);
}
