/* asm_cases.c - single instructions whose counting has special rules:
 * read-modify-write, accesses across two lines, locked operations, CAS,
 * prefetch, wide vector loads, rep movsb, bts, fxsave; and several
 * accesses of one line of source at offsets from one register, which the
 * generated code tests as one group. (x86-64 only.) */
#include <stdio.h>

static char buf[4096] __attribute__((aligned(64)));
static long var __attribute__((aligned(64)));
static char evict[10 * 4096] __attribute__((aligned(4096)));

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
        /* A group of four accesses over 22 bytes: within one line, or across
         * two (from j = 7 on), after the line was evicted from D1 (nine
         * lines of its set touched) or not. */
        for (int j = 0; j < 12; j++) {
            char *q = buf + 2048 + 7 * j;
            if ((i + j) % 3 == 0)
                for (int k = 0; k < 10; k++)
                    __asm__ volatile("movb (%0), %%al" : : "r"(evict + k * 4096 + ((unsigned long)q & 4032)) : "rax", "memory");
            __asm__ volatile("movq (%1), %0\n\tmovq %0, 8(%1)\n\taddl 16(%1), %k0\n\tmovw %w0, 20(%1)"
                             : "=&r"(v) : "r"(q) : "memory");
        }
#endif
    }
    printf("done %ld\n", var);
    return 0;
}
