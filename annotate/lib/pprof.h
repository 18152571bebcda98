/* pprof.h - a profile as pprof's Profile message (profile.proto), the
 * format of go tool pprof, Pyroscope, Parca and the pprof crate.
 *
 * What goes in: one sample type per event (then per derived sum), unit
 * "count", Ir the default; one sample per calling context and source line
 * of its innermost function, with that code's self costs; a location per
 * (object, function, file, line); a mapping per object; the profile's
 * command, creator and desc: lines as comments.
 *
 * The contexts are the exact "# ctx:" ones of cachesim --call-graph=yes,
 * or, for a profile without them (Callgrind's), reconstructed from its
 * calls= pairs as `csann flamegraph` does.  A context's stack names
 * functions only, so the rest comes from the cost and calls= lines
 * (pprof_samples.c): a context's self cost is shared out over the lines
 * of its function, and a caller frame's line is its call site (the only
 * one, or the costliest when it calls the next function from several
 * lines).  Every function keeps, for every event, the self cost the
 * profile gives it. */
#ifndef CSANN_PPROF_H
#define CSANN_PPROF_H
#include <stddef.h>
#include "column.h"
#include "name_rules.h"
#include "profile.h"
#include "protobuf_enc.h"

typedef struct cs_pprof_options {
    const cs_column *derived;       /* sums added as sample types */
    size_t n_derived;
    const cs_name_rules *func_rules;    /* --mod-funcname; may be NULL */
    const cs_name_rules *file_rules;    /* --mod-filename; may be NULL */
    int no_lines;                   /* --lines=no: functions only, line 0 */
} cs_pprof_options;

/* Appends the Profile message of p to out (not compressed).  Returns
 * where the contexts came from, as cs_contexts_of (profile.h) says:
 * CS_CONTEXTS_EXACT or CS_CONTEXTS_RECONSTRUCTED, or CS_CONTEXTS_NONE with
 * its message in err (nothing appended).  p gains interned
 * names (the frames of its stacks) but is otherwise unchanged. */
int cs_pprof_encode(cs_profile *p, const cs_pprof_options *o, cs_pb *out,
                    char *err, size_t errlen);

#endif
