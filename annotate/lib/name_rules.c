/* name_rules.c - parsing and applying --mod-filename / --mod-funcname. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "name_rules.h"
#include "xalloc.h"

/* Copies spec up to the first unescaped delim into a new string, turning
 * "\<delim>" into delim (other escapes are kept for the regex or the
 * replacement).  *end is set to the delimiter, or to the final NUL. */
static char *take_until(const char *spec, char delim, const char **end)
{
    size_t len = strlen(spec), n = 0;
    char *out = xmalloc(len + 1);
    const char *s = spec;
    while (*s && *s != delim) {
        if (s[0] == '\\' && s[1] == delim) {
            out[n++] = delim;
            s += 2;
        } else if (s[0] == '\\' && s[1]) {
            out[n++] = *s++;
            out[n++] = *s++;
        } else {
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
    *end = s;
    return out;
}

static int bad(char *err, size_t errlen, const char *spec, const char *why)
{
    snprintf(err, errlen, "'%s': %s (want REGEX/REPLACEMENT or s/REGEX/REPLACEMENT/[g])",
             spec, why);
    return -1;
}

int cs_name_rules_add(cs_name_rules *rules, const char *spec, char *err,
                      size_t errlen)
{
    cs_name_rule rule;
    const char *s = spec, *end;
    char delim = '/', *pattern;
    int rc;

    memset(&rule, 0, sizeof rule);
    /* "s/old/new/" (cg_diff's form): s, any punctuation as the delimiter. */
    if (s[0] == 's' && s[1] && strchr("/|#,:;!@%~", s[1])) {
        delim = s[1];
        s += 2;
        pattern = take_until(s, delim, &end);
        if (*end != delim) {
            free(pattern);
            return bad(err, errlen, spec, "no delimiter after the regex");
        }
        rule.replacement = take_until(end + 1, delim, &end);
        if (*end != delim) {
            free(pattern);
            free(rule.replacement);
            return bad(err, errlen, spec, "no closing delimiter");
        }
        if (strcmp(end + 1, "g") == 0) {
            rule.global = 1;
        } else if (end[1]) {
            free(pattern);
            free(rule.replacement);
            return bad(err, errlen, spec, "only the flag 'g' may follow");
        }
    } else {
        pattern = take_until(s, delim, &end);
        if (*end != delim) {
            free(pattern);
            return bad(err, errlen, spec, "no '/' between regex and replacement");
        }
        rule.replacement = take_until(end + 1, '\0', &end);
    }
    if (!*pattern) {
        free(pattern);
        free(rule.replacement);
        return bad(err, errlen, spec, "empty regex");
    }
    rc = regcomp(&rule.re, pattern, REG_EXTENDED);
    free(pattern);
    if (rc != 0) {
        char msg[200];
        regerror(rc, &rule.re, msg, sizeof msg);
        free(rule.replacement);
        return bad(err, errlen, spec, msg);
    }
    rule.spec = xstrdup(spec);
    rules->items = xrealloc(rules->items, (rules->count + 1) * sizeof *rules->items);
    rules->items[rules->count++] = rule;
    return 0;
}

typedef struct buffer {
    char *s;
    size_t len, cap;
} buffer;

static void append(buffer *b, const char *s, size_t len)
{
    xgrow((void **)&b->s, &b->cap, b->len + len + 1, 1);
    memcpy(b->s + b->len, s, len);
    b->len += len;
    b->s[b->len] = '\0';
}

/* Appends the replacement for one match of subject; \N is group N. */
static void expand(buffer *b, const char *replacement, const char *subject,
                   const regmatch_t *m)
{
    const char *r = replacement;
    while (*r) {
        if (r[0] == '\\' && r[1] >= '0' && r[1] <= '9') {
            const regmatch_t *g = &m[r[1] - '0'];
            if (g->rm_so >= 0)
                append(b, subject + g->rm_so, (size_t)(g->rm_eo - g->rm_so));
            r += 2;
        } else if (r[0] == '\\' && r[1]) {
            append(b, r + 1, 1);    /* "\\" is a backslash, "\x" is x */
            r += 2;
        } else {
            append(b, r++, 1);
        }
    }
}

static char *apply_one(const cs_name_rule *rule, const char *name)
{
    buffer b = { NULL, 0, 0 };
    const char *s = name;
    regmatch_t m[10];
    int flags = 0;

    append(&b, "", 0);
    while (*s || s == name) {
        if (regexec(&rule->re, s, 10, m, flags) != 0)
            break;
        append(&b, s, (size_t)m[0].rm_so);
        expand(&b, rule->replacement, s, m);
        if (m[0].rm_eo == m[0].rm_so) {     /* an empty match: step over a char */
            if (!s[m[0].rm_eo]) {
                s += m[0].rm_eo;
                break;
            }
            append(&b, s + m[0].rm_eo, 1);
            s += m[0].rm_eo + 1;
        } else {
            s += m[0].rm_eo;
        }
        flags = REG_NOTBOL;
        if (!rule->global)
            break;
    }
    append(&b, s, strlen(s));
    return b.s;
}

char *cs_name_rules_apply(const cs_name_rules *rules, const char *name)
{
    char *cur = xstrdup(name);
    size_t i;
    for (i = 0; rules && i < rules->count; i++) {
        char *next = apply_one(&rules->items[i], cur);
        free(cur);
        cur = next;
    }
    return cur;
}

void cs_name_rules_free(cs_name_rules *rules)
{
    size_t i;
    for (i = 0; i < rules->count; i++) {
        regfree(&rules->items[i].re);
        free(rules->items[i].replacement);
        free(rules->items[i].spec);
    }
    free(rules->items);
    rules->items = NULL;
    rules->count = 0;
}
