// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace mdp {

// How GitHub prints a plain (unquoted) YAML scalar of front matter. GitHub reads front matter
// with Ruby's Psych, which resolves plain scalars by YAML 1.1's rules and prints what it made of
// them: "yes" and "On" as true, "0x1A" as 26, "1_000" as 1000, "2.50" as 2.5, a time without a
// zone in the time zone of GitHub's servers. Quoted scalars are strings and print as written.
namespace YamlScalar {

QByteArray plainText(QByteArrayView scalar);

} // namespace YamlScalar

} // namespace mdp
