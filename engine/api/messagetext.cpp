#include "messagetext.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

namespace Orchestrator::MessageText {

namespace {

constexpr char kContext[] = "Orchestrator::MessageText";

// What an argument of a message is, and so how it is found and shown.
enum class Arg : char {
    Message = 'M',      // another engine message: translated in turn
    Word = 'W',         // a job id, tool or engine name: shown as it is
    Text = 'T',         // a path, a program's words: shown as it is
    Number = 'N',       // an integer, in the user's locale
    Decimal = 'D',      // a decimal number, in the user's locale with its precision
    State = 'S',        // a job state as the engine spells it ("upstream_failed")
    Clock = 'C',        // a time of day, HH:mm:ss
    Tools = 'L',        // a list of tool names, or "none"
    Waits = 'P',        // "a (failed), b (queued)": the unfinished dependencies
    Conflicts = 'X',    // "a.txt (changed by up1, up2); b.txt (changed by up3)"
};

// One shape of message: its English source, as the engine builds it, and the
// kinds of %1, %2 ... in order of their numbers.
struct Shape
{
    const char *source;
    const char *args;
};

// The engine's messages, as built in scheduling/, execution/, submit/ and
// api/ (those files stay English: they are what the CLI prints and the
// database keeps). A message may match more than one shape; the one with the
// most literal text wins, so "attempt %1: %2; on_crash is fail" beats
// "attempt %1: %2".
const Shape kShapes[] = {
    // scheduling/decision.cpp: a job's reason after an attempt
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "attempt %1: %2"), "NM"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "attempt %1: %2; on_crash is fail"), "NM"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "quarantined: crashed its worker %1 times (attempt %2: %3)"), "NNM"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "attempt %1: %2; queued again (crash %3 of %4 before quarantine)"), "NMNN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "attempt %1 %2; retry at %3 with %4"), "NMCW"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1; it waited for rate limits %2 min already (at most %3 h): given up"), "MND"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "attempt %1 %2; rate limited until %3, then again with %4 (not counted as an attempt)"),
     "NMCW"},
    // scheduling/transitions.cpp: reasons of state changes, errors of commands
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "dependencies succeeded"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "upstream job %1 did not succeed"), "W"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "no job with id \"%1\""), "W"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "job %1 is already %2"), "WS"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "cancelled by user"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "retry requested by user"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "job %1 is %2; only jobs that ended without success can be retried"), "WS"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "job %1 depends on %2, which is %3; retry %2 instead"), "WWS"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "upstream job %1 is being retried"), "W"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "job %1 has no tool to escalate to after %2 (escalate_to: %3)"), "WWL"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "escalated to %1 by user"), "W"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "job %1 is already %2; its priority no longer matters"), "WS"},
    // scheduling/scheduler.cpp: reasons, event details, database faults
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: not connected"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "backoff elapsed"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "attempt %1 with %2 on %3"), "NWW"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "result of attempt %1 from %2 ignored: the claim is no longer held"), "NW"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "engine %1 stopped renewing its lease"), "W"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "engine %1 died"), "W"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "the database's files changed while it ran; its result was not recorded"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "lost the database %1: not reached for %2 s, longer than a lease may go unrenewed (%3 s); no job was "
                       "running (%4)"),
     "TDNM"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "lost the database %1, could not renew the lease of %2 running job(s): their tools were stopped and "
                       "nothing more is recorded; other workers reclaim them when the lease expires (%3)"),
     "TNM"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "interrupted: %1"), "M"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1; %2 leftover process(es) killed"), "MN"},
    // scheduling/explain.cpp: why a job is where it is
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "waiting on %1"), "P"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "queue paused"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "repo locked by %1 (%2)"), "WT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "waiting for a %1 slot (%2 of %3 busy)"), "WNN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "queued, but no engine is working this database: start one with `orchestrator worker` (or "
                       "`orchestrator run`, or the dashboard)"),
     ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "queued: next to start when a worker is free"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "queued: %1 job(s) ahead"), "N"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "retry at %1 with %2"), "CW"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "running attempt %1 on %2 for %3 s"), "NWN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "running attempt %1 on %2 for %3 s (cancel requested)"), "NWN"},
    // execution/attemptrunner.cpp, worktreeattempt.cpp: how an attempt ended
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "exited with code %1"), "N"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "killed by signal %1 (%2)"), "NT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "timed out after %1 s; process group killed"), "N"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "cancelled; process group killed"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "the engine stopped"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "program \"%1\" does not exist"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "program \"%1\" is not an executable file"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "program \"%1\" not found on PATH"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1 (tool %2)"), "MW"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "working directory \"%1\" does not exist"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "cannot write log file \"%1\""), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "cannot start \"%1\": %2"), "TT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1; its change could not be recorded: %2"), "MT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "%1: network: %2 (stopped: it was only waiting to reconnect; process group killed)"),
     "WT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: %2 (exit code %3)"), "WTN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: failed (exit code %2)"), "WN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: rate limited (exit code %2)"), "WN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: rate limited: %2 (exit code %3)"), "WTN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: not logged in (exit code %2); %3"), "WNM"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: not logged in: %2 (exit code %3); %4"), "WTNM"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "log the tool in (or set its API key), then retry the job"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1, then retry the job"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: budget exceeded (exit code %2)"), "WN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: budget exceeded: %2 (exit code %3)"), "WTN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: turn limit reached (exit code %2)"), "WN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: turn limit reached: %2 (exit code %3)"), "WTN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: network (exit code %2)"), "WN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: network: %2 (exit code %3)"), "WTN"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "the changes of upstream jobs %1 conflict: %2; not run (retry after landing or fixing one of them)"),
     "TX"},
    // submit/submission.cpp: a submission refused
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: no such file or directory"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: /job_id: duplicate job id \"%2\" (also in %3)"), "TWT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: /job_id: job id \"%2\" already exists (run %3, %4)"), "TWWS"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: %2: depends on unknown job \"%3\""), "TWW"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "dependency cycle: %1 (in %2)"), "TT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "nothing to submit: no job files given"), ""},
    // api/engine.cpp, api/session.cpp: the front door refusing
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "no database at %1: nothing has been submitted there (use --db or ORCHESTRATOR_DB to name another)"),
     "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "the engine is not open"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "the session is not open"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "no job files given"), ""},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "no *.json job files in %1"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText",
                       "%1: /job_id: job id \"%2\" already exists with a different spec (run %3, %4); give the job a new id"),
     "TWWS"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "job %1 is already running on %2"), "WW"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "no job with id \"%1\" in %2 (is it the right --db?)"), "WT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "unknown tool \"%1\" (known: %2)"), "WT"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: no database yet"), "T"},
    {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1: cannot be read now: %2"), "TT"},
};

// The items of the lists above (Waits, Conflicts).
const Shape kWaitShape = {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1 (%2)"), "WS"};
const Shape kConflictShape = {QT_TRANSLATE_NOOP("Orchestrator::MessageText", "%1 (changed by %2)"), "TT"};

// The job states as the engine spells them in messages, in the dashboard's
// words (the same as its state column).
const std::pair<const char *, const char *> kStates[] = {
    {"waiting", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Waiting")},
    {"queued", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Queued")},
    {"running", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Running")},
    {"retry_waiting", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Waiting to retry")},
    {"succeeded", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Succeeded")},
    {"failed", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Failed")},
    {"timed_out", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Timed out")},
    {"cancelled", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Cancelled")},
    {"upstream_failed", QT_TRANSLATE_NOOP("Orchestrator::MessageText", "Upstream failed")},
};

QString pattern(Arg kind)
{
    switch (kind) {
    case Arg::Word: return QStringLiteral("\\S+");
    case Arg::Text: return QStringLiteral(".+?");
    case Arg::Number: return QStringLiteral("-?\\d+");
    case Arg::Decimal: return QStringLiteral("-?\\d+(?:\\.\\d+)?");
    case Arg::Clock: return QStringLiteral("\\d\\d:\\d\\d:\\d\\d|\\?");
    case Arg::State: {
        QStringList names;
        for (const auto &[name, words] : kStates)
            names.append(QLatin1String(name));
        return names.join(QLatin1Char('|'));
    }
    case Arg::Message:
    case Arg::Tools:
    case Arg::Waits:
    case Arg::Conflicts:
        return QStringLiteral(".+");
    }
    return QStringLiteral(".+");
}

// A shape made ready to match: its source as an anchored expression with a
// named group per argument ("%2" twice is the same text twice).
struct Matcher
{
    const Shape *shape = nullptr;
    QRegularExpression expression;
    QList<Arg> kinds;        // of %1, %2 ...
    qsizetype literal = 0;   // characters of the source that are not arguments
};

Matcher compile(const Shape &shape)
{
    Matcher m;
    m.shape = &shape;
    for (const char *kind = shape.args; *kind; ++kind)
        m.kinds.append(Arg(*kind));
    const QString source = QString::fromUtf8(shape.source);
    QString regex = QStringLiteral("^");
    QString literal;
    QList<int> seen;
    for (qsizetype i = 0; i < source.size(); ++i) {
        const QChar c = source.at(i);
        if (c == QLatin1Char('%') && i + 1 < source.size() && source.at(i + 1) >= QLatin1Char('1')
            && source.at(i + 1) <= QLatin1Char('9')) {
            const int number = source.at(i + 1).digitValue();
            regex += QRegularExpression::escape(literal);
            m.literal += literal.size();
            literal.clear();
            const QString name = QStringLiteral("a%1").arg(number);
            if (seen.contains(number))
                regex += QStringLiteral("\\k<%1>").arg(name);
            else
                regex += QStringLiteral("(?<%1>%2)").arg(name, pattern(m.kinds.value(number - 1, Arg::Text)));
            seen.append(number);
            ++i;
            continue;
        }
        literal += c;
    }
    regex += QRegularExpression::escape(literal) + QLatin1Char('$');
    m.literal += literal.size();
    m.expression = QRegularExpression(regex, QRegularExpression::DotMatchesEverythingOption);
    return m;
}

const QList<Matcher> &matchers()
{
    static const QList<Matcher> all = [] {
        QList<Matcher> list;
        for (const Shape &shape : kShapes)
            list.append(compile(shape));
        return list;
    }();
    return all;
}

QString stateWords(const QString &state)
{
    for (const auto &[name, words] : kStates) {
        if (state == QLatin1String(name))
            return QCoreApplication::translate(kContext, words);
    }
    return state;
}

// %1..%9 of `text` replaced in one pass, so an argument holding "%2" stays as it is.
QString substitute(const QString &text, const QStringList &args)
{
    QString out;
    out.reserve(text.size() + 32);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('%') && i + 1 < text.size()) {
            const int number = text.at(i + 1).digitValue();
            if (number >= 1 && number <= args.size()) {
                out += args.at(number - 1);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

QString translatedLine(const QString &line);

QString fromMatch(const Matcher &m, const QRegularExpressionMatch &match);

QString listOf(const QString &text, const QString &separator, const Shape &itemShape)
{
    static const Matcher waits = compile(kWaitShape);
    static const Matcher conflicts = compile(kConflictShape);
    const Matcher &item = &itemShape == &kWaitShape ? waits : conflicts;
    QStringList items = text.split(separator);
    for (QString &entry : items) {
        if (const QRegularExpressionMatch match = item.expression.match(entry); match.hasMatch())
            entry = fromMatch(item, match);
    }
    return items.join(separator);
}

QString argument(Arg kind, const QString &text)
{
    // Attempt numbers, exit codes and seconds are short: no "1.000".
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    switch (kind) {
    case Arg::Message: return translatedLine(text);
    case Arg::Word:
    case Arg::Text:
    case Arg::Clock:
        return text;
    case Arg::Number: {
        bool ok = false;
        const qlonglong value = text.toLongLong(&ok);
        return ok ? locale.toString(value) : text;
    }
    case Arg::Decimal: {
        bool ok = false;
        const double value = text.toDouble(&ok);
        const qsizetype point = text.indexOf(QLatin1Char('.'));
        return ok ? locale.toString(value, 'f', point < 0 ? 0 : int(text.size() - point - 1)) : text;
    }
    case Arg::State: return stateWords(text);
    case Arg::Tools:
        return text == QLatin1String("none") ? QCoreApplication::translate("Orchestrator::MessageText", "none") : text;
    case Arg::Waits: return listOf(text, QStringLiteral(", "), kWaitShape);
    case Arg::Conflicts: return listOf(text, QStringLiteral("; "), kConflictShape);
    }
    return text;
}

QString fromMatch(const Matcher &m, const QRegularExpressionMatch &match)
{
    QStringList args;
    for (qsizetype i = 0; i < m.kinds.size(); ++i)
        args.append(argument(m.kinds.at(i), match.captured(QStringLiteral("a%1").arg(i + 1))));
    return substitute(QCoreApplication::translate(kContext, m.shape->source), args);
}

QString translatedLine(const QString &line)
{
    const Matcher *best = nullptr;
    QRegularExpressionMatch bestMatch;
    for (const Matcher &m : matchers()) {
        if (best && m.literal <= best->literal)
            continue;
        if (QRegularExpressionMatch match = m.expression.match(line); match.hasMatch()) {
            best = &m;
            bestMatch = match;
        }
    }
    return best ? fromMatch(*best, bestMatch) : line;
}

} // namespace

QString translated(const QString &message)
{
    if (message.isEmpty())
        return message;
    QStringList lines = message.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = translatedLine(line);
    return lines.join(QLatin1Char('\n'));
}

} // namespace Orchestrator::MessageText
