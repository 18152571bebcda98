/* cs_global.h - what the tool's files share: options, the cost-centre
 * model, the simulated hierarchy, and each file's entry points. */
#ifndef CS_GLOBAL_H
#define CS_GLOBAL_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"
#include "sim/cache.h"
#include "sim/branchpred.h"

/* ---- Events, in Cachegrind's order (also the order of our output). ---- */
enum {
   EV_Ir, EV_I1mr, EV_ILmr,
   EV_Dr, EV_D1mr, EV_DLmr,
   EV_Dw, EV_D1mw, EV_DLmw,
   EV_Bc, EV_Bcm, EV_Bi, EV_Bim,
   CS_N_EVENTS
};
extern const HChar* const cs_event_names[CS_N_EVENTS];

/* ---- Options (cs_options.c) ---- */
typedef struct {
   Bool cache_sim;            /* --cache-sim, default yes */
   Bool branch_sim;           /* --branch-sim, default yes */
   Bool dump_instr;           /* --dump-instr: per-instruction positions */
   Bool call_graph;           /* --call-graph: callers, callees, inclusive costs */
   const HChar* out_file;     /* --cachesim-out-file, default cachesim.out.%p */
   Bool instr_atstart;        /* --instr-atstart, default yes */
   Bool collect_atstart;      /* --collect-atstart, default yes (no with --toggle-collect) */
   const HChar** toggle_fns;  /* --toggle-collect patterns */
   UInt n_toggle_fns;
   cs_geometry_t I1, D1, LL;  /* from --I1/--D1/--LL; size 0 = not given */
} CsOptions;
extern CsOptions cs_clo;

Bool cs_process_cmd_line_option(const HChar* arg);
/* Defaults that depend on other options, once all are read. */
void cs_options_settle(void);
void cs_print_usage(void);
void cs_print_debug_usage(void);

/* ---- Collection and instrumentation state (cs_requests.c) ---- */
/* All ones while events are being counted, zero while they are not (the
 * simulation itself goes on either way).  The helpers test it; the
 * generated code ANDs its counts with it only when cs_counts_masked. */
extern ULong cs_collect_mask;
/* Does the generated code AND its counts with cs_collect_mask?  Yes with
 * --toggle-collect, and after many collection requests; otherwise a
 * collection request remakes the code (see cs_requests.c). */
extern Bool cs_counts_masked;
/* False while instrumentation is off: translations then get no code. */
extern Bool cs_instr_enabled;
void cs_requests_init(void);
Bool cs_handle_client_request(ThreadId tid, UWord* args, UWord* ret);
/* --toggle-collect: the running thread's innermost matching function's
 * stack pointer at entry (all ones when there is none); the generated
 * code calls cs_toggle_unwind when the stack pointer rises above it. */
extern Addr cs_toggle_top_sp;
VG_REGPARM(1) void cs_toggle_enter(Addr sp);
VG_REGPARM(1) void cs_toggle_unwind(Addr sp);

/* ---- Simulated hierarchy (cs_caches.c) ---- */
extern cs_cache_t cs_I1, cs_D1, cs_LL;
extern cs_bpred_t* cs_bpred;
extern Int cs_min_line_size;   /* smallest of the three line sizes */
/* Decide the geometry (command line, else detected, else defaults), check
 * it, and allocate the caches and predictors. */
void cs_configure_caches(void);
/* Empty the caches and reset the predictors (CACHESIM_FLUSH_CACHES). */
void cs_flush_caches(void);

/* ---- Cost centres (cs_costs.c) ---- */
struct CsArc;
typedef struct CsFn {
   struct CsFn* next;         /* hash chain */
   UInt id;                   /* 0, 1, 2, ... in order of discovery */
   struct CsArc* arcs;        /* calls made by this function (call graph) */
   Addr entry_addr;           /* first instruction, once seen as an entry */
   UInt entry_line;
   const HChar* obj;          /* object file, "???" if unknown */
   const HChar* name;         /* function, "???" if unknown */
   const HChar* file;         /* the function's own source file */
} CsFn;

typedef struct CsCC {
   struct CsCC* next;         /* hash chain */
   CsFn* fn;
   const HChar* file;         /* source file of this line (may be inlined) */
   UInt line;                 /* 0 if unknown */
   Addr addr;                 /* object-relative instruction, with --dump-instr */
   ULong ev[CS_N_EVENTS];
} CsCC;

/* Most cost centres come from a static pool (see cs_costs.c), so that
 * an index can stand for one in a helper's argument. */
#define CS_CC_POOL_SIZE (256 * 1024)
extern CsCC cs_cc_pool[CS_CC_POOL_SIZE];

/* One guest instruction, while its superblock is being instrumented. */
typedef struct {
   Addr addr;
   UWord len;
   CsCC* cc;
} CsInstr;

/* What one run of a stretch of code adds to one counter. */
typedef struct {
   ULong* counter;
   ULong n;
} CsCount;

/* A translated superblock.  Its stretches (the code between side exits)
 * each have a run counter that the generated code increments; the
 * constant counts of a run are added to the cost centres only when they
 * are needed (cs_costs_fold), which saves an add per cost centre and
 * event on every run.  The record is followed by its stretches' ends and
 * counts (see cs_costs.c): one per translation, so it is kept small. */
typedef struct CsSB {
   struct CsSB* next;
   Addr base;                 /* guest address the translation starts at */
   ULong* runs;               /* n_stretches run counters */
   UInt n_stretches;
   Bool narrow;               /* counts as 32-bit addresses (see cs_costs.c) */
} CsSB;

void cs_costs_init(void);
/* The cost centre for the instruction at guest address a (debug info is
 * looked up now, at translation time). */
CsCC* cs_cc_for_instr(Addr a);
/* A superblock record with zeroed run counters: stretch k's counts end at
 * counts[ends[k]] (n_counts in all). */
CsSB* cs_sb_new(Addr base, UInt n_stretches, const UInt* ends, UInt n_counts,
                const CsCount* counts);
/* Add what every stretch has run so far to the cost centres. */
void cs_costs_fold(void);
void cs_sb_discard(Addr orig_addr, VexGuestExtents vge);

/* Visit every cost centre, ordered by object, function, file and line. */
typedef void (*CsCCVisitor)(const CsCC* cc, void* ctx);
void cs_costs_foreach_sorted(CsCCVisitor visit, void* ctx);
void cs_costs_totals(ULong totals[CS_N_EVENTS]);
void cs_costs_zero(void);

/* ---- Call graph (cs_callgraph.c) ----
 * Calls are seen at function entry points (so calls that VEX chased into
 * the middle of a superblock are seen too) and returns by the stack
 * pointer rising above a frame's entry value, checked at the end of every
 * superblock that ends in a return or a computed jump, and after signal
 * handlers (so longjmp, exceptions and tail calls unwind correctly).
 * Inclusive costs are differences of running totals. */
typedef struct CsArc {
   struct CsArc* next;        /* the caller's list */
   CsFn* callee;
   const CsCC* site;          /* the call instruction's cost centre, or NULL */
   ULong calls;
   ULong incl[CS_N_EVENTS];
} CsArc;
/* Everything counted (while collecting), all threads: generated code adds
 * to it beside each cost centre when the call graph is on. */
extern ULong cs_running[CS_N_EVENTS];
/* The generated code adds the commonest events to two words instead, two
 * 32-bit fields in each (one add where there were two):
 *   cs_running_packed[0] = Ir | Dr << 32,  [1] = Bc | Bcm << 32.
 * cs_cg_fold moves them into cs_running.  It runs at every time slice, so
 * a field gets at most a time slice's count (100,000 superblocks of at
 * most a few hundred events each) between folds; cs_running_can_pack says
 * whether the slice is short enough for that. */
extern ULong cs_running_packed[2];
#define CS_PACK_HIGH 32
void cs_cg_fold(void);
Bool cs_running_can_pack(void);
/* The running thread's innermost frame's stack pointer at entry. */
extern Addr cs_cg_top_sp;
/* At translation: a call instruction whose return address is ret. */
void cs_cg_note_call(Addr ret, const CsCC* site);
extern UInt cs_fn_count;
void cs_cg_init(void);
/* A thread's time slice begins (called from cs_requests.c). */
void cs_cg_thread_starts(ThreadId tid);
VG_REGPARM(2) void cs_cg_enter(CsFn* fn, Addr sp);
VG_REGPARM(1) void cs_cg_unwind(Addr sp);
/* Is a the first instruction of a function?  Then its CsFn, else NULL. */
CsFn* cs_fn_if_entry(Addr a);
/* Bring active frames' inclusive costs up to date (before a dump). */
void cs_cg_settle(void);
void cs_cg_zero(void);
/* Write the exact call stacks (folded, one line per context) of the
 * current part to o-style output via the callback. */
typedef void (*CsTextSink)(const HChar* text, void* ctx);
void cs_cg_write_stacks(CsTextSink sink, void* ctx);

/* ---- Instrumentation (cs_instrument.c) ---- */
IRSB* cs_instrument(VgCallbackClosure* closure, IRSB* sbIn,
                    const VexGuestLayout* layout, const VexGuestExtents* vge,
                    const VexArchInfo* archinfo_host,
                    IRType gWordTy, IRType hWordTy);

/* ---- Output (cs_output.c, cs_summary.c) ---- */
/* Record the counts so far as a part of the profile (label may be NULL),
 * then zero them. */
void cs_dump_part(const HChar* label);
/* Write the profile: the parts dumped so far and a final part.  Returns
 * False (after saying why) if it could not.  grand_totals gets the sum of
 * all parts. */
Bool cs_write_profile(ULong grand_totals[CS_N_EVENTS]);
/* At start-up: can the profile be created where asked?  Says why not. */
Bool cs_check_output_writable(void);
void cs_print_summary(const ULong totals[CS_N_EVENTS]);

/* ---- execve (cs_exec.c) ----
 * Before a system call: at an execve that will replace the process, says
 * what is (not) profiled after it. */
void cs_exec_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args);

#endif
