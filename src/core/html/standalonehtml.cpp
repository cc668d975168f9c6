// SPDX-License-Identifier: GPL-3.0-or-later
#include "standalonehtml.h"

#include <QDir>
#include <QFile>
#include <QMimeDatabase>

namespace mdp {

namespace {

// The file can show images (local, embedded or remote, as the document has them) and use its own
// styles and fonts; it cannot run or fetch anything else.
constexpr char kContentPolicy[] =
    "default-src 'none'; img-src file: data: http: https:; media-src file: data: http: https:; "
    "style-src 'unsafe-inline'; font-src data:";

QByteArray fontFaces(const QList<StandaloneHtml::Font> &fonts)
{
    QByteArray css;
    for (const StandaloneHtml::Font &font : fonts) {
        // The family came from a style sheet: it cannot hold a quote that ends the string.
        QString family = font.family;
        family.remove(QLatin1Char('"')).remove(QLatin1Char('\\'));
        css += "@font-face { font-family: \"" + family.toUtf8() +
               "\"; src: url(data:font/woff2;base64," + font.woff2.toBase64() +
               ") format(\"woff2\"); font-weight: " + font.weight.toUtf8() +
               "; font-style: " + font.style.toUtf8() + "; }\n";
    }
    return css;
}

// A style sheet's text cannot end the <style> element it is written into.
QByteArray styleText(const QString &css)
{
    QByteArray text = css.toUtf8();
    text.replace("</style", "<\\/style").replace("</STYLE", "<\\/STYLE");
    return text;
}

QString dataUrl(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString type = QMimeDatabase().mimeTypeForFile(path).name();
    return QStringLiteral("data:%1;base64,%2")
        .arg(type, QString::fromLatin1(file.readAll().toBase64()));
}

} // namespace

QByteArray StandaloneHtml::compose(const Page &page)
{
    const bool dark = page.colorMode == QLatin1String("dark");
    const QByteArray scheme = dark ? "dark" : "light";
    QByteArray out;
    out.reserve(page.bodyHtml.size() + page.css.size() + 4096);
    out += "<!DOCTYPE html>\n<html lang=\"en\" data-color-mode=\"" + scheme +
           "\" style=\"color-scheme: " + scheme +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
           QByteArray(kContentPolicy) +
           "\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"mdpreview\">\n"
           "<title>" +
           page.title.toHtmlEscaped().toUtf8() + "</title>\n<style>\n" + fontFaces(page.fonts) +
           styleText(page.css) +
           "\n</style>\n</head>\n<body>\n<article class=\"markdown-body\">\n" + page.bodyHtml +
           "\n</article>\n</body>\n</html>\n";
    return out;
}

QHash<QString, QString> StandaloneHtml::localReferences(const QList<LocalFile> &files,
                                                        const QString &outFolder, bool embedImages)
{
    QHash<QString, QString> result;
    const QDir folder(outFolder);
    for (const LocalFile &file : files) {
        const QUrl url(file.url);
        const QString path = url.toLocalFile();
        const QString fragment =
            url.hasFragment() ? QLatin1Char('#') + url.fragment(QUrl::FullyEncoded) : QString();
        if (embedImages && file.image) {
            const QString data = dataUrl(path);
            if (!data.isEmpty()) {
                // The fragment stays: #gh-dark-mode-only picks the image for a colour scheme.
                result.insert(file.url, data + fragment);
                continue;
            }
        }
        const QString relative = folder.relativeFilePath(path);
        result.insert(file.url,
                      QString::fromUtf8(QUrl::toPercentEncoding(relative, "/")) + fragment);
    }
    return result;
}

} // namespace mdp
