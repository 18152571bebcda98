/* cpu_desc.c - CPU descriptions: the text format's parser and printer,
 * the checks of what the model can simulate, and the cycle estimate. */
#include "cpu_desc.h"

/* ---------------------------------------------------------------------
 * Small text helpers (no libc)
 * --------------------------------------------------------------------- */

typedef struct {
    char *buf;
    unsigned long cap;    /* bytes in buf */
    unsigned long len;    /* characters produced (may exceed cap - 1) */
} text_t;

static void put_char(text_t *t, char ch)
{
    if (t->len + 1 < t->cap)
        t->buf[t->len] = ch;
    t->len++;
}

static void put_str(text_t *t, const char *s)
{
    while (*s)
        put_char(t, *s++);
}

static void put_num(text_t *t, unsigned long v)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        put_char(t, digits[--n]);
}

static void finish(text_t *t)
{
    if (t->cap > 0)
        t->buf[t->len < t->cap ? t->len : t->cap - 1] = '\0';
}

static int same_word(const char *a, unsigned long alen, const char *b)
{
    unsigned long i;
    for (i = 0; i < alen; i++) {
        char x = a[i], y = b[i];
        if (y == '\0')
            return 0;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return b[alen] == '\0';
}

static const char *const cache_names[CS_CPU_NCACHES] = { "I1", "D1", "L2", "LL" };

const char *cs_cpu_cache_name(unsigned i)
{
    return i < CS_CPU_NCACHES ? cache_names[i] : "?";
}

static const char *const inclusion_names[] = { "non-inclusive", "inclusive", "exclusive" };

/* The largest figures the format takes; cs_cpu_check holds a description
 * made another way (hwloc's topology) to them too, so that it prints as a
 * file that parses. */
#define SIZE_MAX_BYTES (1UL << (sizeof(unsigned long) > 4 ? 40 : 31))
#define WAYS_MAX (1UL << 20)
#define LINE_MAX_BYTES (1UL << 20)

/* ---------------------------------------------------------------------
 * Parsing
 * --------------------------------------------------------------------- */

typedef struct {
    const char *file;
    cs_cpu_error_t *err;
    unsigned line;          /* of the record being parsed */
} parser_t;

static int fail(parser_t *p, unsigned line, const char *a, const char *b, const char *c)
{
    text_t t = { p->err->message, sizeof p->err->message, 0 };
    put_str(&t, p->file);
    if (line != 0) {
        put_char(&t, ':');
        put_num(&t, line);
    }
    put_str(&t, ": ");
    put_str(&t, a);
    if (b)
        put_str(&t, b);
    if (c)
        put_str(&t, c);
    finish(&t);
    p->err->line = line;
    return -1;
}

/* A field's value as a NUL-terminated copy (values are short). */
#define VALUE_MAX 128

/* Parse a decimal number (sizes may end in K, M or G); 0 or -1. */
static int parse_number(const char *s, int allow_suffix, unsigned long limit, unsigned long *out)
{
    unsigned long v = 0, mult = 1;
    if (*s < '0' || *s > '9')
        return -1;
    while (*s >= '0' && *s <= '9') {
        if (v > (limit - (unsigned long)(*s - '0')) / 10)
            return -1;
        v = v * 10 + (unsigned long)(*s - '0');
        s++;
    }
    if (allow_suffix && *s != '\0') {
        switch (*s) {
        case 'k': case 'K': mult = 1UL << 10; break;
        case 'm': case 'M': mult = 1UL << 20; break;
        case 'g': case 'G': mult = 1UL << 30; break;
        default: return -1;
        }
        s++;
        if (v > limit / mult)
            return -1;
        v *= mult;
    }
    if (*s != '\0')
        return -1;
    *out = v;
    return 0;
}

static int parse_yes_no(const char *s, int *out)
{
    if (same_word(s, 3, "yes") && s[3] == '\0') {
        *out = 1;
        return 0;
    }
    if (same_word(s, 2, "no") && s[2] == '\0') {
        *out = 0;
        return 0;
    }
    return -1;
}

static unsigned long str_len(const char *s)
{
    unsigned long n = 0;
    while (s[n])
        n++;
    return n;
}

static void copy_str(char *dst, const char *src, unsigned long cap)
{
    unsigned long i;
    for (i = 0; src[i] && i + 1 < cap; i++)
        dst[i] = src[i];
    dst[i] = '\0';
}

/* Which record a keyword starts: 0..3 a cache, 4 cpu, 5 memory, -1 none. */
enum { REC_CPU = CS_CPU_NCACHES, REC_MEMORY, REC_COUNT };

static int record_kind(const char *w, unsigned long n)
{
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++)
        if (same_word(w, n, cache_names[i]))
            return (int)i;
    if (same_word(w, n, "cpu"))
        return REC_CPU;
    if (same_word(w, n, "memory"))
        return REC_MEMORY;
    return -1;
}

/* Fields a record may have; bit k of a record's "seen" mask. */
enum { F_SIZE, F_ASSOC, F_LINE, F_POLICY, F_LATENCY, F_INCLUSION,
       F_NAME, F_TITLE, F_WRITEBACK, F_SEED, F_BRANCH, F_QUIRKS, F_PREFETCHER, F_COUNT };
static const char *const field_names[F_COUNT] = {
    "size", "assoc", "line", "policy", "latency", "inclusion",
    "name", "title", "writeback", "seed", "branch-penalty", "cachegrind-quirks", "prefetcher"
};
#define PF_FIELD (1u << F_PREFETCHER)
static const unsigned field_masks[REC_COUNT] = {
    [CS_CPU_I1] = 0x1f, [CS_CPU_D1] = 0x1f | PF_FIELD, [CS_CPU_L2] = 0x3f | PF_FIELD,
    [CS_CPU_LL] = 0x3f | PF_FIELD, [REC_CPU] = 0xfc0, [REC_MEMORY] = 1u << F_LATENCY,
};
static const char *const field_lists[REC_COUNT] = {
    [CS_CPU_I1] = "size, assoc, line, policy or latency",
    [CS_CPU_D1] = "size, assoc, line, policy, latency or prefetcher",
    [CS_CPU_L2] = "size, assoc, line, policy, latency, inclusion or prefetcher",
    [CS_CPU_LL] = "size, assoc, line, policy, latency, inclusion or prefetcher",
    [REC_CPU] = "name, title, writeback, seed, branch-penalty or cachegrind-quirks",
    [REC_MEMORY] = "latency",
};

static const char *record_name(int kind)
{
    return kind < CS_CPU_NCACHES ? cache_names[kind] : kind == REC_CPU ? "cpu" : "memory";
}

/* Apply one field to the description. */
static int apply_field(parser_t *p, cs_cpu_t *cpu, int kind, int field, const char *value,
                       unsigned line)
{
    cs_cpu_cache_t *cc = kind < CS_CPU_NCACHES ? &cpu->cache[kind] : 0;
    const char *where = record_name(kind);
    unsigned long v;
    int yes;
    const char *err;

    switch (field) {
    case F_SIZE:
        if (parse_number(value, 1, SIZE_MAX_BYTES, &v) != 0)
            return fail(p, line, where, ": size: expected a number of bytes, optionally with "
                        "K, M or G (e.g. size=32K), not ", value);
        cc->geom.size = v;
        return 0;
    case F_ASSOC:
        if (parse_number(value, 0, WAYS_MAX, &v) != 0)
            return fail(p, line, where, ": assoc: expected a number of ways, not ", value);
        cc->geom.assoc = v;
        return 0;
    case F_LINE:
        if (parse_number(value, 0, LINE_MAX_BYTES, &v) != 0)
            return fail(p, line, where, ": line: expected a line size in bytes, not ", value);
        cc->geom.line_size = v;
        return 0;
    case F_POLICY:
        if (cs_policy_parse(value, &cc->policy, &err) != 0)
            return fail(p, line, where, ": policy: ", err);
        return 0;
    case F_PREFETCHER: {
        char msg[160];
        if (cs_pf_parse(value, &cc->prefetcher, msg, sizeof msg) != 0)
            return fail(p, line, where, ": prefetcher: ", msg);
        return 0;
    }
    case F_LATENCY:
        if (parse_number(value, 0, 100000, &v) != 0)
            return fail(p, line, where, ": latency: expected a number of cycles, not ", value);
        if (kind == REC_MEMORY)
            cpu->memory_latency = (unsigned)v;
        else
            cc->latency = (unsigned)v;
        return 0;
    case F_INCLUSION:
        for (v = 0; v < 3; v++)
            if (same_word(value, str_len(value), inclusion_names[v])) {
                cc->inclusion = (unsigned char)v;
                return 0;
            }
        return fail(p, line, where, ": inclusion: expected inclusive, non-inclusive or "
                    "exclusive, not ", value);
    case F_NAME:
        for (v = 0; value[v]; v++) {
            char ch = value[v];
            if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                  || ch == '-' || ch == '_' || ch == '.'))
                return fail(p, line, "cpu: name: use letters, digits, '-', '_' and '.' only, not ",
                            value, 0);
        }
        if (v == 0 || v >= CS_CPU_NAME_MAX)
            return fail(p, line, "cpu: name: expected 1 to 31 characters", 0, 0);
        copy_str(cpu->name, value, sizeof cpu->name);
        return 0;
    case F_TITLE:
        if (str_len(value) >= CS_CPU_TITLE_MAX)
            return fail(p, line, "cpu: title: at most 95 characters", 0, 0);
        for (v = 0; value[v]; v++)
            if (value[v] == '"')    /* the title is printed in double quotes */
                return fail(p, line, "cpu: title: no double quotes in a title, not ", value, 0);
        copy_str(cpu->title, value, sizeof cpu->title);
        return 0;
    case F_WRITEBACK:
    case F_QUIRKS:
        if (parse_yes_no(value, &yes) != 0)
            return fail(p, line, "cpu: ", field_names[field], ": expected yes or no");
        if (field == F_WRITEBACK)
            cpu->writeback = yes;
        else
            cpu->cachegrind_quirks = yes;
        return 0;
    case F_SEED:
        if (parse_number(value, 0, ~0UL, &v) != 0)
            return fail(p, line, "cpu: seed: expected a number, not ", value, 0);
        cpu->seed = v;
        return 0;
    default:    /* F_BRANCH */
        if (parse_number(value, 0, 100000, &v) != 0)
            return fail(p, line, "cpu: branch-penalty: expected a number of cycles, not ", value,
                        0);
        cpu->branch_penalty = (unsigned)v;
        return 0;
    }
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

static void set_defaults(cs_cpu_t *cpu)
{
    unsigned long k;
    for (k = 0; k < sizeof *cpu; k++)
        ((unsigned char *)cpu)[k] = 0;
    cpu->writeback = 1;
    cpu->seed = 1;
}

/* What each record has been given: line of its keyword, fields seen. */
typedef struct {
    unsigned line;
    unsigned seen;
} record_t;

static int check_complete(parser_t *p, cs_cpu_t *cpu, const record_t *rec)
{
    static const unsigned required_cache = (1u << F_SIZE) | (1u << F_ASSOC) | (1u << F_LINE)
                                         | (1u << F_LATENCY);
    static const char *const hints[F_COUNT] = {
        [F_SIZE] = " (e.g. size=32K)", [F_ASSOC] = " (e.g. assoc=8)",
        [F_LINE] = " (e.g. line=64)", [F_LATENCY] = " (cycles for a hit, e.g. latency=4)",
    };
    int k, f;

    for (k = 0; k < CS_CPU_NCACHES; k++) {
        if (rec[k].line == 0) {
            if (k == CS_CPU_L2)
                continue;
            return fail(p, 0, "no ", cache_names[k],
                        " line (I1, D1 and LL are required; L2 is optional)");
        }
        cpu->cache[k].present = 1;
        for (f = 0; f < F_COUNT; f++)
            if ((required_cache & (1u << f)) && !(rec[k].seen & (1u << f))) {
                text_t t = { p->err->message, sizeof p->err->message, 0 };
                fail(p, rec[k].line, cache_names[k], " has no ", field_names[f]);
                t.len = str_len(p->err->message);
                put_str(&t, hints[f]);
                finish(&t);
                return -1;
            }
    }
    if (rec[REC_MEMORY].line == 0 || !(rec[REC_MEMORY].seen & (1u << F_LATENCY)))
        return fail(p, rec[REC_MEMORY].line, "no memory latency (a line 'memory latency=N', "
                    "cycles for a load from memory)", 0, 0);
    return 0;
}

int cs_cpu_parse(cs_cpu_t *out, const char *text, unsigned long len, const char *file,
                 cs_cpu_error_t *err)
{
    parser_t p = { file, err, 0 };
    record_t rec[REC_COUNT];
    cs_cpu_t cpu;
    unsigned long pos = 0;
    unsigned line = 0;
    int kind = -1, k;

    set_defaults(&cpu);
    for (k = 0; k < REC_COUNT; k++) {
        rec[k].line = 0;
        rec[k].seen = 0;
    }
    err->line = 0;
    err->message[0] = '\0';

    while (pos < len) {
        unsigned long i = pos, end;
        int continuation;

        line++;
        for (end = pos; end < len && text[end] != '\n'; end++)
            if (text[end] == '\0')
                return fail(&p, line, "unexpected NUL byte (not a text file?)", 0, 0);
        pos = end < len ? end + 1 : end;
        continuation = i < end && is_blank(text[i]);
        while (i < end && is_blank(text[i]))
            i++;
        if (i == end || text[i] == '#')
            continue;
        if (!continuation) {
            unsigned long w = i;
            while (i < end && !is_blank(text[i]) && text[i] != '#' && text[i] != '=')
                i++;
            kind = record_kind(text + w, i - w);
            if (kind < 0 || (i < end && text[i] == '=')) {
                char word[VALUE_MAX];
                unsigned long n = i - w < VALUE_MAX - 1 ? i - w : VALUE_MAX - 1, j;
                for (j = 0; j < n; j++)
                    word[j] = text[w + j];
                word[n] = '\0';
                return fail(&p, line, "unknown keyword '", word,
                            "' (a line starts with cpu, I1, D1, L2, LL or memory)");
            }
            if (rec[kind].line != 0) {
                text_t t = { err->message, sizeof err->message, 0 };
                fail(&p, line, record_name(kind), " given twice (first on line ", 0);
                t.len = str_len(err->message);
                put_num(&t, rec[kind].line);
                put_char(&t, ')');
                finish(&t);
                return -1;
            }
            rec[kind].line = line;
        } else if (kind < 0) {
            return fail(&p, line, "an indented line continues the line above, but there is none",
                        0, 0);
        }
        /* key=value fields */
        for (;;) {
            char key[VALUE_MAX], value[VALUE_MAX];
            unsigned long ks, kn, vn = 0;
            int field;

            while (i < end && is_blank(text[i]))
                i++;
            if (i == end || text[i] == '#')
                break;
            ks = i;
            while (i < end && !is_blank(text[i]) && text[i] != '=' && text[i] != '#')
                i++;
            kn = i - ks;
            if (kn >= VALUE_MAX)
                kn = VALUE_MAX - 1;
            for (vn = 0; vn < kn; vn++)
                key[vn] = text[ks + vn];
            key[kn] = '\0';
            if (i == end || text[i] != '=')
                return fail(&p, line, "expected key=value, found '", key, "'");
            i++;
            vn = 0;
            if (i < end && text[i] == '"') {
                i++;
                while (i < end && text[i] != '"') {
                    if (vn + 1 < VALUE_MAX)
                        value[vn++] = text[i];
                    i++;
                }
                if (i == end)
                    return fail(&p, line, "unterminated quoted value for ", key, 0);
                i++;
            } else {
                while (i < end && !is_blank(text[i]) && text[i] != '#') {
                    if (vn + 1 < VALUE_MAX)
                        value[vn++] = text[i];
                    i++;
                }
            }
            value[vn] = '\0';
            for (field = 0; field < F_COUNT; field++)
                if (same_word(key, kn, field_names[field]))
                    break;
            if (field == F_COUNT || !(field_masks[kind] & (1u << field))) {
                text_t t = { err->message, sizeof err->message, 0 };
                fail(&p, line, "unknown field '", key, "' for ");
                t.len = str_len(err->message);
                put_str(&t, record_name(kind));
                put_str(&t, " (expected ");
                put_str(&t, field_lists[kind]);
                put_char(&t, ')');
                finish(&t);
                return -1;
            }
            if (rec[kind].seen & (1u << field))
                return fail(&p, line, "field '", field_names[field], "' given twice");
            rec[kind].seen |= 1u << field;
            if (apply_field(&p, &cpu, kind, field, value, line) != 0)
                return -1;
        }
    }
    if (check_complete(&p, &cpu, rec) != 0)
        return -1;
    *out = cpu;
    return 0;
}

/* ---------------------------------------------------------------------
 * Checks
 * --------------------------------------------------------------------- */

static int check_fail(char *msg, unsigned long msglen, const char *a, const char *b,
                      const char *c, const char *d)
{
    text_t t = { msg, msglen, 0 };
    put_str(&t, a);
    if (b)
        put_str(&t, b);
    if (c)
        put_str(&t, c);
    if (d)
        put_str(&t, d);
    finish(&t);
    return -1;
}

/* "latencies must grow outwards: L2's (4) is not above D1's (4)" */
static int latency_fail(char *msg, unsigned long msglen, const char *outer, unsigned outer_lat,
                        const char *inner, unsigned inner_lat)
{
    text_t t = { msg, msglen, 0 };
    put_str(&t, "latencies must grow outwards: ");
    put_str(&t, outer);
    put_str(&t, "'s (");
    put_num(&t, outer_lat);
    put_str(&t, ") is not above ");
    put_str(&t, inner);
    put_str(&t, "'s (");
    put_num(&t, inner_lat);
    put_char(&t, ')');
    finish(&t);
    return -1;
}

/* Prefetchers sit on D1, L2 or a non-exclusive LL, ipstride on D1 only,
 * and need the general model. */
static int check_prefetchers(const cs_cpu_t *cpu, char *msg, unsigned long msglen)
{
    unsigned i;
    for (i = 0; i < CS_CPU_NCACHES; i++) {
        unsigned char kinds = cpu->cache[i].prefetcher.kinds;
        if (kinds == 0 || !cpu->cache[i].present)
            continue;
        if (i == CS_CPU_I1)
            return check_fail(msg, msglen, "I1: prefetchers are modelled on D1, L2 and LL only",
                              0, 0, 0);
        if ((kinds & CS_PF_IPSTRIDE) && i != CS_CPU_D1)
            return check_fail(msg, msglen, cache_names[i], ": ipstride needs the loads' "
                              "instruction addresses, which only D1 sees", 0, 0);
        if (i == CS_CPU_LL && cpu->cache[i].inclusion == CS_CPU_EXCLUSIVE)
            return check_fail(msg, msglen, "LL: an exclusive LL takes in only L2's victims, "
                              "so it has no prefetcher", 0, 0, 0);
        if (cpu->cachegrind_quirks)
            return check_fail(msg, msglen, cache_names[i], ": prefetchers need "
                              "cachegrind-quirks=no (the general model)", 0, 0);
    }
    return 0;
}

int cs_cpu_check(const cs_cpu_t *cpu, char *msg, unsigned long msglen)
{
    const char *err;
    const cs_cpu_cache_t *c = cpu->cache;
    unsigned i, first_present = CS_CPU_I1, prev_level_cache;

    for (i = 0; i < CS_CPU_NCACHES; i++) {
        if (!c[i].present) {
            if (i != CS_CPU_L2)
                return check_fail(msg, msglen, "no ", cache_names[i], " cache", 0);
            continue;
        }
        if (cs_geometry_check(&c[i].geom, &err) != 0)
            return check_fail(msg, msglen, cache_names[i], ": ", err, 0);
        if (c[i].geom.size > SIZE_MAX_BYTES || c[i].geom.assoc > WAYS_MAX
            || c[i].geom.line_size > LINE_MAX_BYTES)
            return check_fail(msg, msglen, cache_names[i], ": larger than a description can be "
                              "(size up to 1T, assoc and line up to 1M)", 0, 0);
        if (cs_policy_check(&c[i].policy, c[i].geom.assoc, &err) != 0)
            return check_fail(msg, msglen, cache_names[i], ": ", err, 0);
        if (c[i].latency == 0)
            return check_fail(msg, msglen, cache_names[i], ": the latency must be at least 1 cycle",
                              0, 0);
        if (i <= CS_CPU_D1 && c[i].inclusion != CS_CPU_NON_INCLUSIVE)
            return check_fail(msg, msglen, cache_names[i],
                              ": only L2 and LL have an inclusion policy", 0, 0);
    }
    if (check_prefetchers(cpu, msg, msglen) != 0)
        return -1;
    if (c[CS_CPU_L2].present && c[CS_CPU_L2].inclusion == CS_CPU_EXCLUSIVE)
        return check_fail(msg, msglen, "L2: inclusion=exclusive is supported for LL only "
                          "(a victim cache of L2, or of I1 and D1 when there is no L2)", 0, 0, 0);
    if (cpu->cachegrind_quirks) {
        if (cpu->writeback || c[CS_CPU_LL].inclusion != CS_CPU_NON_INCLUSIVE
            || (c[CS_CPU_L2].present && c[CS_CPU_L2].inclusion != CS_CPU_NON_INCLUSIVE))
            return check_fail(msg, msglen, "cachegrind-quirks=yes needs writeback=no and "
                              "non-inclusive caches (Cachegrind models neither)", 0, 0, 0);
    } else {
        for (i = CS_CPU_D1; i < CS_CPU_NCACHES; i++)
            if (c[i].present && c[i].geom.line_size != c[first_present].geom.line_size)
                return check_fail(msg, msglen, cache_names[i], ": the line size differs from I1's; "
                                  "all caches need one line size unless cachegrind-quirks=yes "
                                  "(Cachegrind's model, without inclusion or write-back)", 0, 0);
    }
    /* An inclusive cache must be able to hold what is inside it. */
    for (i = CS_CPU_L2; i < CS_CPU_NCACHES; i++) {
        unsigned j;
        if (!c[i].present || c[i].inclusion != CS_CPU_INCLUSIVE)
            continue;
        for (j = CS_CPU_I1; j < i; j++)
            if (c[j].present && c[j].geom.size >= c[i].geom.size)
                return check_fail(msg, msglen, cache_names[i], " is inclusive but not larger than ",
                                  cache_names[j], "");
    }
    /* Latencies grow outwards, so that every miss costs cycles. */
    prev_level_cache = c[CS_CPU_I1].latency > c[CS_CPU_D1].latency ? CS_CPU_I1 : CS_CPU_D1;
    for (i = CS_CPU_L2; i <= CS_CPU_NCACHES; i++) {
        unsigned lat = i < CS_CPU_NCACHES ? c[i].latency : cpu->memory_latency;
        if (i < CS_CPU_NCACHES && !c[i].present)
            continue;
        if (lat <= c[prev_level_cache].latency)
            return latency_fail(msg, msglen, i < CS_CPU_NCACHES ? cache_names[i] : "memory", lat,
                                cache_names[prev_level_cache], c[prev_level_cache].latency);
        prev_level_cache = i;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Printing
 * --------------------------------------------------------------------- */

static void put_size(text_t *t, unsigned long v)
{
    static const char suffix[] = { 'G', 'M', 'K' };
    static const unsigned shift[] = { 30, 20, 10 };
    unsigned k;
    for (k = 0; k < 3; k++)
        if (v != 0 && (v & ((1UL << shift[k]) - 1)) == 0) {
            put_num(t, v >> shift[k]);
            put_char(t, suffix[k]);
            return;
        }
    put_num(t, v);
}

unsigned long cs_cpu_print(const cs_cpu_t *cpu, char *buf, unsigned long buflen)
{
    text_t t = { buf, buflen, 0 };
    unsigned i;

    put_str(&t, "# cachesim CPU description (format: docs/cpu-models.md)\ncpu");
    if (cpu->name[0]) {
        put_str(&t, " name=");
        put_str(&t, cpu->name);
    }
    if (cpu->title[0]) {
        put_str(&t, " title=\"");
        put_str(&t, cpu->title);
        put_char(&t, '"');
    }
    put_str(&t, "\n    writeback=");
    put_str(&t, cpu->writeback ? "yes" : "no");
    put_str(&t, " seed=");
    put_num(&t, cpu->seed);
    put_str(&t, " branch-penalty=");
    put_num(&t, cpu->branch_penalty);
    put_str(&t, " cachegrind-quirks=");
    put_str(&t, cpu->cachegrind_quirks ? "yes" : "no");
    put_char(&t, '\n');
    for (i = 0; i < CS_CPU_NCACHES; i++) {
        const cs_cpu_cache_t *c = &cpu->cache[i];
        char policy[40];
        if (!c->present)
            continue;
        put_str(&t, cache_names[i]);
        put_str(&t, "  size=");
        put_size(&t, c->geom.size);
        put_str(&t, " assoc=");
        put_num(&t, c->geom.assoc);
        put_str(&t, " line=");
        put_num(&t, c->geom.line_size);
        put_str(&t, " policy=");
        cs_policy_name(&c->policy, policy, sizeof policy);
        put_str(&t, policy);
        put_str(&t, " latency=");
        put_num(&t, c->latency);
        if (i >= CS_CPU_L2) {
            put_str(&t, " inclusion=");
            put_str(&t, inclusion_names[c->inclusion]);
        }
        if (c->prefetcher.kinds != 0) {
            char pf[128];
            cs_pf_name(&c->prefetcher, pf, sizeof pf);
            put_str(&t, "\n    prefetcher=");
            put_str(&t, pf);
        }
        put_char(&t, '\n');
    }
    put_str(&t, "memory latency=");
    put_num(&t, cpu->memory_latency);
    put_char(&t, '\n');
    finish(&t);
    return t.len;
}

int cs_cpu_same_model(const cs_cpu_t *a, const cs_cpu_t *b)
{
    unsigned i;
    if (a->memory_latency != b->memory_latency || a->branch_penalty != b->branch_penalty
        || a->writeback != b->writeback || a->cachegrind_quirks != b->cachegrind_quirks
        || a->seed != b->seed)
        return 0;
    for (i = 0; i < CS_CPU_NCACHES; i++) {
        const cs_cpu_cache_t *x = &a->cache[i], *y = &b->cache[i];
        if (x->present != y->present)
            return 0;
        if (!x->present)
            continue;
        if (x->geom.size != y->geom.size || x->geom.assoc != y->geom.assoc
            || x->geom.line_size != y->geom.line_size || x->latency != y->latency
            || x->inclusion != y->inclusion || !cs_policy_equal(&x->policy, &y->policy)
            || !cs_pf_equal(&x->prefetcher, &y->prefetcher))
            return 0;
    }
    return 1;
}

void cs_cpu_cachegrind(cs_cpu_t *out, const cs_geometry_t *i1, const cs_geometry_t *d1,
                       const cs_geometry_t *ll)
{
    set_defaults(out);
    copy_str(out->name, "cachegrind", sizeof out->name);
    copy_str(out->title, "Cachegrind's model: I1, D1 and LL, LRU, no inclusion, no write-back",
             sizeof out->title);
    out->writeback = 0;
    out->cachegrind_quirks = 1;
    out->cache[CS_CPU_I1].geom = *i1;
    out->cache[CS_CPU_D1].geom = *d1;
    out->cache[CS_CPU_LL].geom = *ll;
    out->cache[CS_CPU_I1].present = 1;
    out->cache[CS_CPU_D1].present = 1;
    out->cache[CS_CPU_LL].present = 1;
    /* lru and non-inclusive are the zero values */
    out->cache[CS_CPU_I1].latency = 1;
    out->cache[CS_CPU_D1].latency = 1;
    out->cache[CS_CPU_LL].latency = 11;
    out->memory_latency = 111;
    out->branch_penalty = 10;
}

/* ---------------------------------------------------------------------
 * The cycle estimate
 * --------------------------------------------------------------------- */

static void put_term(text_t *t, unsigned long weight, const char *event)
{
    if (weight == 0)
        return;
    put_str(t, " + ");
    if (weight != 1) {
        put_num(t, weight);
        put_char(t, ' ');
    }
    put_str(t, event);
}

unsigned long cs_cpu_cest_event(const cs_cpu_t *cpu, int with_branches, char *buf,
                                unsigned long buflen)
{
    text_t t = { buf, buflen, 0 };
    const cs_cpu_cache_t *c = cpu->cache;
    int l2 = c[CS_CPU_L2].present;
    unsigned after_l1 = l2 ? c[CS_CPU_L2].latency : c[CS_CPU_LL].latency;
    unsigned long wi = after_l1 - c[CS_CPU_I1].latency;
    unsigned long wd = after_l1 - c[CS_CPU_D1].latency;
    unsigned long wll = cpu->memory_latency - c[CS_CPU_LL].latency;

    put_str(&t, "event: CEst = Ir");
    put_term(&t, wi, "I1mr");
    put_term(&t, wd, "D1mr");
    put_term(&t, wd, "D1mw");
    if (l2) {
        unsigned long w2 = c[CS_CPU_LL].latency - c[CS_CPU_L2].latency;
        put_term(&t, w2, "I2mr");
        put_term(&t, w2, "D2mr");
        put_term(&t, w2, "D2mw");
    }
    put_term(&t, wll, "ILmr");
    put_term(&t, wll, "DLmr");
    put_term(&t, wll, "DLmw");
    if (with_branches) {
        put_term(&t, cpu->branch_penalty, "Bcm");
        put_term(&t, cpu->branch_penalty, "Bim");
    }
    put_str(&t, " : Cycle estimate");
    finish(&t);
    return t.len;
}
