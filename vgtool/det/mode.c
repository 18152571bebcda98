/* det/mode.c - --deterministic=yes: the options, and the wiring of the
 * pieces into the core.  The pieces do their work unasked: this file alone
 * knows whether the mode is on, and calls them only when it is.
 *
 *   random    seeded streams; the AT_RANDOM bytes
 *   clock     the virtual clock
 *   ir        RDTSC/RDRAND rewriting; the inline instruction count
 *   syscalls  clock reads, random bytes, descriptors of /dev/urandom
 *   waits     sleeps and timeouts move the clock forward
 *   fds       which descriptors read /dev/[u]random
 *   client    checked reads and writes of the client's memory
 */
#include "det/mode.h"
#include "det/clock.h"
#include "det/ir.h"
#include "det/random.h"
#include "det/syscalls.h"
#include "det/waits.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_options.h"

static Bool det_on = False;
static ULong det_seed = 0;
static ULong det_clock_start = DET_DEFAULT_REALTIME_START_S;

/* The core calls these whatever the options say (main.c registers them,
 * with the tool's other system-call hooks, before the options are read): a
 * test of a flag while the mode is off. */
void cs_det_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args)
{
   if (det_on)
      det_pre_syscall(tid, sysno, args, n_args);
}

void cs_det_post_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args, SysRes res)
{
   if (det_on)
      det_post_syscall(tid, sysno, args, n_args, res);
}

static IRSB* count_instrs(IRSB* sb)
{
   return det_on ? det_ir_count_instrs(sb) : sb;
}

void cs_det_pre_clo_init(void)
{
   VG_(needs_final_IR_tidy_pass)(count_instrs);
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
   return det_ir_filter_stmt(st);
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
