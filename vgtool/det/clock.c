/* det/clock.c - virtual time = start + instructions + waits. */
#include "det/clock.h"

ULong det_guest_instrs;
static ULong waited_ns;          /* sum of the jumps over waits */
static ULong realtime_start_ns;

/* About 300 years: no timeout is longer, and sums cannot overflow. */
#define DET_MAX_NS (10000000000ULL * 1000000000ULL)

void det_clock_init(ULong realtime_start_s)
{
   realtime_start_ns = det_ns_of_timespec((Long)realtime_start_s, 0);
   waited_ns = 0;
   det_guest_instrs = 0;
}

DetClock det_clock_of_id(Long clockid)
{
   if (clockid < 0)   /* dynamic clocks: CPU clocks of a pid or thread, or fds */
      return (clockid & 3) == 3 ? DetClockNone : DetClockCpu;
   switch (clockid) {
   case 0: case 5: case 8: case 11:   /* REALTIME, _COARSE, _ALARM, TAI */
      return DetClockRealtime;
   case 1: case 4: case 6: case 7: case 9:   /* MONOTONIC, _RAW, _COARSE, BOOTTIME, _ALARM */
      return DetClockMonotonic;
   case 2: case 3:                    /* PROCESS_ and THREAD_CPUTIME_ID */
      return DetClockCpu;
   default:
      return DetClockNone;
   }
}

ULong det_clock_now_ns(DetClock c)
{
   ULong run_ns = det_guest_instrs * DET_NS_PER_INSTR;
   switch (c) {
   case DetClockRealtime:  return realtime_start_ns + run_ns + waited_ns;
   case DetClockMonotonic: return DET_MONOTONIC_START_NS + run_ns + waited_ns;
   case DetClockCpu:       return run_ns;
   default:                return 0;
   }
}

void det_clock_advance_ns(ULong ns)
{
   if (ns > DET_MAX_NS)
      ns = DET_MAX_NS;
   if (waited_ns < DET_MAX_NS)
      waited_ns += ns;
}

void det_clock_advance_to(DetClock c, ULong deadline_ns)
{
   ULong now;
   if (c != DetClockRealtime && c != DetClockMonotonic)
      return;
   now = det_clock_now_ns(c);
   if (deadline_ns > now)
      det_clock_advance_ns(deadline_ns - now);
}

ULong det_ns_of_timespec(Long sec, Long nsec)
{
   if (sec < 0 || nsec < 0)
      return 0;
   if ((ULong)sec >= DET_MAX_NS / 1000000000ULL)
      return DET_MAX_NS;
   return (ULong)sec * 1000000000ULL + (ULong)nsec;
}

void det_timespec_of_ns(ULong ns, Long* sec, Long* nsec)
{
   *sec = (Long)(ns / 1000000000ULL);
   *nsec = (Long)(ns % 1000000000ULL);
}
