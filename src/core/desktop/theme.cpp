// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace mdp {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ThemeRegistry", text);
}

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
    // From github-markdown-css: the GitHub themes use its fixed light and dark files; the
    // others paint their palette over the variables of its colour-scheme-neutral file.
    const char *bodyCss;
    const char *themeCss; // ours, under themes/
    const char *background;
    bool dark;
};

constexpr BuiltinTheme kBuiltinThemes[] = {
    {"github", ":/web/github-markdown-css/github-markdown-light.css", ":/themes/github.css",
     "#ffffff", false},
    {"github-dark", ":/web/github-markdown-css/github-markdown-dark.css",
     ":/themes/github-dark.css", "#0d1117", true},
    {"bitbucket", ":/web/github-markdown-css/github-markdown.css", ":/themes/bitbucket.css",
     "#ffffff", false},
    {"solarized-light", ":/web/github-markdown-css/github-markdown.css",
     ":/themes/solarized-light.css", "#fdf6e3", false},
    {"solarized-dark", ":/web/github-markdown-css/github-markdown.css",
     ":/themes/solarized-dark.css", "#002b36", true},
};

const QString kAuto = QStringLiteral("auto");

// The original mdpreview's theme names.
struct Alias
{
    const char *alias;
    const char *theme;
};
constexpr Alias kAliases[] = {
    {"solarized", "solarized-light"},
    {"dark", "github-dark"},
    {"whiteonblack", "github-dark"},
};

// A theme file the user wrote is small; anything bigger is a wrong path.
constexpr qint64 kMaxThemeBytes = 4 * 1024 * 1024;

bool looksLikePath(const QString &nameOrPath)
{
    return nameOrPath.contains(QLatin1Char('/')) ||
           nameOrPath.endsWith(QLatin1String(".css"), Qt::CaseInsensitive) ||
           nameOrPath.endsWith(QLatin1String(".html"), Qt::CaseInsensitive);
}

bool isHtmlFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("html") || suffix == QLatin1String("htm");
}

} // namespace

ThemeRegistry::ThemeRegistry(QString userFolder)
    : m_userFolder(std::move(userFolder))
{}

QString ThemeRegistry::defaultUserFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/mdpreview/themes");
}

QStringList ThemeRegistry::builtinNames()
{
    QStringList names;
    for (const BuiltinTheme &theme : kBuiltinThemes)
        names << QString::fromLatin1(theme.name);
    names << kAuto;
    return names;
}

QString ThemeRegistry::resolveAlias(const QString &name)
{
    for (const Alias &alias : kAliases) {
        if (name == QLatin1String(alias.alias))
            return QString::fromLatin1(alias.theme);
    }
    return name;
}

std::optional<Theme> ThemeRegistry::builtin(const QString &name, bool systemDark)
{
    const QString wanted = resolveAlias(name);
    const QString source =
        wanted == kAuto ? (systemDark ? QStringLiteral("github-dark") : defaultName()) : wanted;
    for (const BuiltinTheme &builtin : kBuiltinThemes) {
        if (source != QLatin1String(builtin.name))
            continue;
        Theme theme;
        theme.name = wanted;
        theme.css = readResource(QString::fromLatin1(builtin.bodyCss)) + QLatin1Char('\n') +
                    readResource(QStringLiteral(":/themes/base/page.css")) + QLatin1Char('\n') +
                    readResource(QString::fromLatin1(builtin.themeCss));
        theme.dark = builtin.dark;
        theme.background = QString::fromLatin1(builtin.background);
        return theme;
    }
    return std::nullopt;
}

std::optional<QString> ThemeRegistry::cssFromHtmlTemplate(const QString &html)
{
    static const QRegularExpression placeholder(
        QStringLiteral("\\{\\{\\{\\s*contents\\s*\\}\\}\\}"));
    if (!html.contains(placeholder))
        return std::nullopt;
    static const QRegularExpression style(QStringLiteral("<style\\b[^>]*>(.*?)</style\\s*>"),
                                          QRegularExpression::CaseInsensitiveOption |
                                              QRegularExpression::DotMatchesEverythingOption);
    QStringList sheets;
    for (const QRegularExpressionMatch &match : style.globalMatch(html))
        sheets << match.captured(1).trimmed();
    return sheets.join(QLatin1Char('\n'));
}

QStringList ThemeRegistry::userThemeFiles() const
{
    if (m_userFolder.isEmpty())
        return {};
    // A .css file wins over an .html one of the same name; sorting puts .css first.
    const QFileInfoList files =
        QDir(m_userFolder)
            .entryInfoList({QStringLiteral("*.css"), QStringLiteral("*.html")},
                           QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase);
    const QStringList builtins = builtinNames();
    QStringList names;
    QStringList paths;
    for (const QFileInfo &file : files) {
        const QString name = file.completeBaseName();
        // A built-in name or alias keeps meaning the built-in theme.
        if (name.isEmpty() || names.contains(name) || builtins.contains(resolveAlias(name)))
            continue;
        names << name;
        paths << file.absoluteFilePath();
    }
    return paths;
}

QStringList ThemeRegistry::names() const
{
    QStringList names = builtinNames();
    for (const QString &path : userThemeFiles())
        names << QFileInfo(path).completeBaseName();
    return names;
}

QString ThemeRegistry::withAvailable(const QString &problem) const
{
    return tr("%1; available themes: %2").arg(problem, names().join(QStringLiteral(", ")));
}

ThemeRegistry::Result ThemeRegistry::loadFile(const QString &path, const QString &name) const
{
    const auto failed = [&](const QString &reason) {
        return Result{std::nullopt,
                      withAvailable(tr("cannot read theme '%1': %2").arg(name, reason))};
    };
    const QFileInfo info(path);
    if (!info.exists())
        return failed(tr("no such file"));
    if (!info.isFile())
        return failed(tr("not a file"));
    if (info.size() > kMaxThemeBytes)
        return failed(tr("too big for a theme"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(file.errorString());
    const QString text = QString::fromUtf8(file.readAll());

    Theme theme;
    theme.name = name;
    theme.darknessKnown = false;
    if (isHtmlFile(path)) {
        const std::optional<QString> css = cssFromHtmlTemplate(text);
        if (!css)
            return failed(tr("an HTML theme needs a {{{ contents }}} placeholder"));
        theme.css = *css;
    } else {
        theme.css = text;
    }
    return Result{theme, {}};
}

ThemeRegistry::Result ThemeRegistry::load(const QString &nameOrPath, bool systemDark) const
{
    if (nameOrPath.isEmpty())
        return Result{std::nullopt, withAvailable(tr("no theme name given"))};
    if (looksLikePath(nameOrPath)) {
        const QString path = QFileInfo(nameOrPath).absoluteFilePath();
        Result result = loadFile(path, nameOrPath);
        // Remembered as a path, the theme still loads when started from another folder.
        if (result.theme)
            result.theme->name = path;
        return result;
    }
    if (std::optional<Theme> theme = builtin(nameOrPath, systemDark))
        return Result{std::move(theme), {}};
    for (const QString &path : userThemeFiles()) {
        if (QFileInfo(path).completeBaseName() == nameOrPath)
            return loadFile(path, nameOrPath);
    }
    return Result{std::nullopt, withAvailable(tr("unknown theme '%1'").arg(nameOrPath))};
}

ThemeRegistry::Result ThemeRegistry::loadOrDefault(const QString &nameOrPath, bool systemDark) const
{
    Result result = load(nameOrPath, systemDark);
    if (!result.theme)
        result.theme = builtin(defaultName());
    return result;
}

} // namespace mdp
