/* main.c - the tool's registration with the Valgrind core, and its
 * start-up and exit: where the parts are wired together. */
#include "caches.h"
#include "control/collection.h"
#include "control/exec.h"
#include "control/fork.h"
#include "control/requests.h"
#include "det/mode.h"
#include "instrument/walk.h"
#include "options.h"
#include "profile/callgraph.h"
#include "profile/costs.h"
#include "profile/output.h"
#include "profile/summary.h"
#include "pub_tool_libcassert.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_machine.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"
#include "pub_tool_tooliface.h"

/* The core keeps each arena's last wholly free superblock mapped until some
 * arena next needs a new one.  Its debug-information reader frees most of
 * what it used when it finishes an object, which can leave such a superblock
 * (1 MB, every page written by the fill Valgrind puts over freed blocks) for
 * the rest of the run.  Cachegrind and Callgrind allocate as the program
 * runs, and any new superblock for that gives it back; this tool allocates
 * its tables up front, so it stayed.  So after each object whose debug
 * information was read, ask for a block larger than the core's 4 MB
 * superblocks (a new superblock of its own, which makes the core unmap the
 * kept ones), shrink it to one page (the rest is unmapped, not written) and
 * free it. */
static void release_kept_superblocks(Addr a, SizeT len, Bool rr, Bool ww, Bool xx,
                                     ULong di_handle)
{
   void* p;

   if (di_handle == 0)
      return;
   p = VG_(malloc)("cs.release", 8u << 20);
   VG_(realloc_shrink)(p, 64);
   VG_(free)(p);
}


/* The core is about to run tid's code (a new time slice).  The core keeps
 * one such callback per tool; the call graph and the collection state
 * both follow the running thread. */
static void thread_starts(ThreadId tid, ULong blocks_done)
{
   if (cs_clo.call_graph)
      cs_calls_thread_starts(tid);
   cs_collection_thread_starts(tid);
}

/* The core takes one pair of system-call hooks per tool. */
static void pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args)
{
   cs_det_pre_syscall(tid, sysno, args, n_args);
   cs_exec_pre_syscall(tid, sysno, args, n_args);
}

static void post_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args, SysRes res)
{
   cs_det_post_syscall(tid, sysno, args, n_args, res);
   cs_exec_post_syscall(tid, sysno, args, n_args, res);
}

static void cs_post_clo_init(void)
{
   cs_options_settle();
   cs_configure_caches();
   cs_costs_init();
   cs_collection_init();
   VG_(track_start_client_code)(thread_starts);
   cs_calls_init();
   cs_det_post_clo_init();
   cs_fork_init();
   /* Fail before the program runs, not after, when the profile cannot be
    * written where the user asked. */
   if (!cs_check_output_writable())
      VG_(exit)(1);
}

static void cs_fini(Int exitcode)
{
   ULong totals[CS_MAX_EVENTS];
   Bool written = cs_write_profile(totals);

   cs_print_summary(totals);
   if (!written)
      VG_(exit)(1);
}

static void cs_pre_clo_init(void)
{
   VG_(details_name)("cachesim");
   VG_(details_version)(CACHESIM_VERSION);
   VG_(details_description)("a cache and branch simulator");
   VG_(details_copyright_author)("Copyright (C) the cachesim authors; GNU GPL'd.");
   VG_(details_bug_reports_to)("the cachesim issue tracker");
   VG_(details_avg_translation_sizeB)(500);

   /* The same IR as Cachegrind gets, so the counts are the same: keep the
    * stack pointer up to date at memory accesses, as Cachegrind asks. */
   VG_(clo_vex_control).iropt_register_updates_default
      = VG_(clo_px_file_backed)
      = VexRegUpdSpAtMemAccess;

   VG_(basic_tool_funcs)(cs_post_clo_init, cs_instrument, cs_fini);
   VG_(needs_superblock_discards)(cs_sb_discard);
   VG_(needs_client_requests)(cs_handle_client_request);
   VG_(needs_syscall_wrapper)(pre_syscall, post_syscall);
   cs_det_pre_clo_init();
   VG_(track_new_mem_startup)(release_kept_superblocks);
   VG_(track_new_mem_mmap)(release_kept_superblocks);
   VG_(needs_command_line_options)(cs_process_cmd_line_option,
                                   cs_print_usage, cs_print_debug_usage);
}

VG_DETERMINE_INTERFACE_VERSION(cs_pre_clo_init)
