/* profile/hugemem.c - memory for the call graph's large tables that
 * calls and returns reach at random (the call cache, the contexts'
 * records and their wide counts).  With 4 KB pages such a table spans
 * hundreds of pages, more than the host's TLB keeps beside the generated
 * code's, and a lookup waits for a walk of the page tables (on GCC's cc1
 * a large part of the call helpers' time did).  These tables start on a
 * 2 MB boundary, and the kernel is asked to back them with huge pages
 * (madvise; Linux's "madvise" mode of transparent huge pages gives them
 * only to memory asked for so).  Where it does not, they are ordinary
 * memory. */
#include "profile/hugemem.h"
#include "pub_tool_mallocfree.h"

#define HUGE_PAGE ((SizeT)2 << 20)
#define SMALL_PAGE ((SizeT)4096)

static void advise_huge(void* p, SizeT len)
{
#if defined(VGA_amd64) && defined(VGO_linux)
   long ret;
   /* madvise(p, len, MADV_HUGEPAGE): not among the tool interface's
    * calls; the result does not matter (old kernels say no). */
   __asm__ volatile ("syscall" : "=a"(ret) : "0"(28L), "D"(p), "S"(len), "d"(14L)
                     : "rcx", "r11", "memory");
   (void)ret;
#else
   (void)p;
   (void)len;
#endif
}

void* cs_huge_alloc(const HChar* cc, SizeT size)
{
   UChar* raw;
   UChar* p;
   if (size < HUGE_PAGE / 2) {
      raw = VG_(malloc)(cc, size + 16);
      p = raw + 16;
   } else {
      /* Whole huge pages (the kernel gives none to part of one); the
       * space around them, untouched, costs address space, not memory. */
      SizeT len = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
      raw = VG_(malloc)(cc, len + HUGE_PAGE + SMALL_PAGE);
      p = (UChar*)(((Addr)raw + sizeof(void*) + HUGE_PAGE - 1) & ~(Addr)(HUGE_PAGE - 1));
      advise_huge(p, len);
   }
   ((void**)p)[-1] = raw;
   return p;
}

void cs_huge_free(void* p)
{
   if (p != NULL)
      VG_(free)(((void**)p)[-1]);
}
