/* det/fds.c - a small set of descriptors: programs open the random
 * devices once or twice, so a short list beats a table of all fds. */
#include "det/fds.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_mallocfree.h"

static Int* random_fds;
static Int n_random_fds, cap_random_fds;

static Bool is_random_device(const HChar* path)
{
   return VG_(strcmp)(path, "/dev/urandom") == 0 || VG_(strcmp)(path, "/dev/random") == 0;
}

static Int find(Int fd)
{
   Int i;
   for (i = 0; i < n_random_fds; i++)
      if (random_fds[i] == fd)
         return i;
   return -1;
}

static void add(Int fd)
{
   if (fd < 0 || find(fd) >= 0)
      return;
   if (n_random_fds == cap_random_fds) {
      cap_random_fds = cap_random_fds ? 2 * cap_random_fds : 8;
      random_fds = VG_(realloc)("cs.det.fds", random_fds, cap_random_fds * sizeof(Int));
   }
   random_fds[n_random_fds++] = fd;
}

void det_fds_opened(const HChar* path, Int fd)
{
   /* The kernel reuses numbers: a new file on an old number is not random. */
   det_fds_closed(fd);
   if (is_random_device(path))
      add(fd);
}

void det_fds_closed(Int fd)
{
   Int i = find(fd);
   if (i >= 0)
      random_fds[i] = random_fds[--n_random_fds];
}

void det_fds_copied(Int old_fd, Int new_fd)
{
   if (old_fd == new_fd)
      return;
   det_fds_closed(new_fd);
   if (find(old_fd) >= 0)
      add(new_fd);
}

Bool det_fds_is_random(Int fd)
{
   return n_random_fds > 0 && find(fd) >= 0;
}
