/* cs_determinism.c - --deterministic=yes: the options, and the wiring of
 * the pieces (det_*.c) into the core.
 *
 *   det_random   seeded streams; the AT_RANDOM bytes
 *   det_clock    the virtual clock
 *   det_ir       RDTSC/RDRAND rewriting; the inline instruction count
 *   det_syscalls clock reads, random bytes, descriptors of /dev/urandom
 *   det_waits    sleeps and timeouts move the clock forward
 */
#include "cs_global.h"
#include "cs_determinism.h"
#include "det_clock.h"
#include "det_ir.h"
#include "det_random.h"
#include "det_syscalls.h"
#include "det_waits.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_options.h"

static Bool det_on = False;
static ULong det_seed = 0;
static ULong det_clock_start = DET_DEFAULT_REALTIME_START_S;

void cs_det_pre_clo_init(void)
{
   /* A no-op (a test of a flag) while the mode is off, as are the system
    * call hooks (det_syscalls), which cs_main.c registers with the
    * others. */
   VG_(needs_final_IR_tidy_pass)(det_ir_count_instrs);
}

/* A decimal unsigned number, all of it. */
static ULong parse_number(const HChar* arg, const HChar* value)
{
   HChar* end;
   ULong n;

   if (value[0] < '0' || value[0] > '9')
      VG_(fmsg_bad_option)(arg, "'%s' is not a non-negative decimal number\n", value);
   n = VG_(strtoull10)(value, &end);
   if (*end != '\0' || VG_(strlen)(value) > 19)
      VG_(fmsg_bad_option)(arg, "'%s' is not a decimal number below 10^19\n", value);
   return n;
}

Bool cs_det_process_option(const HChar* arg)
{
   const HChar* value;

   if VG_BOOL_CLO(arg, "--deterministic", det_on) {}
   else if VG_STR_CLO(arg, "--seed", value)
      det_seed = parse_number(arg, value);
   else if VG_STR_CLO(arg, "--clock-start", value) {
      det_clock_start = parse_number(arg, value);
      if (det_clock_start > 253402300799ULL)   /* 9999-12-31 */
         VG_(fmsg_bad_option)(arg, "the start date is after the year 9999\n");
   }
   else
      return False;
   return True;
}

void cs_det_print_usage(void)
{
   VG_(printf)(
"    --deterministic=yes|no           fixed random bytes and a virtual clock,\n"
"                                     for the same counts in every run [no]\n"
"    --seed=<n>                       the random stream of --deterministic [0]\n"
"    --clock-start=<seconds>          the virtual wall clock's start, in seconds\n"
"                                     since 1970 [1704067200: 2024-01-01 UTC]\n"
   );
}

void cs_det_post_clo_init(void)
{
   if (!det_on)
      return;
   det_random_init(det_seed);
   det_clock_init(det_clock_start);
   det_waits_init();
   det_random_fix_auxv();
}

IRStmt* cs_det_filter_stmt(IRStmt* st)
{
   return det_on ? det_ir_filter_stmt(st) : st;
}

Bool cs_det_enabled(void)
{
   return det_on;
}

const HChar* cs_det_fingerprint(void)
{
   static HChar text[96];

   if (!det_on)
      return "deterministic=no seed=0";
   if (det_clock_start == DET_DEFAULT_REALTIME_START_S)
      VG_(snprintf)(text, sizeof text, "deterministic=yes seed=%llu", det_seed);
   else
      VG_(snprintf)(text, sizeof text, "deterministic=yes seed=%llu clock-start=%llu",
                    det_seed, det_clock_start);
   return text;
}
