/* det_random_clock.c - a C program that reads the usual nondeterministic
 * inputs: it spins on CLOCK_MONOTONIC for 3 ms, then does work that depends
 * on bytes from getrandom(2), /dev/urandom (also through a dup'ed
 * descriptor) and the auxiliary vector's AT_RANDOM. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static unsigned long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static unsigned table[1 << 16];

int main(void)
{
    unsigned char a[64], b[64], c[16];
    unsigned long long start = now_ns();
    unsigned h = 0;
    long spins = 0;
    int fd, fd2, r, i;

    while (now_ns() - start < 3000000ULL)
        spins++;

    if (getrandom(a, sizeof a, 0) != (ssize_t)sizeof a)
        return 1;
    fd = open("/dev/urandom", O_RDONLY);
    fd2 = dup(fd);
    if (fd < 0 || fd2 < 0 || read(fd, b, 32) != 32 || read(fd2, b + 32, 32) != 32)
        return 1;
    close(fd);
    close(fd2);
    memcpy(c, (const void*)getauxval(AT_RANDOM), sizeof c);

    /* Data-dependent addresses, branches and trip counts. */
    for (r = 0; r < 200; r++)
        for (i = 0; i < 64; i++) {
            unsigned x = ((a[i] << 8 | b[i]) ^ (c[i % 16] << 4) ^ (r * 2654435761u)) & 0xffff;
            table[x] += i;
            if (table[x] & 1)
                h = h * 31 + x;
            else
                h ^= x;
        }
    for (i = 0; i < 1000 + a[0] * 50; i++)
        h = h * 33 + i;

    printf("spun %ld times; getrandom %02x%02x urandom %02x%02x/%02x%02x auxv %02x%02x; h=%08x\n",
           spins, a[0], a[1], b[0], b[1], b[32], b[33], c[0], c[1], h);
    return 0;
}
