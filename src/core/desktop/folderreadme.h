// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mdp {

// What a folder shows when it is opened: its README, as GitHub shows a folder's README below its
// file list. The same for a folder named on the command line, dropped on the window or linked
// from a document.
class FolderReadme final
{
public:
    // The absolute path of `folder`'s README, the first of GitHub's names that is a file; empty
    // when the folder has none.
    static QString of(const QString &folder);
};

} // namespace mdp
