// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace mdp {

struct Theme
{
    QString name; // as the theme list shows it, or the path a theme file was given as
    QString css;  // everything the page needs: the Markdown body and the page around it
    bool dark = false;
    QString background; // a CSS colour for the view behind the page; empty when not known
    // A user's theme does not say whether it is dark: the page finds out from its colours.
    bool darknessKnown = true;
};

// Finds themes by name: the built-in ones (CSS embedded at build time), the original
// mdpreview's names for them, the user's theme folder, and theme files given by path.
class ThemeRegistry final
{
public:
    // `userFolder` holds the user's themes; tests pass their own folder.
    explicit ThemeRegistry(QString userFolder = defaultUserFolder());

    static QString defaultName() { return QStringLiteral("github"); }
    // $XDG_DATA_HOME/mdpreview/themes
    static QString defaultUserFolder();
    static QStringList builtinNames();
    // The built-in theme an alias from the original mdpreview stands for; other names unchanged.
    static QString resolveAlias(const QString &name);
    // A built-in theme; `auto` is GitHub light or dark as `systemDark` says.
    static std::optional<Theme> builtin(const QString &name, bool systemDark = false);
    // The style sheets of a theme in the original mdpreview's format: an HTML page with a
    // {{{ contents }}} placeholder. Empty when `html` is not such a page.
    static std::optional<QString> cssFromHtmlTemplate(const QString &html);

    // Built-in themes first, then the user's, each name once.
    QStringList names() const;
    QString userFolder() const { return m_userFolder; }

    struct Result
    {
        std::optional<Theme> theme;
        QString error; // one line naming the theme and listing the available ones
    };
    // A name from names(), an alias, or the path of a .css or .html theme file.
    Result load(const QString &nameOrPath, bool systemDark = false) const;
    // As load(), but a theme that cannot be loaded gives GitHub's, with the reason in `error`:
    // the app always has a theme to show.
    Result loadOrDefault(const QString &nameOrPath, bool systemDark = false) const;

private:
    QStringList userThemeFiles() const;
    Result loadFile(const QString &path, const QString &name) const;
    QString withAvailable(const QString &problem) const;

    QString m_userFolder;
};

} // namespace mdp
