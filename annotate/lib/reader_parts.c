/* reader_parts.c - the parts of a profile: a part's header keys (events:,
 * positions:, event: definitions, cmd:, ...), its summary:/totals: line,
 * and the check at its end that its costs add up to them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "reader_state.h"
#include "xalloc.h"

void start_part(reader *r)
{
    cs_profile *p = r->p;
    cs_part *part;
    xgrow((void **)&p->parts, &p->parts_cap, p->n_parts + 1, sizeof *p->parts);
    part = &p->parts[p->n_parts++];
    memset(part, 0, sizeof *part);
    part->summary = part->totals = part->self_sum = part->stack_sum = CS_NONE;
    part->has_line = 1;
    part->first_line = r->line_no;
    r->part = part;
    r->part_no = p->n_parts;
    r->in_header = 1;
    r->part_events = 0;
    r->n_pos = 1;
    r->line_pos = 0;
    r->ob = r->fl = r->file = r->fn = CS_NONE;
    r->cob = r->cfile = r->cfn = CS_NONE;
    r->func = CS_NONE;
    r->pending = PENDING_NONE;
    r->last_func = CS_NONE;
    r->n_ctx = 0;
}

static int part_is_selected(reader *r)
{
    return !r->part_select || cs_part_matches(r->part, r->part_no, r->part_select);
}

/* Does an event name hold a control character (a stray '\r' of a CRLF
 * file, say)?  Such a name would not survive being written: a trailing
 * '\r' is taken for the end of the line when read back. */
static int has_control(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
            return 1;
    return 0;
}

static int parse_events(reader *r, const char *s)
{
    size_t i, cap = 0;
    if (r->part_events)
        return fail(r, "second events: line in one part");
    r->n_emap = 0;
    for (;;) {
        size_t len;
        const char *start = next_word(&s, &len);
        if (len == 0)
            break;
        if (has_control(start, len))
            return fail(r, "event name with a control character in events:");
        xgrow((void **)&r->emap, &cap, r->n_emap + 1, sizeof *r->emap);
        r->emap[r->n_emap] = (uint32_t)cs_add_event(r->p, start, len);
        for (i = 0; i < r->n_emap; i++)
            if (r->emap[i] == r->emap[r->n_emap])
                return fail(r, "event '%.*s' listed twice", (int)len, start);
        r->n_emap++;
    }
    if (r->n_emap == 0)
        return fail(r, "events: line names no event");
    r->part_events = 1;
    r->costs = xrealloc(r->costs, r->p->n_events * sizeof *r->costs);
    return 0;
}

static int parse_positions_spec(reader *r, const char *s)
{
    int instr = 0, line = 0, n = 0;
    for (;;) {
        size_t len;
        const char *start = next_word(&s, &len);
        if (len == 0)
            break;
        if (len == 4 && memcmp(start, "line", 4) == 0 && !line)
            line = ++n;
        else if (((len == 5 && memcmp(start, "instr", 5) == 0)
                  || (len == 4 && memcmp(start, "addr", 4) == 0)) && !instr)
            instr = ++n;
        else
            return fail(r, "bad positions: '%.*s'", (int)len, start);
    }
    if (n == 0)
        return fail(r, "positions: line names no position");
    r->part->has_instr = instr != 0;
    r->part->has_line = line != 0;
    r->n_pos = n;
    r->line_pos = line ? line - 1 : -1;
    return 0;
}

/* A cost vector line (summary:, totals:) into a new slot. */
int parse_total_line(reader *r, const char *s, uint32_t *slot)
{
    if (!r->part_events)
        return fail(r, "summary:/totals: before events:");
    if (*slot != CS_NONE)
        return fail(r, "second summary:/totals: line in one part");
    if (parse_costs(r, s) < 0)
        return -1;
    *slot = cs_new_slot(r->p);
    cs_cost_add(r->p, *slot, r->costs);
    return 0;
}

static char *value_dup(const char *s)
{
    return xstrdup(skip_space(s));
}

/* A header value that a later line with the same key replaces. */
static void replace_text(char **field, const char *s)
{
    free(*field);
    *field = value_dup(s);
}

/* "event: NAME [= FORMULA] [: LONG NAME]": noted for cs_profile_derive
 * (a line it cannot make sense of is ignored, as KCachegrind does). */
static void parse_event_def(reader *r, const char *s)
{
    const char *name, *end, *formula = NULL, *colon;
    char *n, *f = NULL, *l = NULL;

    s = skip_space(s);
    name = s;
    while (*s && !is_space(*s) && *s != '=' && *s != ':')
        s++;
    end = s;
    if (end == name || has_control(name, (size_t)(end - name)))
        return;
    s = skip_space(s);
    if (*s == '=')
        formula = skip_space(s + 1);
    colon = strchr(formula ? formula : s, ':');
    if (!formula && *s && *s != ':')
        return;
    n = xstrndup(name, (size_t)(end - name));
    if (formula) {
        const char *fe = colon ? colon : formula + strlen(formula);
        while (fe > formula && is_space(fe[-1]))
            fe--;
        f = xstrndup(formula, (size_t)(fe - formula));
    }
    if (colon && *skip_space(colon + 1))
        l = xstrdup(skip_space(colon + 1));
    cs_event_define(r->p, n, f && *f ? f : NULL, l);
    free(n);
    free(f);
    free(l);
}

/* Header keys; returns 1 if the line is a header line it handled, 0 if it is
 * no header line, -1 on error. */
int header_line(reader *r, const char *s)
{
    const char *colon = s, *key = s;
    size_t klen;
    cs_part *part;
    cs_profile *p = r->p;

    while (isalnum((unsigned char)*colon) || *colon == '_')
        colon++;
    if (*colon != ':' || colon == s)
        return 0;
    klen = (size_t)(colon - s);
#define KEY(k) (klen == sizeof k - 1 && memcmp(key, k, klen) == 0)
    if (KEY("summary") || KEY("totals"))
        return 0;               /* body lines, though Callgrind puts summary: in the header */
    if (!r->in_header) {
        /* In a body only the keys that begin a part's header are accepted. */
        if (!(KEY("version") || KEY("creator") || KEY("cmd") || KEY("pid")
              || KEY("thread") || KEY("part") || KEY("desc") || KEY("positions")
              || KEY("events") || KEY("event")))
            return 0;
        if (end_part(r) < 0)
            return -1;
        start_part(r);
    }
    part = r->part;
    s = colon + 1;
    if (KEY("version")) {
        const char *v = skip_space(s);
        if (!isdigit((unsigned char)*v) || strtoul(v, NULL, 10) >= 2)
            return fail(r, "unsupported format version '%s'", v), -1;
        replace_text(&p->version, s);
    } else if (KEY("creator")) {
        replace_text(&p->creator, s);
    } else if (KEY("cmd")) {
        replace_text(&part->cmd, s);
    } else if (KEY("pid")) {
        replace_text(&part->pid, s);
    } else if (KEY("thread")) {
        replace_text(&part->thread, s);
    } else if (KEY("part")) {
        replace_text(&part->label, s);
    } else if (KEY("desc")) {
        part->desc = xrealloc(part->desc, (part->n_desc + 1) * sizeof *part->desc);
        part->desc[part->n_desc++] = value_dup(s);
    } else if (KEY("positions")) {
        if (parse_positions_spec(r, s) < 0)
            return -1;
    } else if (KEY("events")) {
        if (parse_events(r, s) < 0)
            return -1;
    } else if (KEY("event")) {
        parse_event_def(r, s);
    }
    /* Unknown keys are ignored, as the format allows new header keys. */
#undef KEY
    return 1;
}

/* The first body line of a part: the header must be complete. */
int begin_body(reader *r)
{
    if (!r->part_events)
        return fail(r, "body line before any events: line");
    r->in_header = 0;
    r->seen_body = 1;
    r->part->selected = part_is_selected(r);
    r->part->self_sum = cs_new_slot(r->p);
    return 0;
}

/* Checks a finished part: its cost lines must add up to totals: (or to
 * summary: without totals:); this is how truncated files are caught. */
int end_part(reader *r)
{
    cs_profile *p = r->p;
    cs_part *part = r->part;
    uint32_t check;
    size_t e;

    if (!part)
        return 0;
    if (r->pending != PENDING_NONE)
        return fail(r, "file ends after calls=/jump= without its cost line");
    if (r->in_header) {
        if (!r->part_events)
            return fail(r, "no events: line (not a callgrind or Cachegrind profile?)");
        /* A header without a body: an empty part. */
        r->part->self_sum = cs_new_slot(p);
        r->part->selected = part_is_selected(r);
    }
    check = part->totals != CS_NONE ? part->totals : part->summary;
    if (check == CS_NONE)
        return fail(r, "part %zu has no totals: or summary: line (truncated file?)",
                    r->part_no);
    for (e = 0; e < p->n_events; e++) {
        cs_count want = cs_cost(p, check)[e], got = cs_cost(p, part->self_sum)[e];
        if (want != got)
            return fail(r, "part %zu: the cost lines add up to %lld %s, but %s says %lld"
                        " (truncated or edited file?)", r->part_no,
                        (long long)got, p->events[e],
                        check == part->totals ? "totals:" : "summary:",
                        (long long)want);
    }
    /* Exact stacks hold every cost once, so they too add up to the totals. */
    for (e = 0; part->n_stack_lines && e < p->n_events; e++) {
        cs_count want = cs_cost(p, check)[e], got = cs_cost(p, part->stack_sum)[e];
        if (want != got)
            return fail(r, "part %zu: the %s lines add up to %lld %s, but %s says %lld"
                        " (truncated or edited file?)", r->part_no,
                        r->n_ctx ? "# ctx:" : "# stack:",
                        (long long)got, p->events[e],
                        check == part->totals ? "totals:" : "summary:",
                        (long long)want);
    }
    return 0;
}
