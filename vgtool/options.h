/* options.h - the tool's command-line options (options.c). */
#ifndef CS_OPTIONS_H
#define CS_OPTIONS_H

#include "pub_tool_basics.h"
#include "model/cpu_desc.h"
#include "model/geometry.h"

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
   /* The CPU model (caches.c decides it): --cpu=NAME|FILE (NULL: the
    * default, Cachegrind's model), --L2 (adds an L2), and per cache
    * (CS_CPU_I1 .. CS_CPU_LL) --<cache>-policy and --L2/LL-inclusion. */
   const HChar* cpu;
   cs_geometry_t L2;          /* size 0 = not given */
   cs_policy_t policy[CS_CPU_NCACHES];
   Bool policy_given[CS_CPU_NCACHES];
   Int inclusion[CS_CPU_NCACHES];     /* cs_cpu_inclusion_t, -1 = not given */
   /* --D1-prefetcher, --L2-prefetcher (model/prefetch.h; "none" turns a
    * preset's off) and --classify-misses. */
   cs_pf_config_t prefetcher[CS_CPU_NCACHES];
   Bool prefetcher_given[CS_CPU_NCACHES];
   Bool classify_misses;
   /* The options that shape the model, as given, for messages about a
    * combination that cannot be simulated. */
   HChar model_options[512];
   /* Debug (--inline-tests=no): the general model's generated code calls
    * the model at every access, without its inline tests, so that a test
    * can check that they change no count. */
   Bool inline_tests;
   /* Debug (--check-ir=yes): VEX checks each superblock's IR before and
    * after instrumentation (instrument/vex_passes.c); off, it does not. */
   Bool check_ir;
} CsOptions;
extern CsOptions cs_clo;

Bool cs_process_cmd_line_option(const HChar* arg);
/* Defaults that depend on other options, once all are read. */
void cs_options_settle(void);
void cs_print_usage(void);
void cs_print_debug_usage(void);

#endif
