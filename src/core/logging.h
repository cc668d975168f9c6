// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace mdp {
Q_DECLARE_LOGGING_CATEGORY(lcRenderer)
Q_DECLARE_LOGGING_CATEGORY(lcDocument)
Q_DECLARE_LOGGING_CATEGORY(lcWatcher)
} // namespace mdp
