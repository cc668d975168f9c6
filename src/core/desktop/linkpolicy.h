// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUrl>

namespace mdp {

// What a click on a link in the preview does. The view itself never navigates: a Markdown file
// (or a folder with a README) opens in the same window, a web or mail link in the desktop's
// handler, any other local file in the system's application for it.
class LinkPolicy final
{
public:
    enum class Action
    {
        ScrollInPage,   // a fragment of the document shown
        OpenDocument,   // a Markdown (or text) file, or a folder with a README: shown here
        OpenExternally, // http, https, mailto: the desktop's handler
        OpenWithSystem, // another local file: the system's application for it
        Refuse,         // anything else (javascript:, data:, unknown schemes)
    };

    // `url` is the link as the page resolved it; `document` the file shown (may be empty).
    static Action classify(const QUrl &url, const QString &document);
    static bool isMarkdownFile(const QString &path);
};

} // namespace mdp
