/* xml_text.c - see xml_text.h. */
#include <stdint.h>
#include <string.h>
#include "xalloc.h"
#include "xml_text.h"

/* The length (1 to 4) of the well-formed UTF-8 character at s, with its
 * code point in *cp; 0 when s starts none (RFC 3629: no overlong forms,
 * no surrogates, nothing past U+10FFFF).  libxml2's xmlGetUTF8Char is not
 * this strict: it takes a stray continuation byte for a lead byte. */
static int utf8_char(const unsigned char *s, uint32_t *cp)
{
    uint32_t c = s[0], min;
    int n, i;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2, c &= 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3, c &= 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4, c &= 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)     /* also stops at the final NUL */
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

char *cs_xml_text(const char *s)
{
    const unsigned char *in = (const unsigned char *)s;
    size_t i = 0, o = 0;
    char *out = xmalloc(strlen(s) + 1);
    while (in[i]) {
        uint32_t c;
        int len = utf8_char(in + i, &c);
        /* XML's characters, less the controls but newline. */
        if (len == 0 || (c < 0x20 && c != '\n') || c == 0xfffe || c == 0xffff) {
            out[o++] = '?';
            i++;
            continue;
        }
        memcpy(out + o, in + i, (size_t)len);
        o += (size_t)len;
        i += (size_t)len;
    }
    out[o] = '\0';
    return out;
}
