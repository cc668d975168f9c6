// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/markdown/renderresult.h"

#include <QByteArrayView>
#include <QString>

namespace mdp {

struct RenderOptions
{
    // What a link or image URL starting with a single "/" resolves against, as on GitHub, where
    // it names a file from the top of the repository. Empty: such URLs stay as they are.
    QString repositoryRoot;

    // The nearest folder above the document that holds ".git" (a folder, or the file of a
    // worktree); the document's own folder when there is none.
    static RenderOptions forDocument(const QString &documentPath);
};

// Markdown (UTF-8, possibly invalid, possibly with a BOM, NULs or CRLF line ends) to HTML the
// way GitHub renders a file. Stateless and safe to call from any thread.
class Renderer final
{
public:
    static RenderResult render(QByteArrayView markdown, const RenderOptions &options = {});
};

} // namespace mdp
