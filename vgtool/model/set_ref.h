/* set_ref.h - the LRU update of one set, for one tag type.
 *
 * Included by cache.h once per tag type, with SET_TAG_T (the type) and
 * SET_REF(name) (the function names for it) defined: the wide caches keep
 * line addresses, the narrow ones 32-bit tags.  No include guard on
 * purpose. */

/* Look up tag in a set of assoc ways, starting at way `from` (1 when the
 * caller knows way 0 does not hold it), and move it to way 0; 1 on a miss.
 * A loop, for any associativity. */
static inline __attribute__((always_inline)) int
SET_REF(loop)(SET_TAG_T *set, SET_TAG_T tag, unsigned long assoc, unsigned long from)
{
   unsigned long way, i;

   for (way = from; way < assoc; way++) {
      if (set[way] == tag) {
         for (i = way; i > 0; i--)
            set[i] = set[i - 1];
         set[0] = tag;
         return 0;
      }
   }
   for (i = assoc - 1; i > 0; i--)
      set[i] = set[i - 1];
   set[0] = tag;
   return 1;
}

/* The same for a constant assoc, without data-dependent branches: the
 * host mispredicts the early exits of the loops above about once per
 * call, which costs more than looking at every way. */
static inline __attribute__((always_inline)) int
SET_REF(fixed)(SET_TAG_T *set, SET_TAG_T tag, unsigned long assoc, unsigned long from)
{
   unsigned long way = assoc, i;

   /* The second way is the most common place of a hit that was not in
    * the first (a line used just before the MRU one): a swap. */
   if (from == 1 && set[1] == tag) {
      set[1] = set[0];
      set[0] = tag;
      return 0;
   }
   /* The lowest way holding tag, or assoc if none does. */
#pragma GCC unroll 16
   for (i = assoc; i-- > from;)
      way = set[i] == tag ? i : way;
   /* Ways 1..way move down one place (on a miss the last one drops out). */
#pragma GCC unroll 16
   for (i = assoc - 1; i > 0; i--)
      set[i] = i <= way ? set[i - 1] : set[i];
   set[0] = tag;
   return way == assoc;
}

/* Either of the above for the set's associativity, from way `from`. */
static inline __attribute__((always_inline)) int
SET_REF(any)(SET_TAG_T *tags, unsigned long set_index, SET_TAG_T tag, unsigned long assoc,
             unsigned long from)
{
   switch (assoc) {
   case 4:
      return SET_REF(fixed)(tags + (set_index << 2), tag, 4, from);
   case 8:
      return SET_REF(fixed)(tags + (set_index << 3), tag, 8, from);
   case 16:
      return SET_REF(fixed)(tags + (set_index << 4), tag, 16, from);
   default:
      return SET_REF(loop)(tags + set_index * assoc, tag, assoc, from);
   }
}
