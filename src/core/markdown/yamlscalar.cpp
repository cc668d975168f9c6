// SPDX-License-Identifier: GPL-3.0-or-later
#include "yamlscalar.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QRegularExpression>
#include <QTimeZone>

#include <charconv>
#include <cmath>

namespace mdp::YamlScalar {

namespace {

// Psych's ScalarScanner, rule by rule (psych/scalar_scanner.rb): the patterns are its own.
const QRegularExpression &pattern(const char *source)
{
    // One compiled expression per pattern; the sources are string literals of this file.
    static thread_local QHash<const char *, QRegularExpression> cache;
    auto it = cache.find(source);
    if (it == cache.end())
        it = cache.insert(source,
                          QRegularExpression(QString::fromLatin1(source),
                                             QRegularExpression::UseUnicodePropertiesOption));
    return *it;
}

bool matches(const char *source, const QString &text)
{
    return pattern(source).match(text).hasMatch();
}

constexpr const char kStringLike[] = R"(^[^\d.:-]?[\p{L}\p{M}_\s!@#$%\^&*(){}<>|/\\~;=]+)";
constexpr const char kTime[] =
    R"(^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$)";
constexpr const char kDate[] = R"(^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$)";
constexpr const char kSexagesimal[] = R"(^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$)";
constexpr const char kFloat[] = R"(^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$)";
constexpr const char kInteger[] =
    R"(^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|)"
    R"([-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$)";

// Short words YAML 1.1 reads as null or a boolean (Psych looks only at strings of five or fewer
// characters).
QByteArray word(const QString &text)
{
    if (text.size() > 5 || !matches(R"(^[ytonf~])", text.toLower()))
        return text.toUtf8();
    const QString lower = text.toLower();
    if (text == u"~" || lower == u"null")
        return {};
    if (lower == u"yes" || lower == u"true" || lower == u"on")
        return "true";
    if (lower == u"no" || lower == u"false" || lower == u"off")
        return "false";
    return text.toUtf8();
}

// Ruby's Float#to_s: the shortest digits that read back the same, in plain notation from 1e-4
// up to 1e16 and always with a fraction ("2.0"), in scientific notation ("1.0e+20") outside.
QByteArray rubyFloat(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value < 0 ? "-Infinity" : "Infinity";
    char buffer[64];
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const QByteArray scientific(buffer, result.ptr - buffer); // "-2.5142e+02"
    const qsizetype e = scientific.indexOf('e');
    const int exponent = scientific.mid(e + 1).toInt();
    const bool negative = scientific.startsWith('-');
    QByteArray digits = scientific.first(e).mid(negative ? 1 : 0);
    digits.replace(".", "");
    QByteArray out = negative ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
        out += digits.left(1) + '.' + (digits.size() > 1 ? digits.mid(1) : QByteArray("0"));
        out += exponent < 0 ? "e-" : "e+";
        out += QByteArray::number(std::abs(exponent)).rightJustified(2, '0');
        return out;
    }
    if (exponent < 0)
        return out + "0." + QByteArray(-exponent - 1, '0') + digits;
    const qsizetype point = exponent + 1;
    if (digits.size() <= point)
        return out + digits + QByteArray(point - digits.size(), '0') + ".0";
    return out + digits.first(point) + '.' + digits.mid(point);
}

QByteArray integer(QString text)
{
    text.remove(u',').remove(u'_');
    const bool negative = text.startsWith(u'-');
    if (text.startsWith(u'-') || text.startsWith(u'+'))
        text.remove(0, 1);
    int base = 10;
    if (text.startsWith(u"0x")) {
        base = 16;
        text.remove(0, 2);
    } else if (text.startsWith(u"0b")) {
        base = 2;
        text.remove(0, 2);
    } else if (text.size() > 1 && text.startsWith(u'0')) {
        base = 8;
    }
    bool ok = true;
    const qulonglong value = base == 10 ? 0 : text.toULongLong(&ok, base);
    const QByteArray magnitude = base == 10 || !ok ? text.toUtf8() : QByteArray::number(value);
    return negative && magnitude != "0" ? '-' + magnitude : magnitude;
}

// 1:30 is ninety: YAML 1.1's base 60 integers.
QByteArray sexagesimal(const QString &text)
{
    qlonglong total = 0;
    const QStringList parts = text.split(u':');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QString part = parts[i];
        part.remove(u'_');
        qlonglong scale = 1;
        for (qsizetype power = parts.size() - 1 - i; power > 0; --power)
            scale *= 60;
        total += part.toLongLong() * scale;
    }
    return QByteArray::number(total);
}

QByteArray date(const QString &text)
{
    const QStringList parts = text.split(u'-');
    const QDate day(parts[0].toInt(), parts[1].toInt(), parts[2].toInt());
    return day.isValid() ? day.toString(u"yyyy-MM-dd").toUtf8() : text.toUtf8();
}

// Psych's parse_time: with "Z" a UTC time ("... UTC"), with an offset a time at that offset,
// and without either a UTC time shown in the local time of the machine that reads it: GitHub's
// servers are on Pacific time ("2021-01-01 12:02:03" shows as "2021-01-01 04:02:03 -0800").
QByteArray time(const QString &text)
{
    static const QRegularExpression parts(
        QStringLiteral(R"(^(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d))"
                       R"((?:\.\d*)?\s*(Z|([-+]\d{1,2}):?(\d\d)?)?$)"));
    const QRegularExpressionMatch m = parts.match(text);
    const QDate day(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const QTime clock(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt());
    if (!m.hasMatch() || !day.isValid() || !clock.isValid())
        return text.toUtf8();
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    if (m.captured(7) == u"Z")
        return (QDateTime(day, clock, QTimeZone::utc()).toString(format) + u" UTC").toUtf8();
    int offset = 0;
    if (!m.captured(8).isEmpty()) {
        const int hours = m.captured(8).toInt();
        offset = hours * 3600 + (hours < 0 ? -1 : 1) * m.captured(9).toInt() * 60;
    }
    QDateTime when(day, clock, QTimeZone(offset));
    if (m.captured(8).isEmpty()) {
        const QTimeZone pacific(QByteArrayLiteral("America/Los_Angeles"));
        when = QDateTime(day, clock, QTimeZone::utc())
                   .toTimeZone(pacific.isValid() ? pacific : QTimeZone::utc());
    }
    const int seconds = when.offsetFromUtc();
    const int minutes = std::abs(seconds) / 60;
    return (when.toString(format) + (seconds < 0 ? u" -" : u" +") +
            QString::number(minutes / 60).rightJustified(2, u'0') +
            QString::number(minutes % 60).rightJustified(2, u'0'))
        .toUtf8();
}

} // namespace

QByteArray plainText(QByteArrayView scalar)
{
    const QString text = QString::fromUtf8(scalar);
    if (text.isEmpty())
        return {};
    if (matches(kStringLike, text) || text.contains(u'\n'))
        return word(text);
    if (matches(kTime, text))
        return time(text);
    if (matches(kDate, text))
        return date(text);
    if (matches(R"(^\+?\.inf$)", text.toLower()))
        return "Infinity";
    if (text.toLower() == u"-.inf")
        return "-Infinity";
    if (text.toLower() == u".nan")
        return "NaN";
    if (matches(kSexagesimal, text))
        return sexagesimal(text);
    if (matches(kFloat, text)) {
        if (matches(R"(^[-+]?\.$)", text))
            return text.toUtf8();
        QString number = text;
        number.remove(u',').remove(u'_');
        static const QRegularExpression bareFraction(QStringLiteral(R"(\.([Ee]|$))"));
        number.replace(bareFraction, QStringLiteral("\\1"));
        return rubyFloat(number.toDouble());
    }
    if (matches(kInteger, text))
        return integer(text);
    return text.toUtf8();
}

} // namespace mdp::YamlScalar
