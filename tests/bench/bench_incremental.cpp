// SPDX-License-Identifier: GPL-3.0-or-later
// Render time of an edit, incremental (IncrementalRenderer::update) against a whole render
// (Renderer::render) and against the cmark-gfm library parsing and rendering the whole file, all
// measured in one run so that the ratios hold on a busy machine. The documents are README-like:
// the repository's README.md and sample document, repeated under numbered sections, as
// save_latency.py builds them.
//
// Also: how soon a whole render of 2 MB stops once a newer text has overtaken it (the time from
// setting the cancel flag to the render's return).
//
// Usage: bench_incremental [ROUNDS]
#include "cmarkreference.h"
#include "core/markdown/incrementalrenderer.h"
#include "core/markdown/renderer.h"

#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

QByteArray readSource(const char *path)
{
    QFile file(QStringLiteral(MDPREVIEW_SOURCE_DIR "/") + QLatin1StringView(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// About `size` bytes, cut after a blank line.
QByteArray corpus(qsizetype size)
{
    const QByteArray text = readSource("README.md") + "\n\n" + readSource("resources/sample.md");
    QByteArray out;
    for (int section = 0; out.size() < size; ++section)
        out += "\n\n## Section " + QByteArray::number(section) + "\n\n" + text;
    out.truncate(size);
    out.truncate(out.lastIndexOf("\n\n"));
    return out + '\n';
}

constexpr QByteArrayView kParagraph =
    "An inserted paragraph with *emphasis*, `code` and a [link](https://example.com), long "
    "enough to wrap.\n\n";

// The text with a paragraph inserted at the blank line nearest the middle.
QByteArray insertedMidway(const QByteArray &text)
{
    const qsizetype at = text.indexOf("\n\n", text.size() / 2) + 2;
    return text.first(at) + kParagraph.toByteArray() + text.sliced(at);
}

QByteArray appended(const QByteArray &text)
{
    return text + '\n' + kParagraph.toByteArray();
}

// The text with a paragraph that refers to a link label after every `every`-th section heading,
// and the label's definition at the end.
QByteArray withReferences(const QByteArray &text, int every)
{
    QByteArray out;
    qsizetype from = 0;
    int section = 0;
    for (qsizetype at = text.indexOf("\n## Section "); at >= 0;
         at = text.indexOf("\n## Section ", at + 1)) {
        if (section++ % every != 0)
            continue;
        const qsizetype end = text.indexOf("\n\n", at + 1);
        out += QByteArrayView(text).sliced(from, end + 2 - from);
        out += "See [the changelog][Changes] for what changed.\n\n";
        from = end + 2;
    }
    return out + QByteArrayView(text).sliced(from) + "\n[changes]: https://example.com/a\n";
}

QByteArray definitionChanged(const QByteArray &text)
{
    return QByteArray(text).replace("[changes]: https://example.com/a",
                                    "[changes]: https://example.com/b");
}

double timeMs(const std::function<void()> &run)
{
    QElapsedTimer timer;
    timer.start();
    run();
    return double(timer.nsecsElapsed()) / 1e6;
}

void measure(const char *name, const QByteArray &before, const QByteArray &after, int rounds)
{
    std::vector<double> incremental;
    std::vector<double> whole;
    std::vector<double> library;
    mdp::IncrementalRenderer::Report report;
    for (int i = 0; i < rounds; ++i) {
        library.push_back(mdp::bench::cmarkReferenceMs(after));
        whole.push_back(timeMs([&] { mdp::Renderer::render(after); }));
        mdp::IncrementalRenderer renderer;
        renderer.update(before);
        incremental.push_back(timeMs([&] { renderer.update(after); }));
        report = renderer.lastReport();
        if (mdp::Renderer::render(after).html() != renderer.result().html()) {
            std::fprintf(stderr, "%s: not the whole render's result\n", name);
            return;
        }
    }
    const QByteArray how = report.whole
                               ? "whole: " + report.reason.toUtf8()
                               : QByteArray("lines %1-%2, %3 blocks again")
                                     .replace("%1", QByteArray::number(report.firstLine))
                                     .replace("%2", QByteArray::number(report.lastLine))
                                     .replace("%3", QByteArray::number(report.blocksRerendered));
    std::printf("%-32s %8.2f MB  incremental %8.2f ms (%s)  whole %8.2f ms  "
                "cmark-gfm %8.2f ms  incremental/cmark %.3f\n",
                name, double(after.size()) / (1024 * 1024), median(incremental), how.constData(),
                median(whole), median(library), median(incremental) / median(library));
    std::fflush(stdout);
}

// How long a whole render of `text`, started on a thread, runs on once the cancel flag is set,
// or -1 when it ran to its end first.
double cancelLatencyMs(const QByteArray &text, double afterMs)
{
    std::atomic_bool cancelled = false;
    using Clock = std::chrono::steady_clock;
    Clock::time_point returned;
    bool completed = false;
    std::thread worker([&] {
        mdp::RenderHooks hooks;
        hooks.cancelled = &cancelled;
        completed = mdp::Renderer::render(text, {}, hooks).has_value();
        returned = Clock::now();
    });
    std::this_thread::sleep_for(std::chrono::microseconds(qint64(afterMs * 1000)));
    const Clock::time_point flagged = Clock::now();
    cancelled = true;
    worker.join();
    if (completed || returned < flagged)
        return -1;
    return std::chrono::duration<double, std::milli>(returned - flagged).count();
}

// A whole render cancelled a tenth, a quarter, half and three quarters of the way through its
// own duration: the median time from the flag to the render's return at each.
void measureCancel(const char *name, const QByteArray &text, int rounds)
{
    std::vector<double> whole;
    for (int i = 0; i < rounds; ++i)
        whole.push_back(timeMs([&] { mdp::Renderer::render(text); }));
    const double wholeMs = median(whole);
    QByteArray figures;
    int finished = 0;
    for (const double fraction : {0.1, 0.25, 0.5, 0.75}) {
        std::vector<double> latency;
        for (int i = 0; i < rounds; ++i) {
            const double ms = cancelLatencyMs(text, wholeMs * fraction);
            if (ms < 0)
                ++finished;
            else
                latency.push_back(ms);
        }
        figures +=
            QByteArray::number(int(fraction * 100)) + "%: " +
            (latency.empty() ? QByteArray("-") : QByteArray::number(median(latency), 'f', 2)) +
            " ms  ";
    }
    std::printf("%-32s %8.2f MB  flag to return, by when it was set: %s(%d ran to the end)  "
                "whole %8.2f ms  cmark-gfm %8.2f ms\n",
                name, double(text.size()) / (1024 * 1024), figures.constData(), finished, wholeMs,
                mdp::bench::cmarkReferenceMs(text));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
    const QByteArray small = corpus(200 * 1024);
    const QByteArray large = corpus(2 * 1024 * 1024);
    measure("paragraph inserted mid, 200 KB", small, insertedMidway(small), rounds);
    measure("paragraph inserted mid, 2 MB", large, insertedMidway(large), rounds);
    measure("paragraph appended, 2 MB", large, appended(large), rounds);
    const QByteArray fewReferences = withReferences(large, 40);
    measure("definition edited, 3 refs, 2 MB", fewReferences, definitionChanged(fewReferences),
            rounds);
    const QByteArray manyReferences = withReferences(large, 1);
    measure("definition edited, 100 refs, 2 MB", manyReferences, definitionChanged(manyReferences),
            rounds);
    measureCancel("whole render cancelled, 2 MB", large, rounds);
    return 0;
}
