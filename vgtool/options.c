/* options.c - the tool's command-line options. */
#include "options.h"
#include "control/exec.h"
#include "det/mode.h"
#include "model/presets.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_options.h"
#include "pub_tool_mallocfree.h"

CsOptions cs_clo = {
   .cache_sim = True,
   .branch_sim = True,
   .dump_instr = False,
   .call_graph = True,        /* see cs_options_settle */
   .out_file = "cachesim.out.%p",
   .instr_atstart = True,
   .collect_atstart = True,
   .inclusion = { -1, -1, -1, -1 },
   .inline_tests = True,
};
static Bool collect_atstart_given, call_graph_given;

/* --I1/--D1/--LL=size,assoc,line: a bad value is a bad option (exits). */
static void parse_geometry(const HChar* arg, const HChar* value, cs_geometry_t* out)
{
   const char* err;
   cs_geometry_t g;

   if (cs_geometry_parse(value, &g, &err) != 0)
      VG_(fmsg_bad_option)(arg, "Bad argument '%s': %s\n", value, err);
   if (cs_geometry_check(&g, &err) != 0)
      VG_(fmsg_bad_option)(arg, "Bad argument '%s': %s\n", value, err);
   *out = g;
}

/* --D1-prefetcher, --L2-prefetcher=KIND[+KIND][:PARAM=VALUE,...]. */
static void parse_prefetcher(const HChar* arg, const HChar* value, UInt cache)
{
   HChar msg[256];
   if (cs_pf_parse(value, &cs_clo.prefetcher[cache], msg, sizeof msg) != 0)
      VG_(fmsg_bad_option)(arg, "Bad prefetcher '%s': %s\n", value, msg);
   cs_clo.prefetcher_given[cache] = True;
}

/* --<cache>-policy=NAME (model/policy.h). */
static void parse_policy(const HChar* arg, const HChar* value, UInt cache)
{
   const char* err;
   if (cs_policy_parse(value, &cs_clo.policy[cache], &err) != 0)
      VG_(fmsg_bad_option)(arg, "Bad policy '%s': %s\n", value, err);
   cs_clo.policy_given[cache] = True;
}

/* --L2-inclusion, --LL-inclusion. */
static void parse_inclusion(const HChar* arg, const HChar* value, UInt cache)
{
   if (VG_(strcmp)(value, "non-inclusive") == 0)
      cs_clo.inclusion[cache] = CS_CPU_NON_INCLUSIVE;
   else if (VG_(strcmp)(value, "inclusive") == 0)
      cs_clo.inclusion[cache] = CS_CPU_INCLUSIVE;
   else if (VG_(strcmp)(value, "exclusive") == 0 && cache == CS_CPU_LL)
      cs_clo.inclusion[cache] = CS_CPU_EXCLUSIVE;
   else
      VG_(fmsg_bad_option)(arg, "expected %s, not '%s'\n",
                           cache == CS_CPU_LL ? "inclusive, non-inclusive or exclusive"
                                              : "inclusive or non-inclusive (only LL may be "
                                                "exclusive)", value);
}

/* The options that shape the CPU model, for messages (see cpu.c). */
static void note_model_option(const HChar* arg)
{
   SizeT used = VG_(strlen)(cs_clo.model_options);
   if (used + VG_(strlen)(arg) + 2 < sizeof cs_clo.model_options) {
      if (used > 0)
         cs_clo.model_options[used++] = ' ';
      VG_(strcpy)(cs_clo.model_options + used, arg);
   }
}

/* The per-level options that take a level's index, as data. */
static const struct {
   const HChar* name;
   void (*parse)(const HChar* arg, const HChar* value, UInt cache);
   UInt cache;
} level_options[] = {
   { "--I1-policy", parse_policy, CS_CPU_I1 },
   { "--D1-policy", parse_policy, CS_CPU_D1 },
   { "--L2-policy", parse_policy, CS_CPU_L2 },
   { "--LL-policy", parse_policy, CS_CPU_LL },
   { "--L2-inclusion", parse_inclusion, CS_CPU_L2 },
   { "--LL-inclusion", parse_inclusion, CS_CPU_LL },
   { "--D1-prefetcher", parse_prefetcher, CS_CPU_D1 },
   { "--L2-prefetcher", parse_prefetcher, CS_CPU_L2 },
};

/* One of level_options (as VG_STR_CLO matches an option)? */
static Bool level_option(const HChar* arg)
{
   UInt i;
   for (i = 0; i < sizeof level_options / sizeof level_options[0]; i++) {
      SizeT n = VG_(strlen)(level_options[i].name);
      if (VG_(check_clom)(cloP, arg, level_options[i].name,
                          VG_(strncmp)(arg, level_options[i].name, n) == 0 && arg[n] == '=')) {
         level_options[i].parse(arg, arg + n + 1, level_options[i].cache);
         note_model_option(arg);
         return True;
      }
   }
   return False;
}

Bool cs_process_cmd_line_option(const HChar* arg)
{
   const HChar* value;

   if (level_option(arg))
      return True;
   if VG_STR_CLO(arg, "--I1", value) {
      parse_geometry(arg, value, &cs_clo.I1);
      note_model_option(arg);
   }
   else if VG_STR_CLO(arg, "--D1", value) {
      parse_geometry(arg, value, &cs_clo.D1);
      note_model_option(arg);
   }
   else if VG_STR_CLO(arg, "--LL", value) {
      parse_geometry(arg, value, &cs_clo.LL);
      note_model_option(arg);
   }
   /* Not Cachegrind's deprecated alias of --LL: an L2 of its own. */
   else if VG_STR_CLO(arg, "--L2", value) {
      parse_geometry(arg, value, &cs_clo.L2);
      note_model_option(arg);
   }
   else if VG_STR_CLO(arg, "--cpu", value) {
      if (value[0] == '\0')
         VG_(fmsg_bad_option)(arg, "expected a preset name (see --help) or a description file\n");
      cs_clo.cpu = value;
      note_model_option(arg);
   }
   else if VG_BOOL_CLO(arg, "--classify-misses", cs_clo.classify_misses) {
      note_model_option(arg);
   }
   else if VG_BOOL_CLO(arg, "--inline-tests", cs_clo.inline_tests) {}
   else if VG_BOOL_CLO(arg, "--check-ir", cs_clo.check_ir) {}
   else if VG_BOOL_CLO(arg, "--cache-sim", cs_clo.cache_sim) {}
   else if VG_BOOL_CLO(arg, "--branch-sim", cs_clo.branch_sim) {}
   else if VG_BOOL_CLO(arg, "--dump-instr", cs_clo.dump_instr) {}
   else if VG_BOOL_CLO(arg, "--call-graph", cs_clo.call_graph)
      call_graph_given = True;
   else if VG_BOOL_CLO(arg, "--instr-atstart", cs_clo.instr_atstart) {}
   else if VG_BOOL_CLO(arg, "--collect-atstart", cs_clo.collect_atstart)
      collect_atstart_given = True;
   else if VG_STR_CLO(arg, "--toggle-collect", value) {
      cs_clo.toggle_fns = VG_(realloc)("cs.clo.toggle", cs_clo.toggle_fns,
                                       (cs_clo.n_toggle_fns + 1) * sizeof(HChar*));
      cs_clo.toggle_fns[cs_clo.n_toggle_fns++] = value;
      /* Collect only inside the functions, unless told otherwise. */
      if (!collect_atstart_given)
         cs_clo.collect_atstart = False;
   }
   else if VG_STR_CLO(arg, "--cachesim-out-file", cs_clo.out_file) {
      if (cs_clo.out_file[0] == '\0')
         VG_(fmsg_bad_option)(arg, "the output file name is empty\n");
   }
   else
      return cs_exec_process_option(arg) || cs_det_process_option(arg);
   return True;
}

void cs_options_settle(void)
{
   /* Counting instructions only is the CI use: plain inline adds, no
    * helper calls, so no call graph unless asked for. */
   if (!call_graph_given && !cs_clo.cache_sim && !cs_clo.branch_sim)
      cs_clo.call_graph = False;
   /* Without the caches these would be ignored: say so rather than write
    * a profile without what was asked for.  (After the options are read a
    * bad option no longer ends the run by itself.) */
   if (!cs_clo.cache_sim) {
      const HChar* what = cs_clo.classify_misses ? "--classify-misses=yes" : NULL;
      UInt i;
      for (i = 0; i < CS_CPU_NCACHES; i++)
         if (cs_clo.prefetcher_given[i] && cs_clo.prefetcher[i].kinds != 0)
            what = i == CS_CPU_D1 ? "--D1-prefetcher" : "--L2-prefetcher";
      if (what != NULL) {
         VG_(fmsg)("Bad option: %s works on the simulated caches: it needs --cache-sim=yes\n",
                   what);
         VG_(exit)(1);
      }
   }
}

void cs_print_usage(void)
{
   unsigned n, i;
   const cs_cpu_preset_t* presets = cs_cpu_presets(&n);

   VG_(printf)(
"    --cpu=<name>|<file>              the CPU model: a preset or a description\n"
"                                     file (docs/cpu-models.md) [cachegrind:\n"
"                                     Cachegrind's model of the host's caches]\n"
"                                     presets:");
   for (i = 0; i < n; i++)
      VG_(printf)(" %s", presets[i].name);
   VG_(printf)("\n"
"    --I1=<size>,<assoc>,<line_size>  I1 cache geometry [the host's, or the --cpu's]\n"
"    --D1=<size>,<assoc>,<line_size>  D1 cache geometry [the host's, or the --cpu's]\n"
"    --L2=<size>,<assoc>,<line_size>  add a private L2 (not Cachegrind's alias of\n"
"                                     --LL) [none, or the --cpu's]\n"
"    --LL=<size>,<assoc>,<line_size>  last-level cache geometry [the host's, or\n"
"                                     the --cpu's]\n"
"    --I1-policy=<policy>             replacement policy of I1, likewise\n"
"    --D1-policy=, --L2-policy=, --LL-policy=  (lru, fifo, random, tree-plru,\n"
"                                     bit-plru, lru3plru4, srrip, brrip,\n"
"                                     qlru:H<x><y>_M<m>_R<r>_U<u>[_UMO]) [lru]\n"
"    --LL-inclusion=inclusive|non-inclusive|exclusive  LL's inclusion of the\n"
"                                     caches inside it [non-inclusive]\n"
"    --L2-inclusion=inclusive|non-inclusive  L2's inclusion of I1 and D1\n"
"                                     [non-inclusive]\n"
"    --D1-prefetcher=<kind>[+<kind>][:<param>=<value>,...]  D1's hardware\n"
"                                     prefetchers: none, nextline, tagged,\n"
"                                     adjacent, ipstride, stream [none, or\n"
"                                     the --cpu's]; events D1pf D1pfu\n"
"    --L2-prefetcher=...              L2's, likewise (events L2pf L2pfu)\n"
"    --classify-misses=yes|no         count each level's misses as\n"
"                                     compulsory, capacity or conflict\n"
"                                     (I1cmp I1cap I1cnf D1cmp ...)? [no]\n"
"    --cache-sim=yes|no               simulate the caches? [yes]\n"
"    --branch-sim=yes|no              simulate the branch predictors? [yes]\n"
"    --call-graph=yes|no              record callers, callees, inclusive costs\n"
"                                     and exact call stacks? [yes; no with\n"
"                                     --cache-sim=no --branch-sim=no]\n"
"    --dump-instr=yes|no              record costs per instruction address\n"
"                                     as well as per source line? [no]\n"
"    --cachesim-out-file=<file>       profile to write [cachesim.out.%%p]\n"
"                                     (%%p: process id, %%q{VAR}: $VAR)\n"
"    --instr-atstart=yes|no           instrument from the start? [yes]\n"
"                                     (else from CACHESIM_START_INSTRUMENTATION)\n"
"    --collect-atstart=yes|no         count events from the start? [yes,\n"
"                                     no when --toggle-collect is given]\n"
"    --toggle-collect=<pattern>       flip collection inside functions\n"
"                                     matching <pattern> (* and ? wildcards;\n"
"                                     repeatable), and what they call\n"
   );
   cs_det_print_usage();
}

void cs_print_debug_usage(void)
{
   VG_(printf)(
"    --inline-tests=yes|no            with a CPU model other than Cachegrind's:\n"
"                                     test accesses inline against the L1\n"
"                                     caches' fast exits (no: call the model\n"
"                                     at every access; same counts) [yes]\n"
"    --check-ir=yes|no                have VEX check each superblock's IR\n"
"                                     before and after instrumentation [no]\n");
}
