/* strlist.h - a growable list of strings (option values, file names). */
#ifndef CSANN_STRLIST_H
#define CSANN_STRLIST_H
#include <stddef.h>

typedef struct cs_strlist {
    char **items;
    size_t count, cap;
} cs_strlist;

/* Appends a copy of s. */
void cs_strlist_add(cs_strlist *l, const char *s);
/* Splits s at commas (skipping empty items) and appends the pieces. */
void cs_strlist_split(cs_strlist *l, const char *s);
/* Frees the items and empties the list. */
void cs_strlist_clear(cs_strlist *l);

#endif
