/* cs_callgraph.c - call tracking (placeholder). */
#include "cs_global.h"
