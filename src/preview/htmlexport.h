// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pageexport.h"

namespace mdp {

// The page the reader sees as one standalone, inert HTML file: the DOM after highlighting, math
// and diagrams (inline SVG), the page's style sheets and the fonts it drew with inlined, no
// script. Local images and links are made relative to the file, or with `embedImages` the
// images are put in it as data URLs.
class HtmlExport final : public PageExport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HtmlExport)

public:
    HtmlExport(PreviewView *view, const QString &path, const QString &title, bool embedImages,
               QObject *parent = nullptr);

private:
    void write() override;
    void serialise(const QVariant &localFiles);
    void compose(const QVariant &serialised);

    QString m_title;
    bool m_embedImages = false;
};

} // namespace mdp
