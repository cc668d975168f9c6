// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkpolicy.h"

#include "folderreadme.h"

#include <QFileInfo>

namespace mdp {

bool LinkPolicy::isMarkdownFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const char *markdown : {"md", "markdown", "mdown", "mkd", "mkdn", "txt"}) {
        if (suffix == QLatin1String(markdown))
            return true;
    }
    return false;
}

LinkPolicy::Action LinkPolicy::classify(const QUrl &url, const QString &document)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https") ||
        scheme == QLatin1String("mailto"))
        return Action::OpenExternally;
    if (!url.isLocalFile())
        return Action::Refuse;
    const QString path = url.toLocalFile();
    if (!document.isEmpty() && url.hasFragment() &&
        QFileInfo(path).absoluteFilePath() == QFileInfo(document).absoluteFilePath())
        return Action::ScrollInPage;
    if (isMarkdownFile(path))
        return Action::OpenDocument;
    // A folder with a README shows it, as GitHub does; one without is for the file manager.
    if (QFileInfo(path).isDir() && !FolderReadme::of(path).isEmpty())
        return Action::OpenDocument;
    return Action::OpenWithSystem;
}

} // namespace mdp
