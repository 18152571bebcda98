/* numfmt.h - number formatting shared by the subcommands' reports. */
#ifndef CSANN_NUMFMT_H
#define CSANN_NUMFMT_H
#include <stdint.h>
#include <stddef.h>

/* Writes v with ',' every three digits ("1,234,567"); returns the length.
 * buf must hold at least 27 bytes. */
size_t cs_commify(char *buf, uint64_t v);
/* The same for a signed count: "-1,234"; with plus, "+1,234" for v > 0.
 * buf must hold at least 28 bytes. */
size_t cs_commify_signed(char *buf, int64_t v, int plus);
/* Writes part/total as a percentage in the annotators' style, always 5
 * characters: "12.34", " 0.05", "100.0", " 1000", "1e+05"; buf must hold
 * 16 bytes. */
void cs_format_pct(char *buf, double part, double total);
/* part/total as a signed percentage, always 6 characters: " +5.20",
 * "-12.34", "+100.0", " +1000", "+1e+05"; "   n/a" when total is not
 * positive.  buf: 16 bytes. */
void cs_format_signed_pct(char *buf, double part, double total);

#endif
