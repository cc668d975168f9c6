// SPDX-License-Identifier: GPL-3.0-or-later
#include "standalonehtml.h"

#include "core/desktop/theme.h"

namespace mdp {

QByteArray StandaloneHtml::compose(const QByteArray &bodyHtml, const QString &title,
                                   const Theme &theme, const QUrl &baseUrl)
{
    QByteArray out;
    out.reserve(bodyHtml.size() + theme.css.size() + 1024);
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"mdpreview\">\n";
    if (baseUrl.isValid())
        out += "<base href=\"" + baseUrl.toString(QUrl::FullyEncoded).toHtmlEscaped().toUtf8() +
               "\">\n";
    out += "<title>" + title.toHtmlEscaped().toUtf8() + "</title>\n<style>\n" + theme.css.toUtf8() +
           "\n</style>\n</head>\n<body>\n<article class=\"markdown-body\">\n" + bodyHtml +
           "</article>\n</body>\n</html>\n";
    return out;
}

} // namespace mdp
