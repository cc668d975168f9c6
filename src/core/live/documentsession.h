// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/live/documentwatcher.h"
#include "core/live/renderscheduler.h"
#include "core/markdown/renderresult.h"

#include <QObject>
#include <QString>

namespace mdp {

// One document being previewed: where it comes from, its newest good render, and what is wrong
// with it now, if anything. A file is watched and re-rendered whenever its content changes; a
// failed read never replaces the last good render.
class DocumentSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentSession)

public:
    explicit DocumentSession(QObject *parent = nullptr);

    // Returns false, with the reason in problem(), when the file cannot be read.
    bool openFile(const QString &path);
    // A file whose content the caller has just read.
    void openFile(const QString &path, const QByteArray &content);
    // Content without a file behind it (standard input, the sample document).
    void openContent(const QByteArray &markdown, const QString &displayName);
    // Reads the file again and renders it even if it did not change.
    void reload();

    QString path() const { return m_path; }
    QString displayName() const { return m_displayName; }
    QString problem() const { return m_problem; }

Q_SIGNALS:
    // `newDocument`: a different document than the one shown before (scroll to its top).
    void rendered(const mdp::RenderResult &result, qint64 sourceBytes, bool newDocument);
    void problemChanged(const QString &problem);

private:
    void render(QByteArray markdown, bool newDocument);
    void setProblem(const QString &problem);
    void onRendered(const RenderResult &result, qint64 sourceBytes);

    RenderScheduler m_scheduler;
    DocumentWatcher m_watcher;
    QString m_path;
    QString m_displayName;
    QString m_problem;
    RenderOptions m_renderOptions;
    bool m_nextIsNewDocument = false;
};

} // namespace mdp
