/* det/syscalls.c - after the kernel has answered, replace what it said
 * about the time and what it gave as random bytes.  (Valgrind unmaps the
 * vDSO on amd64, so glibc's clock_gettime, gettimeofday and time are real
 * system calls and all pass through here.) */
#include "det/syscalls.h"
#include "det/clock.h"
#include "det/client.h"
#include "det/fds.h"
#include "det/random.h"
#include "det/waits.h"
#include "pub_tool_machine.h"
#include "pub_tool_vki.h"
#include "pub_tool_vkiscnums.h"
#if defined(VGA_amd64)
#include "libvex_guest_amd64.h"
#endif

#define DET_NR_openat2     437
#define DET_NR_close_range 436
#define DET_CLOSE_RANGE_CLOEXEC 4

/* ---- time ---- */

static void write_clock(Addr ts_addr, Long clockid)
{
   DetClock c = det_clock_of_id(clockid);
   struct vki_timespec ts;
   Long sec, nsec;

   if (c == DetClockNone)
      return;
   det_timespec_of_ns(det_clock_now_ns(c), &sec, &nsec);
   ts.tv_sec = sec;
   ts.tv_nsec = nsec;
   det_client_write(ts_addr, &ts, sizeof ts);
}

static void write_timeofday(Addr tv_addr)
{
   struct vki_timeval tv;
   Long sec, nsec;

   det_timespec_of_ns(det_clock_now_ns(DetClockRealtime), &sec, &nsec);
   tv.tv_sec = sec;
   tv.tv_usec = nsec / 1000;
   det_client_write(tv_addr, &tv, sizeof tv);
}

/* time(2) answers in the result register too. */
static void write_time(ThreadId tid, Addr t_addr)
{
   Long sec, nsec;

   det_timespec_of_ns(det_clock_now_ns(DetClockRealtime), &sec, &nsec);
   if (t_addr != 0)
      det_client_write(t_addr, &sec, sizeof sec);
#if defined(VGA_amd64)
   VG_(set_shadow_regs_area)(tid, 0, offsetof(VexGuestAMD64State, guest_RAX),
                             sizeof sec, (const UChar*)&sec);
#endif
}

/* ---- random bytes ---- */

static void fill_client(Addr buf, SizeT len)
{
   UChar chunk[256];
   while (len > 0) {
      SizeT n = len < sizeof chunk ? len : sizeof chunk;
      det_random_fill(DetStreamKernel, chunk, n);
      if (!det_client_write(buf, chunk, n))
         return;
      buf += n;
      len -= n;
   }
}

static void fill_iovecs(Addr iov_addr, UWord n_iov, SizeT len)
{
   struct vki_iovec iov;
   UWord i;
   for (i = 0; i < n_iov && len > 0; i++) {
      SizeT n;
      if (!det_client_read(iov_addr + i * sizeof iov, &iov, sizeof iov))
         return;
      n = iov.iov_len < len ? iov.iov_len : len;
      fill_client((Addr)iov.iov_base, n);
      len -= n;
   }
}

static void opened(Addr path_addr, SysRes res)
{
   HChar path[32];
   if (sr_isError(res))
      return;
   if (det_client_read_str(path_addr, path, sizeof path))
      det_fds_opened(path, (Int)sr_Res(res));
   else
      det_fds_closed((Int)sr_Res(res));
}

void det_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args)
{
   det_waits_pre(tid, sysno, args);
}

void det_post_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args, SysRes res)
{
   UWord got;

   det_waits_post(tid, sysno, args, res);

   /* Descriptors go away even when close reports an error. */
   if (sysno == __NR_close) {
      det_fds_closed((Int)args[0]);
      return;
   }
   if (sysno == DET_NR_close_range) {
      UWord fd;
      if (!sr_isError(res) && !(args[2] & DET_CLOSE_RANGE_CLOEXEC))
         for (fd = args[0]; fd <= args[1] && fd < 65536; fd++)
            det_fds_closed((Int)fd);
      return;
   }
   if (sr_isError(res))
      return;
   got = sr_Res(res);

   switch (sysno) {
   case __NR_clock_gettime:
      write_clock(args[1], (Long)args[0]);
      break;
   case __NR_gettimeofday:
      if (args[0] != 0)
         write_timeofday(args[0]);
      break;
   case __NR_time:
      write_time(tid, args[0]);
      break;
   case __NR_getrandom:
      fill_client(args[0], got);
      break;
   case __NR_read:
   case __NR_pread64:
      if (det_fds_is_random((Int)args[0]))
         fill_client(args[1], got);
      break;
   case __NR_readv:
   case __NR_preadv:
   case __NR_preadv2:
      if (det_fds_is_random((Int)args[0]))
         fill_iovecs(args[1], args[2], got);
      break;
   case __NR_open:
      opened(args[0], res);
      break;
   case __NR_openat:
   case DET_NR_openat2:
      opened(args[1], res);
      break;
   case __NR_dup:
      det_fds_copied((Int)args[0], (Int)got);
      break;
   case __NR_dup2:
   case __NR_dup3:
      det_fds_copied((Int)args[0], (Int)args[1]);
      break;
   case __NR_fcntl:
      if (args[1] == VKI_F_DUPFD || args[1] == VKI_F_DUPFD_CLOEXEC)
         det_fds_copied((Int)args[0], (Int)got);
      break;
   default:
      break;
   }
}
