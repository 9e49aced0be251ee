#include "agenttext.h"

#include <array>

#include <QRegularExpression>
#include <QTimeZone>

namespace Orchestrator::AgentText {

using namespace Qt::StringLiterals;

namespace {

QRegularExpression caseless(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption);
}

// Checked in this order: the first that matches names the failure. Budget
// comes before rate limits because an exhausted quota is worded like a limit
// ("You exceeded your current quota" arrives as a RateLimitError) but waiting
// does not end it; rate limits come before network because a 429 is often
// retried with network-like chatter around it.
struct Rule
{
    AgentOutcome outcome;
    QRegularExpression pattern;
};

const std::array<Rule, 5> &rules()
{
    static const std::array<Rule, 5> table{{
        {AgentOutcome::BudgetExceeded,
         caseless(u"credit balance is too low|out of (?:usage )?credits|spend (?:cap|limit)|insufficient_quota|"
                  "exceeded your current quota|quota exceeded\\. check your plan|budgetexceeded|exceeded usd budget|"
                  "max(?:imum)?[ _-]budget"_s)},
        {AgentOutcome::RateLimited,
         caseless(u"hit your (?:\\w+[ -])*limit|reached your usage limit|usage limit reached|rate[ _-]?limit|"
                  "too many requests|resource_exhausted|exhausted your (?:capacity|daily quota)|quota will reset|"
                  "(?:terminal|retryable)quotaerror|\\b429\\b"_s)},
        {AgentOutcome::AuthFailed,
         caseless(u"not logged in|please run /login|invalid api key|invalid x-api-key|authentication_(?:error|failed)|"
                  "authenticationerror|permissiondeniederror|unauthori[sz]ed|\\b401\\b|please set an auth method|"
                  "api key not valid|refresh token|(?:log|sign) in again|oauth token|"
                  "missing environment variable: `\\w*api_key`|not able to authenticate"_s)},
        {AgentOutcome::MaxTurns,
         caseless(u"max(?:imum)? (?:session )?turns|error_max_turns|turnlimitederror"_s)},
        {AgentOutcome::Network,
         caseless(u"reconnecting|stream disconnected|connection (?:failed|error|refused|reset)|error sending request|"
                  "waiting for network|failed to (?:lookup address|connect)|name does not resolve|unable to connect|"
                  "failedtoopensocket|fetch failed|econnrefused|econnreset|enotfound|etimedout|eai_again|"
                  "apiconnectionerror|serviceunavailable|internalservererror|overloaded|\\b(?:502|503|504|529)\\b|"
                  "network"_s)},
    }};
    return table;
}

int monthNumber(QStringView name)
{
    static const std::array<QLatin1StringView, 12> months{"jan"_L1, "feb"_L1, "mar"_L1, "apr"_L1, "may"_L1, "jun"_L1,
                                                          "jul"_L1, "aug"_L1, "sep"_L1, "oct"_L1, "nov"_L1, "dec"_L1};
    const QString prefix = name.left(3).toString().toLower();
    for (int i = 0; i < int(months.size()); ++i) {
        if (prefix == months[std::size_t(i)])
            return i + 1;
    }
    return 0;
}

QTimeZone zoneNamed(QStringView name, const QDateTime &now)
{
    if (!name.isEmpty()) {
        const QTimeZone zone(name.trimmed().toUtf8());
        if (zone.isValid())
            return zone;
    }
    return now.timeZone();
}

// A clock time (and maybe a date) from a regular expression match with the
// named groups mon, day, year, h, m, ap and tz. Without a date it is the
// next such time after `now`: a limit does not reset in the past.
std::optional<qint64> clockTime(const QRegularExpressionMatch &match, const QDateTime &now)
{
    int hour = match.capturedView(u"h").toInt();
    const int minute = match.capturedView(u"m").isEmpty() ? 0 : match.capturedView(u"m").toInt();
    const bool pm = match.capturedView(u"ap").compare(u"pm", Qt::CaseInsensitive) == 0;
    if (hour < 1 || hour > 12 || minute > 59)
        return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);

    const QTimeZone zone = zoneNamed(match.capturedView(u"tz"), now);
    const QDateTime nowThere = now.toTimeZone(zone);
    const QTime time(hour, minute);
    const QStringView monthName = match.capturedView(u"mon");
    if (monthName.isEmpty()) {
        QDateTime at(nowThere.date(), time, zone);
        if (at < now)
            at = QDateTime(nowThere.date().addDays(1), time, zone);
        return at.toMSecsSinceEpoch();
    }
    const int month = monthNumber(monthName);
    const int day = match.capturedView(u"day").toInt();
    const bool hasYear = !match.capturedView(u"year").isEmpty();
    const int year = hasYear ? match.capturedView(u"year").toInt() : nowThere.date().year();
    const QDate date(year, month, day);
    if (month == 0 || !date.isValid())
        return std::nullopt;
    QDateTime at(date, time, zone);
    if (!hasYear && at < now.addDays(-1))
        at = QDateTime(date.addYears(1), time, zone);
    return at.toMSecsSinceEpoch();
}

// "3 days 6 hours 57 minutes" in milliseconds.
std::optional<qint64> wordsDurationMs(QStringView text)
{
    static const QRegularExpression part = caseless(u"(\\d+)\\s*(day|hour|hr|minute|min|second|sec)"_s);
    qint64 total = 0;
    bool any = false;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const qint64 count = match.capturedView(1).toLongLong();
        const QString unit = match.captured(2).toLower();
        const qint64 unitMs = unit == u"day"_s                    ? 86'400'000
                              : (unit == u"hour"_s || unit == u"hr"_s) ? 3'600'000
                              : (unit == u"minute"_s || unit == u"min"_s) ? 60'000
                                                                           : 1'000;
        total += count * unitMs;
        any = true;
    }
    return any ? std::optional<qint64>(total) : std::nullopt;
}

} // namespace

std::optional<qint64> durationMs(QStringView text)
{
    static const QRegularExpression part(u"(\\d+(?:\\.\\d+)?)(ms|h|m|s)"_s);
    double total = 0;
    qsizetype covered = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedStart() != covered)
            return std::nullopt;
        covered = match.capturedEnd();
        const double count = match.capturedView(1).toDouble();
        const QStringView unit = match.capturedView(2);
        total += count * (unit == u"ms" ? 1.0 : unit == u"s" ? 1000.0 : unit == u"m" ? 60'000.0 : 3'600'000.0);
    }
    if (covered == 0 || covered != text.size())
        return std::nullopt;
    return qint64(total + 0.5);
}

std::optional<qint64> resetTime(QStringView text, const QDateTime &now)
{
    // codex: "try again at 3:28 PM." or "try again at Aug 8th, 2026 12:30 PM."
    static const QRegularExpression codexAt = caseless(
        u"try again at (?:(?<mon>[a-z]{3,9})\\.? (?<day>\\d{1,2})(?:st|nd|rd|th)?,? (?:(?<year>\\d{4}),? )?(?:at )?)?"
        "(?<h>\\d{1,2}):(?<m>\\d{2}) ?(?<ap>[ap]m)"_s);
    // claude: "resets 3pm (Europe/Berlin)", "resets Aug 8, 3:30pm (UTC)"
    static const QRegularExpression claudeResets = caseless(
        u"resets (?:(?<mon>[a-z]{3}) (?<day>\\d{1,2}),? (?:(?<year>\\d{4}),? )?(?:at )?)?"
        "(?<h>\\d{1,2})(?::(?<m>\\d{2}))? ?(?<ap>[ap]m)(?: \\((?<tz>[^)]+)\\))?"_s);
    // codex (ChatGPT wording): "try again in 3 days 6 hours 57 minutes"
    static const QRegularExpression inWords = caseless(
        u"try again in ((?:\\d+\\s*(?:days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)[\\s,]*(?:and\\s+)?)+)"_s);
    // gemini: "Please retry in 51.2s", "Suggested retry after 60s", "reset after 2h30m5s"
    static const QRegularExpression inUnits = caseless(
        u"(?:retry in|retry after|reset after|resets in|try again in) (\\d+(?:\\.\\d+)?(?:ms|[hms])(?:\\d+(?:\\.\\d+)?(?:ms|[hms]))*)\\b"_s);

    for (const QRegularExpression *clock : {&codexAt, &claudeResets}) {
        const QRegularExpressionMatch match = clock->match(text);
        if (match.hasMatch()) {
            if (const std::optional<qint64> at = clockTime(match, now))
                return at;
        }
    }
    if (const QRegularExpressionMatch match = inWords.match(text); match.hasMatch()) {
        if (const std::optional<qint64> ms = wordsDurationMs(match.capturedView(1)))
            return now.toMSecsSinceEpoch() + *ms;
    }
    if (const QRegularExpressionMatch match = inUnits.match(text); match.hasMatch()) {
        if (const std::optional<qint64> ms = durationMs(match.capturedView(1).toString().toLower()))
            return now.toMSecsSinceEpoch() + *ms;
    }
    return std::nullopt;
}

std::optional<Signal> classify(QStringView text, const QDateTime &now)
{
    for (const Rule &rule : rules()) {
        if (rule.pattern.match(text).hasMatch()) {
            Signal signal{rule.outcome, std::nullopt};
            if (rule.outcome == AgentOutcome::RateLimited)
                signal.resetAt = resetTime(text, now);
            return signal;
        }
    }
    return std::nullopt;
}

QString firstLine(const QString &text, qsizetype maxChars)
{
    const QString trimmed = text.trimmed();
    QString line = trimmed.left(trimmed.indexOf(u'\n'));
    for (QChar &c : line) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    if (line.size() > maxChars)
        line = line.left(maxChars - 1) + u'…';
    return line;
}

} // namespace Orchestrator::AgentText
