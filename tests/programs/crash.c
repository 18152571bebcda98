/* crash.c - does some work, then dies of a segmentation fault: a load
 * through a null pointer, after an access that misses in the same
 * stretch of code.  As in Cachegrind, none of that stretch may be
 * counted or simulated. */
#include <stdio.h>

static long table[1 << 16];

__attribute__((noinline)) static long work(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++)
        s += i % 7;
    return s;
}

/* x = a[k], then y = *fp + 1, then a jump through a register: the load
 * of *fp faults, and its value is used only after it (later in the same
 * stretch).  In assembly, so that the compiler keeps that shape. */
long crash_after(const long *a, long *fp, long k);
__asm__(".text\n"
        ".type crash_after, @function\n"
        "crash_after:\n"
        "    movq (%rdi,%rdx,8), %rdi\n"
        "    movq (%rsi), %rax\n"
        "    leaq 1(%rax), %rax\n"
        "    jmp *%rcx\n"
        ".size crash_after, .-crash_after\n");

/* Called through a pointer, so that the call ends its superblock. */
static long (*volatile crash_fn)(const long *, long *, long) = crash_after;

int main(void)
{
    long *volatile null = 0;
    printf("%ld\n", work(100000));
    fflush(stdout);
    return (int)crash_fn(table, null, 40000);
}
