// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QLabel;

namespace mdp {

class DocumentSession;
class PreviewView;
class ThemeController;
struct RenderResult;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Returns false, with the reason in the window and in problem(), when it cannot be read.
    bool openFile(const QString &path);
    // A file whose content the caller has just read.
    void openFile(const QString &path, const QByteArray &content);
    void openContent(const QByteArray &markdown, const QString &displayName);
    void openSample();

    QString problem() const;
    PreviewView *preview() const { return m_preview; }
    DocumentSession *session() const { return m_session; }
    ThemeController *themes() const { return m_themes; }

Q_SIGNALS:
    // The first document is on screen.
    void ready();

private:
    void onRendered(const RenderResult &result, qint64 sourceBytes, bool newDocument);
    void onProblemChanged(const QString &problem);
    void onLinkActivated(const QUrl &url);
    void updateTitle();
    void setUpThemes();

    DocumentSession *m_session = nullptr;
    PreviewView *m_preview = nullptr;
    QLabel *m_status = nullptr;
    ThemeController *m_themes = nullptr;
    bool m_readyReported = false;
};

} // namespace mdp
