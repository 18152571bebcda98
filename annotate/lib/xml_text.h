/* xml_text.h - names from a profile as text an XML document may hold.
 * libxml2's writer passes on what it is given: a control byte (written as
 * "&#1;") or bytes that are not UTF-8 make a document (the SVG flame graph,
 * the JUnit report) that no XML reader opens. */
#ifndef CSANN_XML_TEXT_H
#define CSANN_XML_TEXT_H

/* A copy of s (free it) in which each byte that does not begin a UTF-8
 * character XML allows, and each control character other than newline,
 * is '?'. */
char *cs_xml_text(const char *s);

#endif
