/* reader_stacks.c - exact calling contexts (cachesim --call-graph=yes):
 * the context tree of "# ctxfn:" and "# ctx:" lines, and the older
 * "# stack:" lines that spell out each stack's frames. */
#include <ctype.h>
#include <string.h>
#include "reader_state.h"
#include "xalloc.h"

/* Frames of an old "# stack:" line that name no function are tried
 * joined with the next ones, since a name may itself hold ';' (Rust's
 * "[u8; 4]"): up to this many. */
enum { MAX_JOINED_FRAMES = 8 };

static int is_function_name(reader *r, uint32_t name)
{
    cs_key key = { name, 0, 0 };
    return cs_keymap_get(r->fn_names, key) != CS_NONE;
}

/* The context of "F1;F2;...;Fk" (len bytes, no empty frame), made with
 * its callers' when absent. */
static uint32_t stack_of_frames(reader *r, const char *s, size_t len)
{
    const char *end = s + len;
    uint32_t stack = CS_NONE;
    for (;;) {
        const char *semi = memchr(s, ';', (size_t)(end - s)), *next = semi;
        uint32_t name = cs_intern(r->p, s, (size_t)((semi ? semi : end) - s));
        int joins;
        for (joins = 0; next && !is_function_name(r, name) && joins < MAX_JOINED_FRAMES;
             joins++) {
            const char *after = memchr(next + 1, ';', (size_t)(end - next - 1));
            uint32_t joined = cs_intern(r->p, s, (size_t)((after ? after : end) - s));
            if (is_function_name(r, joined)) {
                name = joined;
                semi = after;
                break;
            }
            next = after;
        }
        stack = cs_stack_get(r->p, stack, name);
        if (!semi)
            return stack;
        s = semi + 1;
    }
}

/* "# stack: C1 ... Cn F1;F2;...;Fk": one exact calling context with its self
 * costs, one count per event of the part (cachesim --call-graph=yes).  The
 * stack runs to the end of the line and may contain spaces. */
int stack_line(reader *r, const char *s)
{
    cs_profile *p = r->p;
    const char *frames, *c;
    size_t i, len;
    uint64_t v;
    int negative;

    if (!r->part || !r->part_events)
        return fail(r, "# stack: line before events:");
    if (r->in_header && begin_body(r) < 0)
        return -1;
    memset(r->costs, 0, p->n_events * sizeof *r->costs);
    for (i = 0; i < r->n_emap; i++) {
        s = skip_space(s);
        negative = *s == '-';
        s += negative;
        if (parse_number(&s, &v) < 0) {
            if (isdigit((unsigned char)*s))
                return fail(r, "number too large");
            return fail(r, "# stack: wants %zu counts (one per event) before the "
                        "stack, found %zu", r->n_emap, i);
        }
        if (signed_count(v, negative, &r->costs[r->emap[i]]) < 0)
            return fail(r, "number too large");
        if (!*s)
            return fail(r, "# stack: line without a stack after its counts");
        if (!is_space(*s))
            return fail(r, "bad count '%.20s' in # stack: line", s);
    }
    frames = skip_space(s);
    /* A first frame that is a bare number is one count too many. */
    for (c = frames; isdigit((unsigned char)*c); c++)
        ;
    if (c > frames && (*c == '\0' || is_space(*c)))
        return fail(r, "# stack: has more counts than the %zu events of events:",
                    r->n_emap);
    len = strlen(frames);
    if (frames[0] == ';' || frames[len - 1] == ';' || strstr(frames, ";;"))
        return fail(r, "# stack: '%.40s' has an empty frame", frames);
    if (r->part->n_stack_lines++ == 0)
        r->part->stack_sum = cs_new_slot(p);
    cs_cost_add(p, r->part->stack_sum, r->costs);
    if (r->part->selected)
        cs_stack_add(p, stack_of_frames(r, frames, len), r->costs);
    return 0;
}

/* "# ctxfn: FN NAME": the name of function number FN of "# ctx:" lines,
 * until the next definition of FN. */
int ctxfn_line(reader *r, const char *s)
{
    uint64_t id;
    cs_key key = { KIND_CTXFN, 0, 0 };
    s = skip_space(s);
    if (parse_number(&s, &id) < 0 || (*s && !is_space(*s)))
        return fail(r, "# ctxfn: wants a function number and a name");
    s = skip_space(s);
    if (!*s)
        return fail(r, "# ctxfn: %llu has no name", (unsigned long long)id);
    key.b = id;
    cs_keymap_put(r->ids, key, cs_intern(r->p, s, strlen(s)));
    return 0;
}

/* "# ctx: UP FN C1 ... Cn": one exact calling context (cachesim
 * --call-graph=yes): the function numbered FN by a "# ctxfn:" line, called
 * in the context of the "# ctx:" line UP lines above in the same part (0:
 * at the top), with its self costs, as on a cost line (trailing zeros may
 * be left out). */
int ctx_line(reader *r, const char *s)
{
    cs_profile *p = r->p;
    uint64_t v[2];
    uint32_t parent = CS_NONE, name, stack = CS_NONE;
    cs_key key = { KIND_CTXFN, 0, 0 };
    int i;

    if (!r->part || !r->part_events)
        return fail(r, "# ctx: line before events:");
    if (r->in_header && begin_body(r) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        s = skip_space(s);
        if (parse_number(&s, &v[i]) < 0 || (*s && !is_space(*s)))
            return fail(r, "# ctx: wants the lines up to its parent and a function "
                        "number before the costs");
    }
    if (v[0] > r->n_ctx)
        return fail(r, "# ctx: the parent (%llu up) is not a context of this part",
                    (unsigned long long)v[0]);
    key.b = v[1];
    name = cs_keymap_get(r->ids, key);
    if (name == CS_NONE)
        return fail(r, "# ctx: function %llu has no # ctxfn: line before it",
                    (unsigned long long)v[1]);
    if (parse_costs(r, s) < 0)
        return -1;
    if (r->part->n_stack_lines++ == 0)
        r->part->stack_sum = cs_new_slot(p);
    cs_cost_add(p, r->part->stack_sum, r->costs);
    if (r->part->selected) {
        if (v[0] != 0)
            parent = r->ctx_stack[r->n_ctx + 1 - v[0]];
        stack = cs_stack_get(p, parent, name);
        cs_stack_add(p, stack, r->costs);
    }
    xgrow((void **)&r->ctx_stack, &r->ctx_cap, r->n_ctx + 2, sizeof *r->ctx_stack);
    r->ctx_stack[++r->n_ctx] = stack;
    return 0;
}
