/* control/exec.h - what becomes of profiling when the program calls
 * execve (control/exec.c). */
#ifndef CS_CONTROL_EXEC_H
#define CS_CONTROL_EXEC_H

#include "pub_tool_basics.h"

/* Before a system call: at an execve that will replace the process, says
 * what is (not) profiled after it. */
void cs_exec_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args);

#endif
