// inline_containers.cc - std::vector and std::map code that -O2 inlines
// into the program's own functions: allocator, tree and iterator code from
// <bits/new_allocator.h>, <bits/stl_tree.h>, <bits/stl_vector.h> ends up in
// fill(), count() and main(), so a profile has many fi= switches.  Nothing
// random, no clock: the counts are the same in every run.
#include <cstdio>
#include <map>
#include <vector>

static std::vector<unsigned> fill(unsigned n)
{
    std::vector<unsigned> v;
    for (unsigned i = 0; i < n; i++)
        v.push_back((i * 2654435761u) >> 7);
    return v;
}

static std::map<unsigned, unsigned> count(const std::vector<unsigned> &v)
{
    std::map<unsigned, unsigned> m;
    for (unsigned x : v)
        m[x % 997]++;
    return m;
}

int main()
{
    unsigned long sum = 0;
    for (int round = 0; round < 4; round++) {
        std::vector<unsigned> v = fill(3000 + round * 500);
        std::map<unsigned, unsigned> m = count(v);
        for (const auto &kv : m)
            sum += kv.first * kv.second;
        auto it = m.find(7);
        if (it != m.end())
            sum += it->second;
    }
    std::printf("sum %lu\n", sum);
    return 0;
}
