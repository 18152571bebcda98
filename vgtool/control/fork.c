/* control/fork.c - what a fork means for the profile.
 *
 * The child is a copy of the parent, counts included; Cachegrind and
 * Callgrind leave them there, so a child's profile repeats everything its
 * parent ran before the fork and adding up the profiles of a run counts
 * that twice.  Here the child starts from zero at the fork: its profile
 * holds what it ran itself, the parent's holds the rest, and csann merge
 * of all of them is the whole run, each instruction once.  (The simulated
 * caches and predictors are copied as they are, as the real ones would
 * be.)  A child whose profile name would be its parent's (no %p in
 * --cachesim-out-file) writes NAME.PID instead (profile/outfile.c). */
#include "control/fork.h"
#include "control/exec.h"
#include "options.h"
#include "profile/callgraph.h"
#include "profile/costs.h"
#include "profile/outfile.h"
#include "profile/output.h"
#include "pub_tool_libcproc.h"

static void before_fork(ThreadId tid)
{
   cs_outfile_before_fork();
}

static void in_child(ThreadId tid)
{
   cs_costs_zero();
   if (cs_clo.call_graph)
      cs_calls_zero();
   cs_output_forked();
   cs_outfile_forked();
   cs_exec_forked();
}

void cs_fork_init(void)
{
   VG_(atfork)(before_fork, NULL, in_child);
}
