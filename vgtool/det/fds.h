/* det/fds.h - which file descriptors are open on /dev/urandom or
 * /dev/random, followed through open, dup and close. */
#ifndef DET_FDS_H
#define DET_FDS_H

#include "pub_tool_basics.h"

/* A successful open of path returned fd. */
void det_fds_opened(const HChar* path, Int fd);
/* fd was closed (or replaced by dup2). */
void det_fds_closed(Int fd);
/* new_fd now refers to what old_fd refers to. */
void det_fds_copied(Int old_fd, Int new_fd);
Bool det_fds_is_random(Int fd);

#endif
