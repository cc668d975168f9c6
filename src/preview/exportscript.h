// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mdp::ExportScript {

// A script that evaluates `expression` (e.g. "progress()") on window.mdpreviewExport, the page
// helpers of resources/shell/export.js, defining them first if the page has not got them yet.
QString call(const QString &expression);

} // namespace mdp::ExportScript
