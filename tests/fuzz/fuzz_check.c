/* fuzz_check.c - `csann check`: NEW against the baseline OLD (the input's
 * two profiles, see FUZZ_SEPARATOR) with tolerances, --strict and a JUnit
 * report (parsed back as XML), then the input against a fixed budgets file. */
#include <stdio.h>
#include "commands.h"
#include "harness.h"

static const char budgets[] =
    "# csann fuzz: limits on the events every seed profile has\n"
    "total Ir <= 1000000\n"
    "part 1 Ir <= 500\n"
    "part work Ir <= 0\n"
    "function main Ir <= 100\n"
    "function *.c:* Ir <= 10_000\n"
    "function ??? Ir <= 0\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char budgets_path[512], junit_path[512];
    const char *old_path, *new_path;
    if (!budgets_path[0]) {
        FILE *f;
        snprintf(budgets_path, sizeof budgets_path, "%s", fuzz_temp_path("budgets"));
        snprintf(junit_path, sizeof junit_path, "%s", fuzz_temp_path("junit.xml"));
        if (!(f = fopen(budgets_path, "w")) || fputs(budgets, f) < 0 || fclose(f) != 0)
            fuzz_fail("cannot write %s", budgets_path);
    }
    fuzz_two_files(data, size, &old_path, &new_path);
    if (fuzz_command(cmd_check, "check", "--baseline", old_path, "--tolerance=Ir:250%,Dr:10",
                     "--strict", "--junit", junit_path, new_path, NULL) != CSANN_EUSAGE)
        fuzz_expect_xml(junit_path, "check --junit");
    fuzz_command(cmd_check, "check", "--budgets", budgets_path,
                 fuzz_file(2, data, size), NULL);
    return 0;
}
