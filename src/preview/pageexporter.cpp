// SPDX-License-Identifier: GPL-3.0-or-later
#include "pageexporter.h"

#include "htmlexport.h"
#include "pngexport.h"
#include "previewview.h"

#include <QFileInfo>

namespace mdp {

PageExporter::PageExporter(QObject *parent)
    : QObject(parent)
    , m_view(new PreviewView)
{
    m_view->setAttribute(Qt::WA_DontShowOnScreen);
    connect(m_view, &PreviewView::painted, this, &PageExporter::onPainted);
}

PageExporter::~PageExporter()
{
    delete m_view;
}

void PageExporter::start(const RenderResult &result, const QUrl &baseUrl, const Theme &theme,
                         const Options &options)
{
    m_options = options;
    const bool png =
        QFileInfo(options.out).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0;
    m_view->resize(options.width, png ? PngExport::kViewHeight : 900);
    m_view->setTheme(theme);
    m_view->show();
    m_view->showDocument(result, baseUrl, 0);
}

PageExport *PageExporter::exportFor(const Options &options)
{
    const QString suffix = QFileInfo(options.out).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return new PngExport(m_view, options.out, this);
    if (suffix == QLatin1String("pdf"))
        return new PdfExport(m_view, options.out, this);
    return new HtmlExport(m_view, options.out, options.title, options.embedImages, this);
}

void PageExporter::onPainted()
{
    if (std::exchange(m_started, true))
        return;
    PageExport *job = exportFor(m_options);
    connect(job, &PageExport::finished, this, &PageExporter::finished);
    job->start();
}

} // namespace mdp
