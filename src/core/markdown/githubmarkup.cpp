// SPDX-License-Identifier: GPL-3.0-or-later
#include "githubmarkup.h"

#include "core/html/htmlescape.h"
#include "core/html/htmlsanitizer.h"
#include "core/html/urlpolicy.h"
#include "core/markdown/emojitable.h"
#include "core/markdown/mathsyntax.h"
#include "core/markdown/parsearena.h"

#include <QCoreApplication>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <initializer_list>
#include <utility>
#include <vector>

namespace mdp {

namespace {

// GitHub's alert kinds: the marker, the class suffix, the octicon and its path (16 px).
struct AlertKind
{
    const char *marker;
    const char *name;
    const char *title;
    const char *icon;
    const char *path;
};

constexpr AlertKind kAlertKinds[] = {
    {"[!NOTE]", "note", QT_TRANSLATE_NOOP("mdp::GithubMarkup", "Note"), "info",
     "M0 8a8 8 0 1 1 16 0A8 8 0 0 1 0 8Zm8-6.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM6.5 "
     "7.75A.75.75 0 0 1 7.25 7h1a.75.75 0 0 1 .75.75v2.75h.25a.75.75 0 0 1 0 1.5h-2a.75.75 0 0 1 "
     "0-1.5h.25v-2h-.25a.75.75 0 0 1-.75-.75ZM8 6a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z"},
    {"[!TIP]", "tip", QT_TRANSLATE_NOOP("mdp::GithubMarkup", "Tip"), "light-bulb",
     "M8 1.5c-2.363 0-4 1.69-4 3.75 0 .984.424 1.625.984 2.304l.214.253c.223.264.47.556.673.848."
     "284.411.537.896.621 1.49a.75.75 0 0 1-1.484.211c-.04-.282-.163-.547-.37-.847a8.456 8.456 0 "
     "0 0-.542-.68c-.084-.1-.173-.205-.268-.32C3.201 7.75 2.5 6.766 2.5 5.25 2.5 2.31 4.863 0 8 "
     "0s5.5 2.31 5.5 5.25c0 1.516-.701 2.5-1.328 3.259-.095.115-.184.22-.268.319-.207.245-.383."
     "453-.541.681-.208.3-.33.565-.37.847a.751.751 0 0 1-1.485-.212c.084-.593.337-1.078.621-1.489."
     "203-.292.45-.584.673-.848.075-.088.147-.173.213-.253.561-.679.985-1.32.985-2.304 "
     "0-2.06-1.637-3.75-4-3.75ZM5.75 12h4.5a.75.75 0 0 1 0 1.5h-4.5a.75.75 0 0 1 0-1.5ZM6 "
     "15.25a.75.75 0 0 1 .75-.75h2.5a.75.75 0 0 1 0 1.5h-2.5a.75.75 0 0 1-.75-.75Z"},
    {"[!IMPORTANT]", "important", QT_TRANSLATE_NOOP("mdp::GithubMarkup", "Important"), "report",
     "M0 1.75C0 .784.784 0 1.75 0h12.5C15.216 0 16 .784 16 1.75v9.5A1.75 1.75 0 0 1 14.25 "
     "13H8.06l-2.573 2.573A1.458 1.458 0 0 1 3 14.543V13H1.75A1.75 1.75 0 0 1 0 11.25Zm1.75-.25a."
     "25.25 0 0 0-.25.25v9.5c0 .138.112.25.25.25h2a.75.75 0 0 1 .75.75v2.19l2.72-2.72a.749.749 0 "
     "0 1 .53-.22h6.5a.25.25 0 0 0 .25-.25v-9.5a.25.25 0 0 0-.25-.25Zm7 2.25v2.5a.75.75 0 0 "
     "1-1.5 0v-2.5a.75.75 0 0 1 1.5 0ZM9 9a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z"},
    {"[!WARNING]", "warning", QT_TRANSLATE_NOOP("mdp::GithubMarkup", "Warning"), "alert",
     "M6.457 1.047c.659-1.234 2.427-1.234 3.086 0l6.082 11.378A1.75 1.75 0 0 1 14.082 "
     "15H1.918a1.75 1.75 0 0 1-1.543-2.575Zm1.763.707a.25.25 0 0 0-.44 0L1.698 13.132a.25.25 0 0 "
     "0 .22.368h12.164a.25.25 0 0 0 .22-.368Zm.53 3.996v2.5a.75.75 0 0 1-1.5 0v-2.5a.75.75 0 0 1 "
     "1.5 0ZM9 11a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z"},
    {"[!CAUTION]", "caution", QT_TRANSLATE_NOOP("mdp::GithubMarkup", "Caution"), "stop",
     "M4.47.22A.749.749 0 0 1 5 0h6c.199 0 .389.079.53.22l4.25 4.25c.141.14.22.331.22.53v6a.749."
     "749 0 0 1-.22.53l-4.25 4.25A.749.749 0 0 1 11 16H5a.749.749 0 0 1-.53-.22L.22 11.53A.749."
     "749 0 0 1 0 11V5c0-.199.079-.389.22-.53Zm.84 1.28L1.5 5.31v5.38l3.81 3.81h5.38l3.81-3.81V5."
     "31L10.69 1.5ZM8 4a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 8 4Zm0 8a1 1 "
     "0 1 1 0-2 1 1 0 0 1 0 2Z"},
};

// Written into a buffer on the stack: every block and heading has one, QByteArray::number goes
// through printf and every QByteArray::append through its general insert.
class SourcePosition final
{
public:
    explicit SourcePosition(cmark_node *node)
    {
        static constexpr char kName[] = " data-sourcepos=\"";
        char *at = std::copy(kName, kName + sizeof kName - 1, m_text);
        const int numbers[] = {cmark_node_get_start_line(node), cmark_node_get_start_column(node),
                               cmark_node_get_end_line(node), cmark_node_get_end_column(node)};
        const char separators[] = {':', '-', ':', '"'};
        for (int i = 0; i < 4; ++i) {
            at = std::to_chars(at, m_text + sizeof m_text, numbers[i]).ptr;
            *at++ = separators[i];
        }
        m_size = at - m_text;
    }

    QByteArrayView view() const { return {m_text, m_size}; }

private:
    char m_text[sizeof " data-sourcepos=\"" + 4 * 11 + 4] = {};
    qsizetype m_size = 0;
};

QByteArray sourcePos(cmark_node *node)
{
    return SourcePosition(node).view().toByteArray();
}

bool needsEscape(QByteArrayView text)
{
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return c == '&' || c == '<' || c == '>' || c == '"'; });
}

// One buffer, sized once, for all the pieces: QByteArray::append goes through its general
// insert, about a hundred instructions a piece, and a document of headings appends a dozen each.
QByteArray joined(std::initializer_list<QByteArrayView> pieces)
{
    qsizetype size = 0;
    for (const QByteArrayView piece : pieces)
        size += piece.size();
    QByteArray out(size, Qt::Uninitialized);
    char *at = out.data();
    for (const QByteArrayView piece : pieces) {
        if (!piece.isEmpty())
            at = std::copy(piece.begin(), piece.end(), at);
    }
    return out;
}

// `out` holding `bytes`, in the capacity it has: a buffer filled again for every heading.
void assign(QByteArray &out, QByteArrayView bytes)
{
    out.resize(bytes.size());
    std::copy(bytes.begin(), bytes.end(), out.data());
}

QByteArray escaped(const QString &text)
{
    return htmlEscaped(text.toUtf8());
}

// The first word of a fence's info string, as cmark names the language in its class; only the
// characters a class name can carry as it is.
QByteArray fenceLanguage(cmark_node *node)
{
    const char *info = cmark_node_get_fence_info(node);
    QByteArray language;
    for (const char *c = info; c && *c && *c != ' ' && *c != '\t'; ++c) {
        const char lower = *c >= 'A' && *c <= 'Z' ? char(*c | 0x20) : *c;
        const bool plain = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') ||
                           lower == '-' || lower == '_' || lower == '+' || lower == '#' ||
                           lower == '.';
        if (!plain)
            return {};
        language += lower;
    }
    return language;
}

// In UTF-8, as cmark has it: converted to a QString once, for the whole heading.
void appendPlainText(cmark_node *node, QByteArray &out)
{
    for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            out += cmark_node_get_literal(child);
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            out += ' ';
            break;
        // GitHub takes a heading's id from its text without the alt text of its images
        // ("## Contributors [![Badge](b.svg)](x)" gets "contributors-").
        case CMARK_NODE_HTML_INLINE:
            // Math shows in GitHub's heading text as written, between its dollars.
            if (MathSyntax::isMath(child)) {
                out += '$';
                out += MathSyntax::tex(child);
                out += '$';
            }
            break;
        case CMARK_NODE_IMAGE:
            break;
        default:
            appendPlainText(child, out);
        }
    }
}

// A heading's plain text: most are one text node, taken as it is; others are put together in
// `buffer`.
QByteArrayView plainText(cmark_node *heading, QByteArray &buffer)
{
    cmark_node *first = cmark_node_first_child(heading);
    if (first && !cmark_node_next(first) &&
        (cmark_node_get_type(first) == CMARK_NODE_TEXT ||
         cmark_node_get_type(first) == CMARK_NODE_CODE))
        return QByteArrayView(cmark_node_get_literal(first));
    buffer.resize(0); // keeps its capacity
    appendPlainText(heading, buffer);
    return buffer;
}

bool isTaskItem(cmark_node *item)
{
    return std::strcmp(cmark_node_get_type_string(item), "tasklist") == 0;
}

// A node to be replaced, once the walk is over, by custom nodes that print `enter` and `exit`
// around the node's children: cmark has no way to add a class to the elements it prints. With
// `inlines` the children are inlines: they go into a custom inline inside the custom block, as
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
    cmark_node *custom = cmark_node_new_with_mem(type, ParseArena::allocator());
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
    explicit Walk(RenderResult &result, Slugger &slugger, const PermalinkLabel &permalinkLabel,
                  cmark_node *block, HeadingWrap &blockWrap, QByteArray &blockHtml)
        : m_result(result)
        , m_slugger(slugger)
        , m_permalinkLabel(permalinkLabel)
        , m_block(block)
        , m_blockWrap(blockWrap)
        , m_blockHtml(blockHtml)
    {}

    HtmlSanitizer::Check rawHtml() const { return m_rawHtml; }
    const std::vector<Replacement> &replacements() const { return m_replacements; }
    // Links to a URL the policy refuses: GitHub keeps their text and drops the link.
    const std::vector<cmark_node *> &refusedLinks() const { return m_refusedLinks; }
    struct Image
    {
        cmark_node *node = nullptr;
        bool inLink = false;
    };
    const std::vector<Image> &images() const { return m_images; }
    // The document's own raw HTML, block and inline.
    const std::vector<cmark_node *> &rawNodes() const { return m_rawNodes; }

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
            if (!isAllowedUrl(QByteArrayView(cmark_node_get_url(node)), UrlUse::Link))
                m_refusedLinks.push_back(node);
            break;
        case CMARK_NODE_IMAGE:
            m_images.push_back({node, isInLink(node)});
            break;
        case CMARK_NODE_TEXT:
            emoji(node);
            break;
        case CMARK_NODE_CODE_BLOCK:
            codeBlock(node);
            break;
        case CMARK_NODE_HTML_INLINE:
            if (MathSyntax::isMath(node))
                break;
            [[fallthrough]];
        case CMARK_NODE_HTML_BLOCK:
            // Once one node needs the parser the block goes through it whole, and the others
            // need no look: cmark copies a literal out the first time it is asked for it (a
            // paragraph of ten thousand tags spent a third of its render on those copies).
            if (m_rawHtml != HtmlSanitizer::Check::Sanitize)
                m_rawHtml =
                    std::max(m_rawHtml, HtmlSanitizer::checkNeeded(cmark_node_get_literal(node)));
            m_rawNodes.push_back(node);
            break;
        default:
            break;
        }
    }

private:
    // GitHub's markup: the heading inside a wrapper, followed by its permalink. A heading that
    // is a block of its own (nearly all of them) is wrapped in its HTML once cmark has written
    // it (HeadingWrap): replacing its node by custom ones costs four copies of the markup and
    // two nodes, most of a heading's time in a document of headings.
    void heading(cmark_node *node)
    {
        Heading heading;
        heading.level = cmark_node_get_heading_level(node);
        heading.line = cmark_node_get_start_line(node);
        const QByteArrayView text = plainText(node, m_blockWrap.text);
        heading.text = QString::fromUtf8(text);
        // A slug keeps letters, marks, digits, "_" and "-": nothing that HTML reads as markup.
        const QByteArrayView id = m_slugger.slugUtf8(text);
        heading.id = QString::fromUtf8(id);
        m_result.headings.append(std::move(heading));
        QByteArray &label = m_blockWrap.label;
        label.resize(0);
        if (m_permalinkLabel.hasText)
            appendHtmlEscaped(label, text);

        const char level = char('0' + std::clamp(cmark_node_get_heading_level(node), 1, 6));
        const SourcePosition position(node);
        if (node == m_block) {
            assign(m_blockWrap.position, position.view());
            assign(m_blockWrap.id, id);
            m_blockWrap.level = level;
            m_blockWrap.isSet = true;
            return;
        }
        // GitHub's link icon is drawn by the page's style sheet (shell.css), not repeated in
        // every heading.
        const char tagText[] = {'h', level};
        const QByteArrayView tag(tagText, 2);
        Replacement replacement;
        replacement.node = node;
        replacement.enter = joined({"<div class=\"markdown-heading\"", position.view(), ">"});
        replacement.exit = QByteArrayLiteral("</div>");
        replacement.inlines = true;
        replacement.inlineEnter = joined({"<", tag, " class=\"heading-element\">"});
        replacement.inlineExit = joined(
            {"</", tag, "><a id=\"user-content-", id, "\" class=\"anchor\" aria-label=\"",
             m_permalinkLabel.before, label, m_permalinkLabel.after, "\" href=\"#", id, "\"></a>"});
        m_replacements.push_back(std::move(replacement));
    }

    // Fenced code the page enriches, each in markup it finds by class: ```math is display math,
    // ```mermaid a diagram, and code in any other language GitHub's highlighting wrapper (the
    // page colours the languages it knows). The source stays in the HTML, so an unchanged block
    // keeps its hash and is not typeset, drawn or highlighted again.
    void codeBlock(cmark_node *node)
    {
        const QByteArray language = fenceLanguage(node);
        if (language.isEmpty())
            return;
        const QByteArrayView code(cmark_node_get_literal(node));
        QByteArray html;
        if (language == "math") {
            html = MathSyntax::displayBlock(code, sourcePos(node));
        } else {
            QByteArray escapedCode;
            escapedCode.reserve(code.size() + 16);
            appendHtmlEscaped(escapedCode, code);
            const bool mermaid = language == "mermaid";
            html = joined({"<div class=\"", mermaid ? "mdp-mermaid" : "highlight highlight-source-",
                           mermaid ? QByteArrayView() : QByteArrayView(language), "\"",
                           sourcePos(node), "><pre><code class=\"language-", language, "\">",
                           escapedCode, "</code></pre></div>\n"});
        }
        // A fence that is a block of its own (nearly all) needs no node to carry its HTML.
        if (node == m_block) {
            m_blockHtml = std::move(html);
            return;
        }
        m_replacements.push_back(Replacement::block(node, std::move(html), {}));
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
        m_replacements.push_back(Replacement::block(
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
            m_replacements.push_back(
                Replacement::block(item, boxInParagraph ? enter : enter + checkbox, "</li>"));
            // In a loose list the box goes inside the first paragraph, on the line of its text.
            if (boxInParagraph) {
                Replacement paragraph = Replacement::block(first, {}, {});
                paragraph.inlines = true;
                paragraph.inlineEnter = "<p" + sourcePos(first) + '>' + checkbox;
                paragraph.inlineExit = "</p>";
                m_replacements.push_back(std::move(paragraph));
            }
            if (!tight)
                continue;
            for (cmark_node *child = first; child; child = cmark_node_next(child)) {
                if (cmark_node_get_type(child) != CMARK_NODE_PARAGRAPH)
                    continue;
                Replacement paragraph = Replacement::block(child, {}, {});
                paragraph.paragraphAsInline = true;
                m_replacements.push_back(std::move(paragraph));
            }
        }
    }

    // Shortcodes become emoji in text; code is never text here (cmark keeps it in code nodes),
    // and an autolink shows its URL as it is. cmark splits text at characters that might have
    // been markup ("_" in ":white_check_mark:"), so a run of text siblings is taken as one.
    static void emoji(cmark_node *node)
    {
        cmark_node *previous = cmark_node_previous(node);
        if (previous && cmark_node_get_type(previous) == CMARK_NODE_TEXT)
            return;
        bool colon = false;
        cmark_node *end = node;
        for (; end && cmark_node_get_type(end) == CMARK_NODE_TEXT; end = cmark_node_next(end))
            colon = colon || std::strchr(cmark_node_get_literal(end), ':');
        if (!colon || isAutolinkText(node))
            return;
        QByteArray text;
        for (cmark_node *part = node; part != end; part = cmark_node_next(part))
            text += cmark_node_get_literal(part);
        if (!EmojiTable::replaceShortcodes(text))
            return;
        cmark_node_set_literal(node, text.constData());
        for (cmark_node *part = cmark_node_next(node); part != end; part = cmark_node_next(part))
            cmark_node_set_literal(part, "");
    }

    static bool isAutolinkText(cmark_node *node)
    {
        cmark_node *link = cmark_node_parent(node);
        if (cmark_node_get_type(link) != CMARK_NODE_LINK || cmark_node_next(node) ||
            cmark_node_previous(node))
            return false;
        const QByteArrayView url(cmark_node_get_url(link));
        return url.endsWith(QByteArrayView(cmark_node_get_literal(node)));
    }

    static bool isInLink(cmark_node *node)
    {
        for (cmark_node *up = cmark_node_parent(node); up; up = cmark_node_parent(up)) {
            if (cmark_node_get_type(up) == CMARK_NODE_LINK)
                return true;
        }
        return false;
    }

    RenderResult &m_result;
    Slugger &m_slugger;
    const PermalinkLabel &m_permalinkLabel;
    cmark_node *m_block = nullptr;
    HeadingWrap &m_blockWrap;
    QByteArray &m_blockHtml;
    HtmlSanitizer::Check m_rawHtml = HtmlSanitizer::Check::None;
    std::vector<Replacement> m_replacements;
    std::vector<cmark_node *> m_refusedLinks;
    std::vector<Image> m_images;
    std::vector<cmark_node *> m_rawNodes;
};

// An image's alt text as cmark writes it: the text of its inlines, a line break as a space (as
// GitHub does).
void appendAltText(cmark_node *node, QByteArray &out)
{
    for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
            out += cmark_node_get_literal(child);
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            out += ' ';
            break;
        default:
            appendAltText(child, out);
        }
    }
}

// GitHub's markup for an image: its source as GitHub's image filter leaves it and, outside a
// link, a link to itself around it.
QByteArray imageHtml(cmark_node *image, bool linkToItself)
{
    const ImageSource source = imageSource(QByteArrayView(cmark_node_get_url(image)));
    QByteArray src;
    appendEscapedUrl(src, source.url);
    QByteArray alt;
    appendAltText(image, alt);
    QByteArray html = "<img";
    if (source.present)
        html += " src=\"" + src + '"';
    html += " alt=\"" + htmlEscaped(alt) + '"';
    if (const QByteArrayView title(cmark_node_get_title(image)); !title.isEmpty())
        html += " title=\"" + htmlEscaped(title) + '"';
    html += '>';
    return linkToItself ? imageLinkStart(src) + html + "</a>" : html;
}

void unwrap(cmark_node *node)
{
    while (cmark_node *child = cmark_node_first_child(node))
        cmark_node_insert_before(node, child);
    cmark_node_unlink(node);
}

// What the walk left for after it: refused links lose their link, images get GitHub's markup,
// and the document's raw HTML is marked for the sanitizer. Returns what the block's HTML needs.
HtmlSanitizer::Check finishLinksAndImages(const Walk &walk, std::vector<cmark_node *> &removed)
{
    for (cmark_node *link : walk.refusedLinks()) {
        unwrap(link);
        removed.push_back(link);
    }
    // Where the block holds raw HTML, an image may sit in a link of that HTML: the sanitizer,
    // which sees the whole block, links the images that are in none.
    HtmlSanitizer::Check rawHtml = walk.rawHtml();
    for (const Walk::Image &image : walk.images()) {
        cmark_node *html = cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, ParseArena::allocator());
        cmark_node_set_literal(
            html, imageHtml(image.node, !image.inLink && rawHtml == HtmlSanitizer::Check::None)
                      .constData());
        cmark_node_insert_before(image.node, html);
        cmark_node_unlink(image.node);
        removed.push_back(image.node);
    }
    if (rawHtml != HtmlSanitizer::Check::None && !walk.images().empty())
        rawHtml = HtmlSanitizer::Check::Sanitize;
    // The sanitizer tells the document's HTML from ours by these marks around it.
    if (rawHtml == HtmlSanitizer::Check::Sanitize) {
        // Raw inline HTML that follows raw inline HTML (nothing of ours between) shares its
        // marks: a paragraph of tags is one range, not a pair of marks a tag.
        const std::vector<cmark_node *> &nodes = walk.rawNodes();
        const auto joined = [](cmark_node *node, cmark_node *next) {
            return cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE &&
                   cmark_node_get_type(next) == CMARK_NODE_HTML_INLINE &&
                   cmark_node_next(node) == next;
        };
        // Each pair is looked at once: whether it is joined tells the first whether it closes
        // and the second whether it opens (a paragraph of tags has thousands of pairs).
        bool opens = true;
        for (size_t i = 0; i < nodes.size(); ++i) {
            const bool joinsNext = i + 1 < nodes.size() && joined(nodes[i], nodes[i + 1]);
            const bool closes = !joinsNext;
            const bool thisOpens = std::exchange(opens, !joinsNext);
            if (!thisOpens && !closes)
                continue;
            QByteArray marked;
            if (thisOpens)
                marked += HtmlSanitizer::documentStart();
            marked += cmark_node_get_literal(nodes[i]);
            if (closes)
                marked += HtmlSanitizer::documentEnd();
            cmark_node_set_literal(nodes[i], marked.constData());
        }
    }
    return rawHtml;
}

} // namespace

void GithubMarkup::NodeDeleter::operator()(cmark_node *node) const
{
    cmark_node_free(node);
}

GithubMarkup::~GithubMarkup() = default;

// GitHub's alerts: a blockquote whose first line is only "[!NOTE]" (or another kind, in any
// case) followed by content becomes a titled box. Only at the top level, as on GitHub.
cmark_node *GithubMarkup::alert(cmark_node *quote)
{
    cmark_node *paragraph = cmark_node_first_child(quote);
    if (!paragraph || cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
        return quote;
    // cmark splits "[!NOTE]" into several text nodes (brackets are link openers).
    QByteArray marker;
    cmark_node *after = cmark_node_first_child(paragraph);
    while (after && cmark_node_get_type(after) == CMARK_NODE_TEXT) {
        marker += cmark_node_get_literal(after);
        after = cmark_node_next(after);
        if (marker.size() > 16)
            return quote;
    }
    const cmark_node_type next = after ? cmark_node_get_type(after) : CMARK_NODE_NONE;
    if (next != CMARK_NODE_NONE && next != CMARK_NODE_SOFTBREAK && next != CMARK_NODE_LINEBREAK)
        return quote;
    marker = marker.trimmed().toUpper();
    const AlertKind *kind = nullptr;
    for (const AlertKind &candidate : kAlertKinds) {
        if (marker == candidate.marker)
            kind = &candidate;
    }
    const bool content = next != CMARK_NODE_NONE ? cmark_node_next(after) != nullptr
                                                 : cmark_node_next(paragraph) != nullptr;
    if (!kind || !content)
        return quote;

    cmark_node *end = next == CMARK_NODE_NONE ? nullptr : cmark_node_next(after);
    for (cmark_node *node = cmark_node_first_child(paragraph); node != end;) {
        cmark_node *following = cmark_node_next(node);
        cmark_node_unlink(node);
        m_replaced.emplace_back(node);
        node = following;
    }
    if (!cmark_node_first_child(paragraph)) {
        cmark_node_unlink(paragraph);
        m_replaced.emplace_back(paragraph);
    }

    const QString title = QCoreApplication::translate("mdp::GithubMarkup", kind->title);
    Replacement replacement = Replacement::block(
        quote,
        QByteArray("<div class=\"markdown-alert markdown-alert-") + kind->name + '"' +
            sourcePos(quote) + "><p class=\"markdown-alert-title\"><svg class=\"octicon octicon-" +
            kind->icon +
            " mr-2\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\"><path "
            "d=\"" +
            kind->path + "\"></path></svg>" + escaped(title) + "</p>",
        "</div>");
    cmark_node *custom = replace(replacement);
    m_replaced.emplace_back(quote);
    return custom;
}

void GithubMarkup::setSource(QByteArrayView markdown)
{
    m_dollarLines.clear();
    // Lines end as CommonMark ends them: "\n", "\r\n" or a lone "\r". Counting only "\n" is
    // right unless some "\r" stands alone; then every block is searched.
    m_knowsDollarLines = !markdown.contains('\r');
    if (!m_knowsDollarLines)
        return;
    // Once a line has a "$", the rest of it is skipped: a line of dollars costs two searches.
    int line = 1;
    const char *const end = markdown.end();
    for (const char *at = markdown.begin(); at < end;) {
        const auto *dollar = static_cast<const char *>(std::memchr(at, '$', size_t(end - at)));
        if (!dollar)
            break;
        line += int(std::count(at, dollar, '\n'));
        m_dollarLines.push_back(line);
        const auto *lineEnd =
            static_cast<const char *>(std::memchr(dollar, '\n', size_t(end - dollar)));
        if (!lineEnd)
            break;
        at = lineEnd + 1;
        ++line;
    }
}

bool GithubMarkup::mayHoldMath(cmark_node *block) const
{
    // The footnotes come as a document of their own, with no lines; the paragraph a table
    // interrupted has none either (line 0).
    if (!m_knowsDollarLines || cmark_node_get_type(block) == CMARK_NODE_DOCUMENT ||
        cmark_node_get_start_line(block) == 0)
        return true;
    const auto first = std::lower_bound(m_dollarLines.begin(), m_dollarLines.end(),
                                        cmark_node_get_start_line(block));
    return first != m_dollarLines.end() && *first <= cmark_node_get_end_line(block);
}

cmark_node *GithubMarkup::apply(cmark_node *block, HtmlSanitizer::Check &rawHtml)
{
    const bool math = mayHoldMath(block); // before an alert takes the block's place
    if (cmark_node_get_type(block) == CMARK_NODE_BLOCK_QUOTE &&
        cmark_node_get_type(cmark_node_parent(block)) == CMARK_NODE_DOCUMENT)
        block = alert(block);
    if (math) {
        std::vector<cmark_node *> removed;
        MathSyntax::apply(block, removed);
        for (cmark_node *node : removed)
            m_replaced.emplace_back(node);
    }
    m_blockWrap.isSet = false;
    m_blockHtml = {};
    Walk walk(m_result, m_slugger, m_permalinkLabel, block, m_blockWrap, m_blockHtml);
    // Every node in document order, as cmark_iter enters them, without an iterator allocated
    // per block: the walk changes no links between nodes.
    for (cmark_node *node = block; node;) {
        walk.enter(node);
        if (cmark_node *child = cmark_node_first_child(node)) {
            node = child;
            continue;
        }
        while (node != block && !cmark_node_next(node))
            node = cmark_node_parent(node);
        node = node == block ? nullptr : cmark_node_next(node);
    }

    cmark_node *result = block;
    for (const Replacement &replacement : walk.replacements()) {
        cmark_node *custom = replace(replacement);
        m_replaced.emplace_back(replacement.node);
        if (replacement.node == block)
            result = custom;
    }
    std::vector<cmark_node *> removed;
    rawHtml = finishLinksAndImages(walk, removed);
    for (cmark_node *node : removed)
        m_replaced.emplace_back(node);
    writePlainHeading(result);
    return result;
}

// A heading of plain text (most are) is written here: cmark's HTML of a text node is its text
// escaped, and a renderer of its own for each heading costs more than the heading.
void GithubMarkup::writePlainHeading(cmark_node *block)
{
    if (!m_blockWrap.isSet || !m_blockHtml.isNull())
        return;
    cmark_node *first = cmark_node_first_child(block);
    // Most headings are one text node with nothing to escape.
    if (first && !cmark_node_next(first) && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
        if (const QByteArrayView text(cmark_node_get_literal(first)); !needsEscape(text)) {
            m_blockHtml = wrappedHeading(text);
            m_blockWrap.isSet = false;
            return;
        }
    }
    QByteArray &inlines = m_blockWrap.inlines;
    inlines.resize(0);
    for (cmark_node *child = first; child; child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) != CMARK_NODE_TEXT)
            return;
        appendHtmlEscaped(inlines, QByteArrayView(cmark_node_get_literal(child)));
    }
    m_blockHtml = wrappedHeading(inlines);
    m_blockWrap.isSet = false;
}

// GitHub's markup around a heading's inlines, as cmark would print the custom block and inline
// that a nested heading becomes (see Walk::heading). GitHub's link icon is drawn by the page's
// style sheet (shell.css), not repeated in every heading.
QByteArray GithubMarkup::wrappedHeading(QByteArrayView inlines) const
{
    const char tagText[] = {'h', m_blockWrap.level};
    const QByteArrayView tag(tagText, 2);
    const QByteArrayView id = m_blockWrap.id;
    return joined({"<div class=\"markdown-heading\"", m_blockWrap.position, ">\n<", tag,
                   " class=\"heading-element\">", inlines, "</", tag, "><a id=\"user-content-", id,
                   "\" class=\"anchor\" aria-label=\"", m_permalinkLabel.before, m_blockWrap.label,
                   m_permalinkLabel.after, "\" href=\"#", id, "\"></a>\n</div>\n"});
}

std::optional<QByteArray> GithubMarkup::takeWrittenHtml()
{
    if (m_blockHtml.isNull())
        return std::nullopt;
    return std::exchange(m_blockHtml, QByteArray());
}

void GithubMarkup::finishHtml(QByteArray &html) const
{
    if (!m_blockWrap.isSet)
        return;
    // cmark wrote "<hN data-sourcepos=\"...\">" + the heading's inlines + "</hN>\n".
    static constexpr qsizetype kCloseTag = sizeof "</h1>\n" - 1;
    const qsizetype open = html.indexOf('>');
    if (open < 0 || html.size() < open + 1 + kCloseTag)
        return;
    html =
        wrappedHeading(QByteArrayView(html).sliced(open + 1, html.size() - open - 1 - kCloseTag));
}

PermalinkLabel PermalinkLabel::translated()
{
    const QString label = QCoreApplication::translate("mdp::GithubMarkup", "Permalink: %1");
    const qsizetype at = label.indexOf(u"%1");
    PermalinkLabel result;
    result.hasText = at >= 0;
    result.before = escaped(at >= 0 ? label.first(at) : label);
    if (at >= 0)
        result.after = escaped(label.sliced(at + 2));
    return result;
}

} // namespace mdp
