/* combine.h - adding the costs of one profile into another, for merge
 * (sum) and diff (NEW - OLD).  Events are matched by name, so Cachegrind,
 * Callgrind and cachesim profiles (each with its own event order) combine;
 * names pass through the --mod-filename / --mod-funcname rules first. */
#ifndef CSANN_COMBINE_H
#define CSANN_COMBINE_H
#include <stddef.h>
#include "name_rules.h"
#include "profile.h"

typedef struct cs_combine_options {
    const cs_name_rules *file_rules;    /* files and objects; may be NULL */
    const cs_name_rules *func_rules;    /* function names; may be NULL */
    int keep_objects;   /* 0: every function's object becomes "" (two builds
                         * of one program have differently named binaries) */
    int keep_calls;     /* 0: drop call arcs (a difference has no call counts) */
    int keep_stacks;    /* 1: add the exact calling contexts too, matched by
                         * their stacks of (renamed) function names */
    /* Called for each line cost added, with the destination's function and
     * file ids and the cost in the destination's event order, unsigned. */
    void (*on_line)(void *ctx, const cs_profile *dst, uint32_t func,
                    uint32_t file, const cs_count *cost);
    void *ctx;
} cs_combine_options;

/* 0 when a and b record the same set of events (in any order; derived
 * events aside); else -1 with a message naming both files and their
 * events. */
int cs_same_events(const cs_profile *a, const cs_profile *b, char *err,
                   size_t errlen);
/* map[i] = the index in dst of src's event i, or CS_NO_EVENT (a derived
 * event of src that dst has not). */
#define CS_NO_EVENT ((size_t)-1)
void cs_event_map(const cs_profile *dst, const cs_profile *src, size_t *map);

/* Makes the empty profile dst a one-part profile with like's events (in
 * its order), its cmd and its first selected part's desc: lines. */
void cs_combine_start(cs_profile *dst, const cs_profile *like);
/* Adds sign (+1 or -1) times the selected parts of src to dst. */
void cs_combine_add(cs_profile *dst, const cs_profile *src, int sign,
                    const cs_combine_options *opts);

/* The first selected part of p (NULL if none). */
const cs_part *cs_first_selected_part(const cs_profile *p);

#endif
