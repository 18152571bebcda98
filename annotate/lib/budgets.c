/* budgets.c - reading the budgets file (format in budgets.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "budgets.h"
#include "linereader.h"
#include "xalloc.h"

static int fail(char *err, size_t errlen, const char *path, unsigned long line,
                const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(err, errlen, "%s:%lu: ", path, line);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < errlen)
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* Splits s into at most max whitespace-separated words (in place). */
static size_t split_words(char *s, char **words, size_t max)
{
    size_t n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            return n;
        if (n == max)
            return max + 1;
        words[n++] = s;
        while (*s && *s != ' ' && *s != '\t')
            s++;
        if (*s)
            *s++ = '\0';
    }
}

/* A non-negative count; '_' may separate digit groups. */
static int parse_limit(const char *s, cs_count *out)
{
    cs_count v = 0;
    int digits = 0;
    for (; *s; s++) {
        if (*s == '_' && digits)
            continue;
        if (!isdigit((unsigned char)*s) || v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
        digits++;
    }
    if (!digits)
        return -1;
    *out = v;
    return 0;
}

static int parse_line(char *s, cs_budget *b, const char *path, unsigned long line,
                      char *err, size_t errlen)
{
    char *w[6];
    size_t n = split_words(s, w, 5), first;
    memset(b, 0, sizeof b[0]);
    b->line = line;
    if (n == 0)
        return 0;
    if (strcmp(w[0], "total") == 0) {
        b->scope = CS_BUDGET_TOTAL;
        first = 1;
    } else if (strcmp(w[0], "part") == 0 || strcmp(w[0], "function") == 0) {
        b->scope = w[0][0] == 'p' ? CS_BUDGET_PART : CS_BUDGET_FUNCTION;
        first = 2;
        if (n < 2)
            return fail(err, errlen, path, line, "'%s' needs a %s", w[0],
                        b->scope == CS_BUDGET_PART ? "part label" : "function name or pattern");
    } else {
        return fail(err, errlen, path, line,
                    "unknown scope '%s' (want total, part or function)", w[0]);
    }
    if (n != first + 3)
        return fail(err, errlen, path, line,
                    "want '%s%sEVENT <= LIMIT'", w[0], first == 2 ? " NAME " : " ");
    if (strcmp(w[first + 1], "<=") != 0)
        return fail(err, errlen, path, line, "want '<=' after the event, not '%s'",
                    w[first + 1]);
    if (parse_limit(w[first + 2], &b->limit) < 0)
        return fail(err, errlen, path, line, "bad limit '%s' (want a whole number)",
                    w[first + 2]);
    b->event = xstrdup(w[first]);
    b->target = first == 2 ? xstrdup(w[1]) : NULL;
    return 1;
}

int cs_budgets_read(const char *path, cs_budgets *out, char *err, size_t errlen)
{
    cs_line_reader in;
    char *line;
    size_t len;
    unsigned long line_no = 0;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (cs_line_reader_open(&in, path) < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    out->path = xstrdup(path);
    while (rc == 0 && cs_line_reader_next(&in, &line, &len)) {
        cs_budget b;
        char *hash;
        int got;
        line_no++;
        if (memchr(line, '\0', len)) {
            rc = fail(err, errlen, path, line_no, "NUL byte: not a budgets file");
            break;
        }
        if ((hash = strchr(line, '#')) != NULL)
            *hash = '\0';
        for (hash = line; *hash; hash++)
            if (*hash == '\r')
                *hash = ' ';
        got = parse_line(line, &b, path, line_no, err, errlen);
        if (got < 0)
            rc = -1;
        else if (got > 0) {
            out->items = xrealloc(out->items, (out->count + 1) * sizeof *out->items);
            out->items[out->count++] = b;
        }
    }
    if (rc == 0 && cs_line_reader_error(&in)) {
        snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
        rc = -1;
    }
    if (rc == 0 && out->count == 0) {
        snprintf(err, errlen, "%s:%lu: no budgets in the file", path, line_no);
        rc = -1;
    }
    cs_line_reader_close(&in);
    if (rc < 0)
        cs_budgets_free(out);
    return rc;
}

void cs_budgets_free(cs_budgets *b)
{
    size_t i;
    for (i = 0; i < b->count; i++) {
        free(b->items[i].target);
        free(b->items[i].event);
    }
    free(b->items);
    free(b->path);
    memset(b, 0, sizeof *b);
}
