/* junit.c - see junit.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include "junit.h"
#include "safe_write.h"
#include "xml_text.h"

typedef struct suite {
    const char *name;
    const cs_junit_case *cases;
    size_t n;
} suite;

#define X(s) BAD_CAST (s)

static int write_suite(FILE *out, void *ctx)
{
    const suite *s = ctx;
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    size_t i, failures = 0;
    int ok = w != NULL;

    for (i = 0; i < s->n; i++)
        failures += s->cases[i].failure != NULL;
    if (ok) {
        xmlTextWriterSetIndent(w, 1);
        ok = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) >= 0
             && xmlTextWriterStartElement(w, X("testsuites")) >= 0
             && xmlTextWriterStartElement(w, X("testsuite")) >= 0
             && xmlTextWriterWriteAttribute(w, X("name"), X(s->name)) >= 0
             && xmlTextWriterWriteFormatAttribute(w, X("tests"), "%zu", s->n) >= 0
             && xmlTextWriterWriteFormatAttribute(w, X("failures"), "%zu", failures) >= 0
             && xmlTextWriterWriteAttribute(w, X("errors"), X("0")) >= 0
             && xmlTextWriterWriteAttribute(w, X("skipped"), X("0")) >= 0;
    }
    for (i = 0; ok && i < s->n; i++) {
        const cs_junit_case *c = &s->cases[i];
        /* Function names come from the profile: any bytes at all. */
        char *name = cs_xml_text(c->name);
        char *failure = c->failure ? cs_xml_text(c->failure) : NULL;
        ok = xmlTextWriterStartElement(w, X("testcase")) >= 0
             && xmlTextWriterWriteAttribute(w, X("classname"), X(c->classname)) >= 0
             && xmlTextWriterWriteAttribute(w, X("name"), X(name)) >= 0;
        if (ok && failure)
            ok = xmlTextWriterStartElement(w, X("failure")) >= 0
                 && xmlTextWriterWriteAttribute(w, X("message"), X(failure)) >= 0
                 && xmlTextWriterWriteString(w, X(failure)) >= 0
                 && xmlTextWriterEndElement(w) >= 0;
        ok = ok && xmlTextWriterEndElement(w) >= 0;
        free(name);
        free(failure);
    }
    ok = ok && xmlTextWriterEndDocument(w) >= 0;    /* closes the open elements */
    if (w)
        xmlFreeTextWriter(w);   /* flushes into buf */
    if (ok)
        ok = fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), out)
             == (size_t)xmlBufferLength(buf);
    if (buf)
        xmlBufferFree(buf);
    return ok ? 0 : -1;
}

int cs_junit_write(const char *path, const char *name, const cs_junit_case *cases,
                   size_t n, char *err, size_t errlen)
{
    suite s = { name, cases, n };
    return cs_write_atomically(path, write_suite, &s, err, errlen);
}
