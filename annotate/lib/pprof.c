/* pprof.c - see pprof.h: the Profile message itself.  Field numbers are
 * those of pprof's proto/profile.proto (package perftools.profiles). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pprof_model.h"
#include "pprof_samples.h"
#include "xalloc.h"

/* Profile */
enum { PROFILE_SAMPLE_TYPE = 1, PROFILE_SAMPLE = 2, PROFILE_MAPPING = 3,
       PROFILE_LOCATION = 4, PROFILE_FUNCTION = 5, PROFILE_STRING_TABLE = 6,
       PROFILE_COMMENT = 13, PROFILE_DEFAULT_SAMPLE_TYPE = 14 };
enum { VALUE_TYPE_TYPE = 1, VALUE_TYPE_UNIT = 2 };
enum { SAMPLE_LOCATION_ID = 1, SAMPLE_VALUE = 2 };
enum { MAPPING_ID = 1, MAPPING_FILENAME = 5, MAPPING_HAS_FUNCTIONS = 7,
       MAPPING_HAS_FILENAMES = 8, MAPPING_HAS_LINE_NUMBERS = 9 };
enum { LOCATION_ID = 1, LOCATION_MAPPING_ID = 2, LOCATION_LINE = 4 };
enum { LINE_FUNCTION_ID = 1, LINE_LINE = 2 };
enum { FUNCTION_ID = 1, FUNCTION_NAME = 2, FUNCTION_SYSTEM_NAME = 3,
       FUNCTION_FILENAME = 4 };

/* ----- encoding ---------------------------------------------------------- */

typedef struct scratch {
    cs_pb msg, inner;
    uint32_t *frame_loc;            /* per frame: its location as a caller */
    uint64_t *ids;
    int64_t *values;
    size_t ids_cap;
} scratch;

static void encode_sample(pp_builder *b, const pp_sample *s, scratch *w, cs_pb *out)
{
    const pp_context *c = &b->contexts[s->context];
    const cs_count *v = b->values + (size_t)(s - b->samples) * b->n_events;
    size_t n = 0, i, k;

    xgrow((void **)&w->ids, &w->ids_cap, c->n_frames + 1, sizeof *w->ids);
    w->ids[n++] = (uint64_t)s->leaf + 1;
    /* Then the callers, innermost first, each at its call site. */
    for (i = c->n_frames - 1; i-- > 0;) {
        size_t f = c->first_frame + i;
        if (w->frame_loc[f] == CS_NONE)
            w->frame_loc[f] = pp_caller_location(b, b->frame_pool[f], b->frame_pool[f + 1]);
        w->ids[n++] = (uint64_t)w->frame_loc[f] + 1;
    }
    for (k = 0; k < b->n_events; k++)
        w->values[k] = v[k];
    for (i = 0; i < b->o->n_derived; i++)
        w->values[k++] = cs_column_count(&b->o->derived[i], v);
    cs_pb_reset(&w->msg);
    cs_pb_packed_uint(&w->msg, SAMPLE_LOCATION_ID, w->ids, n);
    cs_pb_packed_int(&w->msg, SAMPLE_VALUE, w->values, k);
    cs_pb_message(out, PROFILE_SAMPLE, &w->msg);
}

static void encode_value_type(cs_pb *out, scratch *w, uint32_t type, uint32_t unit)
{
    cs_pb_reset(&w->msg);
    cs_pb_uint(&w->msg, VALUE_TYPE_TYPE, type);
    cs_pb_uint(&w->msg, VALUE_TYPE_UNIT, unit);
    cs_pb_message(out, PROFILE_SAMPLE_TYPE, &w->msg);
}

typedef struct comments {
    cs_keymap *seen;
    int64_t *ids;
    size_t n, cap;
} comments;

static void comment(pp_builder *b, comments *c, const char *text)
{
    cs_key k = { pp_string(b, text), 0, 0 };
    if (cs_keymap_get(c->seen, k) != CS_NONE)
        return;
    cs_keymap_put(c->seen, k, 1);
    xgrow((void **)&c->ids, &c->cap, c->n + 1, sizeof *c->ids);
    c->ids[c->n++] = (int64_t)k.a;
}

/* The comments: what the profile says about its run (each line once),
 * then how it was turned into this one. */
static void collect_comments(pp_builder *b, int how, comments *c)
{
    const cs_profile *p = b->p;
    char buf[1200];
    size_t i, d;
    if (p->creator) {
        snprintf(buf, sizeof buf, "creator: %s", p->creator);
        comment(b, c, buf);
    }
    for (i = 0; i < p->n_parts; i++) {
        const cs_part *pt = &p->parts[i];
        if (!pt->selected)
            continue;
        if (pt->cmd) {
            snprintf(buf, sizeof buf, "cmd: %s", pt->cmd);
            comment(b, c, buf);
        }
        if (pt->thread) {
            snprintf(buf, sizeof buf, "thread: %s", pt->thread);
            comment(b, c, buf);
        }
        for (d = 0; d < pt->n_desc; d++)
            comment(b, c, pt->desc[d]);
    }
    for (i = d = 0; i < p->n_parts; i++)
        d += p->parts[i].selected != 0;
    if (p->n_parts > 1 && d == p->n_parts)
        snprintf(buf, sizeof buf, "exported by csann %s from %s (the sum of its %zu parts)",
                 CSANN_VERSION, p->path, d);
    else if (p->n_parts > 1)
        snprintf(buf, sizeof buf, "exported by csann %s from %s (%zu of its %zu parts)",
                 CSANN_VERSION, p->path, d, p->n_parts);
    else
        snprintf(buf, sizeof buf, "exported by csann %s from %s", CSANN_VERSION, p->path);
    comment(b, c, buf);
    comment(b, c, how == CS_CONTEXTS_EXACT
            ? "calling contexts: exact (cachesim --call-graph=yes)"
            : "calling contexts: reconstructed from caller/callee pairs; not exact");
    if (b->shared_lines)
        comment(b, c, "source lines of a function that ran in several contexts: "
                "shared out over them in proportion");
    if (b->moved_costs)
        comment(b, c, "costs of functions without a frame of their own in the stacks "
                "(such as ??? stubs): shown as called from the contexts that held them");
}

static void encode(pp_builder *b, int how, cs_pb *out)
{
    const cs_profile *p = b->p;
    scratch w;
    uint32_t count = pp_string(b, "count");
    comments notes;
    size_t i;
    int ir = cs_event_index(p, "Ir");

    memset(&w, 0, sizeof w);
    cs_pb_init(&w.msg);
    cs_pb_init(&w.inner);
    w.values = xcalloc(b->n_events + b->o->n_derived + 1, sizeof *w.values);
    w.frame_loc = xmalloc((b->n_frame_pool + 1) * sizeof *w.frame_loc);
    for (i = 0; i < b->n_frame_pool; i++)
        w.frame_loc[i] = CS_NONE;
    for (i = 0; i < b->n_events; i++)
        encode_value_type(out, &w, pp_string(b, p->events[i]), count);
    for (i = 0; i < b->o->n_derived; i++)
        encode_value_type(out, &w, pp_string(b, b->o->derived[i].name), count);
    for (i = 0; i < b->n_samples; i++)
        encode_sample(b, &b->samples[i], &w, out);
    /* Locations last among the tables that name others: the samples'
     * callers have added theirs. */
    for (i = 0; i < b->n_locations; i++) {
        const pp_location *l = &b->locations[i];
        cs_pb_reset(&w.inner);
        cs_pb_uint(&w.inner, LINE_FUNCTION_ID, l->function);
        cs_pb_int(&w.inner, LINE_LINE, (int64_t)l->line);
        cs_pb_reset(&w.msg);
        cs_pb_uint(&w.msg, LOCATION_ID, i + 1);
        cs_pb_uint(&w.msg, LOCATION_MAPPING_ID, l->mapping);
        cs_pb_message(&w.msg, LOCATION_LINE, &w.inner);
        cs_pb_message(out, PROFILE_LOCATION, &w.msg);
    }
    for (i = 0; i < b->n_functions; i++) {
        cs_pb_reset(&w.msg);
        cs_pb_uint(&w.msg, FUNCTION_ID, i + 1);
        cs_pb_uint(&w.msg, FUNCTION_NAME, b->function[i][0]);
        cs_pb_uint(&w.msg, FUNCTION_SYSTEM_NAME, b->function[i][0]);
        cs_pb_uint(&w.msg, FUNCTION_FILENAME, b->function[i][1]);
        cs_pb_message(out, PROFILE_FUNCTION, &w.msg);
    }
    for (i = 0; i < b->n_mappings; i++) {
        /* No addresses: the locations are already symbolized, which the
         * has_* flags tell pprof so that it does not look for binaries. */
        cs_pb_reset(&w.msg);
        cs_pb_uint(&w.msg, MAPPING_ID, i + 1);
        cs_pb_uint(&w.msg, MAPPING_FILENAME, b->mapping_name[i]);
        cs_pb_bool(&w.msg, MAPPING_HAS_FUNCTIONS, 1);
        cs_pb_bool(&w.msg, MAPPING_HAS_FILENAMES, 1);
        cs_pb_bool(&w.msg, MAPPING_HAS_LINE_NUMBERS, 1);
        cs_pb_message(out, PROFILE_MAPPING, &w.msg);
    }
    memset(&notes, 0, sizeof notes);
    notes.seen = cs_keymap_new();
    collect_comments(b, how, &notes);
    cs_pb_packed_int(out, PROFILE_COMMENT, notes.ids, notes.n);
    if (p->n_events > 0)
        cs_pb_int(out, PROFILE_DEFAULT_SAMPLE_TYPE,
                  pp_string(b, p->events[ir >= 0 ? (size_t)ir : 0]));
    /* The string table last: everything above has added its strings. */
    for (i = 0; i < cs_strtab_count(b->strings); i++) {
        const char *s = cs_strtab_get(b->strings, (uint32_t)i);
        cs_pb_bytes(out, PROFILE_STRING_TABLE, s, strlen(s));
    }
    cs_keymap_free(notes.seen);
    free(notes.ids);
    free(w.values);
    free(w.frame_loc);
    free(w.ids);
    cs_pb_free(&w.msg);
    cs_pb_free(&w.inner);
}

/* ----- the whole -------------------------------------------------------- */

int cs_pprof_encode(cs_profile *p, const cs_pprof_options *o, cs_pb *out,
                    char *err, size_t errlen)
{
    pp_builder b;
    int how = cs_contexts_of(p, err, errlen);

    if (how == CS_CONTEXTS_NONE)
        return how;
    pp_builder_init(&b, p, o);
    if (how == CS_CONTEXTS_EXACT)
        pp_exact_contexts(&b);
    else
        pp_reconstructed_contexts(&b);
    pp_build_samples(&b);
    encode(&b, how, out);
    pp_builder_free(&b);
    return how;
}
