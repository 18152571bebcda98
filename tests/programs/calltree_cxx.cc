// calltree_cxx.cc - C++ virtual calls and an exception thrown through
// several frames, for the call-graph tests.
#include <cstdio>
#include <stdexcept>

struct Base {
    virtual ~Base() {}
    virtual long step(long x) const = 0;
};
struct Add : Base {
    long step(long x) const override { return x + 3; }
};
struct Mul : Base {
    long step(long x) const override { return x * 2 % 1000; }
};

__attribute__((noinline)) long thrower(long depth)
{
    if (depth == 0)
        throw std::runtime_error("bottom");
    return thrower(depth - 1) + 1;
}

__attribute__((noinline)) long guarded(long depth)
{
    try {
        return thrower(depth);
    } catch (const std::exception &) {
        return -1;
    }
}

__attribute__((noinline)) long run(const Base &b, long n)
{
    long x = 1;
    for (long i = 0; i < n; i++)
        x = b.step(x);
    return x;
}

int main()
{
    Add add;
    Mul mul;
    long total = run(add, 50) + run(mul, 30);
    for (int i = 0; i < 3; i++)
        total += guarded(8);
    std::printf("total %ld\n", total);
    return 0;
}
