/* test_tolerance.c - host tests of `csann check --tolerance=SPEC`
 * (lib/tolerance.c): absolute and relative tolerances, the limits they
 * give, and the messages of bad items. */
#include <stdint.h>
#include "csann_test.h"
#include "tolerance.h"
#include "xalloc.h"

static cs_profile *profile;

/* spec is refused with the message want. */
static void check_bad(int line, const char *spec, const char *want)
{
    cs_tolerance *t = NULL;
    size_t n = 99;
    char err[400] = "";
    int rc = cs_tolerances_parse(profile, spec, &t, &n, err, sizeof err);
    unit_checks++;
    if (rc == 0 || strcmp(err, want) != 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: '%s': got \"%s\", expected \"%s\"\n", __FILE__, line,
                spec, rc == 0 ? "(no error)" : err, want);
    }
    free(t);
}
#define CHECK_BAD(spec, want) check_bad(__LINE__, spec, want)

int main(void)
{
    cs_tolerance *t = NULL;
    size_t n = 0;
    char err[400];

    profile = cs_profile_new();
    profile->path = xstrdup("base.out");
    cs_add_event(profile, "Ir", 2);
    cs_add_event(profile, "D1mr", 4);

    CHECK_EQ(cs_tolerances_parse(profile, "D1mr:2.5%,Ir:1000,,Ir:0", &t, &n, err,
                                 sizeof err), 0);
    CHECK_EQ(n, 3);
    if (n == 3) {
        CHECK_EQ(t[0].event, 1);
        CHECK_EQ(t[0].relative, 1);
        /* 2.5% of 1000 is 25; of 999, 24.975, rounded down. */
        CHECK_EQ(cs_tolerance_limit(&t[0], 1000), 1025);
        CHECK_EQ(cs_tolerance_limit(&t[0], 999), 999 + 24);
        CHECK_EQ(cs_tolerance_limit(&t[0], 0), 0);
        CHECK_EQ(t[1].event, 0);
        CHECK_EQ(t[1].relative, 0);
        CHECK_EQ(cs_tolerance_limit(&t[1], 5), 1005);
        CHECK_EQ(cs_tolerance_limit(&t[2], 5), 5);
    }
    free(t);
    /* Exact where a double would round: 100% of 2^53 + 1. */
    CHECK_EQ(cs_tolerances_parse(profile, "Ir:100%", &t, &n, err, sizeof err), 0);
    CHECK_EQ(cs_tolerance_limit(&t[0], ((cs_count)1 << 53) + 1), ((cs_count)1 << 54) + 2);
    /* Limits past the largest count stop there (found by fuzzing: 250% of
     * a count near 2^63 was converted to a count it does not fit). */
    CHECK_EQ(cs_tolerance_limit(&t[0], INT64_MAX / 2 + 1), INT64_MAX);
    CHECK_EQ(cs_tolerance_limit(&t[0], INT64_MAX / 2), INT64_MAX - 1);
    CHECK_EQ(cs_tolerance_limit(&t[0], INT64_MAX), INT64_MAX);
    free(t);
    CHECK_EQ(cs_tolerances_parse(profile, "Ir:250%,D1mr:1000000000000000000", &t, &n, err,
                                 sizeof err), 0);
    CHECK_EQ(cs_tolerance_limit(&t[0], INT64_MAX / 2), INT64_MAX);
    CHECK_EQ(cs_tolerance_limit(&t[1], INT64_MAX - 10), INT64_MAX);
    CHECK_EQ(cs_tolerance_limit(&t[1], -5), 1000000000000000000 - 5);
    free(t);

    CHECK_BAD("Ir", "'Ir' is not EVENT:N or EVENT:P%");
    CHECK_BAD(":5", "':5' is not EVENT:N or EVENT:P%");
    CHECK_BAD("Ir:1,Dr:5", "no event 'Dr' in base.out");
    CHECK_BAD("Ir:", "bad value '' for Ir (want N or P%)");
    CHECK_BAD("Ir:%", "bad value '%' for Ir (want N or P%)");
    CHECK_BAD("Ir:1.5", "bad value '1.5' for Ir (want N or P%)");  /* counts are whole */
    CHECK_BAD("Ir:5%x", "bad value '5%x' for Ir (want N or P%)");
    CHECK_BAD("Ir:1..5%", "bad value '1..5%' for Ir (want N or P%)");
    CHECK_BAD("Ir:-5", "bad value '-5' for Ir (want N or P%)");
    CHECK_BAD("Ir:99999999999999999999", "bad value '99999999999999999999' for Ir (want N or P%)");
    cs_profile_free(profile);
    return unit_finish("test_tolerance");
}
