/* function_table.h - the rows of `csann annotate`: the costs of each
 * function in each source file ("file:function"; inlined code makes a row
 * of its own, as in both Valgrind annotators), self and inclusive, and the
 * calls between rows (for --tree). */
#ifndef CSANN_FUNCTION_TABLE_H
#define CSANN_FUNCTION_TABLE_H
#include <stddef.h>
#include "column.h"
#include "profile.h"

typedef struct cs_fn_table {
    size_t count, width;        /* rows; counts per row: the profile's events */
    uint32_t *object, *file, *name;     /* per row: name ids of the profile */
    cs_count *self;             /* per row, width counts: its own cost */
    cs_count *out_calls;        /* inclusive cost of the calls it makes */
    cs_count *in_calls;         /* inclusive cost of the calls it receives */
    unsigned char *called;      /* 1 when a call reaches it */
    uint32_t *call_from, *call_to;  /* per call arc of the profile: rows */
    /* Per row r: the call arcs out of it are out_arcs[out_first[r] ..
     * out_first[r + 1]), those into it in_arcs[in_first[r] ..]. */
    size_t *out_first, *in_first;
    uint32_t *out_arcs, *in_arcs;
    size_t cap;
    cs_keymap *index;           /* (object, file, name) -> row */
} cs_fn_table;

/* Fills t (its old contents are not freed) with the rows of p. */
void cs_fn_table_build(cs_fn_table *t, const cs_profile *p);
void cs_fn_table_free(cs_fn_table *t);

/* The costs of row r into v (width counts): its self cost, or with
 * inclusive its inclusive cost as callgrind_annotate computes it: the sum
 * of its incoming calls for a function called somewhere, else (main's
 * callers, other roots) its self cost plus its outgoing calls. */
void cs_fn_table_costs(const cs_fn_table *t, size_t r, int inclusive, cs_count *v);

/* The calls between one row and one other, summed over call sites. */
typedef struct cs_fn_link {
    uint32_t other;             /* the other row */
    cs_count count;             /* calls */
    cs_count *v;                /* their inclusive cost, width counts */
} cs_fn_link;

typedef struct cs_fn_links {
    cs_fn_link *items;
    size_t count;
} cs_fn_links;

/* The rows calling row r (callers = 1) or called by it, the largest by
 * the column order first: in time n log n in r's own calls. */
cs_fn_links cs_fn_table_links(const cs_fn_table *t, const cs_profile *p, size_t r,
                              int callers, const cs_column *order);
void cs_fn_links_free(cs_fn_links *l);

#endif
