/* util.h - an inline function, so that hand.callgrind has fi=/fe= lines. */
static inline int clamp(int v)
{
    return v > 1000 ? 1000 : v;
}
