// SPDX-License-Identifier: GPL-3.0-or-later
// Render-only time of the core (Renderer::render) against the cmark-gfm library doing the same
// parse and render of the whole file with the same extensions, in one process.
//
// Usage: bench_render FILE [ROUNDS]
#include "cmarkreference.h"
#include "core/live/pageupdatebuilder.h"
#include "core/markdown/renderer.h"

#include <QElapsedTimer>
#include <QFile>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_render FILE [ROUNDS]\n");
        return 1;
    }
    QFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    const QByteArray bytes = file.readAll();
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 20;
    cmark_gfm_core_extensions_ensure_registered();

    std::vector<double> ours;
    std::vector<double> library;
    std::vector<double> update;
    for (int i = 0; i < rounds; ++i) {
        library.push_back(mdp::bench::cmarkReferenceMs(bytes));
        QElapsedTimer timer;
        timer.start();
        const mdp::RenderResult result = mdp::Renderer::render(bytes);
        ours.push_back(double(timer.nsecsElapsed()) / 1e6);
        mdp::PageUpdateBuilder builder;
        builder.replaceAll(result);
        timer.restart();
        builder.update(result);
        update.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf(
        "%s: %lld bytes\n  Renderer::render  median %8.2f ms\n  cmark-gfm library median %8.2f ms\n"
        "  ratio %.2f\n  PageUpdateBuilder::update (no change) median %.2f ms\n",
        argv[1], static_cast<long long>(bytes.size()), median(ours), median(library),
        median(ours) / median(library), median(update));
    return 0;
}
