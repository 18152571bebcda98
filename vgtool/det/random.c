/* det/random.c - seeded byte streams (splitmix64: tiny, fast, and good
 * enough for hash seeds; never meant for secrets) and the AT_RANDOM fix. */
#include "det/random.h"
#include "det/client.h"
#include "pub_tool_libcassert.h"

static ULong stream_state[DetStreamCount];

static ULong splitmix64(ULong* state)
{
   ULong z = (*state += 0x9E3779B97F4A7C15ULL);
   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
   z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
   return z ^ (z >> 31);
}

void det_random_init(ULong seed)
{
   Int s;
   for (s = 0; s < DetStreamCount; s++) {
      /* Mix the seed with the stream's number so the streams differ. */
      ULong mix = seed ^ (0xD1B54A32D192ED03ULL * (ULong)(s + 1));
      stream_state[s] = splitmix64(&mix);
   }
}

ULong det_random_next(DetStream s)
{
   tl_assert(s >= 0 && s < DetStreamCount);
   return splitmix64(&stream_state[s]);
}

void det_random_fill(DetStream s, UChar* buf, SizeT len)
{
   while (len > 0) {
      ULong v = det_random_next(s);
      Int i;
      for (i = 0; i < 8 && len > 0; i++, len--, v >>= 8)
         *buf++ = (UChar)v;
   }
}

/* Not in the tool headers, but exported by libcoregrind and set up by the
 * core (m_initimg) before the tool's post_clo_init: the client's auxv. */
extern UWord* VG_(client_auxv);

#define DET_AT_NULL   0
#define DET_AT_RANDOM 25

void det_random_fix_auxv(void)
{
   UWord* entry = VG_(client_auxv);
   UChar bytes[16];

   if (entry == NULL)
      return;
   for (; entry[0] != DET_AT_NULL; entry += 2) {
      if (entry[0] != DET_AT_RANDOM)
         continue;
      det_random_fill(DetStreamAuxv, bytes, sizeof bytes);
      det_client_write(entry[1], bytes, sizeof bytes);
   }
}
