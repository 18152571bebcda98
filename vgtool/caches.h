/* caches.h - choosing the simulated geometry and setting up the models
 * (caches.c).  The caches and predictors themselves are in runtime.h:
 * the generated code reads them. */
#ifndef CS_CACHES_H
#define CS_CACHES_H

#include "pub_tool_basics.h"

/* The smallest of the three line sizes: no access is counted as larger. */
extern Int cs_min_line_size;
/* Decide the geometry (command line, else detected, else defaults), check
 * it, and allocate the caches and predictors. */
void cs_configure_caches(void);
/* Empty the caches and reset the predictors (CACHESIM_FLUSH_CACHES). */
void cs_flush_caches(void);

#endif
