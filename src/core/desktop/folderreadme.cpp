// SPDX-License-Identifier: GPL-3.0-or-later
#include "folderreadme.h"

#include <QDir>
#include <QFileInfo>

namespace mdp {

namespace {

// First match wins, as grip orders GitHub's names for a folder.
constexpr const char *kReadmeNames[] = {"README.md", "readme.md", "README.markdown", "README",
                                        "index.md"};

} // namespace

QString FolderReadme::of(const QString &folder)
{
    const QDir dir(folder);
    for (const char *name : kReadmeNames) {
        const QFileInfo readme(dir, QString::fromLatin1(name));
        if (readme.isFile())
            return readme.absoluteFilePath();
    }
    return {};
}

} // namespace mdp
