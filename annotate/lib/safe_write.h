/* safe_write.h - how csann writes its output files, one rule for all:
 *   - a regular file, or a name that does not exist yet, is written to a
 *     temporary file beside it, which is renamed over it only when whole
 *     (readers never see a partial file, a failed write leaves the old one);
 *   - a symlink is followed, and its target written by the same rule (the
 *     link stays);
 *   - anything else (a device, a FIFO, /proc/self/fd/N) is opened and
 *     written where it is, never replaced;
 *   - a directory is refused. */
#ifndef CSANN_SAFE_WRITE_H
#define CSANN_SAFE_WRITE_H
#include <stddef.h>
#include <stdio.h>

/* Writes the file: 0 on success, -1 (with errno set or a message printed). */
typedef int (*cs_write_fn)(FILE *out, void *ctx);

/* Calls writer(out, ctx) for path by the rule above.  Returns -1 with
 * "PATH: reason" in err (and no temporary file left behind). */
int cs_write_atomically(const char *path, cs_write_fn writer, void *ctx,
                        char *err, size_t errlen);
/* Copies the file from to the path to, by the same rule. */
int cs_copy_atomically(const char *from, const char *to, char *err,
                       size_t errlen);
/* At the end of a report written to out (standard output): flushes it;
 * -1 with "cannot write WHAT to standard output: reason" in err if any of
 * it could not be written (a full disk, a closed pipe). */
int cs_flush_output(FILE *out, const char *what, char *err, size_t errlen);

#endif
