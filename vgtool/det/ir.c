/* det/ir.c - rewriting the time and random instructions, and counting
 * instructions for the virtual clock. */
#include "det/ir.h"
#include "det/clock.h"
#include "det/random.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_machine.h"
#if defined(VGA_amd64)
#include "libvex_guest_amd64.h"
#endif

/* --- The helpers the rewritten code calls. ------------------------- */

/* A 1 GHz TSC that reads the virtual monotonic clock. */
static ULong det_rdtsc(void)
{
   return det_clock_now_ns(DetClockMonotonic);
}

#if defined(VGA_amd64)
/* RDTSCP also reports a processor id in RCX: always CPU 0. */
static void det_rdtscp(VexGuestAMD64State* gst)
{
   ULong tsc = det_rdtsc();
   gst->guest_RAX = tsc & 0xFFFFFFFFULL;
   gst->guest_RDX = tsc >> 32;
   gst->guest_RCX = 0;
}
#endif

/* VEX's contract for these helpers: 32 random bits, and bit 32 set when
 * the CPU succeeded (which ours always does). */
static ULong det_rdrand(void)
{
   return (1ULL << 32) | (det_random_next(DetStreamCpu) & 0xFFFFFFFFULL);
}

typedef struct {
   const HChar* vex_name;   /* the helper VEX's front end calls */
   const HChar* our_name;
   void* our_fn;
   Bool reads_clock;        /* needs an up-to-date instruction count */
} DetHelper;

static const DetHelper* helpers(Int* n)
{
   static DetHelper table[4];
   static Int n_table = -1;
   if (n_table < 0) {
      n_table = 0;
#if defined(VGA_amd64)
      table[n_table++] = (DetHelper){ "amd64g_dirtyhelper_RDTSC", "det_rdtsc",
                                      VG_(fnptr_to_fnentry)(det_rdtsc), True };
      table[n_table++] = (DetHelper){ "amd64g_dirtyhelper_RDTSCP", "det_rdtscp",
                                      VG_(fnptr_to_fnentry)(det_rdtscp), True };
      table[n_table++] = (DetHelper){ "amd64g_dirtyhelper_RDRAND", "det_rdrand",
                                      VG_(fnptr_to_fnentry)(det_rdrand), False };
      table[n_table++] = (DetHelper){ "amd64g_dirtyhelper_RDSEED", "det_rdseed",
                                      VG_(fnptr_to_fnentry)(det_rdrand), False };
#endif
   }
   *n = n_table;
   return table;
}

IRStmt* det_ir_filter_stmt(IRStmt* st)
{
   const DetHelper* table;
   const IRDirty* d;
   IRDirty* ours;
   Int i, n;

   if (st->tag != Ist_Dirty)
      return st;
   d = st->Ist.Dirty.details;
   table = helpers(&n);
   for (i = 0; i < n; i++) {
      if (VG_(strcmp)(d->cee->name, table[i].vex_name) != 0)
         continue;
      /* Same arguments, result and guest-state effects; our callee. */
      ours = deepCopyIRDirty(d);
      ours->cee = mkIRCallee(0, table[i].our_name, table[i].our_fn);
      return IRStmt_Dirty(ours);
   }
   return st;
}

/* --- Counting. ------------------------------------------------------ */

static Bool calls_clock_helper(const IRStmt* st)
{
   const DetHelper* table;
   Int i, n;

   if (st->tag != Ist_Dirty)
      return False;
   table = helpers(&n);
   for (i = 0; i < n; i++)
      if (table[i].reads_clock && st->Ist.Dirty.details->cee->addr == table[i].our_fn)
         return True;
   return False;
}

/* det_guest_instrs += *pending, as one store of a load plus a constant
 * (tree-shaped IR is allowed here: this runs after tree building). */
static void flush_count(IRSB* out, ULong* pending)
{
   IRExpr* counter = mkIRExpr_HWord((HWord)&det_guest_instrs);
   IRExpr* sum;

   if (*pending == 0)
      return;
   sum = IRExpr_Binop(Iop_Add64, IRExpr_Load(Iend_LE, Ity_I64, counter),
                      IRExpr_Const(IRConst_U64(*pending)));
   addStmtToIRSB(out, IRStmt_Store(Iend_LE, mkIRExpr_HWord((HWord)&det_guest_instrs), sum));
   *pending = 0;
}

IRSB* det_ir_count_instrs(IRSB* sb)
{
   IRSB* out;
   ULong pending = 0;
   Int i;

   out = deepCopyIRSBExceptStmts(sb);
   for (i = 0; i < sb->stmts_used; i++) {
      IRStmt* st = sb->stmts[i];
      if (st->tag == Ist_IMark)
         pending++;
      else if (st->tag == Ist_Exit || calls_clock_helper(st))
         flush_count(out, &pending);
      addStmtToIRSB(out, st);
   }
   flush_count(out, &pending);
   return out;
}
