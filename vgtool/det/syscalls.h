/* det/syscalls.h - the system-call wrappers of --deterministic=yes (called
 * by det/mode.c while the mode is on). */
#ifndef DET_SYSCALLS_H
#define DET_SYSCALLS_H

#include "pub_tool_basics.h"

void det_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args);
void det_post_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args, SysRes res);

#endif
