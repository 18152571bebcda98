/* xalloc.h - allocation that reports "out of memory" and exits (status 1)
 * instead of returning NULL, so callers never dereference a failed malloc. */
#ifndef CSANN_XALLOC_H
#define CSANN_XALLOC_H
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows *ptr (an array of elem-sized items with capacity *cap) to hold need. */
void xgrow(void **ptr, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

#endif
