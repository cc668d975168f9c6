// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "previewview.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace mdp {

// Writes what a PreviewView shows to a file, once everything in the page is drawn: the window's
// print and Save as HTML, and --export. Files appear whole or not at all (a temporary name,
// renamed at the end).
class PageExport : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageExport)

public:
    ~PageExport() override;

    void start();
    const QString &path() const { return m_path; }

Q_SIGNALS:
    // `error` is empty on success; `written` lists the files written (a tall image is several).
    void finished(const QString &error, const QStringList &written);

protected:
    PageExport(PreviewView *view, const QString &path, QObject *parent);

    // Before the page is drawn for the export (an image hides its scroll bar).
    virtual void prepare() {}
    // Everything is drawn: write the file, then call succeed() or fail().
    virtual void write() = 0;

    void succeed(const QStringList &written);
    void fail(const QString &error);
    // Writes `bytes` to `path` atomically; on failure says why through fail() and returns false.
    bool save(const QString &path, const QByteArray &bytes);

    // Null once the view is gone: an export outlived by nothing it needs fails instead.
    PreviewView *view() const { return m_view; }

private:
    void onEnriched(const PreviewView::Readiness &readiness);
    void releasePage();

    QPointer<PreviewView> m_view;
    QString m_path;
    bool m_finished = false;
};

// The page as a PDF, printed by the web engine.
class PdfExport final : public PageExport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PdfExport)

public:
    PdfExport(PreviewView *view, const QString &path, QObject *parent = nullptr);

private:
    void write() override;
};

} // namespace mdp
