/* det/waits.c - which system calls wait, for how long, and whether they
 * ran to the end of their timeout. */
#include "det/waits.h"
#include "det/clock.h"
#include "det/client.h"
#include "pub_tool_libcproc.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_threadstate.h"
#include "pub_tool_vki.h"
#include "pub_tool_vkiscnums.h"

#define DET_EAGAIN     11
#define DET_ETIMEDOUT  110
#define DET_TIMER_ABSTIME 1
#define DET_NR_epoll_pwait2 441

typedef enum { WaitNone, WaitRelative, WaitAbsolute } WaitKind;

/* What the current system call of one thread waits for. */
typedef struct {
   WaitKind kind;
   ULong ns;                 /* the timeout, or the absolute deadline */
   DetClock clock;           /* the clock of an absolute deadline */
   Addr rewritten_at;        /* the client timespec we changed, or 0 */
   struct vki_timespec original, rewritten;
} Wait;

static Wait* waits;           /* one per thread id */

void det_waits_init(void)
{
   waits = VG_(calloc)("cs.det.waits", VG_N_THREADS, sizeof(Wait));
}

static Bool read_timespec_ns(Addr a, ULong* ns)
{
   struct vki_timespec ts;
   if (!det_client_read(a, &ts, sizeof ts))
      return False;
   *ns = det_ns_of_timespec(ts.tv_sec, ts.tv_nsec);
   return True;
}

static Bool read_timeval_ns(Addr a, ULong* ns)
{
   struct vki_timeval tv;
   if (!det_client_read(a, &tv, sizeof tv) || tv.tv_usec < 0)
      return False;
   *ns = det_ns_of_timespec(tv.tv_sec, tv.tv_usec * 1000);
   return True;
}

static void set_relative(Wait* w, ULong ns)
{
   w->kind = WaitRelative;
   w->ns = ns;
}

static void set_relative_ms(Wait* w, Long ms)
{
   if (ms > 0)
      set_relative(w, (ULong)ms * 1000000ULL);
}

/* An absolute deadline on the virtual clock means nothing to the kernel:
 * give it, for the call, the host time that is as far ahead of the host's
 * now as the deadline is ahead of the virtual now. */
static void set_absolute(Wait* w, Addr ts_addr, DetClock clock)
{
   struct vki_timespec host_now;
   ULong deadline, now, host_deadline;
   Long sec, nsec;

   if (clock != DetClockRealtime && clock != DetClockMonotonic)
      return;
   if (!det_client_read(ts_addr, &w->original, sizeof w->original))
      return;
   deadline = det_ns_of_timespec(w->original.tv_sec, w->original.tv_nsec);
   w->kind = WaitAbsolute;
   w->ns = deadline;
   w->clock = clock;

   now = det_clock_now_ns(clock);
   VG_(clock_gettime)(&host_now, clock == DetClockRealtime ? VKI_CLOCK_REALTIME
                                                          : VKI_CLOCK_MONOTONIC);
   host_deadline = det_ns_of_timespec(host_now.tv_sec, host_now.tv_nsec)
                   + (deadline > now ? deadline - now : 0);
   det_timespec_of_ns(host_deadline, &sec, &nsec);
   w->rewritten.tv_sec = sec;
   w->rewritten.tv_nsec = nsec;
   /* Read-only deadlines are left as they are: the call then returns at
    * once (the virtual clock is behind the host's) or waits too long. */
   if (det_client_write(ts_addr, &w->rewritten, sizeof w->rewritten))
      w->rewritten_at = ts_addr;
}

/* Put back the client's deadline, if it still holds ours. */
static void restore(Wait* w)
{
   struct vki_timespec now_there;
   if (w->rewritten_at != 0
       && det_client_read(w->rewritten_at, &now_there, sizeof now_there)
       && now_there.tv_sec == w->rewritten.tv_sec
       && now_there.tv_nsec == w->rewritten.tv_nsec)
      det_client_write(w->rewritten_at, &w->original, sizeof w->original);
   w->rewritten_at = 0;
}

static void futex_wait(Wait* w, const UWord* args)
{
   UWord op = args[1];
   UWord cmd = op & ~(UWord)(VKI_FUTEX_PRIVATE_FLAG | VKI_FUTEX_CLOCK_REALTIME);
   DetClock clock = (op & VKI_FUTEX_CLOCK_REALTIME) ? DetClockRealtime : DetClockMonotonic;
   ULong ns = 0;

   if (args[3] == 0)
      return;
   switch (cmd) {
   case VKI_FUTEX_WAIT:
      if (read_timespec_ns(args[3], &ns))
         set_relative(w, ns);
      break;
   case VKI_FUTEX_WAIT_BITSET:
   case 11:   /* FUTEX_WAIT_REQUEUE_PI */
   case 13:   /* FUTEX_LOCK_PI2 */
      set_absolute(w, args[3], clock);
      break;
   case VKI_FUTEX_LOCK_PI:
      set_absolute(w, args[3], DetClockRealtime);
      break;
   default:
      break;
   }
}

void det_waits_pre(ThreadId tid, UInt sysno, const UWord* args)
{
   Wait* w;
   ULong ns = 0;

   if (tid >= VG_N_THREADS)
      return;
   w = &waits[tid];
   /* A call restarted after a signal comes back here without a post. */
   restore(w);
   w->kind = WaitNone;

   switch (sysno) {
   case __NR_nanosleep:
      if (read_timespec_ns(args[0], &ns))
         set_relative(w, ns);
      break;
   case __NR_clock_nanosleep:
      if (args[1] & DET_TIMER_ABSTIME)
         set_absolute(w, args[2], det_clock_of_id((Long)args[0]));
      else if (read_timespec_ns(args[2], &ns))
         set_relative(w, ns);
      break;
   case __NR_poll:
      set_relative_ms(w, (Int)args[2]);
      break;
   case __NR_epoll_wait:
   case __NR_epoll_pwait:
      set_relative_ms(w, (Int)args[3]);
      break;
   case DET_NR_epoll_pwait2:
      if (read_timespec_ns(args[3], &ns))
         set_relative(w, ns);
      break;
   case __NR_ppoll:
      if (read_timespec_ns(args[2], &ns))
         set_relative(w, ns);
      break;
   case __NR_select:
      if (read_timeval_ns(args[4], &ns))
         set_relative(w, ns);
      break;
   case __NR_pselect6:
      if (read_timespec_ns(args[4], &ns))
         set_relative(w, ns);
      break;
   case __NR_rt_sigtimedwait:
      if (read_timespec_ns(args[2], &ns))
         set_relative(w, ns);
      break;
   case __NR_futex:
      futex_wait(w, args);
      break;
   default:
      break;
   }
}

/* Did the call end because its time was up? */
static Bool timed_out(UInt sysno, SysRes res)
{
   switch (sysno) {
   case __NR_nanosleep:
   case __NR_clock_nanosleep:
      return !sr_isError(res);
   case __NR_futex:
      return sr_isError(res) && sr_Err(res) == DET_ETIMEDOUT;
   case __NR_rt_sigtimedwait:
      return sr_isError(res) && sr_Err(res) == DET_EAGAIN;
   default:   /* poll, select and epoll: nothing became ready */
      return !sr_isError(res) && sr_Res(res) == 0;
   }
}

void det_waits_post(ThreadId tid, UInt sysno, const UWord* args, SysRes res)
{
   Wait* w;

   if (tid >= VG_N_THREADS)
      return;
   w = &waits[tid];
   restore(w);
   if (w->kind != WaitNone && timed_out(sysno, res)) {
      if (w->kind == WaitRelative)
         det_clock_advance_ns(w->ns);
      else
         det_clock_advance_to(w->clock, w->ns);
   }
   w->kind = WaitNone;
}
