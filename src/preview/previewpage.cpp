// SPDX-License-Identifier: GPL-3.0-or-later
#include "previewpage.h"

#include "previewlogging.h"
#include "shellscheme.h"

namespace mdp {

PreviewPage::PreviewPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
{}

bool PreviewPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (isMainFrame && type != NavigationTypeLinkClicked && url == ShellScheme::shellUrl())
        return true;
    if (type == NavigationTypeLinkClicked)
        Q_EMIT linkActivated(url);
    else
        qCInfo(lcPreview) << "refused navigation to" << url << "of type" << type;
    return false;
}

QWebEnginePage *PreviewPage::createWindow(WebWindowType)
{
    // target="_blank" links: no new window; the link's navigation request reaches us instead.
    return this;
}

void PreviewPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                           const QString &message, int lineNumber,
                                           const QString &sourceId)
{
    if (level == ErrorMessageLevel)
        qCWarning(lcPreview).noquote() << sourceId << lineNumber << message;
    else
        qCDebug(lcPreview).noquote() << sourceId << lineNumber << message;
}

} // namespace mdp
