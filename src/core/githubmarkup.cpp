// SPDX-License-Identifier: GPL-3.0-or-later
#include "githubmarkup.h"

#include "urlpolicy.h"

#include <QCoreApplication>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstring>
#include <vector>

namespace mdp {

namespace {

// GitHub's octicon "link" (16 px), drawn in the anchor beside every heading.
constexpr const char kLinkIcon[] =
    "<svg class=\"octicon octicon-link\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" "
    "aria-hidden=\"true\"><path d=\"M7.775 3.275a.75.75 0 001.06 1.06l1.25-1.25a2 2 0 112.83 "
    "2.83l-2.5 2.5a2 2 0 01-2.83 0 .75.75 0 00-1.06 1.06 3.5 3.5 0 004.95 0l2.5-2.5a3.5 3.5 0 "
    "00-4.95-4.95l-1.25 1.25zm-4.69 9.64a2 2 0 010-2.83l2.5-2.5a2 2 0 012.83 0 .75.75 0 "
    "001.06-1.06 3.5 3.5 0 00-4.95 0l-2.5 2.5a3.5 3.5 0 004.95 4.95l1.25-1.25a.75.75 0 "
    "00-1.06-1.06l-1.25 1.25a2 2 0 01-2.83 0z\"></path></svg>";

QByteArray sourcePos(cmark_node *node)
{
    return " data-sourcepos=\"" + QByteArray::number(cmark_node_get_start_line(node)) + ':' +
           QByteArray::number(cmark_node_get_start_column(node)) + '-' +
           QByteArray::number(cmark_node_get_end_line(node)) + ':' +
           QByteArray::number(cmark_node_get_end_column(node)) + '"';
}

QByteArray escaped(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

void appendPlainText(cmark_node *node, QString &out)
{
    for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            out += QString::fromUtf8(cmark_node_get_literal(child));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            out += QLatin1Char(' ');
            break;
        case CMARK_NODE_HTML_INLINE:
            break;
        default:
            appendPlainText(child, out);
        }
    }
}

bool isTaskItem(cmark_node *item)
{
    return std::strcmp(cmark_node_get_type_string(item), "tasklist") == 0;
}

// A node to be replaced, once the walk is over, by custom nodes that print `enter` and `exit`
// around the node's children: cmark has no way to add a class to the elements it prints. With
// `inlineTag` the children are inlines: they go into a custom inline inside the custom block, as
// a block would put a line break between its tags and its text.
struct Replacement
{
    cmark_node *node = nullptr;
    QByteArray enter;
    QByteArray exit;
    QByteArray inlineEnter;
    QByteArray inlineExit;
    bool inlines = false;
    // A paragraph of a tight list becomes an inline of its own, as cmark prints no <p> there.
    bool paragraphAsInline = false;

    static Replacement block(cmark_node *node, QByteArray enter, QByteArray exit)
    {
        Replacement replacement;
        replacement.node = node;
        replacement.enter = std::move(enter);
        replacement.exit = std::move(exit);
        return replacement;
    }
};

cmark_node *newCustom(cmark_node_type type, const QByteArray &enter, const QByteArray &exit)
{
    cmark_node *custom = cmark_node_new(type);
    cmark_node_set_on_enter(custom, enter.constData());
    cmark_node_set_on_exit(custom, exit.constData());
    return custom;
}

// The replaced node is unlinked, not freed: the text of its inlines lives in its buffer.
cmark_node *replace(const Replacement &replacement)
{
    cmark_node *custom = newCustom(replacement.paragraphAsInline ? CMARK_NODE_CUSTOM_INLINE
                                                                 : CMARK_NODE_CUSTOM_BLOCK,
                                   replacement.enter, replacement.exit);
    cmark_node_insert_before(replacement.node, custom);
    cmark_node *into = custom;
    if (replacement.inlines) {
        into = newCustom(CMARK_NODE_CUSTOM_INLINE, replacement.inlineEnter, replacement.inlineExit);
        cmark_node_append_child(custom, into);
    }
    while (cmark_node *child = cmark_node_first_child(replacement.node))
        cmark_node_append_child(into, child);
    cmark_node_unlink(replacement.node);
    return custom;
}

class Walk final
{
public:
    explicit Walk(RenderResult &result, Slugger &slugger)
        : m_result(result)
        , m_slugger(slugger)
    {}

    bool rawHtml = false;
    std::vector<Replacement> replacements;

    void enter(cmark_node *node)
    {
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_HEADING:
            heading(node);
            break;
        case CMARK_NODE_LIST:
            list(node);
            break;
        case CMARK_NODE_LINK:
            checkUrl(node, UrlUse::Link);
            break;
        case CMARK_NODE_IMAGE:
            checkUrl(node, UrlUse::Image);
            break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
            rawHtml = true;
            break;
        default:
            break;
        }
    }

private:
    // GitHub's markup: the heading inside a wrapper, followed by its permalink.
    void heading(cmark_node *node)
    {
        Heading heading;
        heading.level = cmark_node_get_heading_level(node);
        heading.line = cmark_node_get_start_line(node);
        appendPlainText(node, heading.text);
        heading.id = m_slugger.slug(heading.text);

        const QByteArray tag = 'h' + QByteArray::number(heading.level);
        const QByteArray id = escaped(heading.id);
        const QString label =
            QCoreApplication::translate("mdp::GithubMarkup", "Permalink: %1").arg(heading.text);
        Replacement replacement;
        replacement.node = node;
        replacement.enter = "<div class=\"markdown-heading\"" + sourcePos(node) + '>';
        replacement.exit = "</div>";
        replacement.inlines = true;
        replacement.inlineEnter = '<' + tag + " class=\"heading-element\">";
        replacement.inlineExit = "</" + tag + "><a id=\"user-content-" + id +
                                 "\" class=\"anchor\" aria-label=\"" + escaped(label) +
                                 "\" href=\"#" + id + "\">" + kLinkIcon + "</a>";
        replacements.push_back(std::move(replacement));
        m_result.headings.append(std::move(heading));
    }

    // A list with a task among its items gets GitHub's task list classes. Its items and, in a
    // tight list, their paragraphs are replaced too: cmark decides tightness from the list node.
    void list(cmark_node *node)
    {
        bool hasTask = false;
        for (cmark_node *item = cmark_node_first_child(node); item && !hasTask;
             item = cmark_node_next(item))
            hasTask = isTaskItem(item);
        if (!hasTask)
            return;

        const bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        const QByteArray tag = ordered ? "ol" : "ul";
        QByteArray start;
        if (ordered && cmark_node_get_list_start(node) != 1)
            start = " start=\"" + QByteArray::number(cmark_node_get_list_start(node)) + '"';
        replacements.push_back(Replacement::block(
            node, '<' + tag + " class=\"contains-task-list\"" + start + sourcePos(node) + '>',
            "</" + tag + '>'));

        const bool tight = cmark_node_get_list_tight(node);
        for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
            const bool task = isTaskItem(item);
            const QByteArray checkbox =
                task ? QByteArray("<input type=\"checkbox\" class=\"task-list-item-checkbox\"") +
                           (cmark_gfm_extensions_get_tasklist_item_checked(item) ? " checked=\"\""
                                                                                 : "") +
                           " disabled=\"\" /> "
                     : QByteArray();
            cmark_node *first = cmark_node_first_child(item);
            const bool boxInParagraph =
                task && !tight && first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH;
            const QByteArray enter =
                QByteArray(task ? "<li class=\"task-list-item\"" : "<li") + sourcePos(item) + '>';
            replacements.push_back(
                Replacement::block(item, boxInParagraph ? enter : enter + checkbox, "</li>"));
            // In a loose list the box goes inside the first paragraph, on the line of its text.
            if (boxInParagraph) {
                Replacement paragraph = Replacement::block(first, {}, {});
                paragraph.inlines = true;
                paragraph.inlineEnter = "<p" + sourcePos(first) + '>' + checkbox;
                paragraph.inlineExit = "</p>";
                replacements.push_back(std::move(paragraph));
            }
            if (!tight)
                continue;
            for (cmark_node *child = first; child; child = cmark_node_next(child)) {
                if (cmark_node_get_type(child) != CMARK_NODE_PARAGRAPH)
                    continue;
                Replacement paragraph = Replacement::block(child, {}, {});
                paragraph.paragraphAsInline = true;
                replacements.push_back(std::move(paragraph));
            }
        }
    }

    static void checkUrl(cmark_node *node, UrlUse use)
    {
        const char *url = cmark_node_get_url(node);
        if (url && !isAllowedUrl(QByteArrayView(url), use))
            cmark_node_set_url(node, "");
    }

    RenderResult &m_result;
    Slugger &m_slugger;
};

} // namespace

void GithubMarkup::NodeDeleter::operator()(cmark_node *node) const
{
    cmark_node_free(node);
}

GithubMarkup::~GithubMarkup() = default;

cmark_node *GithubMarkup::apply(cmark_node *block, bool &rawHtml)
{
    Walk walk(m_result, m_slugger);
    cmark_iter *iter = cmark_iter_new(block);
    for (cmark_event_type event = cmark_iter_next(iter); event != CMARK_EVENT_DONE;
         event = cmark_iter_next(iter)) {
        if (event == CMARK_EVENT_ENTER)
            walk.enter(cmark_iter_get_node(iter));
    }
    cmark_iter_free(iter);

    cmark_node *result = block;
    for (const Replacement &replacement : walk.replacements) {
        cmark_node *custom = replace(replacement);
        m_replaced.emplace_back(replacement.node);
        if (replacement.node == block)
            result = custom;
    }
    rawHtml = walk.rawHtml;
    return result;
}

} // namespace mdp
