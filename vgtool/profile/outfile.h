/* profile/outfile.h - where the profile file goes and how it gets there
 * (profile/outfile.c). */
#ifndef CS_PROFILE_OUTFILE_H
#define CS_PROFILE_OUTFILE_H

#include "pub_tool_basics.h"

/* The profile's name: --cachesim-out-file expanded (%p, %q{VAR}) and
 * absolute, ".PID" after it in a forked child whose parent's name would
 * be the same, then suffix (may be NULL).  To be freed. */
HChar* cs_outfile_name(const HChar* suffix);

/* A fork: before it (in the parent) and after it (in the child). */
void cs_outfile_before_fork(void);
void cs_outfile_forked(void);
/* The name gets ".PID" (a forked child that then exec'd a program this
 * Valgrind follows: told by the Valgrind before the exec). */
void cs_outfile_add_pid(void);
Bool cs_outfile_has_pid(void);

/* A file being written: opened by cs_outfile_open, which says why not
 * when it cannot; closed by cs_outfile_close, which puts it in place. */
typedef struct {
   HChar* name;           /* the name asked for */
   HChar* target;         /* what is written: name, or where its symlinks lead */
   HChar* tmp;            /* the temporary beside target; NULL: written in place */
   Int fd;
} CsOutFile;

Bool cs_outfile_open(CsOutFile* f, const HChar* name);
/* write_error: the errno of a failed write, 0 if none.  True when the
 * file is complete and in place. */
Bool cs_outfile_close(CsOutFile* f, Int write_error);

/* At start-up: can name be written?  Says why not. */
Bool cs_outfile_check(const HChar* name);

#endif
