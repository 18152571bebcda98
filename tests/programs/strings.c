/* strings.c - libc string functions and rep-prefixed string instructions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char src[8192], dst[8192];

static void rep_movsb(void *d, const void *s, size_t n)
{
#if defined(__x86_64__)
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
#else
    memcpy(d, s, n);
#endif
}

static void rep_stosq(void *d, unsigned long v, size_t n)
{
#if defined(__x86_64__)
    __asm__ volatile("rep stosq" : "+D"(d), "+c"(n) : "a"(v) : "memory");
#else
    for (size_t i = 0; i < n; i++) ((unsigned long *)d)[i] = v;
#endif
}

int main(void)
{
    size_t total = 0;
    for (int i = 0; i < (int)sizeof src - 1; i++)
        src[i] = (char)('a' + i % 26);
    for (int round = 0; round < 200; round++) {
        size_t n = 100 + (size_t)round * 37 % 4000;
        memcpy(dst, src, n);
        dst[n] = '\0';
        total += strlen(dst);
        total += (size_t)(strchr(dst, 'q') - dst);
        memmove(dst + 1, dst, n / 2);
        total += (size_t)memcmp(dst, src, n / 3) != 0;
        rep_movsb(dst, src + round, (size_t)round % 64);
        rep_stosq(dst + 4096, (unsigned long)round, 32);
        memset(dst, round, 512);
    }
    printf("total %zu\n", total);
    return 0;
}
