/* det/mode.h - the interface of --deterministic=yes (det/mode.c):
 * fixed random bytes and a virtual clock, so that programs that seed hash
 * tables or read the time take the same path in every run. */
#ifndef CS_DETERMINISM_H
#define CS_DETERMINISM_H

#include "pub_tool_basics.h"
#include "pub_tool_tooliface.h"

/* In pre_clo_init: register what the mode needs from the core (the IR
 * pass; the system-call hooks are main.c's).  Must not depend on options. */
void cs_det_pre_clo_init(void);
/* The mode's system-call hooks (no-ops while it is off); the core takes
 * one pair per tool, which main.c registers. */
void cs_det_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args);
void cs_det_post_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args, SysRes res);
/* --deterministic=yes|no, --seed=N, ...: True if arg was ours. */
Bool cs_det_process_option(const HChar* arg);
void cs_det_print_usage(void);
/* After the options: set up the random stream and the clock. */
void cs_det_post_clo_init(void);
/* Is the mode on?  The instrumenter asks once per superblock. */
Bool cs_det_enabled(void);
/* While the mode is on, every statement of every superblock passes through
 * here on its way to the output (whether or not the superblock is
 * instrumented); returns the statement to emit instead (or st itself). */
IRStmt* cs_det_filter_stmt(IRStmt* st);
/* The fingerprint fields of the mode, e.g. "deterministic=yes seed=42". */
const HChar* cs_det_fingerprint(void);

#endif
