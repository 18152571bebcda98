/* annotate_source.h - annotated source files for the reports. */
#ifndef CSANN_ANNOTATE_SOURCE_H
#define CSANN_ANNOTATE_SOURCE_H
#include <stdio.h>
#include "profile.h"
#include "report.h"

typedef struct cs_annotate_request {
    char *const *sources;       /* files named by the user: always annotated */
    size_t n_sources;
    char *const *includes;      /* -I directories */
    size_t n_includes;
    const uint32_t *candidates; /* file name ids to auto-annotate (repeats ok) */
    size_t n_candidates;
    int context;                /* lines around each line with costs */
} cs_annotate_request;

/* Prints one section per source file (user-named first, then the
 * candidates in name order), then the candidates that could not be found. */
void cs_annotate_sources(FILE *out, const cs_profile *p, cs_report *report,
                         const cs_annotate_request *req);

#endif
