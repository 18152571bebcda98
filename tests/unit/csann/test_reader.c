/* test_reader.c - host tests of csann's profile reader (lib/reader.c) and
 * the model it fills (lib/profile.c): both file formats, compressed names,
 * inlined files, positions, parts, exact stacks and where a profile's
 * calling contexts come from, and the "FILE:LINE:" message of each kind of
 * malformed input. */
#include "csann_test.h"
#include "reader.h"

static char err[1024];
static char path_of_last[4096];

/* Reads text (a new model, or NULL with the message in err). */
static cs_profile *read_text(const char *text, size_t len, const char *part)
{
    char *path = temp_file_n(text, len);
    cs_profile *p = cs_profile_new();
    cs_read_options ro = { part };
    int rc = cs_profile_read(p, path, &ro, err, sizeof err);
    snprintf(path_of_last, sizeof path_of_last, "%s", path);
    unlink(path);
    free(path);
    if (rc < 0) {
        cs_profile_free(p);
        return NULL;
    }
    err[0] = '\0';
    return p;
}

/* Reading text fails with "PATH:where" (where: "LINE: message"). */
static void check_error(int line, const char *text, const char *where)
{
    char want[5000];
    cs_profile *p = read_text(text, strlen(text), NULL);
    unit_checks++;
    snprintf(want, sizeof want, "%s:%s", path_of_last, where);
    if (p || strcmp(err, want) != 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: got \"%s\", expected \"%s\"\n", __FILE__, line,
                p ? "(no error)" : err, want);
    }
    cs_profile_free(p);
}
#define CHECK_ERROR(text, where) check_error(__LINE__, text, where)

static uint32_t find_function(const cs_profile *p, const char *file, const char *name)
{
    size_t i;
    for (i = 0; i < p->n_funcs; i++)
        if (strcmp(cs_name(p, p->funcs[i].file), file) == 0
            && strcmp(cs_name(p, p->funcs[i].name), name) == 0)
            return (uint32_t)i;
    return CS_NONE;
}

/* The cost of event e at (function, file, line), or -1 when there is no
 * such line entry. */
static cs_count line_cost(const cs_profile *p, uint32_t func, const char *file,
                          uint64_t line, size_t e)
{
    size_t i;
    for (i = 0; i < p->n_lines; i++)
        if (p->lines[i].func == func && p->lines[i].line == line
            && strcmp(cs_name(p, p->lines[i].file), file) == 0)
            return cs_cost(p, p->lines[i].cost)[e];
    return -1;
}

static void test_callgrind_format(void)
{
    static const char text[] =
        "# callgrind format\n"
        "version: 1\n"
        "creator: unit-test\n"
        "cmd: ./app --fast\n"
        "positions: line\n"
        "events: Ir Dr\n"
        "fl=(1) a.c\n"
        "fn=(1) main\n"
        "10 5 1\n"
        "+2 3\n"
        "cfi=(2) b.h\n"
        "cfn=(2) helper\n"
        "calls=2 20\n"
        "12 7 2\n"
        "fi=(2)\n"              /* inlined from b.h, still main's */
        "20 4 1\n"
        "fe=(1)\n"
        "-8 1\n"
        "\n"
        "fl=(2)\n"
        "fn=(2)\n"              /* compressed: helper, defined above */
        "20 7 2\n"
        "totals: 20 4\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    cs_count totals[2];
    uint32_t main_fn, helper;

    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(p->format, CS_FORMAT_CALLGRIND);
    CHECK_STR(p->creator, "unit-test");
    CHECK_STR(p->version, "1");
    CHECK_EQ(p->n_parts, 1);
    CHECK_STR(p->parts[0].cmd, "./app --fast");
    CHECK_EQ(p->n_events, 2);
    CHECK_STR(p->events[0], "Ir");
    CHECK_STR(p->events[1], "Dr");
    CHECK_EQ(p->n_funcs, 2);
    main_fn = find_function(p, "a.c", "main");
    helper = find_function(p, "b.h", "helper");
    CHECK(main_fn != CS_NONE && helper != CS_NONE);
    if (main_fn == CS_NONE || helper == CS_NONE)
        goto done;
    /* Self costs: every cost line but the call's. */
    CHECK_EQ(cs_cost(p, p->funcs[main_fn].self)[0], 13);
    CHECK_EQ(cs_cost(p, p->funcs[main_fn].self)[1], 2);
    CHECK_EQ(cs_cost(p, p->funcs[helper].self)[0], 7);
    /* Relative lines: 10, +2 = 12, then -8 from the call's 20 = 12. */
    CHECK_EQ(line_cost(p, main_fn, "a.c", 10, 0), 5);
    CHECK_EQ(line_cost(p, main_fn, "a.c", 12, 0), 3 + 1);
    CHECK_EQ(line_cost(p, main_fn, "a.c", 12, 1), 0);
    /* fi= moves the line to b.h but keeps it in main; fe= moves it back. */
    CHECK_EQ(line_cost(p, main_fn, "b.h", 20, 0), 4);
    CHECK_EQ(line_cost(p, main_fn, "b.h", 20, 1), 1);
    CHECK_EQ(line_cost(p, main_fn, "a.c", 20, 0), -1);
    CHECK_EQ(line_cost(p, helper, "b.h", 20, 0), 7);
    CHECK_EQ(p->n_lines, 4);
    /* One call arc: main -> helper from a.c:12, twice, inclusive 7 2. */
    CHECK_EQ(p->n_calls, 1);
    if (p->n_calls == 1) {
        const cs_call *c = &p->calls[0];
        CHECK_EQ(c->caller, main_fn);
        CHECK_EQ(c->callee, helper);
        CHECK_STR(cs_name(p, c->file), "a.c");
        CHECK_EQ(c->line, 12);
        CHECK_EQ(c->count, 2);
        CHECK_EQ(cs_cost(p, c->inclusive)[0], 7);
        CHECK_EQ(cs_cost(p, c->inclusive)[1], 2);
    }
    cs_profile_totals(p, totals);
    CHECK_EQ(totals[0], 20);
    CHECK_EQ(totals[1], 4);
done:
    cs_profile_free(p);
}

static void test_cachegrind_format(void)
{
    static const char text[] =
        "desc: I1 cache:         32768 B, 64 B, 8-way associative\n"
        "cmd: ./prog arg\n"
        "events: Ir I1mr Dr\n"
        "fl=x.c\n"
        "fn=f\n"
        "1 10 1 2\n"
        "2 5\n"
        "fn=g\n"
        "3 1 0 1\n"
        "fl=y.c\n"
        "fn=f\n"                /* another f: the file is part of its name */
        "7 2\n"
        "summary: 18 1 3\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    uint32_t f, g, f2;

    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(p->format, CS_FORMAT_CACHEGRIND);
    CHECK(p->creator == NULL);
    CHECK_EQ(p->n_parts, 1);
    CHECK_EQ(p->parts[0].n_desc, 1);
    CHECK_STR(p->parts[0].desc[0], "I1 cache:         32768 B, 64 B, 8-way associative");
    CHECK_EQ(p->n_events, 3);
    CHECK_STR(p->events[2], "Dr");
    CHECK_EQ(p->n_funcs, 3);
    f = find_function(p, "x.c", "f");
    g = find_function(p, "x.c", "g");
    f2 = find_function(p, "y.c", "f");
    CHECK(f != CS_NONE && g != CS_NONE && f2 != CS_NONE);
    if (f != CS_NONE && g != CS_NONE && f2 != CS_NONE) {
        CHECK_EQ(cs_cost(p, p->funcs[f].self)[0], 15);
        CHECK_EQ(cs_cost(p, p->funcs[f].self)[1], 1);
        CHECK_EQ(cs_cost(p, p->funcs[f].self)[2], 2);
        CHECK_EQ(cs_cost(p, p->funcs[g].self)[2], 1);
        CHECK_EQ(cs_cost(p, p->funcs[f2].self)[0], 2);
        CHECK_EQ(line_cost(p, f, "x.c", 2, 0), 5);
    }
    CHECK_EQ(p->n_calls, 0);
    cs_profile_free(p);
}

/* An fi= line lasts until the next fl=, fe= or fn=: a new function starts
 * in its own file. */
static void test_inlined_file_ends(void)
{
    static const char text[] =
        "events: Ir\n"
        "fl=a.c\n"
        "fn=f\n"
        "fi=b.h\n"
        "3 1\n"
        "fn=g\n"
        "4 2\n"
        "totals: 3\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    uint32_t f, g;
    CHECK_STR(err, "");
    if (!p)
        return;
    f = find_function(p, "a.c", "f");
    g = find_function(p, "a.c", "g");
    CHECK(f != CS_NONE && g != CS_NONE);
    CHECK_EQ(line_cost(p, f, "b.h", 3, 0), 1);
    CHECK_EQ(line_cost(p, g, "a.c", 4, 0), 2);
    cs_profile_free(p);
}

/* positions: instr line, hex addresses, '*' and +N/-N per subposition. */
static void test_positions(void)
{
    static const char text[] =
        "positions: instr line\n"
        "events: Ir\n"
        "fn=main\n"
        "0x1000 30 1\n"
        "+4 * 2\n"              /* same line 30 */
        "+4 +2 4\n"             /* line 32 */
        "-8 -1 8\n"             /* line 31 */
        "0X10 0x21 16\n"        /* line 33 */
        "totals: 31\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    uint32_t f;

    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(p->format, CS_FORMAT_CALLGRIND);   /* instr positions say so */
    CHECK_EQ(p->parts[0].has_instr, 1);
    f = find_function(p, "???", "main");        /* no fl= line */
    CHECK(f != CS_NONE);
    CHECK_EQ(line_cost(p, f, "???", 30, 0), 1 + 2);
    CHECK_EQ(line_cost(p, f, "???", 32, 0), 4);
    CHECK_EQ(line_cost(p, f, "???", 31, 0), 8);
    CHECK_EQ(line_cost(p, f, "???", 33, 0), 16);
    cs_profile_free(p);

    /* Without a line position every cost is on line 0. */
    {
        static const char no_line[] =
            "positions: instr\nevents: Ir\nfn=f\n0x10 3\n+1 4\ntotals: 7\n";
        p = read_text(no_line, sizeof no_line - 1, NULL);
    }
    CHECK_STR(err, "");
    if (p) {
        CHECK_EQ(p->parts[0].has_line, 0);
        CHECK_EQ(line_cost(p, 0, "???", 0, 0), 7);
        cs_profile_free(p);
    }
}

/* Compressed names: "(N) name" defines, "(N)" refers, per kind. */
static void test_name_compression(void)
{
    static const char text[] =
        "events: Ir\n"
        "ob=(1) /bin/app\n"
        "fl=(1) main.c\n"
        "fn=(1) main\n"
        "1 1\n"
        "cob=(2) /lib/libc.so\n"
        "cfi=(2) string.c\n"
        "cfn=(2) strlen\n"
        "calls=1 5\n"
        "1 10\n"
        "fn=(3) other\n"        /* fn and fl ids are separate spaces */
        "2 2\n"
        "ob=(2)\n"
        "fl=(2)\n"
        "fn=(2)\n"
        "5 10\n"
        "totals: 13\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    uint32_t main_fn, callee;

    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(p->n_funcs, 3);
    main_fn = find_function(p, "main.c", "main");
    callee = find_function(p, "string.c", "strlen");
    CHECK(main_fn != CS_NONE && callee != CS_NONE);
    CHECK(find_function(p, "main.c", "other") != CS_NONE);
    if (main_fn != CS_NONE && callee != CS_NONE) {
        CHECK_STR(cs_name(p, p->funcs[main_fn].object), "/bin/app");
        CHECK_STR(cs_name(p, p->funcs[callee].object), "/lib/libc.so");
        CHECK_EQ(cs_cost(p, p->funcs[callee].self)[0], 10);
        CHECK_EQ(p->n_calls, 1);
        CHECK_EQ(p->calls[0].callee, callee);
    }
    cs_profile_free(p);
}

/* Parts: every part is checked, only the selected ones are loaded. */
static void test_parts(void)
{
    static const char text[] =
        "events: Ir\n"
        "part: warmup\n"
        "fn=f\n"
        "1 5\n"
        "totals: 5\n"
        "part: steady\n"
        "desc: Trigger: Client Request: loop\n"
        "events: Ir\n"
        "fn=f\n"
        "1 7\n"
        "totals: 7\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    cs_count total;
    char buf[32];

    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(p->n_parts, 2);
    cs_profile_totals(p, &total);
    CHECK_EQ(total, 12);
    CHECK_STR(cs_part_name(p, &p->parts[0], buf), "warmup");
    CHECK_STR(cs_part_name(p, &p->parts[1], buf), "loop");
    cs_profile_free(p);

    p = read_text(text, sizeof text - 1, "2");
    CHECK_STR(err, "");
    if (p) {
        CHECK_EQ(p->parts[0].selected, 0);
        CHECK_EQ(p->parts[1].selected, 1);
        cs_profile_totals(p, &total);
        CHECK_EQ(total, 7);
        CHECK_EQ(cs_cost(p, p->funcs[0].self)[0], 7);
        cs_profile_free(p);
    }
    p = read_text(text, sizeof text - 1, "warmup");
    if (p) {
        CHECK_EQ(cs_cost(p, p->funcs[0].self)[0], 5);
        cs_profile_free(p);
    }
    p = read_text(text, sizeof text - 1, "loop");    /* the request's label */
    if (p) {
        CHECK_EQ(cs_cost(p, p->funcs[0].self)[0], 7);
        cs_profile_free(p);
    }
    CHECK(read_text(text, sizeof text - 1, "3") == NULL);
    {
        char want[5000];
        snprintf(want, sizeof want, "%s: no part '3' (the file has 2 parts)", path_of_last);
        CHECK_STR(err, want);
    }
}

/* "f1;f2;...;fn" of context i, in buf. */
static const char *frames_of(const cs_profile *p, uint32_t i, char *buf, size_t cap)
{
    uint32_t names[16];
    size_t n = cs_stack_frames(p, i, names, 16), k, len = 0;
    buf[0] = '\0';
    for (k = 0; k < n && n <= 16; k++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", k ? ";" : "",
                                cs_name(p, names[k]));
    return buf;
}

/* The context whose frames are want, or CS_NONE. */
static uint32_t find_stack(const cs_profile *p, const char *want)
{
    char buf[256];
    uint32_t i;
    for (i = 0; i < p->n_stacks; i++)
        if (strcmp(frames_of(p, i, buf, sizeof buf), want) == 0)
            return i;
    return CS_NONE;
}

/* cachesim's exact contexts as older versions wrote them: "# stack: COUNTS
 * f1;f2;...", merged by stack, split into a tree of frames; a frame that
 * names no function is joined with the next ones when that makes a
 * function's name ("[u8; 4]"). */
static void test_stacks(void)
{
    static const char text[] =
        "events: Ir Dr\n"
        "fn=main\n"
        "1 3 1\n"
        "fn=work\n"
        "2 6 2\n"
        "fn=<[u8; 4] as Debug>::fmt\n"
        "3 1\n"
        "# stack: 3 1 main\n"
        "# stack: 4 2 main;work\n"
        "# stack: 2 0 main;work\n"
        "# stack: 1 0 main;work;<[u8; 4] as Debug>::fmt\n"
        "totals: 10 3\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    uint32_t work, fmt, main_;
    uint32_t names[4];
    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(p->n_stacks, 3);
    CHECK_EQ(cs_contexts_of(p, err, sizeof err), CS_CONTEXTS_EXACT);
    main_ = find_stack(p, "main");
    work = find_stack(p, "main;work");
    fmt = find_stack(p, "main;work;<[u8; 4] as Debug>::fmt");
    CHECK(main_ != CS_NONE && work != CS_NONE && fmt != CS_NONE);
    if (work != CS_NONE) {
        CHECK_EQ(p->stacks[work].parent, main_);
        CHECK_EQ(cs_cost(p, p->stacks[work].cost)[0], 6);
        CHECK_EQ(cs_cost(p, p->stacks[work].cost)[1], 2);
    }
    if (fmt != CS_NONE) {
        CHECK_EQ(cs_stack_frames(p, fmt, names, 2), 3);    /* too small: depth only */
        CHECK_EQ(cs_stack_frames(p, fmt, names, 4), 3);
        CHECK_STR(cs_name(p, names[2]), "<[u8; 4] as Debug>::fmt");
    }
    cs_profile_free(p);
}

/* The tree form: "# ctxfn: FN NAME", "# ctx: UP FN COUNTS", the parent
 * UP # ctx: lines above in the part (0: none); a context on the way to
 * others may cost nothing itself; parts merge by stack. */
static void test_context_tree(void)
{
    static const char text[] =
        "events: Ir Dr\n"
        "part: 1\n"
        "fn=main\n"
        "1 3 1\n"
        "fn=work\n"
        "2 6 2\n"
        "# ctxfn: 1 main\n"
        "# ctx: 0 1 3 1\n"
        "# ctxfn: 2 work\n"
        "# ctx: 1 2 6 2\n"
        "# ctxfn: 3 a;b\n"
        "# ctx: 1 3 0\n"
        "# ctx: 1 2 0\n"
        "# ctx: 4 3 0\n"
        "totals: 9 3\n"
        "part: 2\n"
        "events: Ir Dr\n"
        "fn=work\n"
        "2 5\n"
        "# ctxfn: 2 work\n"
        "# ctxfn: 1 main\n"
        "# ctx: 0 1 0\n"
        "# ctx: 1 2 5\n"
        "totals: 5\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    uint32_t work, deep;
    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(p->n_stacks, 5);
    work = find_stack(p, "main;work");
    deep = find_stack(p, "main;work;a;b;work");
    CHECK(work != CS_NONE && deep != CS_NONE);
    CHECK(find_stack(p, "main;work;a;b") != CS_NONE);
    CHECK(find_stack(p, "main;a;b") != CS_NONE);
    if (work != CS_NONE) {
        CHECK_EQ(cs_cost(p, p->stacks[work].cost)[0], 11);
        CHECK_EQ(cs_cost(p, p->stacks[work].cost)[1], 2);
    }
    if (deep != CS_NONE) {
        CHECK_EQ(p->stacks[deep].cost, CS_NONE);
        CHECK(p->stacks[deep].parent != CS_NONE);
        CHECK_STR(cs_name(p, p->stacks[p->stacks[deep].parent].frame), "a;b");
    }
    cs_profile_free(p);
    /* --part=2 keeps only that part's contexts. */
    p = read_text(text, sizeof text - 1, "2");
    CHECK_STR(err, "");
    if (p) {
        CHECK_EQ(p->n_stacks, 2);
        cs_profile_free(p);
    }
}

/* Where the contexts of flamegraph and export come from: the exact stacks,
 * else the calls= pairs, else nowhere (an error naming the file). */
static void test_contexts_of(void)
{
    static const char calls_only[] =
        "events: Ir\n"
        "fn=main\n"
        "1 3\n"
        "cfn=work\n"
        "calls=1 2\n"
        "2 6\n"
        "fn=work\n"
        "2 6\n"
        "totals: 9\n";
    static const char neither[] = "events: Ir\nfn=main\n1 3\ntotals: 3\n";
    char want[5000];
    cs_profile *p = read_text(calls_only, sizeof calls_only - 1, NULL);
    CHECK_STR(err, "");
    if (p)
        CHECK_EQ(cs_contexts_of(p, err, sizeof err), CS_CONTEXTS_RECONSTRUCTED);
    cs_profile_free(p);
    p = read_text(neither, sizeof neither - 1, NULL);
    CHECK_STR(err, "");
    if (!p)
        return;
    CHECK_EQ(cs_contexts_of(p, err, sizeof err), CS_CONTEXTS_NONE);
    snprintf(want, sizeof want, "%s has neither exact stacks (# ctx: lines, cachesim "
             "--call-graph=yes) nor calls= lines to reconstruct them from", path_of_last);
    CHECK_STR(err, want);
    cs_profile_free(p);
}

/* Counts span the whole signed 64-bit range: a merge whose sums wrap past
 * 2^63-1 writes -2^63 (found by fuzzing) and must read it back. */
static void test_count_limits(void)
{
    static const char text[] =
        "events: Ir Dr\n"
        "fn=f\n"
        "1 -9223372036854775808 9223372036854775807\n"
        "# stack: -9223372036854775808 9223372036854775807 f\n"
        "totals: -9223372036854775808 9223372036854775807\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    CHECK_STR(err, "");
    if (p) {
        cs_count t[2];
        cs_profile_totals(p, t);
        CHECK(t[0] == INT64_MIN);
        CHECK(t[1] == INT64_MAX);
        cs_profile_free(p);
    }
    CHECK_ERROR("events: Ir\nfn=f\n1 -9223372036854775809\n", "3: number too large");
    CHECK_ERROR("events: Ir\nfn=f\n1 9223372036854775808\n", "3: number too large");
    CHECK_ERROR("events: Ir\nfn=f\n1 1\n# stack: -9223372036854775809 f\n",
                "4: number too large");
    CHECK_ERROR("events: Ir\nfn=f\n1 1\n# ctxfn: 1 f\n# ctx: 0 1 9223372036854775808\n",
                "5: number too large");
}

static void test_malformed(void)
{
    CHECK_ERROR("", "0: empty file: not a profile");
    CHECK_ERROR("events: Ir\n5 1\ntotals: 1\n", "2: cost line before any fn= line");
    CHECK_ERROR("events: Ir\nfn=f\n5 x\n", "3: expected a number at 'x'");
    CHECK_ERROR("events: Ir\nfn=f\n5 99999999999999999999\n", "3: number too large");
    CHECK_ERROR("events: Ir\nfn=f\n5 1 2\n", "3: more costs than the 1 events of events:");
    CHECK_ERROR("events: Ir\nfn=f\n-5 1\n", "3: relative position -5 goes below zero");
    CHECK_ERROR("events: Ir\nfn=(3)\n", "2: undefined name id (3)");
    CHECK_ERROR("events: Ir\nfn=\n", "2: empty name");
    CHECK_ERROR("events: Ir\nfn=f\nfrobnicate\n", "3: unrecognised line 'frobnicate'");
    CHECK_ERROR("events: Ir\nfn=f\n1 1\ncfn=g\ncalls=1 2\n",
                "5: file ends after calls=/jump= without its cost line");
    CHECK_ERROR("events: Ir\nfn=f\ncalls=1 2\n", "3: calls= without a preceding cfn= line");
    CHECK_ERROR("events: Ir\nfn=f\n1 1\ncfn=g\ncalls=1 2\nfn=h\n",
                "6: expected a cost line after calls=/jump=");
    CHECK_ERROR("fn=f\n1 1\n", "1: body line before any events: line");
    CHECK_ERROR("cmd: x\n", "1: no events: line (not a callgrind or Cachegrind profile?)");
    CHECK_ERROR("events: Ir Ir\n", "1: event 'Ir' listed twice");
    CHECK_ERROR("events: Ir D\rr\n", "1: event name with a control character in events:");
    CHECK_ERROR("version: 2\nevents: Ir\n", "1: unsupported format version '2'");
    CHECK_ERROR("positions: line column\n", "1: bad positions: 'column'");
    /* Truncated or edited files: the cost lines must add up to totals:. */
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n",
                "3: part 1 has no totals: or summary: line (truncated file?)");
    CHECK_ERROR("events: Ir Dr\nfn=f\n1 5 1\ntotals: 6 1\n",
                "4: part 1: the cost lines add up to 5 Ir, but totals: says 6"
                " (truncated or edited file?)");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# stack: 4 f\ntotals: 5\n",
                "5: part 1: the # stack: lines add up to 4 Ir, but totals: says 5"
                " (truncated or edited file?)");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# stack: 5\ntotals: 5\n",
                "4: # stack: line without a stack after its counts");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1 f\n# ctx: 0 1 4\ntotals: 5\n",
                "6: part 1: the # ctx: lines add up to 4 Ir, but totals: says 5"
                " (truncated or edited file?)");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1 f\n# ctx: 1 1 5\ntotals: 5\n",
                "5: # ctx: the parent (1 up) is not a context of this part");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1 f\n# ctx: 0 1 5\n# ctx: 2 1 0\ntotals: 5\n",
                "6: # ctx: the parent (2 up) is not a context of this part");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1 f\n# ctx: 0 2 5\ntotals: 5\n",
                "5: # ctx: function 2 has no # ctxfn: line before it");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1 f\n# ctx: 0\ntotals: 5\n",
                "5: # ctx: wants the lines up to its parent and a function number before the costs");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1 f\n# ctx: 0 1 5 1\ntotals: 5\n",
                "5: more costs than the 1 events of events:");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1\n",
                "4: # ctxfn: 1 has no name");
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: x f\n",
                "4: # ctxfn: wants a function number and a name");
    CHECK_ERROR("# ctx: 0 1 5\n", "1: # ctx: line before events:");
    /* Context numbers start again in each part. */
    CHECK_ERROR("events: Ir\nfn=f\n1 5\n# ctxfn: 1 f\n# ctx: 0 1 5\ntotals: 5\n"
                "events: Ir\nfn=f\n1 5\n# ctx: 1 1 5\ntotals: 5\n",
                "10: # ctx: the parent (1 up) is not a context of this part");
    {
        static const char nul[] = "events: Ir\nfn=f\0\n";
        cs_profile *p = read_text(nul, sizeof nul - 1, NULL);
        char want[5000];
        CHECK(p == NULL);
        snprintf(want, sizeof want, "%s:2: NUL byte: binary data, not a profile", path_of_last);
        CHECK_STR(err, want);
        cs_profile_free(p);
    }
    {
        cs_profile *p = cs_profile_new();
        CHECK_EQ(cs_profile_read(p, "/nonexistent/csann.out", NULL, err, sizeof err), -1);
        CHECK_STR(err, "/nonexistent/csann.out: cannot open: No such file or directory");
        cs_profile_free(p);
    }
}

/* event: lines: long names, and derived events (CEst) worked out in every
 * cost slot from their formula, in the callgrind format's grammar. */
static void test_derived_events(void)
{
    static const char text[] =
        "# callgrind format\n"
        "version: 1\n"
        "event: Ir : Instruction fetches\n"
        "event: CEst = Ir + 10 I1mr + 100*ILmr : Cycle estimate\n"
        "event: Odd = Ir + Nope\n"
        "event: Two=2 Ir\n"
        "events: Ir I1mr ILmr\n"
        "summary: 110 3 1\n"
        "fl=(1) a.c\n"
        "fn=(1) main\n"
        "5 100 2 1\n"
        "6 10 1\n"
        "totals: 110 3 1\n";
    cs_profile *p = read_text(text, sizeof text - 1, NULL);
    int cest, two;
    uint32_t f;
    cs_count totals[8];
    CHECK(p != NULL);
    if (!p)
        return;
    cest = cs_event_index(p, "CEst");
    two = cs_event_index(p, "Two");
    CHECK(cest >= 0 && two >= 0);
    CHECK_EQ(cs_event_index(p, "Odd"), -1);      /* names an unknown event */
    CHECK_EQ(cs_recorded_events(p), 3);
    CHECK(cs_event_is_derived(p, (size_t)cest));
    CHECK(!cs_event_is_derived(p, 0));
    CHECK_STR(p->long_names[0], "Instruction fetches");
    CHECK_STR(p->long_names[cest], "Cycle estimate");
    CHECK_STR(p->formulas[cest], "Ir + 10 I1mr + 100*ILmr");
    f = find_function(p, "a.c", "main");
    CHECK_EQ(line_cost(p, f, "a.c", 5, (size_t)cest), 100 + 20 + 100);
    CHECK_EQ(line_cost(p, f, "a.c", 6, (size_t)cest), 10 + 10);
    CHECK_EQ(line_cost(p, f, "a.c", 6, (size_t)two), 20);
    cs_profile_totals(p, totals);
    CHECK_EQ(totals[cest], 110 + 30 + 100);
    /* leaving a derived event out narrows every slot */
    cs_remove_event(p, (size_t)two);
    cest = cs_event_index(p, "CEst");
    CHECK_EQ(line_cost(p, f, "a.c", 5, (size_t)cest), 220);
    CHECK_EQ(line_cost(p, f, "a.c", 5, 1), 2);
    cs_profile_free(p);
}

int main(void)
{
    test_callgrind_format();
    test_count_limits();
    test_cachegrind_format();
    test_inlined_file_ends();
    test_positions();
    test_name_compression();
    test_parts();
    test_stacks();
    test_context_tree();
    test_contexts_of();
    test_malformed();
    test_derived_events();
    return unit_finish("test_reader");
}
