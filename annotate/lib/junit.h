/* junit.h - the JUnit XML report of `csann check --junit=FILE`, written
 * with libxml2's xmlTextWriter (always well-formed) through safe_write. */
#ifndef CSANN_JUNIT_H
#define CSANN_JUNIT_H
#include <stddef.h>

typedef struct cs_junit_case {
    const char *classname;      /* "csann.check.total", ".part", ".function" */
    const char *name;
    const char *failure;        /* NULL when it passed */
} cs_junit_case;

/* Writes one <testsuite> with the cases; -1 with a message in err. */
int cs_junit_write(const char *path, const char *suite, const cs_junit_case *cases,
                   size_t n, char *err, size_t errlen);

#endif
