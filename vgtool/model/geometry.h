/* geometry.h - cache geometries: parsing "--I1=size,assoc,line_size",
 * validity checks, descriptions and the defaults used when the host's
 * caches cannot be detected.  Plain C, no Valgrind headers, no libc. */
#ifndef CACHESIM_SIM_GEOMETRY_H
#define CACHESIM_SIM_GEOMETRY_H

typedef struct {
   unsigned long size;       /* total bytes */
   unsigned long assoc;      /* ways per set */
   unsigned long line_size;  /* bytes per line */
} cs_geometry_t;

/* The smallest line size a cache may have. */
#define CS_MIN_LINE_SIZE 16

/* Parse "size,assoc,line_size" (three decimal numbers that fit in an int).
 * Returns 0 on success, or -1 with *err set to a message: the syntax, or
 * which number is over the limit (2147483647). */
int cs_geometry_parse(const char *text, cs_geometry_t *out, const char **err);

/* Check that a geometry can be simulated; the messages are Cachegrind's.
 * Returns 0 when valid, else -1 with *err set. */
int cs_geometry_check(const cs_geometry_t *g, const char **err);

/* Write "<size> B, <line> B, <assoc>-way associative" (or "direct-mapped")
 * into buf (at least 64 bytes). */
void cs_geometry_describe(const cs_geometry_t *g, char *buf, unsigned long buflen);

/* For an auto-detected last-level cache whose set count is not a power of
 * two: round the sets down to a power of two and raise the associativity,
 * as Cachegrind does.  Returns 1 if *g was changed. */
int cs_geometry_tweak_ll(cs_geometry_t *g);

#endif
