/* asm_cases.c - single instructions whose counting has special rules:
 * read-modify-write, accesses across two lines, locked operations, CAS,
 * prefetch, wide vector loads, rep movsb, bts, fxsave. (x86-64 only.) */
#include <stdio.h>

static char buf[4096] __attribute__((aligned(64)));
static long var __attribute__((aligned(64)));

int main(void)
{
    long v = 0;
    char *p = buf;
    for (int i = 0; i < 100; i++) {
#if defined(__x86_64__)
        __asm__ volatile("addq $1, %0" : "+m"(var));
        __asm__ volatile("movq 60(%1), %0" : "=r"(v) : "r"(p) : "memory");
        __asm__ volatile("movq %0, 124(%1)" : : "r"(v), "r"(p) : "memory");
        __asm__ volatile("lock addq $1, %0" : "+m"(var));
        __asm__ volatile("lock cmpxchgq %2, %1" : "+a"(v), "+m"(var) : "r"(v + 1));
        __asm__ volatile("prefetcht0 (%0)" : : "r"(p + 2048));
        __asm__ volatile("movdqu 200(%0), %%xmm0" : : "r"(p) : "xmm0");
        __asm__ volatile("xchgq %0, %1" : "+r"(v), "+m"(var));
        __asm__ volatile("incl 300(%0)" : : "r"(p) : "memory");
        __asm__ volatile("push %%rax; pop %%rax" : : : "memory");
        __asm__ volatile("movq %0, %%rcx; mov %1, %%rdi; mov %1, %%rsi; rep movsb"
                         : : "r"(10L), "r"(p + 512) : "rcx", "rdi", "rsi", "memory");
        __asm__ volatile("bts %1, %0" : "+r"(v) : "r"(3L));
        __asm__ volatile("vmovdqu 256(%0), %%ymm0" : : "r"(p) : "xmm0");
        __asm__ volatile("fxsave (%0)" : : "r"(p + 1024) : "memory");
        __asm__ volatile("movq 63(%1), %0" : "=r"(v) : "r"(p) : "memory");
#endif
    }
    printf("done %ld\n", var);
    return 0;
}
