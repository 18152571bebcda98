/* strtab.h - string interning: every distinct name gets a small id, so the
 * profile model compares and hashes integers instead of strings. */
#ifndef CSANN_STRTAB_H
#define CSANN_STRTAB_H
#include <stddef.h>
#include <stdint.h>

typedef struct cs_strtab cs_strtab;

cs_strtab *cs_strtab_new(void);
void cs_strtab_free(cs_strtab *t);
/* The id of the string s[0..len) (which need not be NUL-terminated). */
uint32_t cs_strtab_intern(cs_strtab *t, const char *s, size_t len);
const char *cs_strtab_get(const cs_strtab *t, uint32_t id);
size_t cs_strtab_count(const cs_strtab *t);

#endif
