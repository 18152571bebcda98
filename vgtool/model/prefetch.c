/* prefetch.c - the prefetchers of prefetch.h: their text, and the lines
 * each asks for on a trigger or a load. */
#include "prefetch.h"

/* ---------------------------------------------------------------------
 * Names and parameters
 * --------------------------------------------------------------------- */

static const struct {
    const char *name;
    unsigned char bit;
} kinds[] = {
    { "nextline", CS_PF_NEXTLINE },
    { "tagged", CS_PF_TAGGED },
    { "adjacent", CS_PF_ADJACENT },
    { "ipstride", CS_PF_IPSTRIDE },
    { "stream", CS_PF_STREAM },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* A parameter: which kind has it, its range, its default, where it lives. */
typedef struct {
    unsigned char kind;
    const char *name;
    unsigned long min, max, def;
    int power_of_two;
} param_t;

enum { P_IP_ENTRIES, P_IP_DEGREE, P_IP_CONFIDENCE, P_IP_MAX_STRIDE,
       P_STREAMS, P_DISTANCE, P_DEGREE, NPARAMS };

static const param_t params[NPARAMS] = {
    [P_IP_ENTRIES] = { CS_PF_IPSTRIDE, "entries", 1, 4096, 256, 1 },
    [P_IP_DEGREE] = { CS_PF_IPSTRIDE, "degree", 1, 16, 1, 0 },
    [P_IP_CONFIDENCE] = { CS_PF_IPSTRIDE, "confidence", 1, 3, 2, 0 },
    [P_IP_MAX_STRIDE] = { CS_PF_IPSTRIDE, "max-stride", 1, 4096, 2048, 0 },
    [P_STREAMS] = { CS_PF_STREAM, "streams", 1, 64, 32, 0 },
    [P_DISTANCE] = { CS_PF_STREAM, "distance", 1, 64, 20, 0 },
    [P_DEGREE] = { CS_PF_STREAM, "degree", 1, 16, 2, 0 },
};

static unsigned long get_param(const cs_pf_config_t *c, unsigned p)
{
    switch (p) {
    case P_IP_ENTRIES: return c->ip_entries;
    case P_IP_DEGREE: return c->ip_degree;
    case P_IP_CONFIDENCE: return c->ip_confidence;
    case P_IP_MAX_STRIDE: return c->ip_max_stride;
    case P_STREAMS: return c->streams;
    case P_DISTANCE: return c->distance;
    default: return c->degree;
    }
}

static void set_param(cs_pf_config_t *c, unsigned p, unsigned long v)
{
    switch (p) {
    case P_IP_ENTRIES: c->ip_entries = (unsigned short)v; break;
    case P_IP_DEGREE: c->ip_degree = (unsigned char)v; break;
    case P_IP_CONFIDENCE: c->ip_confidence = (unsigned char)v; break;
    case P_IP_MAX_STRIDE: c->ip_max_stride = (unsigned short)v; break;
    case P_STREAMS: c->streams = (unsigned char)v; break;
    case P_DISTANCE: c->distance = (unsigned char)v; break;
    default: c->degree = (unsigned char)v; break;
    }
}

/* A message or a name being written into a caller's buffer. */
typedef struct {
    char *buf;
    unsigned long cap, len;
} out_t;

static void put_c(out_t *o, char ch)
{
    if (o->len + 1 < o->cap)
        o->buf[o->len] = ch;
    o->len++;
}

/* Up to n characters of s (all of it if n is ~0UL). */
static void put_n(out_t *o, const char *s, unsigned long n)
{
    unsigned long i;
    for (i = 0; i < n && s[i] != '\0'; i++)
        put_c(o, s[i]);
}

static void put_s(out_t *o, const char *s)
{
    put_n(o, s, ~0UL);
}

static void put_u(out_t *o, unsigned long v)
{
    char d[24];
    int n = 0;
    do
        d[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (n > 0)
        put_c(o, d[--n]);
}

static unsigned long done(out_t *o)
{
    if (o->cap > 0)
        o->buf[o->len < o->cap ? o->len : o->cap - 1] = '\0';
    return o->len;
}

static char lower(char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Is s[0..n) the word w (case-insensitive)? */
static int is_word(const char *s, unsigned long n, const char *w)
{
    unsigned long i;
    for (i = 0; i < n; i++)
        if (w[i] == '\0' || lower(s[i]) != w[i])
            return 0;
    return w[n] == '\0';
}

static const char kind_list[] =
    "none, nextline, tagged, adjacent, ipstride or stream, joined by '+' "
    "(e.g. nextline+ipstride)";

/* "what: 'the text'" plus a tail, as the message; returns -1. */
static int bad(char *msg, unsigned long msglen, const char *what, const char *s, unsigned long n,
               const char *tail)
{
    out_t o = { msg, msglen, 0 };
    put_s(&o, what);
    if (s != 0) {
        put_s(&o, " '");
        put_n(&o, s, n);
        put_c(&o, '\'');
    }
    put_s(&o, tail);
    done(&o);
    return -1;
}

/* Parse "PARAM=VALUE,..." in s[0..n) for kind k. */
static int parse_params(const char *s, unsigned long n, unsigned k, cs_pf_config_t *c, char *msg,
                        unsigned long msglen)
{
    unsigned long i = 0;
    while (i < n) {
        unsigned long ks = i, kn, vs, vn, v = 0, p;
        while (i < n && s[i] != '=' && s[i] != ',')
            i++;
        kn = i - ks;
        for (p = 0; p < NPARAMS; p++)
            if (params[p].kind == kinds[k].bit && is_word(s + ks, kn, params[p].name))
                break;
        if (p == NPARAMS) {
            out_t o = { msg, msglen, 0 };
            unsigned q, first = 1;
            put_s(&o, kinds[k].name);
            put_s(&o, ": unknown parameter '");
            put_n(&o, s + ks, kn);
            put_s(&o, "' (expected ");
            for (q = 0; q < NPARAMS; q++)
                if (params[q].kind == kinds[k].bit) {
                    if (!first)
                        put_s(&o, ", ");
                    put_s(&o, params[q].name);
                    put_s(&o, "=N");
                    first = 0;
                }
            put_c(&o, ')');
            done(&o);
            return -1;
        }
        if (i == n || s[i] != '=')
            return bad(msg, msglen, "expected PARAMETER=VALUE, not", s + ks, kn, "");
        vs = ++i;
        while (i < n && s[i] != ',')
            i++;
        vn = i - vs;
        if (vn == 0 || vn > 9) {
            v = 0;          /* empty or too long: out of range */
        } else {
            unsigned long j;
            for (j = vs; j < i; j++) {
                if (s[j] < '0' || s[j] > '9') {
                    v = 0;
                    break;
                }
                v = v * 10 + (unsigned long)(s[j] - '0');
            }
        }
        if (v < params[p].min || v > params[p].max || (params[p].power_of_two && (v & (v - 1)))) {
            out_t o = { msg, msglen, 0 };
            put_s(&o, kinds[k].name);
            put_s(&o, ": ");
            put_s(&o, params[p].name);
            put_s(&o, params[p].power_of_two ? ": expected a power of two from " :
                                               ": expected a number from ");
            put_u(&o, params[p].min);
            put_s(&o, " to ");
            put_u(&o, params[p].max);
            put_s(&o, ", not '");
            put_n(&o, s + vs, vn);
            put_c(&o, '\'');
            done(&o);
            return -1;
        }
        set_param(c, p, v);
        if (i < n)
            i++;            /* the ',' */
    }
    return 0;
}

int cs_pf_parse(const char *text, cs_pf_config_t *out, char *msg, unsigned long msglen)
{
    cs_pf_config_t c = { 0, 0, 0, 0, 0, 0, 0, 0 };
    unsigned long i = 0, p;
    int none = 0;

    if (text[0] == '\0')
        return bad(msg, msglen, "no prefetcher given: expected ", 0, 0, kind_list);
    for (p = 0; p < NPARAMS; p++)
        set_param(&c, (unsigned)p, params[p].def);
    for (;;) {
        unsigned long ws = i, wn, ps, pn;
        unsigned k;
        while (text[i] != '\0' && text[i] != ':' && text[i] != '+')
            i++;
        wn = i - ws;
        ps = pn = 0;
        if (text[i] == ':') {
            ps = ++i;
            while (text[i] != '\0' && text[i] != '+')
                i++;
            pn = i - ps;
        }
        if (is_word(text + ws, wn, "none")) {
            if (ps != 0)
                return bad(msg, msglen, "none takes no parameters", 0, 0, "");
            none = 1;
        } else {
            for (k = 0; k < NKINDS; k++)
                if (is_word(text + ws, wn, kinds[k].name))
                    break;
            if (k == NKINDS) {
                out_t o = { msg, msglen, 0 };
                put_s(&o, "unknown prefetcher '");
                put_n(&o, text + ws, wn);
                put_s(&o, "' (expected ");
                put_s(&o, kind_list);
                put_c(&o, ')');
                done(&o);
                return -1;
            }
            if (c.kinds & kinds[k].bit)
                return bad(msg, msglen, "prefetcher", text + ws, wn, " given twice");
            c.kinds |= kinds[k].bit;
            if (ps != 0) {
                int has_params = 0;
                for (p = 0; p < NPARAMS; p++)
                    has_params |= params[p].kind == kinds[k].bit;
                if (!has_params)
                    return bad(msg, msglen, "prefetcher", text + ws, wn, " takes no parameters");
                if (pn == 0)
                    return bad(msg, msglen, "expected PARAMETER=VALUE after", text + ws, wn + 1,
                               "");
                if (parse_params(text + ps, pn, k, &c, msg, msglen) != 0)
                    return -1;
            }
        }
        if (text[i] == '\0')
            break;
        i++;                /* the '+' */
    }
    if (none && c.kinds != 0)
        return bad(msg, msglen, "none cannot be combined with other prefetchers", 0, 0, "");
    if ((c.kinds & CS_PF_NEXTLINE) && (c.kinds & CS_PF_TAGGED))
        return bad(msg, msglen, "nextline and tagged cannot be combined (tagged prefetches "
                   "the next line on misses too)", 0, 0, "");
    /* Parameters of kinds not chosen keep no value, so that equal
     * configurations compare equal field by field. */
    for (p = 0; p < NPARAMS; p++)
        if (!(c.kinds & params[p].kind))
            set_param(&c, (unsigned)p, 0);
    *out = c;
    return 0;
}

unsigned long cs_pf_name(const cs_pf_config_t *c, char *buf, unsigned long buflen)
{
    out_t o = { buf, buflen, 0 };
    unsigned k, p;
    int first_kind = 1;

    if (c->kinds == 0)
        put_s(&o, "none");
    for (k = 0; k < NKINDS; k++) {
        char sep = ':';
        if (!(c->kinds & kinds[k].bit))
            continue;
        if (!first_kind)
            put_c(&o, '+');
        first_kind = 0;
        put_s(&o, kinds[k].name);
        for (p = 0; p < NPARAMS; p++)
            if (params[p].kind == kinds[k].bit && get_param(c, p) != params[p].def) {
                put_c(&o, sep);
                sep = ',';
                put_s(&o, params[p].name);
                put_c(&o, '=');
                put_u(&o, get_param(c, p));
            }
    }
    return done(&o);
}

int cs_pf_equal(const cs_pf_config_t *a, const cs_pf_config_t *b)
{
    unsigned p;
    if (a->kinds != b->kinds)
        return 0;
    for (p = 0; p < NPARAMS; p++)
        if ((a->kinds & params[p].kind) && get_param(a, p) != get_param(b, p))
            return 0;
    return 1;
}

/* ---------------------------------------------------------------------
 * State
 * --------------------------------------------------------------------- */

static unsigned long round8(unsigned long n)
{
    return (n + 7) & ~7UL;
}

/* Slots of the page hash of n streams: a power of two, at least 2n. */
static unsigned by_page_slots(unsigned n)
{
    unsigned slots = 4;
    while (slots < 2 * n)
        slots *= 2;
    return slots;
}

unsigned long cs_pf_storage_bytes(const cs_pf_config_t *c)
{
    unsigned long bytes = 0;
    if (c->kinds & CS_PF_IPSTRIDE)
        bytes += round8(c->ip_entries * sizeof(cs_pf_ip_entry_t));
    if (c->kinds & CS_PF_STREAM)
        bytes += round8(c->streams * sizeof(cs_pf_stream_t))
               + by_page_slots(c->streams) * sizeof(unsigned long) + round8(by_page_slots(c->streams));
    return bytes;
}

void cs_pf_init(cs_pf_t *pf, const cs_pf_config_t *c, unsigned line_bits, void *zeroed)
{
    unsigned char *next = zeroed;
    pf->cfg = *c;
    pf->line_bits = line_bits;
    pf->ip = 0;
    pf->streams = 0;
    pf->by_page = 0;
    pf->slot_page = 0;
    if (c->kinds & CS_PF_IPSTRIDE) {
        pf->ip = (cs_pf_ip_entry_t *)next;
        next += round8(c->ip_entries * sizeof(cs_pf_ip_entry_t));
    }
    if (c->kinds & CS_PF_STREAM) {
        pf->streams = (cs_pf_stream_t *)next;
        next += round8(c->streams * sizeof(cs_pf_stream_t));
        pf->slot_page = (unsigned long *)next;
        next += by_page_slots(c->streams) * sizeof(unsigned long);
        pf->by_page = next;
        pf->by_page_mask = by_page_slots(c->streams) - 1;
    }
    cs_pf_flush(pf);
}

void cs_pf_flush(cs_pf_t *pf)
{
    unsigned long i, n = pf->cfg.streams;
    if (pf->ip != 0)
        for (i = 0; i < pf->cfg.ip_entries; i++)
            pf->ip[i].used = 0;
    if (pf->streams == 0)
        return;
    /* recency list: entry n-1 newest ... entry 0 oldest, so that unused
     * entries are taken in order */
    for (i = 0; i < n; i++) {
        pf->streams[i].used = 0;
        pf->streams[i].older = (unsigned char)(i - 1);
        pf->streams[i].newer = (unsigned char)(i + 1);
    }
    pf->newest = (unsigned char)(n - 1);
    pf->oldest = 0;
    for (i = 0; i <= pf->by_page_mask; i++)
        pf->by_page[i] = 0;
}

/* ---------------------------------------------------------------------
 * What to prefetch
 * --------------------------------------------------------------------- */

/* Where page's entry would sit in the page hash with no collision. */
static unsigned long page_home(const cs_pf_t *pf, unsigned long page)
{
    return (unsigned long)((page * 0x9E3779B97F4A7C15ULL) >> 40) & pf->by_page_mask;
}

/* The page hash: where page's entry is listed, or the empty slot where
 * it would go (linear probing). */
static unsigned long page_slot(const cs_pf_t *pf, unsigned long page)
{
    unsigned long i = page_home(pf, page);
    while (pf->by_page[i] != 0 && pf->slot_page[i] != page)
        i = (i + 1) & pf->by_page_mask;
    return i;
}

/* Take entry e's page out of the hash, moving back each later entry of
 * the probe run whose home is not cyclically in (hole, j], so that every
 * entry stays reachable from its home.  Returns the slot left empty. */
static unsigned long page_unlist(cs_pf_t *pf, unsigned e)
{
    unsigned long hole = pf->streams[e].slot, j = hole, mask = pf->by_page_mask;
    for (;;) {
        unsigned long home;
        j = (j + 1) & mask;
        if (pf->by_page[j] == 0)
            break;
        home = page_home(pf, pf->slot_page[j]);
        if (((j - home) & mask) < ((j - hole) & mask))
            continue;           /* home lies after the hole: stays */
        pf->by_page[hole] = pf->by_page[j];
        pf->slot_page[hole] = pf->slot_page[j];
        pf->streams[pf->by_page[j] - 1].slot = (unsigned char)hole;
        pf->by_page[j] = 0;
        hole = j;
    }
    pf->by_page[hole] = 0;
    return hole;
}

/* Make entry e the most recently triggered. */
static void make_newest(cs_pf_t *pf, unsigned e)
{
    cs_pf_stream_t *s = pf->streams;
    if (pf->newest == e)
        return;
    if (pf->oldest == e)
        pf->oldest = s[e].newer;
    else
        s[s[e].older].newer = s[e].newer;
    s[s[e].newer].older = s[e].older;
    s[e].older = pf->newest;
    s[pf->newest].newer = (unsigned char)e;
    pf->newest = (unsigned char)e;
}

static unsigned stream_trigger(cs_pf_t *pf, unsigned long line, unsigned long *targets)
{
    cs_pf_stream_t *s;
    unsigned long page = cs_pf_page_of(pf, line), slot = page_slot(pf, page);
    unsigned n = 0, e;
    long dir;

    if (pf->by_page[slot] == 0) {
        /* the oldest entry (the first unused one while there are) */
        e = pf->oldest;
        s = &pf->streams[e];
        if (s->used) {
            /* The new page's probe ran from its home to the empty `slot`;
             * the only slot the removal empties is `hole`, which comes
             * first if it lies on that run. */
            unsigned long home = page_home(pf, page), hole = page_unlist(pf, e);
            if (((hole - home) & pf->by_page_mask) < ((slot - home) & pf->by_page_mask))
                slot = hole;
        }
        pf->by_page[slot] = (unsigned char)(e + 1);
        pf->slot_page[slot] = page;
        s->slot = (unsigned char)slot;
        make_newest(pf, e);
        s->used = 1;
        s->page = page;
        s->last = s->front = line;
        s->dir = 0;
        return 0;
    }
    e = pf->by_page[slot] - 1u;
    s = &pf->streams[e];
    make_newest(pf, e);
    if (s->dir == 0) {
        if (line == s->last)
            return 0;
        s->dir = line > s->last ? 1 : -1;
        s->front = line;
    } else if (s->dir > 0 ? line < s->last : line > s->last) {
        s->dir = 0;
        s->last = s->front = line;
        return 0;
    }
    s->last = line;
    dir = s->dir;
    if (dir > 0 ? s->front < line : s->front > line)
        s->front = line;
    while (n < pf->cfg.degree
           && (dir > 0 ? s->front - line : line - s->front) < pf->cfg.distance) {
        unsigned long next = s->front + (unsigned long)dir;
        if (cs_pf_page_of(pf, next) != page)
            break;
        s->front = next;
        targets[n++] = next;
    }
    return n;
}

unsigned cs_pf_trigger(cs_pf_t *pf, unsigned long line, int missed, unsigned long *targets)
{
    unsigned n = 0;
    unsigned char k = pf->cfg.kinds;

    if (((k & CS_PF_NEXTLINE) && missed) || (k & CS_PF_TAGGED))
        if (cs_pf_page_of(pf, line + 1) == cs_pf_page_of(pf, line))
            targets[n++] = line + 1;
    if ((k & CS_PF_ADJACENT) && missed && cs_pf_page_of(pf, line ^ 1) == cs_pf_page_of(pf, line))
        targets[n++] = line ^ 1;
    if (k & CS_PF_STREAM)
        n += stream_trigger(pf, line, targets + n);
    return n;
}
