/* fuzz_export.c - `csann export --format=pprof` of the input: with samples
 * per source line, then per function with a derived sample type.  What it
 * writes must be a whole gzip stream holding well-formed Protocol Buffers:
 * every field of the Profile message a valid key and, for a length-
 * delimited one, a length within the message; string_table[0] empty. */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>
#include "commands.h"
#include "harness.h"

static uint64_t varint(const unsigned char **at, const unsigned char *end)
{
    uint64_t v = 0;
    int shift;
    for (shift = 0; shift < 64 && *at < end; shift += 7) {
        unsigned char b = *(*at)++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    fuzz_fail("export wrote a varint that does not end");
    return 0;
}

static void expect_profile(const unsigned char *at, const unsigned char *end)
{
    int first_string = 1;
    while (at < end) {
        uint64_t key = varint(&at, end), len;
        switch (key & 7) {
        case 0: varint(&at, end); break;
        case 1: if (end - at < 8) fuzz_fail("export wrote a cut fixed64"); at += 8; break;
        case 5: if (end - at < 4) fuzz_fail("export wrote a cut fixed32"); at += 4; break;
        case 2:
            len = varint(&at, end);
            if (len > (uint64_t)(end - at))
                fuzz_fail("export wrote field %llu longer than the message",
                          (unsigned long long)(key >> 3));
            if (key >> 3 == 6 && first_string && len != 0)
                fuzz_fail("export wrote a string_table whose first string is not empty");
            first_string &= key >> 3 != 6;
            at += len;
            break;
        default: fuzz_fail("export wrote wire type %d", (int)(key & 7));
        }
    }
}

static void expect_pprof(const char *path)
{
    gzFile f = gzopen(path, "rb");
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    int n;
    if (!f || !buf)
        fuzz_fail("cannot read %s back", path);
    while ((n = gzread(f, buf + len, (unsigned)(cap - len))) > 0)
        if ((len += (size_t)n) == cap && !(buf = realloc(buf, cap *= 2)))
            fuzz_fail("out of memory");
    if (n < 0 || gzclose(f) != Z_OK)
        fuzz_fail("export wrote %s, which is not a whole gzip stream", path);
    expect_profile(buf, buf + len);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(0, data, size), *out = fuzz_temp_path("profile.pb.gz");
    if (fuzz_command(cmd_export, "export", "--format=pprof", "-o", out, path, NULL) == 0)
        expect_pprof(out);
    if (fuzz_command(cmd_export, "export", "--lines=no", "--derive=L1m=I1mr+D1mr+D1mw",
                     "-o", out, path, NULL) == 0)
        expect_pprof(out);
    return 0;
}
