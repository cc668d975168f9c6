// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/desktop/theme.h"
#include "core/markdown/renderresult.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

namespace mdp {

class PageExport;
class PreviewView;

// --export: shows a document in a web view of its own, with no window on screen (offscreen
// platform), and writes it by the output's extension: a standalone HTML page, a PDF, or the
// whole page as PNG at the given width.
class PageExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageExporter)

public:
    struct Options
    {
        QString out; // ends in .html, .htm, .pdf or .png
        QString title;
        int width = 1000;
        bool embedImages = false; // HTML only
    };

    explicit PageExporter(QObject *parent = nullptr);
    ~PageExporter() override;

    void start(const RenderResult &result, const QUrl &baseUrl, const Theme &theme,
               const Options &options);

Q_SIGNALS:
    // `error` is empty on success; `written` names every file written.
    void finished(const QString &error, const QStringList &written);

private:
    void onPainted();
    PageExport *exportFor(const Options &options);

    PreviewView *m_view = nullptr;
    Options m_options;
    bool m_started = false;
};

} // namespace mdp
