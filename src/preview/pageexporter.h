// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/theme.h"
#include "core/markdown/renderresult.h"

#include <QObject>
#include <QUrl>

namespace mdp {

class PreviewView;

// Renders a document in a web view of its own and writes it as PDF, or as PNG: the whole page
// in one image at the given width. Runs with no window on screen (offscreen platform).
class PageExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageExporter)

public:
    // A taller page is cut off there: larger images exceed what the rasteriser will draw at once.
    static constexpr int kMaxPngHeight = 16384;

    explicit PageExporter(QObject *parent = nullptr);
    ~PageExporter() override;

    // `out` ends in .pdf or .png.
    void start(const RenderResult &result, const QUrl &baseUrl, const Theme &theme,
               const QString &out, int width);

Q_SIGNALS:
    // `error` is empty on success.
    void finished(const QString &error);

private:
    void onPainted();
    void write();
    void grabPng(int height);

    PreviewView *m_view = nullptr;
    QString m_out;
    bool m_started = false;
};

} // namespace mdp
