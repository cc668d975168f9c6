// SPDX-License-Identifier: GPL-3.0-or-later
#include "pngexport.h"

#include "exportscript.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QTimer>

#include <cstring>

namespace mdp {

namespace {

// A frame normally follows a scroll within a few dozen milliseconds; under heavy load it takes
// longer, and a page that shows nothing new for this long is not going to.
constexpr int kFrameTimeoutMs = 20000;
constexpr int kRetryMs = 16;

// Consecutive tiles never share a colour, so an image of the previous frame is always told apart.
QColor markerColour(int tile)
{
    static const QColor colours[] = {QColor(255, 0, 255), QColor(0, 255, 255), QColor(255, 255, 0)};
    return colours[tile % 3];
}

bool near(const QColor &a, const QColor &b)
{
    constexpr int tolerance = 24;
    return std::abs(a.red() - b.red()) <= tolerance &&
           std::abs(a.green() - b.green()) <= tolerance &&
           std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace

PngExport::PngExport(PreviewView *view, const QString &path, QObject *parent)
    : PageExport(view, path, parent)
{}

PngExport::~PngExport() = default;

QStringList PngExport::partPaths(const QString &path, int parts)
{
    if (parts <= 1)
        return {path};
    const QFileInfo info(path);
    const QString stem = info.dir().filePath(info.completeBaseName());
    QStringList paths;
    for (int i = 1; i <= parts; ++i)
        paths << QStringLiteral("%1-%2.%3").arg(stem).arg(i).arg(info.suffix());
    return paths;
}

void PngExport::prepare()
{
    view()->evaluate(ExportScript::call(QStringLiteral("hideScrollbars()")), this,
                     [](const QVariant &) {});
}

void PngExport::write()
{
    view()->evaluate(ExportScript::call(QStringLiteral("beginTiles(%1)").arg(kMarkerHeight)), this,
                     [this](const QVariant &height) {
                         m_pageHeight = std::max(1, height.toInt());
                         m_tiles = (m_pageHeight + kTileHeight - 1) / kTileHeight;
                         m_paths = partPaths(path(), (m_tiles + kTilesPerPart - 1) / kTilesPerPart);
                         m_tile = 0;
                         showTile();
                     });
}

void PngExport::showTile()
{
    const QString call = QStringLiteral("showTile(%1, '%2')")
                             .arg(m_tile * kTileHeight)
                             .arg(markerColour(m_tile).name());
    view()->evaluate(ExportScript::call(call), this, [this](const QVariant &scrollY) {
        m_scrollY = scrollY.toInt();
        m_waited.start();
        QTimer::singleShot(kRetryMs, this, &PngExport::takeTile);
    });
}

bool PngExport::markerShows(const QImage &grab) const
{
    const qreal ratio = grab.devicePixelRatio();
    const int y = int((kTileHeight + kMarkerHeight / 2) * ratio);
    if (y >= grab.height())
        return false;
    for (const int x : {grab.width() / 4, grab.width() / 2, grab.width() * 3 / 4}) {
        if (!near(grab.pixelColor(x, y), markerColour(m_tile)))
            return false;
    }
    return true;
}

void PngExport::takeTile()
{
    if (!view()) {
        fail(tr("the preview is gone"));
        return;
    }
    const QImage grab = view()->grab().toImage();
    if (!markerShows(grab)) {
        if (m_waited.elapsed() > kFrameTimeoutMs) {
            fail(tr("the web engine did not paint the page (tile %1 of %2)")
                     .arg(m_tile + 1)
                     .arg(m_tiles));
            return;
        }
        QTimer::singleShot(kRetryMs, this, &PngExport::takeTile);
        return;
    }
    const qreal ratio = grab.devicePixelRatio();
    const int top = m_tile * kTileHeight;
    const int rows = std::min(kTileHeight, m_pageHeight - top);
    const int partTop = (m_tile / kTilesPerPart) * kTilesPerPart * kTileHeight;
    if (m_tile % kTilesPerPart == 0) {
        const int partRows = std::min(kTilesPerPart * kTileHeight, m_pageHeight - partTop);
        m_part = QImage(grab.width(), int(partRows * ratio), QImage::Format_RGB32);
        m_part.setDevicePixelRatio(ratio);
    }
    const QImage shown = grab.convertedTo(QImage::Format_RGB32);
    const int from = int((top - m_scrollY) * ratio);
    const int to = int((top - partTop) * ratio);
    const int count = std::min({int(rows * ratio), m_part.height() - to, shown.height() - from});
    for (int y = 0; y < count; ++y)
        std::memcpy(m_part.scanLine(to + y), shown.constScanLine(from + y),
                    size_t(m_part.bytesPerLine()));
    ++m_tile;
    if (m_tile % kTilesPerPart == 0 || m_tile == m_tiles)
        writePart();
    if (m_tile < m_tiles)
        showTile();
}

void PngExport::writePart()
{
    const QString partPath = m_paths.value(int(m_files.size()));
    auto file = std::make_unique<QSaveFile>(partPath);
    QImageWriter writer(file.get(), "png");
    if (!file->open(QIODevice::WriteOnly) || !writer.write(m_part)) {
        m_tile = m_tiles; // no more tiles
        fail(file->isOpen() ? writer.errorString() : file->errorString());
        return;
    }
    m_part = QImage();
    m_files.push_back(std::move(file));
    if (m_tile < m_tiles)
        return;
    for (size_t i = 0; i < m_files.size(); ++i) {
        if (!m_files[i]->commit()) {
            // A set of parts with one missing is not the page: the ones renamed already go too.
            for (size_t done = 0; done < i; ++done)
                QFile::remove(m_paths.value(int(done)));
            fail(m_files[i]->errorString());
            return;
        }
    }
    succeed(m_paths);
}

} // namespace mdp
