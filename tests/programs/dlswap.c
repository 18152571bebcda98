/* dlswap.c - dlopen a plugin, run it, dlclose it; then the same with a
 * second plugin, which the loader usually maps where the first one was.
 * Each plugin's code must be counted under its own object, file, function
 * and lines, not under what was at the same addresses before. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    long total = 0;
    for (int i = 1; i < argc; i++) {
        void *h = dlopen(argv[i], RTLD_NOW);
        long (*work)(long);
        if (!h) {
            fprintf(stderr, "dlopen: %s\n", dlerror());
            return 1;
        }
        *(void **)&work = dlsym(h, "plugin_entry");
        total += work(20000);
        dlclose(h);
    }
    printf("total %ld\n", total);
    return 0;
}
