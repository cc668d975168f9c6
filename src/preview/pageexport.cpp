// SPDX-License-Identifier: GPL-3.0-or-later
#include "pageexport.h"

#include <QSaveFile>
#include <QWebEnginePage>

namespace mdp {

PageExport::PageExport(PreviewView *view, const QString &path, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_path(path)
{}

PageExport::~PageExport() = default;

void PageExport::start()
{
    if (!m_view) {
        fail(tr("the preview is gone"));
        return;
    }
    // A renderer that dies leaves every question to the page unanswered.
    connect(m_view->page(), &QWebEnginePage::renderProcessTerminated, this,
            [this] { fail(tr("the web engine's renderer stopped")); });
    prepare();
    m_view->enrichEverything([self = QPointer<PageExport>(this)](const PreviewView::Readiness &r) {
        if (self)
            self->onEnriched(r);
    });
}

void PageExport::onEnriched(const PreviewView::Readiness &readiness)
{
    if (!readiness.answered) {
        fail(tr("the page did not answer"));
        return;
    }
    // Images that never arrived are shown as the page shows them (broken); code, math or
    // diagrams left undrawn would make the file wrong.
    if (readiness.enrichmentsLeft > 0) {
        fail(tr("the page did not finish drawing in a minute (%n code blocks, formulas or "
                "diagrams left)",
                nullptr, readiness.enrichmentsLeft));
        return;
    }
    if (!m_view) {
        fail(tr("the preview is gone"));
        return;
    }
    write();
}

void PageExport::succeed(const QStringList &written)
{
    if (std::exchange(m_finished, true))
        return;
    releasePage();
    Q_EMIT finished(QString(), written);
}

void PageExport::fail(const QString &error)
{
    if (std::exchange(m_finished, true))
        return;
    releasePage();
    Q_EMIT finished(error, {});
}

void PageExport::releasePage()
{
    // The export made every block of the page a tree and laid it out; a window goes on showing
    // the document, and its far blocks go back to text (a long document's memory).
    if (m_view)
        m_view->page()->runJavaScript(
            QStringLiteral("window.mdpreview && window.mdpreview.exportWritten()"));
}

bool PageExport::save(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        fail(file.errorString());
        return false;
    }
    return true;
}

PdfExport::PdfExport(PreviewView *view, const QString &path, QObject *parent)
    : PageExport(view, path, parent)
{}

void PdfExport::write()
{
    view()->printToPdf(this, [this](const QByteArray &pdf) {
        if (pdf.isEmpty()) {
            fail(tr("the web engine could not print the page"));
            return;
        }
        if (save(path(), pdf))
            succeed({path()});
    });
}

} // namespace mdp
