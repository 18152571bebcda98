/* options.c - option parsing helpers shared by the subcommands. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"
#include "xalloc.h"

int cs_opt_value(int argc, char **argv, int *i, const char *name,
                 const char **value)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    if (arg[n] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

int cs_opt_yes_no(const char *value)
{
    if (strcmp(value, "yes") == 0)
        return 1;
    if (strcmp(value, "no") == 0)
        return 0;
    return -1;
}

int cs_opt_uint(const char *value)
{
    long v = 0;
    const char *c = value;
    if (!*c)
        return -1;
    for (; *c; c++) {
        if (!isdigit((unsigned char)*c))
            return -1;
        v = v * 10 + (*c - '0');
        if (v > INT_MAX / 2)
            return -1;
    }
    return (int)v;
}

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

int cs_opt_percent(const char *value, double *out)
{
    char *end;
    double t = strtod(value, &end);
    if (end == value || *end || !(t >= 0.0 && t <= 100.0))
        return -1;
    *out = t;
    return 0;
}
