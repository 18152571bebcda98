/* dlmain.c - dlopen a plugin, run it, dlclose it; then again.  The counts
 * of the unloaded code must still be in the profile, under its names. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "./plugin.so";
    long total = 0;
    for (int round = 0; round < 2; round++) {
        void *h = dlopen(path, RTLD_NOW);
        long (*work)(long);
        if (!h) {
            fprintf(stderr, "dlopen: %s\n", dlerror());
            return 1;
        }
        *(void **)&work = dlsym(h, "plugin_work");
        total += work(20000);
        dlclose(h);
    }
    printf("total %ld\n", total);
    return 0;
}
