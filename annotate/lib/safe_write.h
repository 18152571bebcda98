/* safe_write.h - writing output files so that readers never see a partial
 * one: a temporary file in the target's directory, renamed into place. */
#ifndef CSANN_SAFE_WRITE_H
#define CSANN_SAFE_WRITE_H
#include <stddef.h>
#include <stdio.h>

/* Writes the file: 0 on success, -1 (with errno set or a message printed). */
typedef int (*cs_write_fn)(FILE *out, void *ctx);

/* Calls writer(out, ctx) on a temporary file next to path and renames it to
 * path.  Returns -1 with "PATH: reason" in err (and no file left behind). */
int cs_write_atomically(const char *path, cs_write_fn writer, void *ctx,
                        char *err, size_t errlen);
/* Copies the file from to the path to, atomically. */
int cs_copy_atomically(const char *from, const char *to, char *err,
                       size_t errlen);

#endif
