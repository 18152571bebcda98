/* source.c - source lookup through -I directories and line splitting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "source.h"
#include "xalloc.h"

static int read_file(const char *path, cs_source *out)
{
    FILE *f;
    struct stat st;
    size_t cap = 0, len = 0, n, i;
    char *text = NULL;

    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    f = fopen(path, "rb");
    if (!f)
        return -1;
    for (;;) {
        xgrow((void **)&text, &cap, len + 65536 + 1, 1);
        n = fread(text + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    text[len] = '\0';
    memset(out, 0, sizeof *out);
    out->path = xstrdup(path);
    out->text = text;
    out->mtime = st.st_mtime;
    cap = 0;
    for (i = 0; i < len;) {
        char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        xgrow((void **)&out->lines, &cap, out->n_lines + 1, sizeof *out->lines);
        out->lines[out->n_lines++] = text + i;
        if (end > i && text[end - 1] == '\r')
            text[end - 1] = '\0';
        text[end] = '\0';
        i = end + 1;
    }
    return 0;
}

int cs_source_load(const char *name, char *const *includes, size_t n_includes,
                   cs_source *out)
{
    const char *rel = name, *base = strrchr(name, '/');
    size_t i;

    if (read_file(name, out) == 0)
        return 0;
    while (*rel == '/' || (rel[0] == '.' && rel[1] == '/'))
        rel += *rel == '/' ? 1 : 2;
    base = base ? base + 1 : name;
    for (i = 0; i < n_includes; i++) {
        size_t len = strlen(includes[i]) + strlen(name) + 2;
        char *path = xmalloc(len);
        snprintf(path, len, "%s/%s", includes[i], rel);
        if (read_file(path, out) == 0) {
            free(path);
            return 0;
        }
        snprintf(path, len, "%s/%s", includes[i], base);
        if (read_file(path, out) == 0) {
            free(path);
            return 0;
        }
        free(path);
    }
    return -1;
}

void cs_source_free(cs_source *s)
{
    free(s->path);
    free(s->text);
    free(s->lines);
    memset(s, 0, sizeof *s);
}
