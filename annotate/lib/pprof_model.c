/* pprof_model.c - see pprof_model.h: the tables of the pprof export and
 * the calling contexts it reads from the profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flame_reconstruct.h"
#include "pprof_model.h"
#include "xalloc.h"

/* Frames of a stack that name no function are tried joined with the next
 * ones, since a name may itself hold ';' (Rust's "[u8; 4]"). */
enum { MAX_JOINED_FRAMES = 8 };

/* ----- the string table, mappings, functions, locations ------------------ */

uint32_t pp_string(pp_builder *b, const char *s)
{
    return cs_strtab_intern(b->strings, s, strlen(s));
}

enum { KIND_FUNCTION = 1, KIND_FILE = 2 };

/* The string id of a profile name after the --mod-* rules; "???" (a name
 * the debug info did not give) becomes "", which pprof shows as unknown. */
static uint32_t renamed(pp_builder *b, uint32_t name, int kind)
{
    cs_key k = { name, (uint64_t)kind, 0 };
    uint32_t id = cs_keymap_get(b->renamed, k);
    const cs_name_rules *rules = kind == KIND_FUNCTION ? b->o->func_rules : b->o->file_rules;
    const char *s = cs_name(b->p, name);
    if (id != CS_NONE)
        return id;
    if (kind == KIND_FILE && strcmp(s, "???") == 0) {
        id = 0;
    } else if (rules && rules->count) {
        char *t = cs_name_rules_apply(rules, s);
        id = pp_string(b, t);
        free(t);
    } else {
        id = pp_string(b, s);
    }
    cs_keymap_put(b->renamed, k, id);
    return id;
}

/* The mapping id of an object (0 for the unknown object ""). */
static uint32_t mapping(pp_builder *b, uint32_t object)
{
    uint32_t name = renamed(b, object, KIND_FILE), id;
    cs_key k = { name, 0, 0 };
    if (name == 0)
        return 0;
    if ((id = cs_keymap_get(b->mapping_of, k)) != CS_NONE)
        return id;
    xgrow((void **)&b->mapping_name, &b->mappings_cap, b->n_mappings + 1,
          sizeof *b->mapping_name);
    b->mapping_name[b->n_mappings++] = name;
    id = (uint32_t)b->n_mappings;
    cs_keymap_put(b->mapping_of, k, id);
    return id;
}

static uint32_t function(pp_builder *b, uint32_t name, uint32_t file)
{
    uint32_t n = renamed(b, name, KIND_FUNCTION), f = renamed(b, file, KIND_FILE), id;
    cs_key k = { n, f, 0 };
    if ((id = cs_keymap_get(b->function_of, k)) != CS_NONE)
        return id;
    xgrow((void **)&b->function, &b->functions_cap, b->n_functions + 1,
          sizeof *b->function);
    b->function[b->n_functions][0] = n;
    b->function[b->n_functions][1] = f;
    id = (uint32_t)++b->n_functions;
    cs_keymap_put(b->function_of, k, id);
    return id;
}

/* The location index of line `line` of file `file` in the function named
 * `name` of object `object` (all profile name ids). */
uint32_t pp_location_at(pp_builder *b, uint32_t object, uint32_t name,
                            uint32_t file, uint64_t line)
{
    pp_location l;
    cs_key k;
    uint32_t index;
    l.mapping = mapping(b, object);
    l.function = function(b, name, file);
    l.line = line;
    k.a = ((uint64_t)l.mapping << 32) | l.function;
    k.b = line;
    k.c = 0;
    if ((index = cs_keymap_get(b->location_of, k)) != CS_NONE)
        return index;
    xgrow((void **)&b->locations, &b->locations_cap, b->n_locations + 1,
          sizeof *b->locations);
    b->locations[b->n_locations] = l;
    index = (uint32_t)b->n_locations++;
    cs_keymap_put(b->location_of, k, index);
    return index;
}

uint32_t pp_func_named(const pp_builder *b, uint32_t name)
{
    cs_key k = { name, 0, 0 };
    return cs_keymap_get(b->func_by_name, k);
}

uint32_t pp_location_of_name(pp_builder *b, uint32_t name)
{
    uint32_t f = pp_func_named(b, name);
    if (f == CS_NONE)
        return pp_location_at(b, b->p->no_object, name, cs_intern(b->p, "???", 3), 0);
    return pp_location_at(b, b->p->funcs[f].object, name, b->p->funcs[f].file, 0);
}

/* ----- name lookups ------------------------------------------------------ */

static void index_names(pp_builder *b)
{
    const cs_profile *p = b->p;
    size_t i;
    b->func_by_name = cs_keymap_new();
    for (i = p->n_funcs; i-- > 0;) {
        cs_key k = { p->funcs[i].name, 0, 0 };
        cs_keymap_put(b->func_by_name, k, (uint32_t)i);
    }
    /* Per (caller, callee) pair of names, the costliest call site. */
    b->caller_site = cs_keymap_new();
    for (i = 0; i < p->n_calls; i++) {
        const cs_call *c = &p->calls[i];
        cs_key k = { p->funcs[c->caller].name, p->funcs[c->callee].name, 0 };
        uint32_t old = cs_keymap_get(b->caller_site, k);
        if (old == CS_NONE || (p->n_events > 0 &&
            cs_cost(p, c->inclusive)[0] > cs_cost(p, p->calls[old].inclusive)[0]))
            cs_keymap_put(b->caller_site, k, (uint32_t)i);
    }
    b->caller_location = cs_keymap_new();
}

uint32_t pp_caller_location(pp_builder *b, uint32_t caller, uint32_t callee)
{
    cs_key k = { caller, callee, 0 };
    uint32_t loc = cs_keymap_get(b->caller_location, k), site;
    if (loc != CS_NONE)
        return loc;
    site = cs_keymap_get(b->caller_site, k);
    if (site == CS_NONE) {
        loc = pp_location_of_name(b, caller);
    } else {
        const cs_call *c = &b->p->calls[site];
        const cs_function *f = &b->p->funcs[c->caller];
        loc = b->o->no_lines ? pp_location_at(b, f->object, caller, f->file, 0)
                             : pp_location_at(b, f->object, caller, c->file, c->line);
    }
    cs_keymap_put(b->caller_location, k, loc);
    return loc;
}

/* ----- contexts ---------------------------------------------------------- */

/* Splits "f1;f2;...;fn" into name ids in the frame pool. */
static void add_frames(pp_builder *b, const char *s)
{
    cs_profile *p = b->p;
    for (;;) {
        const char *end = strchr(s, ';'), *try = end;
        size_t len = end ? (size_t)(end - s) : strlen(s);
        uint32_t id = cs_intern(p, s, len);
        int joins;
        for (joins = 0; pp_func_named(b, id) == CS_NONE && try && joins < MAX_JOINED_FRAMES;
             joins++) {
            const char *next = strchr(try + 1, ';');
            size_t l = next ? (size_t)(next - s) : strlen(s);
            uint32_t joined = cs_intern(p, s, l);
            if (pp_func_named(b, joined) != CS_NONE) {
                id = joined;
                len = l;
                end = next;
                break;
            }
            try = next;
        }
        xgrow((void **)&b->frame_pool, &b->frame_pool_cap, b->n_frame_pool + 1,
              sizeof *b->frame_pool);
        b->frame_pool[b->n_frame_pool++] = id;
        if (!end)
            return;
        s = end + 1;
    }
}

/* A new context whose frames the caller adds to the pool; its costs are
 * zero. */
static uint32_t new_context(pp_builder *b)
{
    pp_context *c;
    xgrow((void **)&b->contexts, &b->contexts_cap, b->n_contexts + 1, sizeof *b->contexts);
    c = &b->contexts[b->n_contexts];
    c->first_frame = b->n_frame_pool;
    c->n_frames = 0;
    xgrow((void **)&b->cost_pool, &b->cost_pool_cap, b->n_cost_pool + b->n_events,
          sizeof *b->cost_pool);
    c->cost = b->n_cost_pool;
    memset(b->cost_pool + c->cost, 0, b->n_events * sizeof *b->cost_pool);
    b->n_cost_pool += b->n_events;
    return (uint32_t)b->n_contexts++;
}

static cs_count *add_context(pp_builder *b, const char *frames)
{
    uint32_t ctx = new_context(b);
    pp_context *c = &b->contexts[ctx];
    add_frames(b, frames);
    c->n_frames = b->n_frame_pool - c->first_frame;
    return b->cost_pool + c->cost;
}

uint32_t pp_extended_context(pp_builder *b, uint32_t ctx, uint32_t name)
{
    cs_key k = { ctx, name, 0 };
    uint32_t ext = cs_keymap_get(b->extended, k);
    size_t i, n;
    if (ext != CS_NONE)
        return ext;
    ext = new_context(b);
    n = ctx == CS_NONE ? 0 : b->contexts[ctx].n_frames;
    xgrow((void **)&b->frame_pool, &b->frame_pool_cap, b->n_frame_pool + n + 1,
          sizeof *b->frame_pool);
    for (i = 0; i < n; i++)
        b->frame_pool[b->n_frame_pool++] = b->frame_pool[b->contexts[ctx].first_frame + i];
    b->frame_pool[b->n_frame_pool++] = name;
    b->contexts[ext].n_frames = n + 1;
    cs_keymap_put(b->extended, k, ext);
    return ext;
}

void pp_exact_contexts(pp_builder *b)
{
    const cs_profile *p = b->p;
    uint32_t *names = NULL;
    size_t cap = 0, i, n;
    for (i = 0; i < p->n_stacks; i++) {
        const cs_stack *st = &p->stacks[i];
        uint32_t ctx;
        pp_context *c;
        if (st->cost == CS_NONE)
            continue;                   /* a context with no self cost */
        while ((n = cs_stack_frames(p, (uint32_t)i, names, cap)) > cap) {
            cap = 2 * n;
            names = xrealloc(names, cap * sizeof *names);
        }
        ctx = new_context(b);           /* may move b->contexts */
        c = &b->contexts[ctx];
        xgrow((void **)&b->frame_pool, &b->frame_pool_cap, b->n_frame_pool + n,
              sizeof *b->frame_pool);
        memcpy(b->frame_pool + b->n_frame_pool, names, n * sizeof *names);
        b->n_frame_pool += n;
        c->n_frames = n;
        memcpy(b->cost_pool + c->cost, cs_cost(p, st->cost), b->n_events * sizeof *b->cost_pool);
    }
    free(names);
}

/* Stacks guessed from the calls= pairs, one event at a time (each event
 * has its own guess), gathered by stack. */
void pp_reconstructed_contexts(pp_builder *b)
{
    cs_profile *p = b->p;
    cs_keymap *by_path = cs_keymap_new();
    size_t e, i;
    for (e = 0; e < b->n_events; e++) {
        cs_flame_tree *t = cs_flame_tree_new("all");
        cs_flame_input in;
        cs_column col;
        cs_column_event(p, e, &col);
        memset(&in, 0, sizeof in);
        in.profile = p;
        in.event = &col;
        cs_flame_reconstruct(t, &in);
        for (i = 1; i < t->n_nodes; i++) {
            char *path;
            cs_key k;
            uint32_t ctx;
            if (t->nodes[i].self == 0)
                continue;
            path = cs_flame_path(t, (uint32_t)i);
            k.a = cs_intern(p, path, strlen(path));
            k.b = k.c = 0;
            if ((ctx = cs_keymap_get(by_path, k)) == CS_NONE) {
                add_context(b, path);
                ctx = (uint32_t)(b->n_contexts - 1);
                cs_keymap_put(by_path, k, ctx);
            }
            b->cost_pool[b->contexts[ctx].cost + e] = t->nodes[i].self;
            free(path);
        }
        cs_column_free(&col);
        cs_flame_tree_free(t);
    }
    cs_keymap_free(by_path);
}

void pp_add_sample(pp_builder *b, uint32_t ctx, uint32_t leaf, size_t e, cs_count v)
{
    cs_key k = { ctx, leaf, 0 };
    uint32_t s = cs_keymap_get(b->sample_of, k);
    if (s == CS_NONE) {
        size_t old_cap = b->samples_cap;
        xgrow((void **)&b->samples, &b->samples_cap, b->n_samples + 1, sizeof *b->samples);
        if (b->samples_cap != old_cap)
            b->values = xrealloc(b->values, b->samples_cap * b->n_events * sizeof *b->values);
        s = (uint32_t)b->n_samples++;
        b->samples[s].context = ctx;
        b->samples[s].leaf = leaf;
        memset(b->values + (size_t)s * b->n_events, 0, b->n_events * sizeof *b->values);
        cs_keymap_put(b->sample_of, k, s);
    }
    b->values[(size_t)s * b->n_events + e] =
        cs_count_add(b->values[(size_t)s * b->n_events + e], v);
}

void pp_builder_free(pp_builder *b)
{
    cs_strtab_free(b->strings);
    cs_keymap_free(b->renamed);
    cs_keymap_free(b->mapping_of);
    cs_keymap_free(b->function_of);
    cs_keymap_free(b->location_of);
    cs_keymap_free(b->sample_of);
    if (b->func_by_name)
        cs_keymap_free(b->func_by_name);
    if (b->caller_site)
        cs_keymap_free(b->caller_site);
    if (b->caller_location)
        cs_keymap_free(b->caller_location);
    if (b->extended)
        cs_keymap_free(b->extended);
    free(b->mapping_name);
    free(b->function);
    free(b->locations);
    free(b->contexts);
    free(b->frame_pool);
    free(b->cost_pool);
    free(b->samples);
    free(b->values);
}


/* The main program's object comes first: pprof takes mapping 1 as the
 * main binary. */
static void main_object_first(pp_builder *b)
{
    uint32_t f = pp_func_named(b, cs_intern(b->p, "main", 4));
    if (f != CS_NONE)
        mapping(b, b->p->funcs[f].object);
}

void pp_builder_init(pp_builder *b, cs_profile *p, const cs_pprof_options *o)
{
    memset(b, 0, sizeof *b);
    b->p = p;
    b->o = o;
    b->n_events = p->n_events;
    b->strings = cs_strtab_new();
    pp_string(b, "");
    b->renamed = cs_keymap_new();
    b->mapping_of = cs_keymap_new();
    b->function_of = cs_keymap_new();
    b->location_of = cs_keymap_new();
    b->sample_of = cs_keymap_new();
    b->extended = cs_keymap_new();
    index_names(b);
    main_object_first(b);
}
