/* profile/outfile.c - where the profile file goes and how it gets there.
 *
 * The name: --cachesim-out-file, expanded as Valgrind expands its own log
 * file names (%p, %q{VAR}, absolute from the start-up directory).  A
 * forked child whose name would be its parent's (no %p) writes NAME.PID
 * instead, and says so.
 *
 * The file, by the rule csann follows too: a regular file (or a new name)
 * is written under a temporary name beside it, NAME.cachesim-tmp-PID,
 * renamed into place only when complete, so a failed or interrupted write
 * never replaces a good profile with a truncated one; a symlink is
 * followed and its target written so; anything else (/dev/null, a FIFO,
 * /proc/self/fd/N) is written in place; a directory is refused.  A
 * temporary left by a run that was killed while writing (SIGKILL) is
 * removed by the next write to the same name, once its process is gone. */
#include "profile/outfile.h"
#include "options.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcfile.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_libcproc.h"
#include "pub_tool_mallocfree.h"
#include "pub_tool_options.h"
#include "pub_tool_vki.h"

#define MAX_LINKS 40          /* the kernel's limit (ELOOP) */
#define TMP_INFIX ".cachesim-tmp-"

/* ---- The name ---- */

static Int pid_suffix;        /* 0, or the pid that NAME.PID adds */
static Bool pid_suffix_told;
static HChar* parent_name;    /* before a fork: the name, without suffix */

static HChar* expanded(void)
{
   return VG_(expand_file_name)("--cachesim-out-file", cs_clo.out_file);
}

HChar* cs_outfile_name(const HChar* suffix)
{
   HChar* base = expanded();
   HChar* name;

   if (suffix == NULL)
      suffix = "";
   name = VG_(malloc)("cs.outfile.name", VG_(strlen)(base) + VG_(strlen)(suffix) + 24);
   if (pid_suffix != 0)
      VG_(sprintf)(name, "%s.%d%s", base, pid_suffix, suffix);
   else
      VG_(sprintf)(name, "%s%s", base, suffix);
   if (pid_suffix != 0 && !pid_suffix_told) {
      pid_suffix_told = True;
      VG_(umsg)("cachesim: this process was forked from one that writes %s "
                "(--cachesim-out-file has no %%p): its profile goes to %s.%d\n",
                base, base, pid_suffix);
   }
   VG_(free)(base);
   return name;
}

void cs_outfile_before_fork(void)
{
   VG_(free)(parent_name);
   parent_name = expanded();
}

void cs_outfile_forked(void)
{
   HChar* mine = expanded();
   pid_suffix = parent_name && VG_(strcmp)(mine, parent_name) == 0 ? VG_(getpid)() : 0;
   pid_suffix_told = False;
   VG_(free)(mine);
}

void cs_outfile_add_pid(void)
{
   pid_suffix = VG_(getpid)();
}

Bool cs_outfile_has_pid(void)
{
   return pid_suffix != 0;
}

/* ---- What writing a name means ---- */

static const HChar* errno_text(Int err)
{
   switch (err) {
   case VKI_EACCES: return "permission denied";
   case VKI_ENOENT: return "no such file or directory";
   case VKI_ENOTDIR: return "a path component is not a directory";
   case VKI_EISDIR: return "it is a directory";
   case VKI_EROFS: return "read-only file system";
   case VKI_ENOSPC: return "no space left on device";
   case VKI_ELOOP: return "too many levels of symbolic links";
   default: return "system error";
   }
}

static Bool starts_with(const HChar* s, const HChar* prefix)
{
   return VG_(strncmp)(s, prefix, VG_(strlen)(prefix)) == 0;
}

/* The directory part of path, "DIR/" (path is absolute). */
static SizeT dir_len(const HChar* path)
{
   const HChar* slash = VG_(strrchr)(path, '/');
   return slash ? (SizeT)(slash - path) + 1 : 0;
}

/* Follows the symlinks that name is to what is written: *target (to be
 * freed); *in_place when that is not a regular file or a new name.
 * Returns 0 or an errno. */
static Int resolve(const HChar* name, HChar** target, Bool* in_place)
{
   HChar* p = VG_(strdup)("cs.outfile.target", name);
   HChar* link = VG_(malloc)("cs.outfile.link", VKI_PATH_MAX);
   Int hops, err = VKI_ELOOP;

   *in_place = False;
   for (hops = 0; hops < MAX_LINKS; hops++) {
      struct vg_stat st;
      SSizeT n = VG_(readlink)(p, link, VKI_PATH_MAX - 1);
      SysRes sr;
      HChar* next;

      if (n < 0 || starts_with(p, "/proc/")) {
         /* Not a symlink, or one of /proc's, whose target is an open
          * file and not a name: what p is decides. */
         sr = VG_(stat)(p, &st);
         if (sr_isError(sr)) {
            err = (Int)sr_Err(sr);
            if (err == VKI_ENOENT && n < 0) {
               *target = p;            /* a new file */
               VG_(free)(link);
               return 0;
            }
            break;
         }
         if (VKI_S_ISDIR(st.mode)) {
            err = VKI_EISDIR;
            break;
         }
         *in_place = n >= 0 || !VKI_S_ISREG(st.mode);
         *target = p;
         VG_(free)(link);
         return 0;
      }
      link[n] = '\0';
      if (link[0] == '/') {
         next = VG_(strdup)("cs.outfile.target", link);
      } else {
         SizeT d = dir_len(p);
         next = VG_(malloc)("cs.outfile.target", d + (SizeT)n + 1);
         VG_(memcpy)(next, p, d);
         VG_(strcpy)(next + d, link);
      }
      VG_(free)(p);
      p = next;
   }
   VG_(free)(p);
   VG_(free)(link);
   return err;
}

/* ---- Leftovers of killed runs: TARGET.cachesim-tmp-PID ---- */

static Bool process_exists(Int pid)
{
   HChar path[32];
   struct vg_stat st;
   VG_(sprintf)(path, "/proc/%d", pid);
   return !sr_isError(VG_(stat)(path, &st));
}

/* Removes target's temporaries whose process is gone (not this one's:
 * it is about to be written again). */
static void remove_leftovers(const HChar* target)
{
   SizeT d = dir_len(target);
   HChar* dir = VG_(malloc)("cs.outfile.dir", d + 2);
   HChar* prefix = VG_(malloc)("cs.outfile.prefix", VG_(strlen)(target) - d + sizeof TMP_INFIX);
   HChar* path = VG_(malloc)("cs.outfile.path", d + 300);
   HChar buf[4096] __attribute__((aligned(8)));
   SysRes sr;
   Int fd, n;

   VG_(memcpy)(dir, target, d);          /* "/the/dir/": target is absolute */
   dir[d] = '\0';
   VG_(sprintf)(prefix, "%s" TMP_INFIX, target + d);
   sr = VG_(open)(dir, VKI_O_RDONLY, 0);
   if (sr_isError(sr))
      goto done;
   fd = (Int)sr_Res(sr);
   while ((n = VG_(getdents64)(fd, (struct vki_dirent64*)buf, sizeof buf)) > 0) {
      Int off = 0;
      while (off < n) {
         struct vki_dirent64* e = (struct vki_dirent64*)(buf + off);
         const HChar* digits = e->d_name + VG_(strlen)(prefix);
         const HChar* c;
         off += e->d_reclen;
         if (!starts_with(e->d_name, prefix) || *digits == '\0')
            continue;
         for (c = digits; VG_(isdigit)(*c); c++)
            ;
         if (*c != '\0' || c - digits > 9)
            continue;
         {
            Int pid = (Int)VG_(strtoll10)(digits, NULL);
            if (pid == VG_(getpid)() || process_exists(pid))
               continue;
            VG_(sprintf)(path, "%s%s", dir, e->d_name);
            if (VG_(unlink)(path) == 0)
               VG_(umsg)("cachesim: removed %s, left by process %d, which was "
                         "killed while writing its profile\n", path, pid);
         }
      }
   }
   VG_(close)(fd);
done:
   VG_(free)(dir);
   VG_(free)(prefix);
   VG_(free)(path);
}

/* ---- Writing ---- */

static HChar* temp_name(const HChar* target)
{
   HChar* tmp = VG_(malloc)("cs.outfile.tmp", VG_(strlen)(target) + sizeof TMP_INFIX + 12);
   VG_(sprintf)(tmp, "%s" TMP_INFIX "%d", target, VG_(getpid)());
   return tmp;
}

/* "cannot write the profile 'NAME': why" or "writing the profile 'NAME'
 * failed: why", with the file written in brackets when it is another
 * (a temporary, a symlink's target). */
static void say_error(const CsOutFile* f, Bool writing, Int err)
{
   const HChar* file = f->tmp ? f->tmp : f->target;
   Bool other = file && VG_(strcmp)(file, f->name) != 0;
   VG_(umsg)("cachesim: error: %s the profile '%s'%s%s%s%s: %s\n",
             writing ? "writing" : "cannot write", f->name,
             other ? " (" : "", other ? file : "", other ? ")" : "",
             writing ? " failed" : "", errno_text(err));
}

Bool cs_outfile_open(CsOutFile* f, const HChar* name)
{
   Bool in_place;
   Int err;
   SysRes sr;

   VG_(memset)(f, 0, sizeof *f);
   f->name = VG_(strdup)("cs.outfile.name", name);
   f->fd = -1;
   err = resolve(name, &f->target, &in_place);
   if (err != 0) {
      say_error(f, False, err);
      VG_(free)(f->name);
      return False;
   }
   if (in_place) {
      /* O_APPEND: what a ">>" redirection holds stays. */
      sr = VG_(open)(f->target, VKI_O_WRONLY | VKI_O_APPEND, 0);
   } else {
      remove_leftovers(f->target);
      f->tmp = temp_name(f->target);
      sr = VG_(open)(f->tmp, VKI_O_CREAT | VKI_O_WRONLY | VKI_O_TRUNC,
                     VKI_S_IRUSR | VKI_S_IWUSR | VKI_S_IRGRP | VKI_S_IROTH);
   }
   if (sr_isError(sr)) {
      say_error(f, False, (Int)sr_Err(sr));
      VG_(free)(f->tmp);
      VG_(free)(f->target);
      VG_(free)(f->name);
      return False;
   }
   f->fd = (Int)sr_Res(sr);
   return True;
}

Bool cs_outfile_close(CsOutFile* f, Int write_error)
{
   Bool ok = True;

   VG_(close)(f->fd);
   if (write_error != 0) {
      say_error(f, True, write_error);
      ok = False;
   } else if (f->tmp && VG_(rename)(f->tmp, f->target) != 0) {
      VG_(umsg)("cachesim: error: cannot rename '%s' to '%s'\n", f->tmp, f->target);
      ok = False;
   }
   if (!ok && f->tmp)
      VG_(unlink)(f->tmp);     /* any earlier profile at the target is untouched */
   VG_(free)(f->tmp);
   VG_(free)(f->target);
   VG_(free)(f->name);
   return ok;
}

Bool cs_outfile_check(const HChar* name)
{
   HChar *target, *probe;
   Bool in_place;
   Int err = resolve(name, &target, &in_place);
   SysRes sr;

   if (err != 0) {
      VG_(fmsg)("cannot write the profile '%s': %s\n", name, errno_text(err));
      return False;
   }
   if (in_place) {
      VG_(free)(target);
      return True;          /* /dev/null, a FIFO: opened at the end */
   }
   probe = temp_name(target);
   sr = VG_(open)(probe, VKI_O_CREAT | VKI_O_WRONLY | VKI_O_TRUNC, 0600);
   if (sr_isError(sr)) {
      VG_(fmsg)("cannot write the profile '%s': %s\n", name, errno_text((Int)sr_Err(sr)));
      VG_(free)(probe);
      VG_(free)(target);
      return False;
   }
   VG_(close)((Int)sr_Res(sr));
   VG_(unlink)(probe);
   VG_(free)(probe);
   VG_(free)(target);
   return True;
}
