/* csann_test.h - what the host unit tests of csann's library share on top
 * of unit.h: string checks, temporary input files, and capturing what a
 * function prints on a standard stream. */
#ifndef CSANN_TEST_H
#define CSANN_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include "unit.h"

#define CHECK_STR(a, b) do { \
    const char *sa_ = (a), *sb_ = (b); \
    unit_checks++; \
    if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) { \
        unit_failures++; \
        fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, \
                __LINE__, #a, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)"); \
    } \
} while (0)

/* A new temporary file holding len bytes of text; returns its path (free
 * it after unlinking the file). */
static inline char *temp_file_n(const char *text, size_t len)
{
    const char *dir = getenv("TMPDIR");
    char *path = malloc(4096);
    int fd;
    snprintf(path, 4096, "%s/csann-unit-XXXXXX", dir && *dir ? dir : "/tmp");
    fd = mkstemp(path);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) != 0) {
        perror("csann unit test: temporary file");
        exit(2);
    }
    return path;
}

static inline char *temp_file(const char *text)
{
    return temp_file_n(text, strlen(text));
}

/* Output captured from a standard stream (stdout or stderr). */
typedef struct capture {
    FILE *stream;
    int saved_fd;
    char *path;
} capture;

static inline void capture_start(capture *c, FILE *stream)
{
    int fd;
    fflush(stream);
    c->stream = stream;
    c->path = temp_file("");
    c->saved_fd = dup(fileno(stream));
    fd = open(c->path, O_WRONLY | O_TRUNC);
    dup2(fd, fileno(stream));
    close(fd);
}

/* Restores the stream; returns what was written to it (free it). */
static inline char *capture_end(capture *c)
{
    FILE *f;
    char *text = calloc(1, 65536);
    size_t n;
    fflush(c->stream);
    dup2(c->saved_fd, fileno(c->stream));
    close(c->saved_fd);
    f = fopen(c->path, "r");
    n = f ? fread(text, 1, 65535, f) : 0;
    text[n] = '\0';
    if (f)
        fclose(f);
    unlink(c->path);
    free(c->path);
    return text;
}

#endif
