// SPDX-License-Identifier: GPL-3.0-or-later
#include "htmlexport.h"

#include "core/html/standalonehtml.h"
#include "exportscript.h"
#include "shellscheme.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVariantList>

namespace mdp {

HtmlExport::HtmlExport(PreviewView *view, const QString &path, const QString &title,
                       bool embedImages, QObject *parent)
    : PageExport(view, path, parent)
    , m_title(title)
    , m_embedImages(embedImages)
{}

void HtmlExport::write()
{
    view()->evaluate(ExportScript::call(QStringLiteral("localFiles()")), this,
                     [this](const QVariant &files) { serialise(files); });
}

void HtmlExport::serialise(const QVariant &localFiles)
{
    if (!view()) {
        fail(tr("the preview is gone"));
        return;
    }
    QList<StandaloneHtml::LocalFile> files;
    for (const QVariant &entry : localFiles.toList()) {
        const QVariantMap file = entry.toMap();
        files.append({file.value(QStringLiteral("url")).toString(),
                      file.value(QStringLiteral("image")).toBool()});
    }
    const QHash<QString, QString> references =
        StandaloneHtml::localReferences(files, QFileInfo(path()).absolutePath(), m_embedImages);
    QJsonObject replacements;
    for (auto it = references.cbegin(); it != references.cend(); ++it)
        replacements.insert(it.key(), it.value());
    const QString call =
        QStringLiteral("serialise(%1)")
            .arg(QString::fromUtf8(QJsonDocument(replacements).toJson(QJsonDocument::Compact)));
    view()->evaluate(ExportScript::call(call), this,
                     [this](const QVariant &serialised) { compose(serialised); });
}

void HtmlExport::compose(const QVariant &serialised)
{
    const QVariantMap page = serialised.toMap();
    if (!page.contains(QStringLiteral("html"))) {
        fail(tr("the page could not be read"));
        return;
    }
    StandaloneHtml::Page standalone;
    standalone.title = m_title;
    standalone.bodyHtml = page.value(QStringLiteral("html")).toString().toUtf8();
    standalone.css = page.value(QStringLiteral("css")).toString();
    standalone.colorMode = page.value(QStringLiteral("colorMode")).toString();
    for (const QVariant &entry : page.value(QStringLiteral("fonts")).toList()) {
        const QVariantMap font = entry.toMap();
        const QByteArray woff2 =
            ShellScheme::resource(QUrl(font.value(QStringLiteral("url")).toString()));
        if (woff2.isEmpty())
            continue;
        standalone.fonts.append({font.value(QStringLiteral("family")).toString(),
                                 font.value(QStringLiteral("weight")).toString(),
                                 font.value(QStringLiteral("style")).toString(), woff2});
    }
    if (save(path(), StandaloneHtml::compose(standalone)))
        succeed({path()});
}

} // namespace mdp
