/* options.c - the tool's command-line options. */
#include "options.h"
#include "det/mode.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
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

Bool cs_process_cmd_line_option(const HChar* arg)
{
   const HChar* value;

   if VG_STR_CLO(arg, "--I1", value)
      parse_geometry(arg, value, &cs_clo.I1);
   else if VG_STR_CLO(arg, "--D1", value)
      parse_geometry(arg, value, &cs_clo.D1);
   else if (VG_STR_CLO(arg, "--LL", value) || VG_STR_CLO(arg, "--L2", value))
      parse_geometry(arg, value, &cs_clo.LL);
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
      return cs_det_process_option(arg);
   return True;
}

void cs_options_settle(void)
{
   /* Counting instructions only is the CI use: plain inline adds, no
    * helper calls, so no call graph unless asked for. */
   if (!call_graph_given && !cs_clo.cache_sim && !cs_clo.branch_sim)
      cs_clo.call_graph = False;
}

void cs_print_usage(void)
{
   VG_(printf)(
"    --I1=<size>,<assoc>,<line_size>  I1 cache geometry [the host's]\n"
"    --D1=<size>,<assoc>,<line_size>  D1 cache geometry [the host's]\n"
"    --LL=<size>,<assoc>,<line_size>  last-level cache geometry [the host's]\n"
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
   VG_(printf)("    (none)\n");
}
