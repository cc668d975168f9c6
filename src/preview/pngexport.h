// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pageexport.h"

#include <QElapsedTimer>
#include <QImage>
#include <QSaveFile>

#include <memory>
#include <vector>

namespace mdp {

// The whole page as PNG, painted: the view shows it a tile at a time and each tile is taken only
// once the frame drawn after its scroll is on screen (a strip of colour at the bottom of the view,
// new for every tile, says which frame an image shows). A page taller than one image can hold is
// written as numbered parts, OUT-1.png, OUT-2.png…, each a whole number of tiles.
class PngExport final : public PageExport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PngExport)

public:
    static constexpr int kTileHeight = 2048; // CSS pixels of the page in one tile
    static constexpr int kMarkerHeight = 8;  // the strip below the tile
    static constexpr int kTilesPerPart = 8;  // parts of at most 16384 pixels
    // The view's height for an export: a tile and the strip below it.
    static constexpr int kViewHeight = kTileHeight + kMarkerHeight;

    // `view` must be kViewHeight tall.
    PngExport(PreviewView *view, const QString &path, QObject *parent = nullptr);
    ~PngExport() override;

    // The file names for a page in `parts` parts: OUT itself for one.
    static QStringList partPaths(const QString &path, int parts);

private:
    void prepare() override;
    void write() override;
    void showTile();
    void takeTile();
    bool markerShows(const QImage &grab) const;
    void writePart();

    int m_pageHeight = 0; // CSS pixels
    int m_tiles = 0;
    int m_tile = 0;    // the tile being taken
    int m_scrollY = 0; // where the view's top is for it (less than asked at the page's end)
    QElapsedTimer m_waited;
    QImage m_part;
    QStringList m_paths;
    std::vector<std::unique_ptr<QSaveFile>> m_files; // committed when the last part is written
};

} // namespace mdp
