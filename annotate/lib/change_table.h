/* change_table.h - the before/after table of csann diff: per shown event
 * an "old", a "new" and a "change" column ("+1,234 (+5.2%)"), aligned. */
#ifndef CSANN_CHANGE_TABLE_H
#define CSANN_CHANGE_TABLE_H
#include <stdio.h>
#include "profile.h"

/* Which sides a row's function appears on. */
enum { CS_IN_OLD = 1, CS_IN_NEW = 2, CS_IN_BOTH = 3 };

typedef struct cs_change_table {
    const cs_profile *p;        /* for event names */
    const size_t *events;       /* shown events (indexes into p->events) */
    size_t n;
    size_t *old_w, *new_w, *change_w, *rel_w;
} cs_change_table;

void cs_change_table_init(cs_change_table *t, const cs_profile *p,
                          const size_t *events, size_t n);
void cs_change_table_free(cs_change_table *t);
/* Widens the columns to fit a row (old and new: full event vectors). */
void cs_change_table_measure(cs_change_table *t, const cs_count *old,
                             const cs_count *new_, int sides);
void cs_change_table_titles(const cs_change_table *t, FILE *out, const char *label);
void cs_change_table_row(const cs_change_table *t, FILE *out, const cs_count *old,
                         const cs_count *new_, int sides, const char *label);

/* "+5.2%" for change/old; "new"/"gone" for a function on one side only;
 * "" when nothing changed or old is 0.  buf: 32 bytes. */
void cs_format_relative(char *buf, cs_count old, cs_count change, int sides);

#endif
