// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/live/documentwatcher.h"
#include "core/live/renderscheduler.h"
#include "core/markdown/renderresult.h"

#include <QObject>
#include <QString>

#include <optional>

namespace mdp {

// One document being previewed: where it comes from, its newest good render, and what is wrong
// with it now, if anything. A file is watched and re-rendered whenever its content changes; a
// failed read never replaces the last good render. In live mode the text comes from an editor's
// unsaved buffer instead of the file, and takes the same path from the renderer on.
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
    // Reads the file again and renders it even if it did not change (in live mode: the
    // editor's text again).
    void reload();

    // Live mode: shows an editor's unsaved text of the file. The scheduler finds the lines an
    // edit touched by comparing texts (well under a millisecond at 2 MB), so the editor's own
    // account of them need not be trusted to match what was last requested.
    void showEditorText(const QByteArray &text);
    // Back to the file on disk, as it is now.
    void showFile();
    bool showsEditorText() const { return m_editorText.has_value(); }
    // Whether the newest render shown came from the editor rather than the file.
    bool renderedEditorText() const { return m_renderedEditorText; }

    QString path() const { return m_path; }
    QString displayName() const { return m_displayName; }
    QString problem() const { return m_problem; }

Q_SIGNALS:
    // `newDocument`: a different document than the one shown before (scroll to its top).
    void rendered(const mdp::RenderResult &result, qint64 sourceBytes, bool newDocument);
    void problemChanged(const QString &problem);

private:
    // Reads the file, watches what it read and renders it; a failed read keeps what is shown
    // and says why.
    void renderFile();
    void render(QByteArray markdown, bool newDocument);
    void setProblem(const QString &problem);
    void onRendered(const RenderResult &result, qint64 sourceBytes);

    RenderScheduler m_scheduler;
    DocumentWatcher m_watcher;
    QString m_path;
    QString m_displayName;
    QString m_problem;
    RenderOptions m_renderOptions;
    std::optional<QByteArray> m_editorText;
    bool m_renderingEditorText = false; // what the newest render request holds
    bool m_renderedEditorText = false;
    bool m_nextIsNewDocument = false;
};

} // namespace mdp
