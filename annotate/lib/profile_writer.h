/* profile_writer.h - writes a one-part model (from combine.h) as a
 * callgrind-format profile that csann, callgrind_annotate and KCachegrind
 * read: positions "line", compressed names, signed costs allowed. */
#ifndef CSANN_PROFILE_WRITER_H
#define CSANN_PROFILE_WRITER_H
#include <stdio.h>
#include "profile.h"

/* The comment a complete file ends with, promised near its start (the
 * tool's writer writes the same; the reader checks the promise). */
#define CS_LAST_LINE "# end of profile"
#define CS_LAST_LINE_PROMISE "# last line: " CS_LAST_LINE

typedef struct cs_write_options {
    const char *creator;        /* creator: line, or NULL for p->creator */
    char *const *extra_desc;    /* desc: lines added after p's */
    size_t n_extra_desc;
} cs_write_options;

/* Writes every part's header and all of p's costs; -1 on a write error. */
int cs_profile_write(FILE *out, const cs_profile *p, const cs_write_options *o);

#endif
