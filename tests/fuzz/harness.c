/* harness.c - see harness.h. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <libxml/parser.h>
#include "harness.h"
#include "reader.h"
#include "exit_status.h"

enum { N_SLOTS = 3, MAX_ARGS = 32 };

static int slot_fd[N_SLOTS] = { -1, -1, -1 };
static char slot_path[N_SLOTS][64];
static char temp_dir[256];
static char temp_path[512];

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    fputs("csann fuzz: FINDING: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n", stderr);
    abort();
}

static void remove_temp_dir(void)
{
    DIR *d;
    struct dirent *e;
    char path[600];
    if (!temp_dir[0] || !(d = opendir(temp_dir)))
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", temp_dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(temp_dir);
}

/* Memory (/dev/shm) rather than disk: csann fsyncs what it writes. */
static void make_temp_dir(void)
{
    const char *bases[3] = { "/dev/shm", getenv("TMPDIR"), "/tmp" };
    int i;
    for (i = 0; i < 3; i++) {
        if (!bases[i] || access(bases[i], W_OK) != 0)
            continue;
        snprintf(temp_dir, sizeof temp_dir, "%s/csann-fuzz.XXXXXX", bases[i]);
        if (mkdtemp(temp_dir)) {
            atexit(remove_temp_dir);
            return;
        }
    }
    temp_dir[0] = '\0';
    fuzz_fail("cannot make a temporary directory");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* libFuzzer reports on stderr; the reports csann prints are not wanted. */
    if (!freopen("/dev/null", "w", stdout))
        fuzz_fail("cannot send stdout to /dev/null");
    make_temp_dir();
    return 0;
}

const char *fuzz_file(int slot, const uint8_t *data, size_t size)
{
    if (slot < 0 || slot >= N_SLOTS)
        fuzz_fail("no file slot %d", slot);
    if (slot_fd[slot] < 0) {
        slot_fd[slot] = memfd_create("csann-fuzz-input", MFD_CLOEXEC);
        if (slot_fd[slot] < 0)
            fuzz_fail("memfd_create failed");
        snprintf(slot_path[slot], sizeof slot_path[slot], "/proc/self/fd/%d", slot_fd[slot]);
    }
    if (ftruncate(slot_fd[slot], 0) != 0
        || (size && pwrite(slot_fd[slot], data, size, 0) != (ssize_t)size))
        fuzz_fail("cannot write the input to a memory file");
    return slot_path[slot];
}

void fuzz_two_files(const uint8_t *data, size_t size, const char **old_path,
                    const char **new_path)
{
    static const char sep[] = FUZZ_SEPARATOR;
    const uint8_t *at = size >= sizeof sep - 1
                        ? memmem(data, size, sep, sizeof sep - 1) : NULL;
    if (!at) {
        *old_path = fuzz_file(0, data, size);
        *new_path = fuzz_file(1, data, size);
        return;
    }
    /* The old profile keeps the separator's first '\n' as its last. */
    *old_path = fuzz_file(0, data, (size_t)(at - data) + 1);
    at += sizeof sep - 1;
    *new_path = fuzz_file(1, at, size - (size_t)(at - data));
}

const char *fuzz_temp_path(const char *name)
{
    snprintf(temp_path, sizeof temp_path, "%s/%s", temp_dir, name);
    return temp_path;
}

int fuzz_command(int (*cmd)(int, char **), const char *arg0, ...)
{
    char *argv[MAX_ARGS + 1];
    const char *arg;
    va_list ap;
    int argc = 0, rc, i;

    va_start(ap, arg0);
    for (arg = arg0; arg; arg = va_arg(ap, const char *)) {
        if (argc == MAX_ARGS)
            fuzz_fail("more than %d arguments", MAX_ARGS);
        argv[argc++] = strdup(arg);     /* a command may keep pointers into argv */
    }
    va_end(ap);
    argv[argc] = NULL;
    rc = cmd(argc, argv);
    fflush(stdout);
    for (i = 0; i < argc; i++)
        free(argv[i]);
    if (rc != CSANN_OK && rc != CSANN_EDATA && rc != CSANN_EUSAGE)
        fuzz_fail("csann %s exited with status %d", arg0, rc);
    return rc;
}

cs_profile *fuzz_read(const char *path, const char *part)
{
    cs_profile *p = cs_profile_new();
    cs_read_options ro = { part };
    char err[1024];
    err[0] = '\0';
    if (cs_profile_read(p, path, &ro, err, sizeof err) == 0)
        return p;
    if (strncmp(err, path, strlen(path)) != 0 || err[strlen(path)] != ':')
        fuzz_fail("a rejected profile without 'FILE: message': '%s'", err);
    cs_profile_free(p);
    return NULL;
}

void fuzz_expect_xml(const char *path, const char *what)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR
                                            | XML_PARSE_NOWARNING);
    if (!doc)
        fuzz_fail("%s wrote %s, which is not well-formed XML", what, path);
    xmlFreeDoc(doc);
}

static cs_count total_of(const cs_profile *p, const cs_count *totals, const char *event)
{
    int e = cs_event_index(p, event);
    if (e < 0)
        fuzz_fail("event '%s' is missing from %s", event, p->path);
    return totals[e];
}

void fuzz_expect_sum(const char *written, const cs_profile *a, const cs_profile *b,
                     int sign, const char *what)
{
    cs_profile *w = fuzz_read(written, NULL);
    cs_count *tw, *ta, *tb;
    size_t e;

    if (!w)
        fuzz_fail("%s wrote a profile csann cannot read", what);
    /* Derived events are worked out in each profile from its own formula
     * (combine.c): a profile whose formula is bad has none to combine. */
    if (cs_recorded_events(w) != cs_recorded_events(a))
        fuzz_fail("%s wrote %zu recorded events, not %zu", what, cs_recorded_events(w),
                  cs_recorded_events(a));
    tw = calloc(w->n_events + 1, sizeof *tw);
    ta = calloc(a->n_events + 1, sizeof *ta);
    tb = calloc(b->n_events + 1, sizeof *tb);
    if (!tw || !ta || !tb)
        fuzz_fail("out of memory");
    cs_profile_totals(w, tw);
    cs_profile_totals(a, ta);
    cs_profile_totals(b, tb);
    for (e = 0; e < w->n_events; e++) {
        uint64_t x, y;
        cs_count want;
        if (cs_event_is_derived(w, e))
            continue;
        x = (uint64_t)total_of(a, ta, w->events[e]);
        y = (uint64_t)total_of(b, tb, w->events[e]);
        want = (cs_count)(sign < 0 ? x - y : x + y);
        if (tw[e] != want)
            fuzz_fail("%s wrote a total of %lld %s, want %lld", what,
                      (long long)tw[e], w->events[e], (long long)want);
    }
    free(tw);
    free(ta);
    free(tb);
    cs_profile_free(w);
}

void fuzz_expect_cpu_round_trip(const cs_cpu_t *cpu, const char *notes, const char *what)
{
    size_t n_notes = notes ? strlen(notes) : 0;
    unsigned long len = cs_cpu_print(cpu, NULL, 0);
    char *text = malloc(n_notes + len + 1), msg[256];
    cs_cpu_t back;
    cs_cpu_error_t err;

    if (!text)
        fuzz_fail("out of memory");
    memcpy(text, notes ? notes : "", n_notes);
    if (cs_cpu_print(cpu, text + n_notes, len + 1) != len)
        fuzz_fail("%s: cs_cpu_print gave two lengths", what);
    if (cs_cpu_parse(&back, text, n_notes + len, "printed", &err) != 0)
        fuzz_fail("%s: the description csann prints does not parse back: %s\n%s", what,
                  err.message, text);
    if (!cs_cpu_same_model(cpu, &back) || strcmp(cpu->name, back.name) != 0
        || strcmp(cpu->title, back.title) != 0)
        fuzz_fail("%s: the description parses back as another one:\n%s", what, text);
    if (cs_cpu_check(cpu, msg, sizeof msg) == 0 && cs_cpu_check(&back, msg, sizeof msg) != 0)
        fuzz_fail("%s: the description parsed back fails the check: %s", what, msg);
    free(text);
}
