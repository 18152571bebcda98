/* geometry.c - cache geometry parsing, checks and descriptions. */
#include "geometry.h"

static int is_power_of_two(unsigned long v)
{
   return v != 0 && (v & (v - 1)) == 0;
}

#define NUMBER_LIMIT 0x7fffffffUL   /* the simulator keeps them in an int */

/* Parse one decimal number; advances *p.  -1: no digits; -2: more than
 * NUMBER_LIMIT (all its digits are read). */
static int parse_number(const char **p, unsigned long *out)
{
   const char *s = *p;
   unsigned long v = 0;
   int too_large = 0;

   if (*s < '0' || *s > '9')
      return -1;
   while (*s >= '0' && *s <= '9') {
      if (!too_large)
         v = v * 10 + (unsigned long)(*s - '0');
      too_large |= v > NUMBER_LIMIT;
      s++;
   }
   *p = s;
   *out = v;
   return too_large ? -2 : 0;
}

int cs_geometry_parse(const char *text, cs_geometry_t *out, const char **err)
{
   static const char *const too_large[3] = {
      "the size is too large: at most 2147483647 bytes (2 GiB - 1)",
      "the associativity is too large: at most 2147483647",
      "the line size is too large: at most 2147483647 bytes",
   };
   unsigned long *fields[3];
   const char *p = text;
   cs_geometry_t g;
   int i, big = -1;

   fields[0] = &g.size;
   fields[1] = &g.assoc;
   fields[2] = &g.line_size;
   for (i = 0; i < 3; i++) {
      int rc = parse_number(&p, fields[i]);
      if (rc == -1 || *p != (i < 2 ? ',' : '\0'))
         break;
      if (rc == -2 && big < 0)
         big = i;
      p += i < 2;
   }
   if (i < 3) {
      *err = "expected <size>,<associativity>,<line_size> "
             "(three decimal numbers, e.g. 32768,8,64)";
      return -1;
   }
   /* The syntax is right: say which number is refused, and the limit. */
   if (big >= 0) {
      *err = too_large[big];
      return -1;
   }
   *out = g;
   return 0;
}

int cs_geometry_check(const cs_geometry_t *g, const char **err)
{
   if (g->line_size == 0) {
      *err = "Cache line size is zero.";
      return -1;
   }
   if (g->assoc == 0) {
      *err = "Cache associativity is zero.";
      return -1;
   }
   if (g->size % (g->line_size * g->assoc) != 0
       || !is_power_of_two(g->size / g->line_size / g->assoc)) {
      *err = "Cache set count is not a power of two.";
      return -1;
   }
   if (!is_power_of_two(g->line_size)) {
      *err = "Cache line size is not a power of two.";
      return -1;
   }
   if (g->line_size < CS_MIN_LINE_SIZE) {
      *err = "Cache line size is too small.";
      return -1;
   }
   if (g->size <= g->line_size) {
      *err = "Cache size <= line size.";
      return -1;
   }
   if (g->assoc > g->size / g->line_size) {
      *err = "Cache associativity > (size / line size).";
      return -1;
   }
   return 0;
}

/* Append the decimal form of v at buf[*pos], never past buflen - 1. */
static void put_number(char *buf, unsigned long buflen, unsigned long *pos, unsigned long v)
{
   char digits[24];
   int n = 0;

   do {
      digits[n++] = (char)('0' + v % 10);
      v /= 10;
   } while (v != 0);
   while (n > 0 && *pos + 1 < buflen)
      buf[(*pos)++] = digits[--n];
}

static void put_text(char *buf, unsigned long buflen, unsigned long *pos, const char *s)
{
   while (*s && *pos + 1 < buflen)
      buf[(*pos)++] = *s++;
}

void cs_geometry_describe(const cs_geometry_t *g, char *buf, unsigned long buflen)
{
   unsigned long pos = 0;

   if (buflen == 0)
      return;
   put_number(buf, buflen, &pos, g->size);
   put_text(buf, buflen, &pos, " B, ");
   put_number(buf, buflen, &pos, g->line_size);
   put_text(buf, buflen, &pos, " B, ");
   if (g->assoc == 1) {
      put_text(buf, buflen, &pos, "direct-mapped");
   } else {
      put_number(buf, buflen, &pos, g->assoc);
      put_text(buf, buflen, &pos, "-way associative");
   }
   buf[pos] = '\0';
}

int cs_geometry_tweak_ll(cs_geometry_t *g)
{
   unsigned long sets, new_sets = 1;
   double ratio;

   if (g->line_size == 0 || g->assoc == 0)
      return 0;
   sets = g->size / g->line_size / g->assoc;
   if (sets == 0)
      return 0;
   if (is_power_of_two(sets)) {
      /* Only make the size divide exactly between the sets. */
      unsigned long exact = g->line_size * g->assoc * sets;
      int changed = exact != g->size;
      g->size = exact;
      return changed;
   }
   while (new_sets * 2 <= sets)
      new_sets *= 2;
   /* Keep the total size close by raising the associativity. */
   ratio = (double)sets / (double)new_sets;
   g->assoc = (unsigned long)(0.5 + ratio * (double)g->assoc);
   g->size = g->line_size * g->assoc * new_sets;
   return 1;
}
