// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentsession.h"

#include "core/live/documentreader.h"

#include <QFileInfo>

namespace mdp {

DocumentSession::DocumentSession(QObject *parent)
    : QObject(parent)
{
    connect(&m_scheduler, &RenderScheduler::rendered, this, &DocumentSession::onRendered);
    connect(&m_watcher, &DocumentWatcher::contentChanged, this, [this](const QByteArray &content) {
        // The editor's text is newer than any save; showFile() reads the file when it is back.
        if (!m_editorText)
            render(content, false);
    });
    connect(&m_watcher, &DocumentWatcher::problemChanged, this, &DocumentSession::setProblem);
}

bool DocumentSession::openFile(const QString &path)
{
    const DocumentReader::Result read = DocumentReader::read(path);
    if (!read.ok) {
        setProblem(read.error);
        return false;
    }
    openFile(path, read.bytes);
    return true;
}

void DocumentSession::openFile(const QString &path, const QByteArray &content)
{
    m_path = QFileInfo(path).absoluteFilePath();
    m_displayName = QFileInfo(path).fileName();
    m_editorText.reset();
    m_renderOptions = RenderOptions::forDocument(m_path);
    setProblem({});
    m_watcher.watch(m_path, content);
    render(content, true);
}

void DocumentSession::openContent(const QByteArray &markdown, const QString &displayName)
{
    m_path.clear();
    m_editorText.reset();
    m_renderOptions = {};
    m_watcher.stop();
    m_displayName = displayName;
    setProblem({});
    render(markdown, true);
}

void DocumentSession::reload()
{
    if (m_path.isEmpty())
        return;
    if (m_editorText) {
        render(*m_editorText, false);
        return;
    }
    renderFile();
}

void DocumentSession::showEditorText(const QByteArray &text)
{
    if (m_path.isEmpty())
        return;
    m_editorText = text;
    render(text, false);
}

void DocumentSession::showFile()
{
    if (!m_editorText)
        return;
    m_editorText.reset();
    // The editor's text stays on screen until the file's is rendered: a file that cannot be
    // read now keeps it, said as a problem.
    renderFile();
}

void DocumentSession::renderFile()
{
    const DocumentReader::Result read = DocumentReader::read(m_path);
    if (!read.ok) {
        setProblem(read.error);
        return;
    }
    setProblem({});
    m_watcher.watch(m_path, read.bytes);
    render(read.bytes, false);
}

void DocumentSession::render(QByteArray markdown, bool newDocument)
{
    m_renderingEditorText = m_editorText.has_value();
    m_nextIsNewDocument = m_nextIsNewDocument || newDocument;
    m_scheduler.request(std::move(markdown), m_renderOptions);
}

void DocumentSession::setProblem(const QString &problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT problemChanged(problem);
}

void DocumentSession::onRendered(const RenderResult &result, qint64 sourceBytes)
{
    const bool newDocument = m_nextIsNewDocument;
    m_nextIsNewDocument = false;
    m_renderedEditorText = m_renderingEditorText;
    Q_EMIT rendered(result, sourceBytes, newDocument);
}

} // namespace mdp
