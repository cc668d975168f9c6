// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

namespace mdp {

// A document as the reader sees it, as one HTML file that opens the same in any browser, offline:
// its style sheets inlined, the fonts it drew with as data, no script, nothing it could fetch but
// the document's own images.
class StandaloneHtml final
{
public:
    struct Font
    {
        QString family;
        QString weight;
        QString style;
        QByteArray woff2;
    };
    struct Page
    {
        QString title;
        QByteArray bodyHtml; // the content of the page's <article class="markdown-body">
        QString css;
        QList<Font> fonts;
        QString colorMode; // "light" or "dark"
    };
    static QByteArray compose(const Page &page);

    // A local file the document refers to; `image` when it is shown, not only linked to.
    struct LocalFile
    {
        QString url; // absolute, file:
        bool image = false;
    };
    // What each local file becomes in a file written into `outFolder`: a path relative to it (so
    // that the file next to its document finds the same images), or for an image with
    // `embedImages` the image itself as a data URL. Keyed by the file's URL as given; files that
    // cannot be read stay relative.
    static QHash<QString, QString> localReferences(const QList<LocalFile> &files,
                                                   const QString &outFolder, bool embedImages);
};

} // namespace mdp
