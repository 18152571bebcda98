/* test_xml_text.c - host tests of lib/xml_text.c: the names of a profile
 * as text for the SVG flame graph and the JUnit report, where every byte
 * that XML cannot hold becomes '?' and the rest is kept. */
#include "csann_test.h"
#include "xml_text.h"

static void check_text(int line, const char *in, const char *want)
{
    char *got = cs_xml_text(in);
    unit_checks++;
    if (strcmp(got, want) != 0) {
        unit_failures++;
        fprintf(stderr, "%s:%d: got \"%s\", expected \"%s\"\n", __FILE__, line, got, want);
    }
    free(got);
}
#define CHECK_TEXT(in, want) check_text(__LINE__, in, want)

int main(void)
{
    CHECK_TEXT("", "");
    CHECK_TEXT("main <&\"'>", "main <&\"'>");      /* the writer escapes these */
    CHECK_TEXT("a\nb", "a\nb");
    CHECK_TEXT("a\tb\rc\001d\037", "a?b?c?d?");
    /* Well-formed UTF-8 is kept: 2, 3 and 4 bytes, the last code points. */
    CHECK_TEXT("\303\251t\303\251 \342\202\254 \360\237\246\200", "\303\251t\303\251 \342\202\254 \360\237\246\200");
    CHECK_TEXT("\357\277\275 \364\217\277\277", "\357\277\275 \364\217\277\277");
    /* Not XML characters: U+FFFE and U+FFFF. */
    CHECK_TEXT("e\357\277\276f\357\277\277", "e???f???");
    /* Not UTF-8: stray continuation bytes, overlong forms, surrogates,
     * past U+10FFFF, a cut sequence at the end; each byte is one '?'. */
    CHECK_TEXT("x\277\276y", "x??y");
    CHECK_TEXT("a\300\200b\340\200\200c", "a??b???c");
    CHECK_TEXT("c\355\240\200d", "c???d");
    CHECK_TEXT("g\364\220\200\200h", "g????h");
    CHECK_TEXT("\377i\342\202", "?i??");
    return unit_finish("test_xml_text");
}
