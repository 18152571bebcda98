/* test_prefetch.c - host tests of the prefetchers (vgtool/model/
 * prefetch.h) and of how the hierarchy runs them: their text and the
 * description format; each kind's targets on crafted triggers and loads;
 * exact counts for a sequential read of 2^20 lines (issue 27's table), a
 * random pointer chase, and an IP-stride loop; useful-prefetch and
 * writeback accounting; the fast exit staying exact. */
#include "unit.h"
#include "hier_fixture.h"
#include "model/presets.h"

/* ---------------------------------------------------------------------
 * Text
 * --------------------------------------------------------------------- */

static int parse(const char *text, cs_pf_config_t *c, char *msg)
{
    return cs_pf_parse(text, c, msg, 256);
}

static int named(const char *text, const char *canonical)
{
    cs_pf_config_t c, again;
    char msg[256], name[256];
    if (parse(text, &c, msg) != 0) {
        fprintf(stderr, "%s: %s\n", text, msg);
        return 0;
    }
    cs_pf_name(&c, name, sizeof name);
    if (strcmp(name, canonical) != 0) {
        fprintf(stderr, "%s: named %s, expected %s\n", text, name, canonical);
        return 0;
    }
    return parse(name, &again, msg) == 0 && cs_pf_equal(&c, &again);
}

static void test_text(void)
{
    static const struct { const char *text, *message; } errors[] = {
        { "", "no prefetcher given: expected none, nextline, tagged, adjacent, ipstride or "
              "stream, joined by '+' (e.g. nextline+ipstride)" },
        { "nextlin", "unknown prefetcher 'nextlin' (expected none, nextline, tagged, adjacent, "
                     "ipstride or stream, joined by '+' (e.g. nextline+ipstride))" },
        { "stream:streams=65", "stream: streams: expected a number from 1 to 64, not '65'" },
        { "stream:distance=", "stream: distance: expected a number from 1 to 64, not ''" },
        { "stream:degree=2x", "stream: degree: expected a number from 1 to 16, not '2x'" },
        { "stream:ways=4", "stream: unknown parameter 'ways' (expected streams=N, distance=N, "
                           "degree=N)" },
        { "stream:distance", "expected PARAMETER=VALUE, not 'distance'" },
        { "stream:", "expected PARAMETER=VALUE after 'stream:'" },
        { "ipstride:entries=100", "ipstride: entries: expected a power of two from 1 to 4096, "
                                  "not '100'" },
        { "ipstride:confidence=0", "ipstride: confidence: expected a number from 1 to 3, "
                                   "not '0'" },
        { "nextline:degree=2", "prefetcher 'nextline' takes no parameters" },
        { "none:x=1", "none takes no parameters" },
        { "stream+stream", "prefetcher 'stream' given twice" },
        { "nextline+tagged", "nextline and tagged cannot be combined (tagged prefetches the next "
                             "line on misses too)" },
        { "none+adjacent", "none cannot be combined with other prefetchers" },
        { "adjacent+", "unknown prefetcher '' (expected none, nextline, tagged, adjacent, "
                       "ipstride or stream, joined by '+' (e.g. nextline+ipstride))" },
    };
    cs_pf_config_t c;
    char msg[256], buf[256];
    unsigned k;

    CHECK(named("none", "none"));
    CHECK(named("NextLine", "nextline"));
    CHECK(named("stream+tagged", "tagged+stream"));
    CHECK(named("stream:streams=32,distance=20,degree=2", "stream"));
    CHECK(named("stream:streams=16,distance=20", "stream:streams=16"));
    CHECK(named("ipstride:DEGREE=3,max-stride=512+nextline",
                "nextline+ipstride:degree=3,max-stride=512"));
    CHECK(named("adjacent+ipstride+stream:degree=4", "adjacent+ipstride+stream:degree=4"));
    /* defaults */
    CHECK(parse("ipstride+stream", &c, msg) == 0);
    CHECK_EQ(c.kinds, CS_PF_IPSTRIDE | CS_PF_STREAM);
    CHECK_EQ(c.ip_entries, 256);
    CHECK_EQ(c.ip_degree, 1);
    CHECK_EQ(c.ip_confidence, 2);
    CHECK_EQ(c.ip_max_stride, 2048);
    CHECK_EQ(c.streams, 32);
    CHECK_EQ(c.distance, 20);
    CHECK_EQ(c.degree, 2);
    CHECK(parse("none", &c, msg) == 0);
    CHECK_EQ(c.kinds, 0);
    /* the longest name fits a description's value (127 characters) */
    CHECK(parse("tagged+adjacent+ipstride:entries=4096,degree=16,confidence=3,max-stride=4095"
                "+stream:streams=64,distance=64,degree=16", &c, msg) == 0);
    CHECK(cs_pf_name(&c, buf, sizeof buf) < 128);
    CHECK_EQ(cs_pf_name(&c, buf, 5), strlen("tagged+adjacent+ipstride:entries=4096,degree=16,"
                                            "confidence=3,max-stride=4095+stream:streams=64,"
                                            "distance=64,degree=16"));
    CHECK(strcmp(buf, "tagg") == 0);
    for (k = 0; k < sizeof errors / sizeof errors[0]; k++) {
        CHECK(parse(errors[k].text, &c, msg) != 0);
        if (strcmp(msg, errors[k].message) != 0) {
            fprintf(stderr, "'%s':\n  got      %s\n  expected %s\n", errors[k].text, msg,
                    errors[k].message);
            CHECK(0);
        }
    }
}

/* The description format: prefetcher= on D1, L2 and LL lines. */
static void test_description(void)
{
    static const char base[] =
        "I1 size=32K assoc=8 line=64 latency=4\n"
        "D1 size=32K assoc=8 line=64 latency=4 prefetcher=nextline+ipstride\n"
        "L2 size=256K assoc=4 line=64 latency=12\n"
        "   prefetcher=stream:streams=16,distance=20+adjacent\n"
        "LL size=8M assoc=16 line=64 latency=40 prefetcher=tagged\n"
        "memory latency=200\n";
    static const struct { const char *text, *message; } errors[] = {
        { "D1 size=32K prefetcher=nextline:degree=2\n",
          "my.cpu:1: D1: prefetcher: prefetcher 'nextline' takes no parameters" },
        { "\nL2 size=1M\n  prefetcher=streamer\n",
          "my.cpu:3: L2: prefetcher: unknown prefetcher 'streamer' (expected none, nextline, "
          "tagged, adjacent, ipstride or stream, joined by '+' (e.g. nextline+ipstride))" },
        { "I1 prefetcher=nextline\n",
          "my.cpu:1: unknown field 'prefetcher' for I1 (expected size, assoc, line, policy or "
          "latency)" },
    };
    static const struct { const char *line, *message; } check_errors[] = {
        { "L2 size=256K assoc=4 line=64 latency=12 prefetcher=ipstride\n",
          "L2: ipstride needs the loads' instruction addresses, which only D1 sees" },
        { "LL size=8M assoc=16 line=64 latency=40 inclusion=exclusive prefetcher=stream\n",
          "LL: an exclusive LL takes in only L2's victims, so it has no prefetcher" },
    };
    cs_cpu_t cpu, again;
    cs_cpu_error_t err;
    char buf[4096], msg[256];
    unsigned k;

    CHECK(cs_cpu_parse(&cpu, base, strlen(base), "my.cpu", &err) == 0);
    CHECK(cs_cpu_check(&cpu, msg, sizeof msg) == 0);
    CHECK_EQ(cpu.cache[CS_CPU_D1].prefetcher.kinds, CS_PF_NEXTLINE | CS_PF_IPSTRIDE);
    CHECK_EQ(cpu.cache[CS_CPU_L2].prefetcher.kinds, CS_PF_STREAM | CS_PF_ADJACENT);
    CHECK_EQ(cpu.cache[CS_CPU_L2].prefetcher.streams, 16);
    CHECK_EQ(cpu.cache[CS_CPU_LL].prefetcher.kinds, CS_PF_TAGGED);
    CHECK_EQ(cpu.cache[CS_CPU_I1].prefetcher.kinds, 0);
    cs_cpu_print(&cpu, buf, sizeof buf);
    CHECK(strstr(buf, "\n    prefetcher=nextline+ipstride\n") != 0);
    CHECK(strstr(buf, "\n    prefetcher=adjacent+stream:streams=16\n") != 0);
    CHECK(cs_cpu_parse(&again, buf, strlen(buf), "printed", &err) == 0);
    CHECK(cs_cpu_same_model(&cpu, &again));
    again.cache[CS_CPU_L2].prefetcher.distance = 21;
    CHECK(!cs_cpu_same_model(&cpu, &again));
    for (k = 0; k < sizeof errors / sizeof errors[0]; k++) {
        CHECK(cs_cpu_parse(&cpu, errors[k].text, strlen(errors[k].text), "my.cpu", &err) != 0);
        if (strcmp(err.message, errors[k].message) != 0) {
            fprintf(stderr, "case %u:\n  got      %s\n  expected %s\n", k, err.message,
                    errors[k].message);
            CHECK(0);
        }
    }
    for (k = 0; k < sizeof check_errors / sizeof check_errors[0]; k++) {
        char text[1024];
        snprintf(text, sizeof text, "I1 size=32K assoc=8 line=64 latency=4\n"
                 "D1 size=32K assoc=8 line=64 latency=4\n%s%s"
                 "memory latency=200\n", check_errors[k].line,
                 strncmp(check_errors[k].line, "LL", 2) == 0 ? ""
                 : "LL size=8M assoc=16 line=64 latency=40\n");
        CHECK(cs_cpu_parse(&cpu, text, strlen(text), "my.cpu", &err) == 0);
        CHECK(cs_cpu_check(&cpu, msg, sizeof msg) != 0);
        if (strcmp(msg, check_errors[k].message) != 0) {
            fprintf(stderr, "check case %u:\n  got      %s\n  expected %s\n", k, msg,
                    check_errors[k].message);
            CHECK(0);
        }
    }
    /* Cachegrind's model has no prefetchers */
    {
        cs_geometry_t g = { 32768, 8, 64 }, ll = { 8 << 20, 16, 64 };
        cs_cpu_cachegrind(&cpu, &g, &g, &ll);
        CHECK(cs_cpu_check(&cpu, msg, sizeof msg) == 0);
        cpu.cache[CS_CPU_D1].prefetcher.kinds = CS_PF_NEXTLINE;
        CHECK(cs_cpu_check(&cpu, msg, sizeof msg) != 0);
        CHECK(strcmp(msg, "D1: prefetchers need cachegrind-quirks=no (the general model)") == 0);
    }
}

/* ---------------------------------------------------------------------
 * Each kind's targets
 * --------------------------------------------------------------------- */

typedef struct {
    cs_pf_t pf;
    void *mem;
} unit_pf_t;

static void make_pf(unit_pf_t *u, const char *text)
{
    cs_pf_config_t c;
    char msg[256];
    if (parse(text, &c, msg) != 0) {
        fprintf(stderr, "%s: %s\n", text, msg);
        exit(2);
    }
    u->mem = calloc(1, cs_pf_storage_bytes(&c) + 8);
    cs_pf_init(&u->pf, &c, 6, u->mem);
}

/* The targets of a trigger, as "a,b,c" (line numbers). */
static const char *trig(unit_pf_t *u, unsigned long line, int missed)
{
    static char out[256];
    unsigned long t[CS_PF_MAX_TARGETS];
    unsigned n = cs_pf_trigger(&u->pf, line, missed, t), k;
    int len = 0;
    out[0] = '\0';
    for (k = 0; k < n; k++)
        len += snprintf(out + len, sizeof out - (unsigned long)len, "%s%lu", k ? "," : "", t[k]);
    return out;
}

static const char *load(unit_pf_t *u, unsigned long ip, unsigned long addr)
{
    static char out[256];
    unsigned long t[CS_PF_MAX_TARGETS];
    unsigned n = cs_pf_load(&u->pf, ip, addr, t), k;
    int len = 0;
    out[0] = '\0';
    for (k = 0; k < n; k++)
        len += snprintf(out + len, sizeof out - (unsigned long)len, "%s%lu", k ? "," : "", t[k]);
    return out;
}

#define SAME_TEXT(a, b) CHECK(strcmp((a), (b)) == 0)

/* The stream table against a plain reference: least recently triggered
 * entry replaced, found by a linear scan (the table itself keeps 16-bit
 * page tags and a recency list), on random triggers over a few pages more
 * than it has streams, so that entries come and go: pages apart, then
 * pages whose tags are all the same (the full compare decides), with a
 * flush between the two (unused entries keep their old pages and tags). */
typedef struct { unsigned long page, last, front; int dir, used; unsigned long stamp; } ref_stream_t;

static unsigned ref_trigger(ref_stream_t *st, unsigned nst, unsigned long *clock,
                            unsigned distance, unsigned degree, unsigned long line,
                            unsigned long *t)
{
    unsigned long page = line >> 6, i;
    ref_stream_t *s = 0, *v = 0;
    unsigned n = 0;
    for (i = 0; i < nst; i++)
        if (st[i].used && st[i].page == page)
            s = &st[i];
    ++*clock;
    if (s == 0) {
        for (i = 0; i < nst; i++) {
            if (!st[i].used) {
                v = &st[i];
                break;
            }
            if (v == 0 || st[i].stamp < v->stamp)
                v = &st[i];
        }
        v->used = 1, v->page = page, v->last = v->front = line, v->dir = 0, v->stamp = *clock;
        return 0;
    }
    s->stamp = *clock;
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
    if (s->dir > 0 ? s->front < line : s->front > line)
        s->front = line;
    while (n < degree && (s->dir > 0 ? s->front - line : line - s->front) < distance) {
        unsigned long next = s->front + (unsigned long)(long)s->dir;
        if ((next >> 6) != page)
            break;
        s->front = next;
        t[n++] = next;
    }
    return n;
}

static void test_stream_table(void)
{
    static const unsigned sizes[] = { 1, 2, 3, 16, 32, 64 };
    unsigned k;
    for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char text[64];
        unit_pf_t u;
        ref_stream_t st[64];
        unsigned long clock = 0, i, seed = 12345 + k, bad = 0;
        unsigned npages = sizes[k] + 3;
        snprintf(text, sizeof text, "stream:streams=%u,distance=6,degree=2", sizes[k]);
        make_pf(&u, text);
        memset(st, 0, sizeof st);
        for (i = 0; i < 200000; i++) {
            unsigned long t1[CS_PF_MAX_TARGETS], t2[CS_PF_MAX_TARGETS], line;
            unsigned n1, n2, j;
            /* the second half: pages 65536 apart, one tag */
            unsigned long apart = i < 100000 ? 1 : 65536;
            if (i == 100000) {
                cs_pf_flush(&u.pf);
                memset(st, 0, sizeof st);
            }
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            line = (((seed >> 33) % npages) * apart + 1000) * 64 + ((seed >> 20) % 64);
            n1 = cs_pf_trigger(&u.pf, line, 1, t1);
            n2 = ref_trigger(st, sizes[k], &clock, 6, 2, line, t2);
            if (n1 != n2)
                bad++;
            else
                for (j = 0; j < n1; j++)
                    bad += t1[j] != t2[j];
        }
        if (bad)
            fprintf(stderr, "%s: %lu triggers differ from the reference\n", text, bad);
        CHECK(bad == 0);
        free(u.mem);
    }
}

static void test_kinds(void)
{
    unit_pf_t u;

    /* lines of 64 bytes: 64 lines a page; page 1 is lines 64..127 */
    make_pf(&u, "nextline");
    SAME_TEXT(trig(&u, 70, 1), "71");
    SAME_TEXT(trig(&u, 70, 0), "");              /* prefetched hits: nothing */
    SAME_TEXT(trig(&u, 127, 1), "");             /* 128 is the next page */
    free(u.mem);

    make_pf(&u, "tagged");
    SAME_TEXT(trig(&u, 70, 1), "71");
    SAME_TEXT(trig(&u, 71, 0), "72");
    SAME_TEXT(trig(&u, 127, 0), "");
    free(u.mem);

    make_pf(&u, "adjacent");
    SAME_TEXT(trig(&u, 70, 1), "71");
    SAME_TEXT(trig(&u, 71, 1), "70");
    SAME_TEXT(trig(&u, 71, 0), "");
    free(u.mem);

    make_pf(&u, "adjacent+tagged");              /* nextline/tagged first, then adjacent */
    SAME_TEXT(trig(&u, 71, 1), "72,70");
    free(u.mem);

    /* stream, distance 4, degree 2 */
    make_pf(&u, "stream:distance=4,degree=2,streams=2");
    SAME_TEXT(trig(&u, 64, 1), "");              /* a stream starts watching page 1 */
    SAME_TEXT(trig(&u, 64, 1), "");              /* the same line: no direction */
    SAME_TEXT(trig(&u, 66, 1), "67,68");         /* ascending: up to 2, within 4 of 66 */
    SAME_TEXT(trig(&u, 67, 0), "69,70");
    SAME_TEXT(trig(&u, 68, 0), "71,72");
    SAME_TEXT(trig(&u, 69, 0), "73");            /* front 73 = 69 + 4: the distance */
    SAME_TEXT(trig(&u, 75, 1), "76,77");         /* the demand passed the front */
    SAME_TEXT(trig(&u, 60, 1), "");              /* page 0: a second stream */
    SAME_TEXT(trig(&u, 59, 1), "58,57");         /* descending */
    SAME_TEXT(trig(&u, 250, 1), "");             /* page 3 replaces page 1's (least recent) */
    SAME_TEXT(trig(&u, 58, 0), "56,55");         /* page 0's stream is still there */
    SAME_TEXT(trig(&u, 59, 1), "");              /* against its direction: starts again */
    SAME_TEXT(trig(&u, 61, 1), "62,63");
    SAME_TEXT(trig(&u, 62, 0), "");              /* 64 is in the next page */
    SAME_TEXT(trig(&u, 63, 0), "");
    SAME_TEXT(trig(&u, 76, 1), "");              /* page 1 replaces page 3's */
    SAME_TEXT(trig(&u, 77, 1), "78,79");
    SAME_TEXT(trig(&u, 250, 1), "");             /* page 3 replaces page 0's */
    SAME_TEXT(trig(&u, 62, 1), "");              /* page 0 starts again: replaces page 1's */
    SAME_TEXT(trig(&u, 78, 0), "");
    cs_pf_flush(&u.pf);
    SAME_TEXT(trig(&u, 63, 1), "");              /* forgotten */
    SAME_TEXT(trig(&u, 62, 1), "61,60");
    free(u.mem);

    /* ipstride: confidence 2 by default, so the 4th access prefetches */
    make_pf(&u, "ipstride");
    SAME_TEXT(load(&u, 0x400100, 4096 * 10), "");
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 256), "");      /* stride 256, confidence 0 */
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 512), "");      /* confidence 1 */
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 768), "656");   /* 2: line (40960 + 1024) / 64 */
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 768), "");      /* the same address: nothing */
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 1024), "660");
    SAME_TEXT(load(&u, 0x400204, 4096 * 10 + 3840), "");     /* another load, another entry */
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 1280), "664");  /* the first is unaffected */
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 1400), "");     /* a new stride: retrain */
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 1520), "");
    SAME_TEXT(load(&u, 0x400100, 4096 * 10 + 1640), "667");  /* (40960 + 1760) / 64 */
    free(u.mem);
    make_pf(&u, "ipstride:degree=3,confidence=1");
    SAME_TEXT(load(&u, 1, 8192 + 8), "");
    SAME_TEXT(load(&u, 1, 8192 + 16), "");
    SAME_TEXT(load(&u, 1, 8192 + 24), "");       /* 32, 40, 48: line 128, its own: skipped */
    SAME_TEXT(load(&u, 1, 8192 + 32), "");
    SAME_TEXT(load(&u, 1, 8192 + 40), "129");    /* 48, 56 its own, but 64 the next line's */
    SAME_TEXT(load(&u, 1, 8192 + 4096 - 200), "");   /* a new stride */
    SAME_TEXT(load(&u, 1, 8192 + 3000), "");     /* stride -896, confidence 0 */
    SAME_TEXT(load(&u, 1, 8192 + 2104), "146,132");  /* 9400, 8504; 7608 is in page 1 */
    SAME_TEXT(load(&u, 1, 8192 + 1208), "132");
    SAME_TEXT(load(&u, 1 + 256, 8192), "");      /* entry 1 taken over by another load */
    SAME_TEXT(load(&u, 1, 8192 + 312), "");      /* ... so the first starts again */
    SAME_TEXT(load(&u, 1, 8192 + 1208), "");
    free(u.mem);
    /* strides above max-stride train but do not prefetch */
    make_pf(&u, "ipstride:max-stride=128,confidence=1");
    SAME_TEXT(load(&u, 9, 0), "");
    SAME_TEXT(load(&u, 9, 256), "");
    SAME_TEXT(load(&u, 9, 512), "");
    SAME_TEXT(load(&u, 9, 640), "");
    SAME_TEXT(load(&u, 9, 768), "14");
    free(u.mem);
    /* a table of one entry: two loads take turns and never train */
    make_pf(&u, "ipstride:entries=1,confidence=1");
    {
        unsigned long k, prefetches = 0;
        for (k = 0; k < 64; k++) {
            prefetches += strlen(load(&u, 0x500000, 0x100000 + k * 64));
            prefetches += strlen(load(&u, 0x500004, 0x200000 + k * 64));
        }
        CHECK_EQ(prefetches, 0);
    }
    free(u.mem);
}

/* ---------------------------------------------------------------------
 * Through the hierarchy
 * --------------------------------------------------------------------- */

/* D1 32 KB 8-way as issue 27 asks, L2 and LL non-inclusive, lru. */
static void seq_cpu(fixture_t *f, const char *d1_pf, const char *l2_pf)
{
    char text[1024];
    snprintf(text, sizeof text,
             "I1 size=32K assoc=8 line=64 latency=4\n"
             "D1 size=32K assoc=8 line=64 latency=4 prefetcher=%s\n"
             "L2 size=256K assoc=8 line=64 latency=12 prefetcher=%s\n"
             "LL size=8M assoc=16 line=64 latency=40\n"
             "memory latency=200\n", d1_pf, l2_pf);
    fixture_build(f, text, 0);
}

typedef struct {
    unsigned long d1_miss, d1_pf, d1_pfu, l2_miss, l2_pf, l2_pfu, wb;
} counts_t;

static void count(counts_t *c, cs_hier_outcome_t o)
{
    c->d1_miss += (o & CS_HIER_MISS(CS_HIER_L1)) != 0;
    c->l2_miss += (o & CS_HIER_MISS(CS_HIER_L2)) != 0;
    c->d1_pf += CS_HIER_PREFETCHES(o, CS_HIER_L1);
    c->l2_pf += CS_HIER_PREFETCHES(o, CS_HIER_L2);
    c->d1_pfu += CS_HIER_USEFUL(o, CS_HIER_L1);
    c->l2_pfu += CS_HIER_USEFUL(o, CS_HIER_L2);
    c->wb += CS_HIER_WRITEBACKS(o, CS_HIER_L1);
}

#define SEQ_LINES (1UL << 20)
#define BASE 0x10000000UL

/* Read 2^20 lines in order, 8 bytes at a time, by one load. */
static counts_t seq_read(const char *d1_pf, const char *l2_pf)
{
    fixture_t f;
    counts_t c = { 0, 0, 0, 0, 0, 0, 0 };
    unsigned long a;
    seq_cpu(&f, d1_pf, l2_pf);
    for (a = BASE; a < BASE + SEQ_LINES * 64; a += 8)
        count(&c, cs_hier_needs_ext(&f.h) ? cs_hier_access_ext(&f.h, CS_HIER_READ, a, 8, 0x401000)
                                          : cs_hier_access(&f.h, CS_HIER_READ, a, 8));
    fixture_destroy(&f);
    return c;
}

static void test_sequential_read(void)
{
    static const struct {
        const char *d1, *l2;
        unsigned long d1_miss, d1_pf, l2_miss;
    } rows[] = {
        { "none", "none", 1UL << 20, 0, 1UL << 20 },
        { "nextline", "none", 1UL << 19, 1UL << 19, 1UL << 19 },
        { "tagged", "none", 1UL << 14, (1UL << 20) - (1UL << 14), 1UL << 14 },
        { "adjacent", "none", 1UL << 19, 1UL << 19, 1UL << 19 },
        { "stream", "none", 1UL << 15, 62UL << 14, 1UL << 15 },
        { "ipstride", "none", 1UL << 14, (1UL << 20) - (1UL << 14), 1UL << 14 },
        /* L2's prefetchers: D1 misses every line, L2 sees them all (D1's
         * prefetches fill L2 too, so above L2 missed where D1 did) */
        { "none", "tagged", 1UL << 20, 0, 1UL << 14 },
        { "none", "stream", 1UL << 20, 0, 1UL << 15 },
        { "none", "adjacent", 1UL << 20, 0, 1UL << 19 },
        { "nextline+ipstride", "stream+adjacent", 1UL << 14, (1UL << 20) - (1UL << 14), 1UL << 14 },
    };
    unsigned k;
    printf("sequential read of 2^20 lines, D1 32 KB 8-way (8-byte loads):\n"
           "  %-18s %-16s %9s %9s %9s %9s %9s %9s\n", "D1 prefetcher", "L2 prefetcher",
           "D1 misses", "D1pf", "D1pfu", "L2 misses", "L2pf", "L2pfu");
    for (k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        counts_t c = seq_read(rows[k].d1, rows[k].l2);
        printf("  %-18s %-16s %9lu %9lu %9lu %9lu %9lu %9lu\n", rows[k].d1, rows[k].l2,
               c.d1_miss, c.d1_pf, c.d1_pfu, c.l2_miss, c.l2_pf, c.l2_pfu);
        CHECK_EQ(c.d1_miss, rows[k].d1_miss);
        CHECK_EQ(c.d1_pf, rows[k].d1_pf);
        CHECK_EQ(c.d1_pfu, c.d1_pf);            /* every prefetched line is read */
        CHECK_EQ(c.d1_miss + c.d1_pfu, SEQ_LINES);
        if (k != sizeof rows / sizeof rows[0] - 1) {
            CHECK_EQ(c.l2_miss, rows[k].l2_miss);
            CHECK_EQ(c.l2_pfu, c.l2_pf);
        } else {
            CHECK(c.l2_miss <= rows[k].l2_miss);
        }
    }
}

/* A random cyclic permutation of 2^20 lines, followed once: no
 * prefetcher changes D1's misses by more than 0.1%. */
static void test_pointer_chase(void)
{
    static const char *const kinds[] = { "nextline", "tagged", "adjacent", "stream", "ipstride",
                                         "tagged+adjacent+ipstride+stream" };
    unsigned long n = 1UL << 20, i, *next = malloc(n * sizeof *next);
    unsigned long long r = 0x2545F4914F6CDD1DULL;
    unsigned long base_misses = 0;
    unsigned k;

    for (i = 0; i < n; i++)
        next[i] = i;
    for (i = n - 1; i > 0; i--) {               /* Sattolo: one cycle through all */
        unsigned long j, t;
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        j = (unsigned long)(r % i);
        t = next[i];
        next[i] = next[j];
        next[j] = t;
    }
    printf("random pointer chase over 2^20 lines: D1 misses\n");
    for (k = 0; k <= sizeof kinds / sizeof kinds[0]; k++) {
        const char *kind = k == 0 ? "none" : kinds[k - 1];
        fixture_t f;
        counts_t c = { 0, 0, 0, 0, 0, 0, 0 };
        unsigned long at = 0;
        seq_cpu(&f, kind, "none");
        for (i = 0; i < n; i++) {
            count(&c, cs_hier_access_ext(&f.h, CS_HIER_READ, BASE + at * 64 + 8, 8, 0x401234));
            at = next[at];
        }
        printf("  %-32s %8lu (D1pf %lu, D1pfu %lu)\n", kind, c.d1_miss, c.d1_pf, c.d1_pfu);
        if (k == 0)
            base_misses = c.d1_miss;
        else
            CHECK((c.d1_miss > base_misses ? c.d1_miss - base_misses : base_misses - c.d1_miss)
                  * 1000 <= base_misses);
        CHECK(c.d1_miss > n - n / 100);
        fixture_destroy(&f);
    }
    free(next);
}

/* One loop, two loads: A (instruction 0x401000) with a 256-byte stride,
 * B (0x401008) walking 8 bytes at a time.  With ipstride, after the first
 * page each misses once per page; sharing one table entry (the same
 * instruction address for both), A misses every time. */
static void ip_loop(const char *d1_pf, unsigned long ip_b, unsigned long *miss_a,
                    unsigned long *miss_b, unsigned long pages)
{
    fixture_t f;
    unsigned long i, steps = pages * 16;
    seq_cpu(&f, d1_pf, "none");
    *miss_a = *miss_b = 0;
    for (i = 0; i < steps; i++) {
        cs_hier_outcome_t a = cs_hier_access_ext(&f.h, CS_HIER_READ, 0x20000000UL + i * 256, 8,
                                                 0x401000);
        cs_hier_outcome_t b = cs_hier_access_ext(&f.h, CS_HIER_READ, 0x40000000UL + i * 8, 8,
                                                 ip_b);
        if (i >= 16) {                           /* after A's first page */
            *miss_a += (a & CS_HIER_MISS(CS_HIER_L1)) != 0;
            *miss_b += (b & CS_HIER_MISS(CS_HIER_L1)) != 0;
        }
    }
    fixture_destroy(&f);
}

static void test_ip_stride(void)
{
    const unsigned long pages = 4096;     /* A's pages; B covers pages / 32 */
    unsigned long a, b;

    ip_loop("none", 0x401008, &a, &b, pages);
    printf("ipstride loop over %lu pages: without: A %lu B %lu misses", pages, a, b);
    CHECK_EQ(a, (pages - 1) * 16);
    CHECK_EQ(b, (pages * 16 - 16) / 8);            /* a line every 8 loads */
    ip_loop("ipstride", 0x401008, &a, &b, pages);
    printf("; with: A %lu B %lu", a, b);
    CHECK_EQ(a, pages - 1);                        /* once per page */
    CHECK(b <= pages / 32);                        /* B's pages */
    ip_loop("ipstride", 0x401000, &a, &b, pages);  /* one instruction address for both */
    printf("; sharing an entry: A %lu B %lu\n", a, b);
    CHECK_EQ(a, (pages - 1) * 16);
}

/* Useful prefetches, their writebacks and the lines they fill, on a tiny
 * hierarchy: D1 2 sets of 2 ways, nextline; line n = address / 64 is in
 * set n mod 2. */
static void test_accounting(void)
{
    fixture_t f;
    cs_hier_outcome_t o;
    fixture_build(&f,
                  "I1 size=256 assoc=2 line=64 latency=1\n"
                  "D1 size=256 assoc=2 line=64 latency=1 prefetcher=nextline\n"
                  "LL size=64K assoc=4 line=64 latency=20\n"
                  "memory latency=100\n", 0);
    o = cs_hier_access(&f.h, CS_HIER_WRITE, 0x1000, 8);          /* line 64: prefetch 65 */
    CHECK_EQ(o & 0xff, CS_HIER_MISS(CS_HIER_L1) | CS_HIER_MISS(CS_HIER_LL));
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L1), 1);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_D1, 0x1040), CS_LINE_VALID | CS_LINE_PREFETCHED);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_LL, 0x1040), CS_LINE_VALID);
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x1040, 8);           /* used: useful, no trigger */
    CHECK_EQ(o, CS_HIER_USEFUL_PF(CS_HIER_L1));
    CHECK_EQ(CS_HIER_USEFUL(o, CS_HIER_L1), 1);
    CHECK_EQ(cs_hier_access(&f.h, CS_HIER_READ, 0x1048, 8), 0);  /* once */
    /* set 0: 66, 64 (dirty); set 1: 67 (prefetched), 65 */
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x1080, 8);
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L1), 1);
    CHECK_EQ(CS_HIER_WRITEBACKS(o, CS_HIER_L1), 0);
    /* line 69 (set 1) evicts 65; its prefetch of 70 (set 0) evicts 64,
     * dirty: the writeback is charged to this access */
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x1140, 8);
    CHECK_EQ(o & 0xff, CS_HIER_MISS(CS_HIER_L1) | CS_HIER_MISS(CS_HIER_LL));
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L1), 1);
    CHECK_EQ(CS_HIER_WRITEBACKS(o, CS_HIER_L1), 1);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_D1, 0x1000), 0);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_D1, 0x1180), CS_LINE_VALID | CS_LINE_PREFETCHED);
    /* line 71 (set 1) evicts 67 before anything used it: not useful */
    cs_hier_access(&f.h, CS_HIER_READ, 0x11c0, 8);
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x10c0, 8);
    CHECK(o & CS_HIER_MISS(CS_HIER_L1));
    CHECK_EQ(CS_HIER_USEFUL(o, CS_HIER_L1), 0);
    /* an access across two prefetched lines uses two prefetches */
    cs_hier_prefetch(&f.h, CS_CPU_D1, 0x2000);
    cs_hier_prefetch(&f.h, CS_CPU_D1, 0x2040);
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x203c, 8);
    CHECK_EQ(o, CS_HIER_USEFUL_PF(CS_HIER_L1) | CS_HIER_USEFUL_PF2(CS_HIER_L1));
    CHECK_EQ(CS_HIER_USEFUL(o, CS_HIER_L1), 2);
    /* a flush forgets the prefetchers' state too (nothing to see for
     * nextline: it just works again) */
    cs_hier_flush(&f.h);
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x3000, 8);
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L1), 1);
    fixture_destroy(&f);
}

/* What triggers whom: D1's prefetchers see data accesses only; L2's see
 * every access that reaches L2, instruction fetches included, but not
 * D1's prefetches. */
static void test_triggers(void)
{
    fixture_t f;
    cs_hier_outcome_t o;
    fixture_build(&f,
                  "I1 size=4K assoc=4 line=64 latency=1\n"
                  "D1 size=4K assoc=4 line=64 latency=1 prefetcher=nextline\n"
                  "L2 size=64K assoc=8 line=64 latency=5 prefetcher=nextline\n"
                  "LL size=1M assoc=16 line=64 latency=20\n"
                  "memory latency=100\n", 0);
    o = cs_hier_access(&f.h, CS_HIER_IFETCH, 0x400000, 4);      /* misses I1 and L2 */
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L1), 0);
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L2), 1);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_D1, 0x400040), 0);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_L2, 0x400040), CS_LINE_VALID | CS_LINE_PREFETCHED);
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x800000, 8);        /* misses D1 and L2 */
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L1), 1);
    CHECK_EQ(CS_HIER_PREFETCHES(o, CS_HIER_L2), 0);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_D1, 0x800040), CS_LINE_VALID | CS_LINE_PREFETCHED);
    /* D1's prefetch of 0x800040 went through L2 (a fill there, unmarked),
     * and L2's own prefetcher asked for 0x800040 too: already there */
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_L2, 0x800040), CS_LINE_VALID);
    CHECK_EQ(cs_hier_probe(&f.h, CS_CPU_L2, 0x800080), 0);      /* no chain reaction */
    /* the first use of D1's prefetched line is no miss anywhere */
    o = cs_hier_access(&f.h, CS_HIER_READ, 0x800040, 8);
    CHECK_EQ(o, CS_HIER_USEFUL_PF(CS_HIER_L1));
    fixture_destroy(&f);
}

/* The k-th access of a random stream (*r: its generator's state): any
 * kind, by one of 16 instructions (*ip), in a heap of `heap` bytes or in
 * the instructions' strided walks. */
static unsigned long random_access(unsigned long long *r, unsigned long k, unsigned long heap,
                                   cs_hier_kind_t *kind, unsigned long *ip)
{
    *r ^= *r << 13;
    *r ^= *r >> 7;
    *r ^= *r << 17;
    *kind = (cs_hier_kind_t)(*r % 4);
    *ip = 0x400000 + (*r >> 8) % 16 * 4;
    return (*r >> 16) % 3 == 0 ? 0x10000000UL + (*r >> 20) % heap
                               : 0x20000000UL + (*ip & 0xff) * 65536 + (k / 3) * 24;
}

/* The fast exit stays exact with prefetchers (their triggers all leave
 * it): the presets' access step and the general path give the same
 * outcomes, word for word, on a random stream. */
static void test_fast_exit(void)
{
    static const char *const presets[] = { "skylake", "icelake", "zen3" };
    unsigned p;
    for (p = 0; p < sizeof presets / sizeof presets[0]; p++) {
        fixture_t fast, slow;
        cs_cpu_t cpu;
        cs_cpu_error_t err;
        unsigned long k, bad = 0, pf = 0, pfu = 0;
        unsigned long long r = 77;
        CHECK(cs_cpu_preset_load(cs_cpu_preset_find(presets[p]), &cpu, &err) == 0);
        CHECK(cpu.cache[CS_CPU_D1].prefetcher.kinds != 0);      /* presets have prefetchers */
        fixture_build_cpu(&fast, &cpu, 0);
        fixture_build_cpu(&slow, &cpu, 0);
        for (k = 0; k < 400000; k++) {
            unsigned long addr, ip;
            cs_hier_kind_t kind;
            cs_hier_outcome_t a, b;
            addr = random_access(&r, k, 4UL << 20, &kind, &ip);
            a = cs_hier_needs_ext(&fast.h) ? cs_hier_access_ext(&fast.h, kind, addr, 8, ip)
                                           : cs_hier_access(&fast.h, kind, addr, 8);
            b = ext_by_slow_path(&slow.h, kind, addr, 8, ip);
            bad += a != b;
            pf += CS_HIER_PREFETCHES(a, CS_HIER_L1) + CS_HIER_PREFETCHES(a, CS_HIER_L2);
            pfu += CS_HIER_USEFUL(a, CS_HIER_L1) + CS_HIER_USEFUL(a, CS_HIER_L2);
        }
        printf("%s on a random stream: %lu prefetches, %lu useful\n", presets[p], pf, pfu);
        CHECK_EQ(bad, 0);
        CHECK(pf > 10000 && pfu > 1000);
        fixture_destroy(&fast);
        fixture_destroy(&slow);
    }
}

/* The miss path's copies for inclusive L2 and LL (cs_hier_t.incl_shape,
 * where the hierarchy's shape is a constant), with L1 looked up inline
 * (cs_hier_t.l1_quick), give what the general copies give: the same
 * outcomes, word for word, on a random stream whose heap is larger than
 * LL, so that back-invalidations and writebacks run, and whose accesses
 * now and then cross two lines; a preset's, and one with a small LL and
 * every prefetcher on triggers. */
static void test_inclusive_copies(void)
{
    static const char small_ll[] =
        "cpu name=small writeback=yes seed=3\n"
        "I1 size=4K assoc=4 line=64 policy=lru latency=4\n"
        "D1 size=4K assoc=4 line=64 policy=tree-plru latency=4 prefetcher=tagged+ipstride\n"
        "L2 size=16K assoc=4 line=64 policy=qlru:H00_M1_R2_U1 latency=12 inclusion=inclusive\n"
        "   prefetcher=adjacent+stream:streams=4,distance=8\n"
        "LL size=64K assoc=8 line=64 policy=srrip latency=40 inclusion=inclusive\n"
        "memory latency=200\n";
    unsigned p;
    for (p = 0; p < 4; p++) {
        fixture_t incl, any;
        cs_cpu_t cpu;
        cs_cpu_error_t err;
        unsigned long k, bad = 0, wb = 0;
        unsigned long long r = 91 + p;
        if (p < 3)
            CHECK(cs_cpu_preset_load(cs_cpu_preset_find(p == 0 ? "skylake" : p == 1 ? "icelake"
                                                                   : "zen3"), &cpu, &err) == 0);
        else
            fixture_parse(&cpu, small_ll);
        fixture_build_cpu(&incl, &cpu, 0);
        fixture_build_cpu(&any, &cpu, 0);
        /* zen3's LL is a victim cache: the general copies only */
        CHECK_EQ(incl.h.incl_shape, p != 2);
        any.h.incl_shape = 0;
        any.h.l1_quick = 0;         /* and L1 looked up in the general path too */
        for (k = 0; k < 300000; k++) {
            unsigned long addr, ip;
            cs_hier_kind_t kind;
            cs_hier_outcome_t a, b;
            addr = random_access(&r, k, 16UL << 20, &kind, &ip);
            if (kind == CS_HIER_IFETCH)     /* code over 1 MB */
                addr = 0x400000 + (r >> 24) % (1UL << 20);
            a = cs_hier_access_ext(&incl.h, kind, addr, 8, ip);
            b = cs_hier_access_ext(&any.h, kind, addr, 8, ip);
            bad += a != b;
            wb += CS_HIER_WRITEBACKS(a, CS_HIER_LL);
        }
        if (bad)
            fprintf(stderr, "inclusive copies, description %u: %lu outcomes differ\n", p, bad);
        CHECK_EQ(bad, 0);
        CHECK(p == 2 || wb > 1000);
        fixture_destroy(&incl);
        fixture_destroy(&any);
    }
}

int main(void)
{
    test_text();
    test_description();
    test_kinds();
    test_stream_table();
    test_accounting();
    test_triggers();
    test_fast_exit();
    test_inclusive_copies();
    test_sequential_read();
    test_pointer_chase();
    test_ip_stride();
    return unit_finish("test_prefetch");
}
