// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentsession.h"

#include "core/live/documentreader.h"

#include <QFileInfo>

namespace mdp {

DocumentSession::DocumentSession(QObject *parent)
    : QObject(parent)
{
    connect(&m_scheduler, &RenderScheduler::rendered, this, &DocumentSession::onRendered);
    connect(&m_watcher, &DocumentWatcher::contentChanged, this,
            [this](const QByteArray &content) { render(content, false); });
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
    m_renderOptions = RenderOptions::forDocument(m_path);
    setProblem({});
    m_watcher.watch(m_path, content);
    render(content, true);
}

void DocumentSession::openContent(const QByteArray &markdown, const QString &displayName)
{
    m_path.clear();
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
    Q_EMIT rendered(result, sourceBytes, newDocument);
}

} // namespace mdp
