// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace mdp {

// What the user asked for on the command line. Parsed before any application object exists,
// because the kind of object (none, core, GUI) depends on it.
struct CommandLine
{
    QString file; // "-" is standard input; empty: the sample document; a folder's README
    bool html = false;
    QString exportPath;
    bool embedImages = false; // an HTML export holds its local images
    bool trace = false;
    bool followEdits = false;
    bool keepOnTop = false;
    bool noContents = false;
    bool offline = false; // block every remote request of the preview
    QString theme;        // a theme name or the path of a theme file; empty: the remembered one
    bool listThemes = false;
    int gotoLine = 0; // 0: none
    bool newWindow = false;
    bool socketPath = false;

    struct Parsed;
    static Parsed parse(int argc, char **argv);
};

struct CommandLine::Parsed
{
    CommandLine options;
    // Set when the run ends here: --help, --version (0), a usage error (1), a folder without a
    // README (2).
    std::optional<int> exitCode;
};

} // namespace mdp
