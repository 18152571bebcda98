/* source.h - finding and reading the source files named by a profile. */
#ifndef CSANN_SOURCE_H
#define CSANN_SOURCE_H
#include <stddef.h>
#include <time.h>

typedef struct cs_source {
    char *path;             /* where it was found */
    char *text;
    char **lines;           /* lines[0] is line 1 */
    size_t n_lines;
    time_t mtime;
} cs_source;

/* Looks for name as given, then in each include directory: DIR/name (with
 * a leading "/" or "./" removed) and DIR/basename(name).  Returns 0 when
 * found and read, -1 otherwise. */
int cs_source_load(const char *name, char *const *includes, size_t n_includes,
                   cs_source *out);
void cs_source_free(cs_source *s);

#endif
