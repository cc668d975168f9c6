// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QFile>

namespace mdp {

namespace {

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

struct BuiltinTheme
{
    const char *name;
    const char *bodyCss; // from github-markdown-css
    const char *pageCss; // ours, under themes/
    bool dark;
};

constexpr BuiltinTheme kBuiltinThemes[] = {
    {"github", ":/web/github-markdown-css/github-markdown-light.css", ":/themes/github.css", false},
};

} // namespace

QStringList ThemeRegistry::builtinNames()
{
    QStringList names;
    for (const BuiltinTheme &theme : kBuiltinThemes)
        names << QString::fromLatin1(theme.name);
    return names;
}

std::optional<Theme> ThemeRegistry::find(const QString &name)
{
    for (const BuiltinTheme &builtin : kBuiltinThemes) {
        if (name != QLatin1String(builtin.name))
            continue;
        Theme theme;
        theme.name = name;
        theme.css = readResource(QString::fromLatin1(builtin.bodyCss)) + QLatin1Char('\n') +
                    readResource(QString::fromLatin1(builtin.pageCss));
        theme.dark = builtin.dark;
        return theme;
    }
    return std::nullopt;
}

} // namespace mdp
