// SPDX-License-Identifier: GPL-3.0-or-later
// Times Renderer::render on one file: bench_renderer FILE [RUNS]. Prints the best and the median
// time, so that the figure is comparable with `time cmark-gfm ... FILE` on the same file.
#include "core/renderer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() < 2) {
        out << "usage: bench_renderer FILE [RUNS]\n";
        return 1;
    }
    QFile file(args.at(1));
    if (!file.open(QIODevice::ReadOnly)) {
        out << "cannot open " << args.at(1) << '\n';
        return 2;
    }
    const QByteArray markdown = file.readAll();
    const int runs = args.size() > 2 ? args.at(2).toInt() : 10;
    std::vector<double> times;
    qsizetype blocks = 0;
    qsizetype htmlBytes = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const mdp::RenderResult result = mdp::Renderer::render(markdown);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        blocks = result.blocks.size();
        htmlBytes = result.html().size();
    }
    std::sort(times.begin(), times.end());
    out << "input " << markdown.size() << " bytes, " << blocks << " blocks, " << htmlBytes
        << " bytes of HTML\n"
        << "render: best " << times.front() << " ms, median " << times[times.size() / 2]
        << " ms over " << runs << " runs\n";
    return 0;
}
