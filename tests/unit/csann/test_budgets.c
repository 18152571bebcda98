/* test_budgets.c - host tests of the budgets file of `csann check
 * --budgets=FILE` (lib/budgets.c): the three scopes, comments, digit
 * groups, and "FILE:LINE: message" for each kind of bad line. */
#include "csann_test.h"
#include "budgets.h"

static char path_of_last[4096];

/* Reads text as a budgets file. */
static int read_budgets(const char *text, cs_budgets *b, char *err, size_t errlen)
{
    char *path = temp_file(text);
    int rc = cs_budgets_read(path, b, err, errlen);
    snprintf(path_of_last, sizeof path_of_last, "%s", path);
    unlink(path);
    free(path);
    return rc;
}

/* Reading text fails with "PATH:where". */
static void check_bad(int line, const char *text, const char *where)
{
    cs_budgets b;
    char err[1200], want[5000];
    int rc = read_budgets(text, &b, err, sizeof err);
    unit_checks++;
    snprintf(want, sizeof want, "%s:%s", path_of_last, where);
    if (rc == 0 || strcmp(err, want) != 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: got \"%s\", expected \"%s\"\n", __FILE__, line,
                rc == 0 ? "(no error)" : err, want);
    }
    if (rc == 0)
        cs_budgets_free(&b);
}
#define CHECK_BAD(text, where) check_bad(__LINE__, text, where)

int main(void)
{
    cs_budgets b;
    char err[1200];

    CHECK_EQ(read_budgets("# limits for CI\n"
                          "total Ir <= 1500000\n"
                          "\n"
                          "  part\tparse  D1mr <= 2_000   # a comment\n"
                          "function main.c:* Ir <= 1_000_000\r\n"
                          "function parse* Bcm <= 0\n", &b, err, sizeof err), 0);
    CHECK_STR(b.path, path_of_last);
    CHECK_EQ(b.count, 4);
    if (b.count == 4) {
        CHECK_EQ(b.items[0].scope, CS_BUDGET_TOTAL);
        CHECK(b.items[0].target == NULL);
        CHECK_STR(b.items[0].event, "Ir");
        CHECK_EQ(b.items[0].limit, 1500000);
        CHECK_EQ(b.items[0].line, 2);
        CHECK_EQ(b.items[1].scope, CS_BUDGET_PART);
        CHECK_STR(b.items[1].target, "parse");
        CHECK_STR(b.items[1].event, "D1mr");
        CHECK_EQ(b.items[1].limit, 2000);
        CHECK_EQ(b.items[1].line, 4);
        CHECK_EQ(b.items[2].scope, CS_BUDGET_FUNCTION);
        CHECK_STR(b.items[2].target, "main.c:*");
        CHECK_EQ(b.items[2].limit, 1000000);
        CHECK_STR(b.items[3].target, "parse*");
        CHECK_EQ(b.items[3].limit, 0);
        CHECK_EQ(b.items[3].line, 6);
    }
    cs_budgets_free(&b);

    CHECK_BAD("totl Ir <= 5\n", "1: unknown scope 'totl' (want total, part or function)");
    CHECK_BAD("total Ir <= 5\ntotal Ir < 5\n", "2: want '<=' after the event, not '<'");
    CHECK_BAD("total Ir <=\n", "1: want 'total EVENT <= LIMIT'");
    CHECK_BAD("part x Ir <= 5 6\n", "1: want 'part NAME EVENT <= LIMIT'");
    CHECK_BAD("function f Ir <= 1 2 3\n", "1: want 'function NAME EVENT <= LIMIT'");
    CHECK_BAD("part\n", "1: 'part' needs a part label");
    CHECK_BAD("function\n", "1: 'function' needs a function name or pattern");
    CHECK_BAD("total Ir <= 5x\n", "1: bad limit '5x' (want a whole number)");
    CHECK_BAD("total Ir <= -5\n", "1: bad limit '-5' (want a whole number)");
    CHECK_BAD("total Ir <= _5\n", "1: bad limit '_5' (want a whole number)");
    CHECK_BAD("total Ir <= 99999999999999999999\n",
              "1: bad limit '99999999999999999999' (want a whole number)");
    CHECK_BAD("# only a comment\n\n", "2: no budgets in the file");
    CHECK_BAD("", "0: no budgets in the file");
    CHECK_EQ(cs_budgets_read("/nonexistent/budgets.txt", &b, err, sizeof err), -1);
    CHECK_STR(err, "/nonexistent/budgets.txt: cannot open: No such file or directory");
    return unit_finish("test_budgets");
}
