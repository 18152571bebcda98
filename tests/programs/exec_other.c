/* exec_other.c - exec the program named by the arguments (execv, no PATH
 * search); if that fails, say so and go on, so the profile shows a run that
 * continued after a failed exec. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: exec_other PROGRAM [ARG...]\n");
        return 2;
    }
    execv(argv[1], argv + 1);
    printf("exec of %s failed: %s; still here\n", argv[1], strerror(errno));
    return 0;
}
