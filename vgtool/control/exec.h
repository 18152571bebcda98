/* control/exec.h - what becomes of profiling when the program calls
 * execve (control/exec.c). */
#ifndef CS_CONTROL_EXEC_H
#define CS_CONTROL_EXEC_H

#include "pub_tool_basics.h"

/* Before a system call: at an execve that will replace the process,
 * writes the counts so far and says where, and what is (not) profiled
 * after it. */
void cs_exec_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args);
/* After a system call: an exec that failed although its counts were
 * written. */
void cs_exec_post_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args,
                          SysRes res);
/* The options that the Valgrind before an exec passes to the one that
 * follows it: True if arg is one. */
Bool cs_exec_process_option(const HChar* arg);
/* In a forked child: a new process, whose first program this is. */
void cs_exec_forked(void);

#endif
