// SPDX-License-Identifier: GPL-3.0-or-later
#include "logging.h"

namespace mdp {
// Warnings and above by default: the user's terminal stays quiet unless something is wrong.
Q_LOGGING_CATEGORY(lcRenderer, "mdpreview.core.renderer", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDocument, "mdpreview.core.document", QtWarningMsg)
Q_LOGGING_CATEGORY(lcWatcher, "mdpreview.core.watcher", QtWarningMsg)
} // namespace mdp
