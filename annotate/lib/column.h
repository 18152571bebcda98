/* column.h - report columns: a recorded event, a derived sum of events
 * ("L1m=I1mr+D1mr+D1mw") or a derived ratio shown as a percentage
 * ("D1mr/Dr", a miss rate). */
#ifndef CSANN_COLUMN_H
#define CSANN_COLUMN_H
#include <stddef.h>
#include "profile.h"

typedef struct cs_term {
    size_t event;
    cs_count factor;
} cs_term;

typedef struct cs_column {
    char *name;
    char *definition;       /* the expression as given, for the header */
    int is_ratio;
    cs_term *num, *den;     /* den only for ratios */
    size_t n_num, n_den;
} cs_column;

/* A column showing one event. */
void cs_column_event(const cs_profile *p, size_t event, cs_column *out);
/* Parses a --derive item: [NAME=]SUM or [NAME=]SUM/SUM, where SUM is
 * TERM[+TERM...] and TERM is EVENT or N*EVENT.  Returns -1 with a message. */
int cs_column_parse(const cs_profile *p, const char *spec, cs_column *out,
                    char *err, size_t errlen);
void cs_column_free(cs_column *c);

/* The count of a sum column for one cost vector (saturating). */
cs_count cs_column_count(const cs_column *c, const cs_count *v);
/* A sort value: the count, or for ratios the percentage (-1 when the
 * denominator is zero). */
double cs_column_value(const cs_column *c, const cs_count *v);

#endif
