/* reader.c - streaming reader of callgrind-format and Cachegrind-format
 * profiles into the model of profile.h.  One pass, one line at a time;
 * every malformed line is reported as "FILE:LINE: what is wrong". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "reader_state.h"
#include "xalloc.h"

#define LAST_LINE_KEY "# last line: "

static int process_line(reader *r, char *s, size_t len)
{
    int h;
    if (memchr(s, '\0', len))
        return fail(r, "NUL byte: binary data, not a profile");
    while (len > 0 && (s[len - 1] == '\r' || s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
    if (len > 0)
        r->at_last_line = r->last_line_text && strcmp(s, r->last_line_text) == 0;
    if (strncmp(s, "# ctx:", 6) == 0)
        return ctx_line(r, s + 6);
    if (strncmp(s, "# ctxfn:", 8) == 0)
        return ctxfn_line(r, s + 8);
    if (strncmp(s, "# stack:", 8) == 0)
        return stack_line(r, s + 8);
    if (strncmp(s, LAST_LINE_KEY, sizeof LAST_LINE_KEY - 1) == 0 && !r->seen_body
        && !r->last_line_text) {
        r->last_line_text = xstrdup(s + sizeof LAST_LINE_KEY - 1);
        r->promised_at = r->line_no;
        return 0;
    }
    if (len == 0 || s[0] == '#')
        return 0;
    if (!r->part) {
        start_part(r);
    }
    h = header_line(r, s);
    if (h != 0)
        return h < 0 ? -1 : 0;
    if (r->in_header && !r->part_events
        && (strncmp(s, "summary:", 8) == 0 || strncmp(s, "totals:", 7) == 0))
        return fail(r, "summary:/totals: before events:");
    if (r->in_header && begin_body(r) < 0)
        return -1;
    return body_line(r, s);
}

static int cut_short(reader *r)
{
    if (r->at_last_line)
        return fail(r, "the file is cut short: its last line \"%s\" has no newline",
                    r->last_line_text);
    return fail(r, "the file is cut short: it does not end with the line \"%s\" "
                "that line %lu says a complete file ends with", r->last_line_text,
                r->promised_at);
}

static int part_select_unmatched(const cs_profile *p, const char *sel)
{
    size_t i;
    if (!sel)
        return 0;
    for (i = 0; i < p->n_parts; i++)
        if (p->parts[i].selected)
            return 0;
    return 1;
}

int cs_profile_read(cs_profile *p, const char *path,
                    const cs_read_options *opts, char *err, size_t errlen)
{
    reader r;
    struct stat st;
    char *line;
    size_t len;
    int rc = 0, first = 1;

    memset(&r, 0, sizeof r);
    r.p = p;
    r.path = path;
    r.err = err;
    r.errlen = errlen;
    r.part_select = opts ? opts->part_select : NULL;
    if (cs_line_reader_open(&r.in, path) < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    free(p->path);
    p->path = xstrdup(path);
    p->format = CS_FORMAT_CACHEGRIND;
    if (fstat(cs_line_reader_fd(&r.in), &st) == 0)
        p->mtime = st.st_mtime;
    r.ids = cs_keymap_new();
    r.fn_names = cs_keymap_new();
    while (cs_line_reader_next(&r.in, &line, &len)) {
        r.line_no++;
        if (first && strncmp(line, "# callgrind format", 18) == 0)
            p->format = CS_FORMAT_CALLGRIND;
        first = 0;
        if (process_line(&r, line, len) < 0) {
            /* A line that is bad because the file stops in it. */
            if (r.last_line_text && r.in.unterminated)
                cut_short(&r);
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        if (cs_line_reader_error(&r.in)) {
            snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
            rc = -1;
        } else if (r.last_line_text && (!r.at_last_line || r.in.unterminated)) {
            rc = cut_short(&r);
        } else if (!r.part) {
            fail(&r, "empty file: not a profile");
            rc = -1;
        } else {
            rc = end_part(&r);
        }
    }
    /* Callgrind features seen anywhere make it a callgrind-format file. */
    if (p->version || p->n_calls || (p->n_parts && p->parts[0].has_instr))
        p->format = CS_FORMAT_CALLGRIND;
    if (rc == 0)
        cs_profile_derive(p);
    if (rc == 0 && part_select_unmatched(p, r.part_select)) {
        snprintf(err, errlen, "%s: no part '%s' (the file has %zu part%s)", path,
                 r.part_select, p->n_parts, p->n_parts == 1 ? "" : "s");
        rc = -1;
    }
    cs_line_reader_close(&r.in);
    free(r.last_line_text);
    cs_keymap_free(r.ids);
    cs_keymap_free(r.fn_names);
    free(r.ctx_stack);
    free(r.emap);
    free(r.costs);
    return rc < 0 ? -1 : 0;
}
