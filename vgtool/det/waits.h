/* det/waits.h - sleeps and timeouts under the virtual clock.
 *
 * A wait that runs to its end moves the virtual clock forward by what was
 * asked for, so that programs that wait see the time pass without the
 * clock having to crawl there one instruction at a time.  The wait itself
 * still takes real time: relative waits as they are, and absolute
 * deadlines (which refer to the virtual clock) translated to the host's
 * clock for the duration of the call. */
#ifndef DET_WAITS_H
#define DET_WAITS_H

#include "pub_tool_basics.h"

void det_waits_init(void);
void det_waits_pre(ThreadId tid, UInt sysno, const UWord* args);
void det_waits_post(ThreadId tid, UInt sysno, const UWord* args, SysRes res);

#endif
