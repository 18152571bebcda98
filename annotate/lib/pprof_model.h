/* pprof_model.h - what the pprof export builds before encoding it (shared
 * by pprof.c, pprof_model.c and pprof_samples.c only): the string table,
 * mappings, functions and locations, the calling contexts read from the
 * profile, and the samples. */
#ifndef CSANN_PPROF_MODEL_H
#define CSANN_PPROF_MODEL_H
#include <stddef.h>
#include <stdint.h>
#include "hash.h"
#include "pprof.h"
#include "strtab.h"

typedef struct pp_context {
    size_t first_frame, n_frames;   /* in frame_pool, outermost first */
    size_t cost;                    /* offset of n_events counts in cost_pool */
} pp_context;

typedef struct pp_location {
    uint32_t mapping, function;     /* pprof ids (mapping 0: none) */
    uint64_t line;
} pp_location;

typedef struct pp_sample {
    uint32_t context, leaf;         /* leaf: a location index */
} pp_sample;

typedef struct pp_builder {
    cs_profile *p;
    const cs_pprof_options *o;
    size_t n_events;

    cs_strtab *strings;             /* the string table; id 0 is "" */
    cs_keymap *renamed;             /* (profile name id, kind) -> string id */

    cs_keymap *mapping_of;          /* string id of an object -> mapping id */
    uint32_t *mapping_name;         /* by mapping id - 1 */
    size_t n_mappings, mappings_cap;

    cs_keymap *function_of;         /* (name, file) string ids -> function id */
    uint32_t (*function)[2];        /* by function id - 1: name, file */
    size_t n_functions, functions_cap;

    cs_keymap *location_of;         /* (mapping, function, line) -> index */
    pp_location *locations;
    size_t n_locations, locations_cap;

    pp_context *contexts;
    size_t n_contexts, contexts_cap;
    uint32_t *frame_pool;           /* profile name ids */
    size_t n_frame_pool, frame_pool_cap;
    cs_count *cost_pool;
    size_t n_cost_pool, cost_pool_cap;
    cs_keymap *extended;            /* (context, name) -> that context + name */

    cs_keymap *sample_of;           /* (context, leaf) -> index */
    pp_sample *samples;
    size_t n_samples, samples_cap;
    cs_count *values;               /* n_events per sample */

    cs_keymap *func_by_name;        /* profile name id -> a function */
    cs_keymap *caller_site;         /* (caller, callee) name ids -> call index */
    cs_keymap *caller_location;     /* (caller, callee) name ids -> location */
    int shared_lines;               /* a function's lines were shared out */
    int moved_costs;                /* costs moved to a frameless function */
} pp_builder;

void pp_builder_init(pp_builder *b, cs_profile *p, const cs_pprof_options *o);
void pp_builder_free(pp_builder *b);

/* The id of s in the string table. */
uint32_t pp_string(pp_builder *b, const char *s);

/* A function of the profile with this name (a profile name id), or CS_NONE. */
uint32_t pp_func_named(const pp_builder *b, uint32_t name);
/* The location index of a line of the function named name (profile ids). */
uint32_t pp_location_at(pp_builder *b, uint32_t object, uint32_t name,
                        uint32_t file, uint64_t line);
/* The location of a function known only by its name, at line 0. */
uint32_t pp_location_of_name(pp_builder *b, uint32_t name);
/* The location of the frame caller while it calls callee: its call site. */
uint32_t pp_caller_location(pp_builder *b, uint32_t caller, uint32_t callee);

/* The contexts: exact ones from the # ctx: lines (or the older # stack: ones), or reconstructed. */
void pp_exact_contexts(pp_builder *b);
void pp_reconstructed_contexts(pp_builder *b);
static inline uint32_t pp_leaf_name(const pp_builder *b, uint32_t ctx)
{
    const pp_context *c = &b->contexts[ctx];
    return b->frame_pool[c->first_frame + c->n_frames - 1];
}
/* The context ctx with one more frame, the function named name, inside. */
uint32_t pp_extended_context(pp_builder *b, uint32_t ctx, uint32_t name);

/* Adds v to event e of the sample (ctx, leaf location). */
void pp_add_sample(pp_builder *b, uint32_t ctx, uint32_t leaf, size_t e, cs_count v);

#endif
