// virtual.cc - C++ virtual calls, templates and the standard library.
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Shape {
    virtual ~Shape() {}
    virtual double area() const = 0;
};
struct Square : Shape {
    double s;
    explicit Square(double v) : s(v) {}
    double area() const override { return s * s; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double v) : r(v) {}
    double area() const override { return 3.14159 * r * r; }
};

int main()
{
    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 0; i < 2000; i++) {
        if (i % 3 == 0)
            shapes.emplace_back(new Circle(i * 0.01));
        else
            shapes.emplace_back(new Square(i * 0.02));
    }
    double total = 0;
    for (int round = 0; round < 20; round++)
        for (const auto &s : shapes)
            total += s->area();
    std::map<std::string, int> words;
    for (int i = 0; i < 3000; i++)
        words["w" + std::to_string(i % 211)] += i;
    std::printf("total %.1f words %zu\n", total, words.size());
    return 0;
}
