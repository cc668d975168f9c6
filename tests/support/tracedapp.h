// SPDX-License-Identifier: GPL-3.0-or-later
// The real mdpreview, running with --trace in a process of its own, and what it reports.
#pragma once

#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <functional>

namespace mdp::test {

// One `scrolled` or `painted` trace line.
struct TracePosition
{
    QString event; // "painted", "scrolled"
    double t = 0;
    int y = 0;
    int max = 0;
    int topLine = 0;
};

class TracedApp final
{
public:
    // `runtimeDir`: the app's $XDG_RUNTIME_DIR, so that it has a socket of its own.
    explicit TracedApp(const QString &runtimeDir)
        : m_runtimeDir(runtimeDir)
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { m_trace += m_process.readAllStandardOutput(); });
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setProcessEnvironment(environment());
    }
    ~TracedApp() { stop(); }
    TracedApp(const TracedApp &) = delete;
    TracedApp &operator=(const TracedApp &) = delete;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtimeDir);
        return env;
    }

    // Starts mdpreview and waits until its first document is on screen.
    bool start(const QStringList &arguments)
    {
        m_process.start(QStringLiteral(MDPREVIEW_BINARY),
                        QStringList{QStringLiteral("--trace")} + arguments);
        return m_process.waitForStarted() && waitForLine(QStringLiteral("^ready t="), 30000);
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

    QProcess &process() { return m_process; }
    QByteArray trace() const { return m_trace; }

    // Another mdpreview run with the same runtime folder (one that hands its request over).
    // Returns its exit status, -1 when it did not finish in time.
    int run(const QStringList &arguments, QByteArray *err = nullptr, int timeoutMs = 10000) const
    {
        QProcess other;
        other.setProcessEnvironment(environment());
        other.start(QStringLiteral(MDPREVIEW_BINARY), arguments);
        if (!other.waitForFinished(timeoutMs)) {
            other.kill();
            other.waitForFinished();
            return -1;
        }
        if (err)
            *err = other.readAllStandardError();
        return other.exitStatus() == QProcess::NormalExit ? other.exitCode() : -1;
    }

    // Waits for a trace line after the ones already seen that matches `pattern`; it counts as
    // seen from then on.
    bool waitForLine(const QString &pattern, int timeoutMs = 10000, QString *found = nullptr)
    {
        const QRegularExpression expression(pattern);
        return QTest::qWaitFor(
            [&] {
                const QList<QByteArray> lines = m_trace.split('\n');
                for (int i = m_scanned; i < lines.size() - 1; ++i) {
                    const QString line = QString::fromUtf8(lines[i]);
                    if (expression.match(line).hasMatch()) {
                        m_scanned = i + 1;
                        if (found)
                            *found = line;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
    }

    // The next `scrolled` line.
    std::optional<TracePosition> waitForScroll(int timeoutMs = 10000)
    {
        QString line;
        if (!waitForLine(QStringLiteral("^scrolled "), timeoutMs, &line))
            return std::nullopt;
        return parse(line);
    }

    // Whether a line matching `pattern` comes within `ms` (without marking it seen).
    bool appearsWithin(const QString &pattern, int ms)
    {
        const int scanned = m_scanned;
        const bool appeared = waitForLine(pattern, ms);
        m_scanned = scanned;
        return appeared;
    }

    // Everything reported so far counts as seen.
    void skipAll()
    {
        QTest::qWait(0);
        m_scanned = int(m_trace.count('\n'));
    }

    static TracePosition parse(const QString &line)
    {
        static const QRegularExpression fields(
            QStringLiteral("^(\\w+) .*t=([\\d.]+) y=(-?\\d+) max=(\\d+) top_line=(\\d+)$"));
        const QRegularExpressionMatch match = fields.match(line);
        return {match.captured(1), match.captured(2).toDouble(), match.captured(3).toInt(),
                match.captured(4).toInt(), match.captured(5).toInt()};
    }

private:
    QString m_runtimeDir;
    QProcess m_process;
    QByteArray m_trace;
    int m_scanned = 0;
};

} // namespace mdp::test
