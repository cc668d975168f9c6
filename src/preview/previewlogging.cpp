// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewlogging.h"

namespace mdp {
Q_LOGGING_CATEGORY(lcPreview, "mdpreview.preview", QtWarningMsg)
} // namespace mdp
