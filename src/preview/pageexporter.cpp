// SPDX-License-Identifier: GPL-3.0-or-later
#include "pageexporter.h"

#include "previewview.h"

#include <QFileInfo>
#include <QImage>
#include <QTimer>
#include <QWebEnginePage>

namespace mdp {

namespace {
// Time for the page to lay out and draw again after the view grew to the page's height.
constexpr int kSettleAfterResizeMs = 400;
} // namespace

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
                         const QString &out, int width)
{
    m_out = out;
    m_view->resize(width, 900);
    m_view->setTheme(theme);
    m_view->show();
    m_view->showDocument(result, baseUrl, 0);
}

void PageExporter::onPainted()
{
    if (m_started)
        return;
    m_started = true;
    // Code, math and diagrams far from the view wait for the reader; an export has none.
    m_view->enrichEverything([this] { write(); });
}

void PageExporter::write()
{
    if (QFileInfo(m_out).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0) {
        connect(m_view->page(), &QWebEnginePage::pdfPrintingFinished, this,
                [this](const QString &, bool ok) {
                    Q_EMIT finished(ok ? QString() : tr("cannot write the PDF"));
                });
        m_view->page()->printToPdf(m_out);
        return;
    }
    m_view->page()->runJavaScript(
        QStringLiteral("document.documentElement.scrollHeight"),
        [this](const QVariant &height) { grabPng(std::min(height.toInt(), kMaxPngHeight)); });
}

void PageExporter::grabPng(int height)
{
    m_view->resize(m_view->width(), std::max(height, 1));
    QTimer::singleShot(kSettleAfterResizeMs, this, [this] {
        const QImage image = m_view->grab().toImage();
        Q_EMIT finished(image.save(m_out, "PNG") ? QString() : tr("cannot write the image"));
    });
}

} // namespace mdp
