// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for tests that drive the real web engine.
#pragma once

#include "preview/enginememory.h"
#include "preview/shellscheme.h"

#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QVariant>
#include <QWebEnginePage>
#include <QWidget>

namespace mdp::test {

// Runs JavaScript in the page and waits for its result.
inline QVariant evaluate(QWebEnginePage *page, const QString &script, int timeoutMs = 10000)
{
    QVariant result;
    bool done = false;
    page->runJavaScript(script, [&](const QVariant &value) {
        result = value;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs))
        qWarning("JavaScript did not answer: %s", qPrintable(script));
    return result;
}

// With MDPREVIEW_SCREENSHOTS=DIR set, saves what the widget shows as DIR/NAME.png, so that a
// person can look at it.
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("MDPREVIEW_SCREENSHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    widget->grab().save(folder + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace mdp::test

// QTEST_MAIN for web engine tests: the shell's URL scheme must be registered, and the engine's
// memory settings made as the app makes them, before the application object exists.
#define MDPREVIEW_WEBTEST_MAIN(TestObject)                                                         \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        mdp::ShellScheme::registerScheme();                                                        \
        mdp::EngineMemory::prepare();                                                              \
        QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);                                \
        QApplication app(argc, argv);                                                              \
        QStandardPaths::setTestModeEnabled(true); /* settings stay off the user's files */         \
        TestObject test;                                                                           \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
