/* profile/summary.c - the totals printed on stderr at exit, laid out as
 * Cachegrind lays them out so its users can read them at a glance. */
#include "profile/summary.h"
#include "options.h"
#include "runtime.h"
#include "pub_tool_libcbase.h"
#include "pub_tool_libcprint.h"
#include "pub_tool_options.h"

/* v with thousands separators, right-aligned in width, into buf. */
static const HChar* num(HChar* buf, ULong v, Int width)
{
   HChar rev[40];
   Int n = 0, digits = 0, i, pad;
   do {
      if (digits > 0 && digits % 3 == 0)
         rev[n++] = ',';
      rev[n++] = (HChar)('0' + v % 10);
      v /= 10;
      digits++;
   } while (v);
   pad = width > n ? width - n : 0;
   for (i = 0; i < pad; i++)
      buf[i] = ' ';
   for (i = 0; i < n; i++)
      buf[pad + i] = rev[n - 1 - i];
   buf[pad + n] = '\0';
   return buf;
}

static Int width_of(ULong v)
{
   HChar buf[40];
   return (Int)VG_(strlen)(num(buf, v, 0));
}

static ULong max2(ULong a, ULong b) { return a > b ? a : b; }

static double pct(ULong part, ULong whole)
{
   return part * 100.0 / (whole ? whole : 1);
}

/* "label  total  (rd   + wr)"-style line. */
static void line3(const HChar* label, ULong a, ULong b, ULong c,
                  const HChar* what_b, const HChar* what_c, Int w1, Int w2, Int w3)
{
   HChar s1[40], s2[40], s3[40];
   VG_(umsg)("%s %s  (%s %s + %s %s)\n", label, num(s1, a, w1), num(s2, b, w2),
             what_b, num(s3, c, w3), what_c);
}

static void rate3(const HChar* label, double a, double b, double c, Int w1, Int w2, Int w3,
                  const HChar* tail)
{
   VG_(umsg)("%s %*.1f%% (%*.1f%%     + %*.1f%%%s)\n", label, w1, a, w2, b, w3, c, tail);
}

/* An extra event's total (0 when the run does not count it). */
static ULong extra(const ULong t[CS_MAX_EVENTS], Int xev)
{
   return cs_xcol[xev] >= 0 ? t[CS_N_EVENTS + cs_xcol[xev]] : 0;
}

void cs_print_summary(const ULong t[CS_MAX_EVENTS])
{
   HChar s[40];
   Int w1, w2, w3;
   Bool l2 = cs_xcol[XEV_I2mr] >= 0, wb = cs_xcol[XEV_D1wb] >= 0;

   if (VG_(clo_verbosity) == 0)
      return;
   w1 = width_of(t[EV_Ir]);
   w2 = width_of(max2(t[EV_Dr], t[EV_Bc]));
   w3 = width_of(max2(t[EV_Dw], t[EV_Bi]));

   VG_(umsg)("I   refs:      %s\n", num(s, t[EV_Ir], w1));
   if (cs_clo.cache_sim) {
      ULong d = t[EV_Dr] + t[EV_Dw];
      ULong d1 = t[EV_D1mr] + t[EV_D1mw];
      ULong dl = t[EV_DLmr] + t[EV_DLmw];
      /* LL's demand accesses: L1's misses, or L2's when there is one. */
      ULong ll_r = l2 ? extra(t, XEV_I2mr) + extra(t, XEV_D2mr) : t[EV_I1mr] + t[EV_D1mr];
      ULong ll_w = l2 ? extra(t, XEV_D2mw) : t[EV_D1mw];
      ULong llm_r = t[EV_ILmr] + t[EV_DLmr], llm_w = t[EV_DLmw];

      VG_(umsg)("I1  misses:    %s\n", num(s, t[EV_I1mr], w1));
      if (l2)
         VG_(umsg)("L2i misses:    %s\n", num(s, extra(t, XEV_I2mr), w1));
      VG_(umsg)("LLi misses:    %s\n", num(s, t[EV_ILmr], w1));
      VG_(umsg)("I1  miss rate: %*.2f%%\n", w1, pct(t[EV_I1mr], t[EV_Ir]));
      if (l2)
         VG_(umsg)("L2i miss rate: %*.2f%%\n", w1, pct(extra(t, XEV_I2mr), t[EV_Ir]));
      VG_(umsg)("LLi miss rate: %*.2f%%\n", w1, pct(t[EV_ILmr], t[EV_Ir]));
      VG_(umsg)("\n");
      line3("D   refs:     ", d, t[EV_Dr], t[EV_Dw], "rd  ", "wr", w1, w2, w3);
      line3("D1  misses:   ", d1, t[EV_D1mr], t[EV_D1mw], "rd  ", "wr", w1, w2, w3);
      if (l2)
         line3("L2d misses:   ", extra(t, XEV_D2mr) + extra(t, XEV_D2mw), extra(t, XEV_D2mr),
               extra(t, XEV_D2mw), "rd  ", "wr", w1, w2, w3);
      line3("LLd misses:   ", dl, t[EV_DLmr], t[EV_DLmw], "rd  ", "wr", w1, w2, w3);
      rate3("D1  miss rate:", pct(d1, d), pct(t[EV_D1mr], t[EV_Dr]), pct(t[EV_D1mw], t[EV_Dw]),
            w1, w2, w3, "  ");
      if (l2)
         rate3("L2d miss rate:", pct(extra(t, XEV_D2mr) + extra(t, XEV_D2mw), d),
               pct(extra(t, XEV_D2mr), t[EV_Dr]), pct(extra(t, XEV_D2mw), t[EV_Dw]),
               w1, w2, w3, "  ");
      rate3("LLd miss rate:", pct(dl, d), pct(t[EV_DLmr], t[EV_Dr]), pct(t[EV_DLmw], t[EV_Dw]),
            w1, w2, w3, "  ");
      VG_(umsg)("\n");
      line3("LL refs:      ", ll_r + ll_w, ll_r, ll_w, "rd  ", "wr", w1, w2, w3);
      line3("LL misses:    ", llm_r + llm_w, llm_r, llm_w, "rd  ", "wr", w1, w2, w3);
      rate3("LL miss rate: ", pct(llm_r + llm_w, t[EV_Ir] + d), pct(llm_r, t[EV_Ir] + t[EV_Dr]),
            pct(llm_w, t[EV_Dw]), w1, w2, w3, "  ");
      if (wb) {
         VG_(umsg)("\n");
         VG_(umsg)("D1  writebacks: %s\n", num(s, extra(t, XEV_D1wb), w1 - 1));
         if (l2)
            VG_(umsg)("L2  writebacks: %s\n", num(s, extra(t, XEV_L2wb), w1 - 1));
         VG_(umsg)("LL  writebacks: %s\n", num(s, extra(t, XEV_LLwb), w1 - 1));
      }
   }
   if (cs_clo.branch_sim) {
      ULong b = t[EV_Bc] + t[EV_Bi], bm = t[EV_Bcm] + t[EV_Bim];
      VG_(umsg)("\n");
      line3("Branches:     ", b, t[EV_Bc], t[EV_Bi], "cond", "ind", w1, w2, w3);
      line3("Mispredicts:  ", bm, t[EV_Bcm], t[EV_Bim], "cond", "ind", w1, w2, w3);
      rate3("Mispred rate: ", pct(bm, b), pct(t[EV_Bcm], t[EV_Bc]), pct(t[EV_Bim], t[EV_Bi]),
            w1, w2, w3, "   ");
   }
}
