/* test_name_rules.c - host tests of --mod-filename / --mod-funcname rules
 * (lib/name_rules.c): both spellings, escapes, groups, the first match or
 * every match, rules applied in order, and the messages of bad rules. */
#include "csann_test.h"
#include "name_rules.h"

/* name after the one rule spec (which must parse). */
static void check_rule(int line, const char *spec, const char *name, const char *want)
{
    cs_name_rules rules = { NULL, 0 };
    char err[400];
    char *got = NULL;
    unit_checks++;
    if (cs_name_rules_add(&rules, spec, err, sizeof err) < 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: rule '%s' refused: %s\n", __FILE__, line, spec, err);
    } else if (strcmp(got = cs_name_rules_apply(&rules, name), want) != 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: '%s' on '%s' gives '%s', expected '%s'\n", __FILE__,
                line, spec, name, got, want);
    }
    free(got);
    cs_name_rules_free(&rules);
}
#define CHECK_RULE(spec, name, want) check_rule(__LINE__, spec, name, want)

/* The rule spec is refused with the message want. */
static void check_bad(int line, const char *spec, const char *want)
{
    cs_name_rules rules = { NULL, 0 };
    char err[400] = "";
    unit_checks++;
    if (cs_name_rules_add(&rules, spec, err, sizeof err) == 0 || strcmp(err, want) != 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: rule '%s': got \"%s\", expected \"%s\"\n", __FILE__,
                line, spec, err, want);
    }
    CHECK_EQ(rules.count, 0);
    cs_name_rules_free(&rules);
}
#define CHECK_BAD(spec, want) check_bad(__LINE__, spec, want)

#define WANT " (want REGEX/REPLACEMENT or s/REGEX/REPLACEMENT/[g])"

int main(void)
{
    cs_name_rules rules = { NULL, 0 };
    char err[400], *name;

    /* REGEX/REPLACEMENT replaces the first match. */
    CHECK_RULE("a/b", "xaxa", "xbxa");
    /* s/REGEX/REPLACEMENT/ with g replaces every match; any delimiter. */
    CHECK_RULE("s/a/b/", "xaxa", "xbxa");
    CHECK_RULE("s/a/b/g", "xaxa", "xbxb");
    CHECK_RULE("s|/build/[^/]*/|/b/|", "/build/x/y.c", "/b/y.c");
    CHECK_RULE("s#o#0#g", "foo", "f00");
    /* An escaped delimiter is the plain character: here '|', alternation. */
    CHECK_RULE("s|a\\|b|X|g", "xab", "xXX");
    /* \/ is a '/' in either part; \1..\9 the groups, \0 the match. */
    CHECK_RULE("a\\/b/c\\/d", "xa/by", "xc/dy");
    CHECK_RULE("s/(.*)::h[0-9a-f]{16}$/\\1/", "app::run::h0123456789abcdef", "app::run");
    CHECK_RULE("s/o/<\\0>/g", "foo", "f<o><o>");
    CHECK_RULE("s/(a)(b)/\\2\\1/", "abab", "baab");
    CHECK_RULE("s/a/\\\\/", "cat", "c\\t");
    /* Anchors: an empty match at the start; no match leaves the name. */
    CHECK_RULE("s/^/lib::/", "f", "lib::f");
    CHECK_RULE("s/^x/y/g", "xxx", "yxx");
    CHECK_RULE("z/y", "abc", "abc");

    /* Several rules apply in order, each to the result of the last. */
    CHECK_EQ(cs_name_rules_add(&rules, "s/a/b/g", err, sizeof err), 0);
    CHECK_EQ(cs_name_rules_add(&rules, "b/c", err, sizeof err), 0);
    CHECK_EQ(rules.count, 2);
    CHECK_STR(rules.items[1].spec, "b/c");
    name = cs_name_rules_apply(&rules, "aab");
    CHECK_STR(name, "cbb");
    free(name);
    cs_name_rules_free(&rules);
    name = cs_name_rules_apply(NULL, "same");
    CHECK_STR(name, "same");
    free(name);

    CHECK_BAD("abc", "'abc': no '/' between regex and replacement" WANT);
    CHECK_BAD("/x", "'/x': empty regex" WANT);
    CHECK_BAD("s/a", "'s/a': no delimiter after the regex" WANT);
    CHECK_BAD("s/a/b", "'s/a/b': no closing delimiter" WANT);
    CHECK_BAD("s/a/b/x", "'s/a/b/x': only the flag 'g' may follow" WANT);
    CHECK_EQ(cs_name_rules_add(&rules, "s/(/x/", err, sizeof err), -1);
    CHECK(strncmp(err, "'s/(/x/': ", 10) == 0);     /* then regerror's words */
    CHECK_EQ(rules.count, 0);
    return unit_finish("test_name_rules");
}
