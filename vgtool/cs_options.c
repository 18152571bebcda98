/* cs_options.c - the tool's command-line options. */
#include "cs_global.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_options.h"

CsOptions cs_clo = {
   .cache_sim = True,
   .branch_sim = True,
   .dump_instr = False,
   .out_file = "cachesim.out.%p",
};

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
   else if VG_STR_CLO(arg, "--cachesim-out-file", cs_clo.out_file) {
      if (cs_clo.out_file[0] == '\0')
         VG_(fmsg_bad_option)(arg, "the output file name is empty\n");
   }
   else
      return False;
   return True;
}

void cs_print_usage(void)
{
   VG_(printf)(
"    --I1=<size>,<assoc>,<line_size>  I1 cache geometry [the host's]\n"
"    --D1=<size>,<assoc>,<line_size>  D1 cache geometry [the host's]\n"
"    --LL=<size>,<assoc>,<line_size>  last-level cache geometry [the host's]\n"
"    --cache-sim=yes|no               simulate the caches? [yes]\n"
"    --branch-sim=yes|no              simulate the branch predictors? [yes]\n"
"    --dump-instr=yes|no              record costs per instruction address\n"
"                                     as well as per source line? [no]\n"
"    --cachesim-out-file=<file>       profile to write [cachesim.out.%%p]\n"
"                                     (%%p: process id, %%q{VAR}: $VAR)\n"
   );
}

void cs_print_debug_usage(void)
{
   VG_(printf)("    (none)\n");
}
