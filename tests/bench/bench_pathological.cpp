// SPDX-License-Identifier: GPL-3.0-or-later
// Pathological inputs at growing sizes: the time Renderer::render takes for each, and how it
// grows from one size to the next (double the input: about 2x when the time is linear, 4x when
// quadratic). The cmark-gfm library alone is timed beside it, so that growth can be told apart
// from what the parser itself does.
//
// Usage: bench_pathological [MAX_KB] [FILTER] [RUNS]   (sizes from 16 KB doubling up to MAX_KB,
// 256). With RUNS, each input is rendered exactly that many times, so that an instruction count
// (valgrind --tool=callgrind) compares ours with cmark-gfm's run for run.
#include "cmarkreference.h"
#include "core/markdown/renderer.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

namespace {

// Repeats `unit` until the text is `size` bytes long (cut at the end), after `head`.
QByteArray repeated(const QByteArray &head, const QByteArray &unit, qsizetype size,
                    const QByteArray &tail = {})
{
    QByteArray text = head;
    while (text.size() + unit.size() <= size - tail.size())
        text += unit;
    return text + tail;
}

QByteArray table(qsizetype size, int columns)
{
    QByteArray header = "|";
    QByteArray rule = "|";
    QByteArray row = "|";
    for (int c = 0; c < columns; ++c) {
        header += " head |";
        rule += "---|";
        row += " *a* `b` $c$ |";
    }
    return repeated(header + '\n' + rule + '\n', row + '\n', size);
}

struct Case
{
    const char *name;
    std::function<QByteArray(qsizetype)> make;
};

const std::vector<Case> &cases()
{
    static const std::vector<Case> all = {
        {"nested quotes >>>>", [](qsizetype n) { return repeated({}, ">", n - 2, " a"); }},
        {"nested lists - - -", [](qsizetype n) { return repeated({}, "- ", n - 2, "a"); }},
        {"nested quote lines",
         [](qsizetype n) {
             QByteArray text;
             for (int depth = 1; text.size() < n; ++depth)
                 text += QByteArray(std::min(depth, 1000), '>') + " line\n";
             return text;
         }},
        {"open brackets [[[[", [](qsizetype n) { return repeated({}, "[", n); }},
        {"bracket pairs [a](", [](qsizetype n) { return repeated({}, "[a](", n); }},
        {"images ![[![[", [](qsizetype n) { return repeated({}, "![[", n); }},
        {"emphasis run ****", [](qsizetype n) { return repeated("a", "*", n - 1); }},
        {"emphasis *a **a", [](qsizetype n) { return repeated({}, "*a **a ", n); }},
        {"mixed _a*b_*", [](qsizetype n) { return repeated({}, "_a*b", n); }},
        {"backticks `a``", [](qsizetype n) { return repeated({}, "`a``", n); }},
        {"dollars $ $ $", [](qsizetype n) { return repeated({}, "$a ", n); }},
        {"dollars $$ $` $", [](qsizetype n) { return repeated({}, "$$a $`b $c ", n); }},
        {"emoji colons :a:", [](qsizetype n) { return repeated({}, ":a", n); }},
        {"html <div> open", [](qsizetype n) { return repeated({}, "<div>\n", n); }},
        {"html <b> inline", [](qsizetype n) { return repeated("x ", "<b title=t>", n); }},
        {"html attributes", [](qsizetype n) { return repeated("<p ", "a=\"x\" ", n - 1, ">"); }},
        {"table 3 columns", [](qsizetype n) { return table(n, 3); }},
        {"table 100 columns", [](qsizetype n) { return table(n, 100); }},
        {"link references", [](qsizetype n) { return repeated({}, "[a]: /u\n[a]\n", n); }},
        {"footnotes [^a]", [](qsizetype n) { return repeated({}, "[^a] [^a]: b\n", n); }},
        {"headings # a", [](qsizetype n) { return repeated({}, "# a\n", n); }},
        {"code fences", [](qsizetype n) { return repeated({}, "```py\nx\n```\n", n); }},
    };
    return all;
}

double renderMs(const QByteArray &bytes)
{
    QElapsedTimer timer;
    timer.start();
    const mdp::RenderResult result = mdp::Renderer::render(bytes);
    Q_UNUSED(result);
    return double(timer.nsecsElapsed()) / 1e6;
}

int fixedRuns = 0;

// The best of a few runs: the least disturbed by the other work on the machine.
double best(const std::function<double()> &run)
{
    double least = run();
    for (int i = 1; fixedRuns ? i < fixedRuns : i < 5 && least < 2000; ++i)
        least = std::min(least, run());
    return least;
}

} // namespace

int main(int argc, char **argv)
{
    const qsizetype maxKb = argc > 1 ? std::atoi(argv[1]) : 256;
    const char *filter = argc > 2 ? argv[2] : "";
    fixedRuns = argc > 3 ? std::max(1, std::atoi(argv[3])) : 0;
    cmark_gfm_core_extensions_ensure_registered();
    std::printf("%-20s %8s %10s %7s %10s %7s\n", "input", "KB", "ours ms", "growth", "cmark ms",
                "growth");
    for (const Case &c : cases()) {
        if (!std::strstr(c.name, filter))
            continue;
        double previousOurs = 0;
        double previousCmark = 0;
        for (qsizetype kb = 16; kb <= maxKb; kb *= 2) {
            const QByteArray input = c.make(kb * 1024);
            const double ours = best([&] { return renderMs(input); });
            const double library = best([&] { return mdp::bench::cmarkReferenceMs(input); });
            if (previousOurs > 0)
                std::printf("%-20s %8lld %10.2f %6.1fx %10.2f %6.1fx\n", c.name,
                            static_cast<long long>(kb), ours, ours / previousOurs, library,
                            library / previousCmark);
            else
                std::printf("%-20s %8lld %10.2f %7s %10.2f %7s\n", c.name,
                            static_cast<long long>(kb), ours, "", library, "");
            std::fflush(stdout);
            previousOurs = std::max(ours, 0.01);
            previousCmark = std::max(library, 0.01);
        }
    }
    return 0;
}
