/* vex_passes.c - passes of VEX over each superblock that the tool leaves
 * out.
 *
 * After the tool's instrumentation, VEX runs dead-code removal, constant
 * propagation and dead-code removal again over the whole superblock, then
 * checks its IR (it checks it once before instrumentation too).  On a
 * program that translates much code a few times (a compiler), these are
 * about a seventh of the run, and they buy nothing here: the guest's part
 * was propagated before instrumentation, the tool's part is made with its
 * constants in place (without the propagation a translation is 0.4% larger
 * on cc1), and the checks find defects in VEX and the tool, never in the
 * program.  The tool is linked with --wrap for the three functions
 * (Makefile.am), so VEX's calls come here: the propagation and the
 * second dead-code pass are skipped, and the checks run only under
 * --check-ir=yes, which the tests use to check every instrumentation
 * mode's IR. */

#include "pub_tool_basics.h"
#include "libvex_ir.h"
#include "options.h"

void __real_sanityCheckIRSB(const IRSB* bb, const HChar* caller, Bool require_flatness,
                            IRType guest_word_size);
void __wrap_sanityCheckIRSB(const IRSB* bb, const HChar* caller, Bool require_flatness,
                            IRType guest_word_size);
IRSB* __wrap_cprop_BB(IRSB* in);
void __real_do_deadcode_BB(IRSB* bb);
void __wrap_do_deadcode_BB(IRSB* bb);

void __wrap_sanityCheckIRSB(const IRSB* bb, const HChar* caller, Bool require_flatness,
                            IRType guest_word_size)
{
   if (cs_clo.check_ir)
      __real_sanityCheckIRSB(bb, caller, require_flatness, guest_word_size);
}

/* VEX calls these (from outside their own file) only for the clean-up
 * after instrumentation: dead code, propagation, dead code.  With no
 * propagation the second dead-code pass would find nothing. */
static Bool propagation_skipped;

IRSB* __wrap_cprop_BB(IRSB* in)
{
   propagation_skipped = True;
   return in;
}

void __wrap_do_deadcode_BB(IRSB* bb)
{
   if (propagation_skipped) {
      propagation_skipped = False;
      return;
   }
   __real_do_deadcode_BB(bb);
}
