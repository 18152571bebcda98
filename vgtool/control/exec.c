/* control/exec.c - what becomes of profiling when the program calls execve.
 *
 * Valgrind's core handles execve in its own pre-syscall wrapper: it checks
 * the call (pointers, the file: exists, executable, ELF or "#!"), decides
 * whether to follow the new program (--trace-children, -skip, -skip-by-arg)
 * and then execs, either a new Valgrind on it or the program itself, which
 * then runs natively.  A failed check makes the call fail and the program
 * goes on under Valgrind; once the checks pass there is no way back (a
 * failing exec then kills Valgrind).  The tool is told nothing and its fini
 * never runs, so the counts so far are not written.
 *
 * The tool's pre-syscall hook runs just before the core's wrapper, so it
 * makes the same checks with the core's own functions and, when the exec is
 * going ahead, is the last code of the tool to run in this process: it
 * writes the counts so far, and says where.
 *   - Not followed (the new program runs natively): to the profile's name,
 *     since nothing else of this process will be profiled.  The usual case
 *     is a shell script (a pyenv shim, a wrapper) that execs the real
 *     program: the note says that only the shell was profiled.
 *   - Followed (--trace-children=yes): the new program keeps the pid, and
 *     so the profile's name (%p), which its Valgrind writes at the end; the
 *     counts before the exec go to NAME.exec-N, N counting the programs of
 *     this process (1 for the first).  The Valgrind that follows learns N,
 *     and whether the name has a forked child's ".PID", from arguments
 *     added to those the core passes it (--cachesim-exec-image,
 *     --cachesim-pid-suffix).
 * A failed exec (the checks fail) goes on counting; one that fails after
 * the checks makes the core exit, but should it return, the counts written
 * stay where they are and counting starts again. */
#include "control/exec.h"
#include "profile/outfile.h"
#include "profile/output.h"
#include "pub_tool_aspacemgr.h"
#include "pub_tool_clientstate.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcfile.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcproc.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"
#include "pub_tool_vki.h"
#include "pub_tool_xarray.h"
#include "pub_tool_vkiscnums.h"

/* The core's own decisions (not in the tool API; the tool links with the
 * core, as profile/output.c does for the environment). */
extern Bool VG_(should_we_trace_this_child)(const HChar* child_exe_name,
                                            const HChar** child_argv);
extern SysRes VG_(pre_exec_check)(const HChar* exe_name, Int* out_fd,
                                  Bool allow_setuid);
extern Bool VG_(resolve_filename)(Int fd, const HChar** buf);

static Bool readable(Addr a, SizeT len)
{
   return VG_(am_is_valid_for_client)(a, len, VKI_PROT_READ);
}

/* " arg1 arg2 ...", cut short: the arguments the note shows. */
static void describe_args(HChar* buf, SizeT size, const HChar** argv)
{
   SizeT used = 0;
   Int i;

   buf[0] = '\0';
   for (i = 1; argv && readable((Addr)&argv[i], sizeof(HChar*)) && argv[i]
               && readable((Addr)argv[i], 1); i++) {
      SizeT len = VG_(strlen)(argv[i]);
      if (used + len + 6 > size) {
         VG_(strcpy)(buf + used, " ...");
         return;
      }
      buf[used++] = ' ';
      VG_(strcpy)(buf + used, argv[i]);
      used += len;
   }
}

/* This Valgrind runs the process's Nth program under Valgrind. */
static Int image = 1;
/* The file the last exec's counts went to, until the exec is made. */
static HChar* written;

Bool cs_exec_process_option(const HChar* arg)
{
   Bool pid_suffix = False;

   if VG_BINT_CLO(arg, "--cachesim-exec-image", image, 1, 1000000) {}
   else if VG_BOOL_CLO(arg, "--cachesim-pid-suffix", pid_suffix) {
      if (pid_suffix)
         cs_outfile_add_pid();
   } else
      return False;
   return True;
}

void cs_exec_forked(void)
{
   image = 1;
}

/* Sets "--NAME=VALUE" among the arguments the core passes to the Valgrind
 * that follows the exec (in place of an earlier one). */
static void pass_on(const HChar* name, const HChar* value)
{
   XArray* args = VG_(args_for_valgrind);
   SizeT len = VG_(strlen)(name);
   HChar* arg = VG_(malloc)("cs.exec.arg", len + VG_(strlen)(value) + 4);
   Word i;

   VG_(sprintf)(arg, "--%s=%s", name, value);
   for (i = 0; i < VG_(sizeXA)(args); i++) {
      HChar** old = VG_(indexXA)(args, i);
      if (VG_(strncmp)(*old, arg, len + 3) == 0) {
         *old = arg;                     /* the old one may be the core's own */
         return;
      }
   }
   VG_(addToXA)(args, &arg);
}

/* The exec is going ahead: path (with argv) is what the process becomes,
 * and followed says whether a new Valgrind runs on it. */
static void before_exec(const HChar* path, const HChar** argv, Bool followed)
{
   HChar args[160], suffix[32];

   describe_args(args, sizeof args, argv);
   VG_(free)(written);
   if (followed) {
      VG_(sprintf)(suffix, ".exec-%d", image);
      written = cs_write_profile_before_exec(suffix, path);
      image++;
      VG_(sprintf)(suffix, "%d", image);
      pass_on("cachesim-exec-image", suffix);
      if (cs_outfile_has_pid())
         pass_on("cachesim-pid-suffix", "yes");
      if (written)
         VG_(umsg)("cachesim: this process execs %s%s (followed: "
                   "--trace-children=yes); its counts up to the exec are in %s\n",
                   path, args, written);
      return;
   }
   written = cs_write_profile_before_exec(NULL, path);
   VG_(umsg)("cachesim: this process execs %s%s: nothing after the exec is "
             "profiled (--trace-children=yes follows it); the counts up to "
             "the exec are in %s\n", path, args, written ? written : "no file (see above)");
}

void cs_exec_post_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args,
                          SysRes res)
{
   HChar* name;
   HChar suffix[32];

   if (written == NULL || !sr_isError(res))
      return;
   if (sysno != __NR_execve
#if defined(__NR_execveat)
       && sysno != __NR_execveat
#endif
      )
      return;
   /* The exec failed after the counts were written: they stay, and the
    * profile's own name is kept for what is counted from now on. */
   name = cs_outfile_name(NULL);
   if (VG_(strcmp)(name, written) == 0) {
      VG_(sprintf)(suffix, ".exec-%d", image++);
      VG_(free)(written);
      written = cs_outfile_name(suffix);
      if (VG_(rename)(name, written) != 0)
         VG_(strcpy)(written, name);
   }
   VG_(umsg)("cachesim: the exec failed after all: the counts up to it are in %s, "
             "and counting goes on\n", written);
   VG_(free)(name);
   VG_(free)(written);
   written = NULL;
}

/* The checks of the core's execve wrapper, in its order: what it does
 * when they pass is exec (then before_exec runs) or die. */
static void check_exec(const HChar* path, Addr argv, Addr envp, Bool check_path)
{
   const HChar** child_argv = (const HChar**)argv;
   Bool followed;

   if (!readable(argv, sizeof(Addr)))
      return;                               /* EFAULT */
   if (envp != 0 && !readable(envp, sizeof(Addr)))
      return;                               /* EFAULT */
   if (path == NULL || (check_path && !readable((Addr)path, 1)))
      return;                               /* EFAULT */
   if (child_argv[0] == NULL)
      child_argv = NULL;
   followed = VG_(should_we_trace_this_child)(path, child_argv);
   if (sr_isError(VG_(pre_exec_check)(path, NULL, !followed)))
      return;                               /* ENOENT, EACCES, ENOEXEC... */
   before_exec(path, child_argv, followed);
}

/* execveat(dirfd, path, argv, envp, flags): the name the core makes of
 * dirfd and path, as its wrapper does; then the execve checks. */
static void check_execveat(Int dirfd, const HChar* path, Addr argv, Addr envp,
                           UWord flags)
{
   const HChar* dir;
   HChar* joined = NULL;
   Bool check_path = True;
   Bool no_symlink = False;

   if (!readable((Addr)path, 1))
      return;                               /* EFAULT */
   if (path[0] != '/') {
      if (path[0] == '\0') {
         if ((flags & VKI_AT_EMPTY_PATH) && VG_(resolve_filename)(dirfd, &dir)) {
            path = dir;                     /* fexecve */
            check_path = False;
         }
      } else if (dirfd == VKI_AT_FDCWD) {
         no_symlink = True;
      } else if (flags & VKI_AT_SYMLINK_NOFOLLOW) {
         no_symlink = True;
      } else if (VG_(resolve_filename)(dirfd, &dir)) {
         joined = VG_(malloc)("cs.exec.path", VG_(strlen)(dir) + VG_(strlen)(path) + 2);
         VG_(sprintf)(joined, "%s/%s", dir, path);
         path = joined;
         check_path = False;
      } else {
         return;                            /* the core fails the call */
      }
      if (no_symlink) {
         struct vg_stat st;
         SysRes sr = VG_(stat)(path, &st);
         if (sr_isError(sr) || VKI_S_ISLNK(st.mode))
            return;                         /* ELOOP */
      }
   }
   check_exec(path, argv, envp, check_path);
   VG_(free)(joined);
}

void cs_exec_pre_syscall(ThreadId tid, UInt sysno, UWord* args, UInt n_args)
{
   if (sysno == __NR_execve)
      check_exec((const HChar*)args[0], args[1], args[2], True);
#if defined(__NR_execveat)
   else if (sysno == __NR_execveat)
      check_execveat((Int)args[0], (const HChar*)args[1], args[2], args[3], args[4]);
#endif
}
