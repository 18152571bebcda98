/* det/clock.h - the virtual clock of --deterministic=yes: it advances by
 * DET_NS_PER_INSTR for every guest instruction executed, and jumps forward
 * over the time a program asked to wait. */
#ifndef DET_CLOCK_H
#define DET_CLOCK_H

#include "pub_tool_basics.h"

#define DET_NS_PER_INSTR 1ULL
/* The monotonic clocks (and the TSC) start one second after a virtual
 * boot: small, so that absolute deadlines on them stay in the host's past
 * (see det/waits.c). */
#define DET_MONOTONIC_START_NS 1000000000ULL
/* The wall clock starts at 2024-01-01 00:00:00 UTC unless --clock-start. */
#define DET_DEFAULT_REALTIME_START_S 1704067200ULL

typedef enum {
   DetClockRealtime,    /* CLOCK_REALTIME and its variants, gettimeofday, time */
   DetClockMonotonic,   /* CLOCK_MONOTONIC, _RAW, _COARSE, BOOTTIME, RDTSC */
   DetClockCpu,         /* process and thread CPU-time clocks: no jumps */
   DetClockNone         /* a clock we leave alone (posix clock fds) */
} DetClock;

/* Guest instructions executed: added to by the code det/ir.c inserts. */
extern ULong det_guest_instrs;

void det_clock_init(ULong realtime_start_s);
DetClock det_clock_of_id(Long clockid);
ULong det_clock_now_ns(DetClock c);
/* A wait of ns ran to its end. */
void det_clock_advance_ns(ULong ns);
/* A wait until the absolute time deadline_ns of clock c ran to its end. */
void det_clock_advance_to(DetClock c, ULong deadline_ns);

/* Conversions, clamped so that absurd timeouts cannot wrap the clock. */
ULong det_ns_of_timespec(Long sec, Long nsec);
void det_timespec_of_ns(ULong ns, Long* sec, Long* nsec);

#endif
