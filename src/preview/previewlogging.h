// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace mdp {
Q_DECLARE_LOGGING_CATEGORY(lcPreview)
} // namespace mdp
