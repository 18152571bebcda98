/* strlist.c - see strlist.h. */
#include <stdlib.h>
#include <string.h>
#include "strlist.h"
#include "xalloc.h"

void cs_strlist_add(cs_strlist *l, const char *s)
{
    xgrow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items);
    l->items[l->count++] = xstrdup(s);
}

void cs_strlist_split(cs_strlist *l, const char *s)
{
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        if (len > 0) {
            xgrow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items);
            l->items[l->count++] = xstrndup(s, len);
        }
        s += len;
        if (*s == ',')
            s++;
    }
}

void cs_strlist_clear(cs_strlist *l)
{
    size_t i;
    for (i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}
