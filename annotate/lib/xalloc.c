/* xalloc.c - checked allocation: csann treats running out of memory as a
 * fatal data error rather than letting a NULL pointer crash it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "xalloc.h"
#include "exit_status.h"

static void out_of_memory(void)
{
    fputs("csann: out of memory\n", stderr);
    exit(CSANN_EDATA);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void xgrow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    size_t n = *cap ? *cap : 16;
    if (need <= *cap)
        return;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            out_of_memory();
        n *= 2;
    }
    *ptr = xrealloc(*ptr, n * elem);
    *cap = n;
}

char *xstrndup(const char *s, size_t len)
{
    char *d = xmalloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}
