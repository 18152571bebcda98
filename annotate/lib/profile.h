/* profile.h - the in-memory model of one profile (callgrind or Cachegrind
 * format), shared by every csann subcommand.
 *
 * Names (objects, files, functions) are interned: an id names a string.
 * All cost vectors live in one pool with one slot per entity; a slot holds
 * n_events counts in the order of `events`. */
#ifndef CSANN_PROFILE_H
#define CSANN_PROFILE_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "hash.h"
#include "strtab.h"

/* Signed, so that a difference profile (NEW - OLD) fits the same model. */
typedef int64_t cs_count;

/* a + b, wrapping instead of overflowing (no undefined behaviour on
 * absurd input; real counts are far below 2^63). */
static inline cs_count cs_count_add(cs_count a, cs_count b)
{
    return (cs_count)((uint64_t)a + (uint64_t)b);
}

/* a - b, wrapping likewise. */
static inline cs_count cs_count_sub(cs_count a, cs_count b)
{
    return (cs_count)((uint64_t)a - (uint64_t)b);
}

/* A call count plus another (both at least 0): call counts are never
 * negative, so a sum past 2^63 - 1 stays there instead of wrapping to a
 * negative count, which no profile may hold. */
static inline cs_count cs_calls_add(cs_count a, cs_count b)
{
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

typedef enum { CS_FORMAT_CALLGRIND, CS_FORMAT_CACHEGRIND } cs_format;

typedef struct cs_part {
    char *label;            /* value of part:, or NULL */
    char *cmd, *pid, *thread;
    char **desc;            /* desc: values, in order */
    size_t n_desc;
    int has_instr, has_line;    /* from positions: */
    uint32_t summary;       /* cost slot, CS_NONE when absent */
    uint32_t totals;        /* cost slot, CS_NONE when absent */
    uint32_t self_sum;      /* cost slot: the sum of the part's cost lines */
    uint32_t stack_sum;     /* cost slot: the sum of its contexts' self costs */
    size_t n_stack_lines;   /* how many contexts it has (# stack: or # ctx: lines) */
    int selected;           /* its costs were added to the model */
    unsigned long first_line;
} cs_part;

/* A function is identified by object, the file of its fl= line, and name. */
typedef struct cs_function {
    uint32_t object, file, name;    /* name ids; object "" when unknown */
    uint32_t self;                  /* cost slot: exclusive cost */
} cs_function;

/* Self cost of one function at one source line.  `file` is the file of the
 * line, which differs from the function's for inlined code (fi=/fe=). */
typedef struct cs_line_cost {
    uint32_t func, file;
    uint64_t line;                  /* 0 when unknown */
    uint32_t cost;
} cs_line_cost;

/* All calls from one call site (caller, file, line) to one callee. */
typedef struct cs_call {
    uint32_t caller, callee;        /* function indexes */
    uint32_t file;                  /* file of the call site */
    uint64_t line;
    cs_count count;                 /* calls= counts, summed */
    uint32_t inclusive;             /* cost slot: inclusive cost of them */
} cs_call;

/* One exact calling context of cachesim's --call-graph=yes (its "# ctx:"
 * lines, or the "# stack:" lines of older versions): a node of the tree of
 * contexts, the function `frame` called in the context `parent`, with the
 * self costs of code run in that context.  Contexts with the same parent
 * and function are one (identical stacks are merged, across parts too); a
 * parent comes before its children in `stacks`, so that one pass in index
 * order meets every parent first.  A context on the way to others may have
 * no cost of its own. */
typedef struct cs_stack {
    uint32_t parent;                /* index in stacks; CS_NONE at the top */
    uint32_t frame;                 /* name id of the function */
    uint32_t cost;                  /* cost slot: self cost; CS_NONE: all zero */
} cs_stack;

/* An "event:" header line of the callgrind format: a long name for an
 * event, or a derived event with its formula ("event: CEst = Ir + 7 I1mr
 * : Cycle estimate"), which KCachegrind evaluates. */
typedef struct cs_event_def {
    char *name;
    char *formula;          /* NULL: a long name only */
    char *long_name;        /* NULL when none */
} cs_event_def;

typedef struct cs_profile {
    char *path;
    time_t mtime;
    cs_format format;
    char *creator, *version;
    cs_strtab *names;
    char **events;
    size_t n_events;
    /* Per event: its long name (NULL when none) and, for a derived event,
     * its formula (NULL for a recorded one).  Derived events are events of
     * the model like the recorded ones, their counts worked out from the
     * formula in every cost slot (cs_profile_derive), so that they can be
     * shown, sorted, compared and checked by name; writers leave them out
     * of the counts and write their formulas. */
    char **long_names;
    char **formulas;
    /* event: lines read and not yet applied (cs_profile_derive). */
    cs_event_def *defs;
    size_t n_defs;
    cs_part *parts;
    size_t n_parts, parts_cap;
    cs_function *funcs;
    size_t n_funcs, funcs_cap;
    cs_line_cost *lines;
    size_t n_lines, lines_cap;
    cs_call *calls;
    size_t n_calls, calls_cap;
    cs_stack *stacks;
    size_t n_stacks, stacks_cap;
    cs_count *pool;
    size_t n_slots, slots_cap;
    cs_keymap *func_index, *line_index, *call_index, *stack_index;
    uint32_t no_object;             /* id of "" */
} cs_profile;

cs_profile *cs_profile_new(void);
void cs_profile_free(cs_profile *p);

static inline cs_count *cs_cost(const cs_profile *p, uint32_t slot)
{
    return p->pool + (size_t)slot * p->n_events;
}
static inline const char *cs_name(const cs_profile *p, uint32_t id)
{
    return cs_strtab_get(p->names, id);
}
uint32_t cs_intern(cs_profile *p, const char *s, size_t len);

/* Index of the event called name, or -1. */
int cs_event_index(const cs_profile *p, const char *name);
/* Index of event name, appending it (and widening every slot) if new. */
size_t cs_add_event(cs_profile *p, const char *name, size_t len);
/* A new zeroed cost slot. */
uint32_t cs_new_slot(cs_profile *p);

/* Is event e derived (worked out from a formula, not recorded)? */
static inline int cs_event_is_derived(const cs_profile *p, size_t e)
{
    return p->formulas && p->formulas[e] != NULL;
}
/* How many events are recorded (not derived). */
size_t cs_recorded_events(const cs_profile *p);
/* Note an event: line (the first one for a name counts); applied by
 * cs_profile_derive. */
void cs_event_define(cs_profile *p, const char *name, const char *formula,
                     const char *long_name);
/* Apply the event: lines noted: long names to their events, and each
 * derived event whose formula names only known events added as an event
 * with its counts worked out in every slot.  A formula that cannot be
 * evaluated leaves its event out with a warning on stderr.  Returns how
 * many were left out. */
size_t cs_profile_derive(cs_profile *p);
/* Make e a derived event with this formula and long name (either may be
 * NULL), copied: for models made from others (merge, diff). */
void cs_event_set_info(cs_profile *p, size_t e, const char *formula, const char *long_name);
/* Remove event e from the model (every slot one narrower). */
void cs_remove_event(cs_profile *p, size_t e);
/* Leave out of a and b the derived events that only one of them has, so
 * that the two can be compared event by event. */
void cs_keep_shared_derived(cs_profile *a, cs_profile *b);

/* Find-or-create, returning indexes into funcs / lines / calls. */
uint32_t cs_function_get(cs_profile *p, uint32_t object, uint32_t file,
                         uint32_t name);
uint32_t cs_line_get(cs_profile *p, uint32_t func, uint32_t file,
                     uint64_t line);
uint32_t cs_call_get(cs_profile *p, uint32_t caller, uint32_t callee,
                     uint32_t file, uint64_t line);
/* The context of function name id frame called from context parent
 * (CS_NONE: at the top), made when absent. */
uint32_t cs_stack_get(cs_profile *p, uint32_t parent, uint32_t frame);
/* Adds costs (n_events counts, profile order) to a context's self cost. */
void cs_stack_add(cs_profile *p, uint32_t stack, const cs_count *c);
/* The frames of context stack, outermost first, as name ids: returns the
 * depth, and fills names[0 .. depth) when depth <= cap. */
size_t cs_stack_frames(const cs_profile *p, uint32_t stack, uint32_t *names,
                       size_t cap);

/* Adds n counts to a slot. */
void cs_cost_add(cs_profile *p, uint32_t slot, const cs_count *c);

/* The program totals of the selected parts: for each, summary: if present,
 * else totals:, else the sum of its cost lines.  out has n_events counts. */
void cs_profile_totals(const cs_profile *p, cs_count *out);

/* Where the calling contexts of a profile come from, for the commands that
 * need whole stacks (flamegraph, export): its exact "# ctx:" lines
 * (cachesim --call-graph=yes), or its calls= pairs, from which stacks are
 * reconstructed (only a guess). */
enum { CS_CONTEXTS_NONE = -1, CS_CONTEXTS_RECONSTRUCTED = 0, CS_CONTEXTS_EXACT = 1 };
/* CS_CONTEXTS_EXACT or CS_CONTEXTS_RECONSTRUCTED, or CS_CONTEXTS_NONE with
 * "PATH has neither ..." in err when p has neither stacks nor calls. */
int cs_contexts_of(const cs_profile *p, char *err, size_t errlen);

/* The label of a dump made by CACHESIM_DUMP_STATS_AT("label"), from its
 * "desc: Trigger: Client Request: label" line; NULL for other parts. */
const char *cs_part_request_label(const cs_part *part);
/* Whether --part=sel picks the part at 1-based position part_no: a number
 * is a position; other text matches the part: label or the request label. */
int cs_part_matches(const cs_part *part, size_t part_no, const char *sel);

/* One part's totals (summary:, else totals:, else its cost lines). */
const cs_count *cs_part_totals(const cs_profile *p, const cs_part *part);
/* A name for reports: the request label, else the part: label, else the
 * 1-based position; buf holds 32 bytes for the last case. */
const char *cs_part_name(const cs_profile *p, const cs_part *part, char *buf);

#endif
