#include "agentevents.h"

#include <array>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStringList>

#include "core/nametable.h"
#include "tools/agentstreamstate.h"
#include "tools/agenttext.h"

namespace Orchestrator {

using namespace Qt::StringLiterals;
using AgentStreams::State;
using AgentStreams::Verdict;

namespace {

Q_LOGGING_CATEGORY(lcAgentEvents, "orchestrator.agentevents")

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::AgentEvents)
};

constexpr std::array<std::pair<AgentEventFormat, const char *>, 5> kFormats{{
    {AgentEventFormat::None, "none"},
    {AgentEventFormat::ClaudeStreamJson, "claude-stream-json"},
    {AgentEventFormat::CodexJsonl, "codex-jsonl"},
    {AgentEventFormat::GeminiStreamJson, "gemini-stream-json"},
    {AgentEventFormat::AiderText, "aider-text"},
}};

constexpr std::array<std::pair<AgentOutcome, const char *>, 8> kOutcomes{{
    {AgentOutcome::Unknown, "unknown"},
    {AgentOutcome::Ok, "ok"},
    {AgentOutcome::Error, "error"},
    {AgentOutcome::RateLimited, "rate_limited"},
    {AgentOutcome::AuthFailed, "auth_failed"},
    {AgentOutcome::BudgetExceeded, "budget_exceeded"},
    {AgentOutcome::MaxTurns, "max_turns"},
    {AgentOutcome::Network, "network"},
}};

// stderr lines kept for messages, and how much of each.
constexpr qsizetype kStderrLinesKept = 40;
constexpr qsizetype kStderrLineChars = 1000;

// Lines that never say why an attempt failed: stack frames, node's own
// warnings, codex's notes about its helpers and stdin.
bool isNoise(const QString &line)
{
    static const QRegularExpression noise(
        u"^\\s+at |^\\(node:\\d+\\)|^\\(Use `node |^WARNING: proceeding, even though we could not create PATH aliases|"
        "^Reading additional input from stdin|^Warning: 256-color support not detected"_s);
    return line.trimmed().isEmpty() || noise.match(line).hasMatch();
}

QString withoutAnsi(const QString &line)
{
    static const QRegularExpression ansi(u"\\x1b\\[[0-9;?]*[ -/]*[@-~]"_s);
    QString text = line;
    text.remove(ansi);
    return text;
}

bool isJsonFormat(AgentEventFormat format)
{
    switch (format) {
    case AgentEventFormat::ClaudeStreamJson:
    case AgentEventFormat::CodexJsonl:
    case AgentEventFormat::GeminiStreamJson:
        return true;
    case AgentEventFormat::None:
    case AgentEventFormat::AiderText:
        return false;
    }
    return false;
}

// Splits a byte stream into lines, carrying a partial line over to the next
// chunk; a line longer than the bound is dropped whole (and reported).
class LineSplitter final
{
public:
    template<typename Handler, typename Overlong>
    void feed(QByteArrayView chunk, Handler &&onLine, Overlong &&onOverlong)
    {
        qsizetype start = 0;
        while (start <= chunk.size()) {
            const qsizetype end = chunk.indexOf('\n', start);
            const QByteArrayView piece = chunk.sliced(start, (end < 0 ? chunk.size() : end) - start);
            if (end < 0) {
                carry(piece, onOverlong);
                return;
            }
            if (m_overlong) {
                m_overlong = false;
            } else if (m_pending.isEmpty()) {
                onLine(piece);
            } else if (m_pending.size() + piece.size() > AgentEventReader::kMaxLineBytes) {
                m_pending.clear();
                onOverlong();
            } else {
                m_pending.append(piece);
                onLine(QByteArrayView(m_pending));
                m_pending.clear();
            }
            start = end + 1;
        }
    }

    template<typename Handler>
    void flush(Handler &&onLine)
    {
        if (!m_overlong && !m_pending.isEmpty())
            onLine(QByteArrayView(m_pending));
        m_pending.clear();
        m_overlong = false;
    }

private:
    template<typename Overlong>
    void carry(QByteArrayView piece, Overlong &&onOverlong)
    {
        if (m_overlong)
            return;
        if (m_pending.size() + piece.size() > AgentEventReader::kMaxLineBytes) {
            m_pending.clear();
            m_overlong = true;
            onOverlong();
            return;
        }
        m_pending.append(piece);
    }

    QByteArray m_pending;
    bool m_overlong = false;  // inside a dropped line until its newline
};

QString decodeLine(QByteArrayView bytes)
{
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

} // namespace

QString toString(AgentEventFormat format) { return NameTable::nameOf(kFormats, format); }

Result<AgentEventFormat> agentEventFormatFromString(const QString &text)
{
    if (const std::optional<AgentEventFormat> format = NameTable::valueOf(kFormats, text))
        return *format;
    QStringList known;
    for (const auto &[value, name] : kFormats)
        known.append(QString::fromLatin1(name));
    return Error::make(ErrorCode::Validation, Text::tr("unknown events format \"%1\" (known: %2)")
                                                  .arg(text, known.join(u", "_s)));
}

QString toString(AgentOutcome outcome) { return NameTable::nameOf(kOutcomes, outcome); }

std::optional<AgentOutcome> agentOutcomeFromString(const QString &text)
{
    return NameTable::valueOf(kOutcomes, text);
}

namespace AgentStreams {

AgentItem &State::addItem(AgentItem item)
{
    item.text = boundedText(item.text);
    report.items.append(std::move(item));
    if (report.items.size() > AgentEventReader::kMaxItems) {
        report.items.removeFirst();
        ++report.droppedItems;
        if (m_firstChanged > 0)
            --m_firstChanged;
    }
    touch(report.items.constLast());
    return report.items.last();
}

AgentItem *State::findItem(const QString &id)
{
    if (id.isEmpty())
        return nullptr;
    for (qsizetype i = report.items.size() - 1; i >= 0; --i) {
        if (report.items.at(i).id == id)
            return &report.items[i];
    }
    return nullptr;
}

void State::touch(const AgentItem &item)
{
    const qsizetype index = &item - report.items.constData();
    if (index < 0 || index >= report.items.size())
        return;
    if (m_firstChanged < 0 || index < m_firstChanged)
        m_firstChanged = index;
}

qsizetype State::takeFirstChanged() { return std::exchange(m_firstChanged, -1); }

QString boundedText(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return text;
    return text.left(maxChars - 1) + u'…';
}

} // namespace AgentStreams

struct AgentEventReader::Impl
{
    Impl(AgentEventFormat format, const QDateTime &now) : format(format), state(now) {}

    void stdoutLine(QByteArrayView bytes);
    void stderrLine(const QString &line);
    Verdict decide(std::optional<int> exitCode) const;
    Verdict fromStderr(AgentOutcome outcome, const QString &fallback) const;

    AgentEventFormat format;
    State state;
    LineSplitter out;
    LineSplitter err;
    QStringList stderrTail;               // the last lines of stderr (and of stray stdout text)
    std::optional<Verdict> stderrSignal;  // the latest of those lines that named a failure
    bool finished = false;
};

void AgentEventReader::Impl::stdoutLine(QByteArrayView bytes)
{
    switch (format) {
    case AgentEventFormat::None:
        return;
    case AgentEventFormat::AiderText:
        AgentStreams::readAider(state, withoutAnsi(decodeLine(bytes)));
        return;
    case AgentEventFormat::ClaudeStreamJson:
    case AgentEventFormat::CodexJsonl:
    case AgentEventFormat::GeminiStreamJson:
        break;
    }
    const QByteArrayView trimmed = bytes.trimmed();
    if (trimmed.isEmpty())
        return;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(trimmed.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        // Tolerated: a warning printed to stdout, a truncated line. It is read
        // like stderr text, never as an event.
        ++state.report.skippedLines;
        const QString text = decodeLine(trimmed);
        qCDebug(lcAgentEvents).noquote() << "not a JSON event, skipped:" << AgentText::firstLine(text, 200);
        stderrLine(text);
        return;
    }
    const QJsonObject event = document.object();
    if (format == AgentEventFormat::ClaudeStreamJson)
        AgentStreams::readClaude(state, event);
    else if (format == AgentEventFormat::CodexJsonl)
        AgentStreams::readCodex(state, event);
    else
        AgentStreams::readGemini(state, event);
    // What a final event said shows before the process ends.
    if (state.final) {
        state.report.outcome = state.final->outcome;
        state.report.message = state.final->message;
        state.report.resetAt = state.final->resetAt;
    }
}

void AgentEventReader::Impl::stderrLine(const QString &raw)
{
    if (format == AgentEventFormat::AiderText) {
        AgentStreams::readAider(state, withoutAnsi(raw));
        return;
    }
    const QString line = AgentText::firstLine(withoutAnsi(raw), kStderrLineChars);
    if (isNoise(line))
        return;
    stderrTail.append(line);
    if (stderrTail.size() > kStderrLinesKept)
        stderrTail.removeFirst();
    if (const std::optional<AgentText::Signal> signal = AgentText::classify(line, state.now))
        stderrSignal = Verdict{signal->outcome, line, signal->resetAt};
}

// The stderr line that says `outcome`, else the last stderr line, else `fallback`.
Verdict AgentEventReader::Impl::fromStderr(AgentOutcome outcome, const QString &fallback) const
{
    if (stderrSignal && stderrSignal->outcome == outcome)
        return *stderrSignal;
    return Verdict{outcome, stderrTail.isEmpty() ? fallback : stderrTail.constLast(), std::nullopt};
}

// The order of evidence: a failure the stream reported as final; the
// documented exit codes; a success the stream reported (if the exit code
// agrees); retry chatter or errors the stream reported on the way; what
// stderr said; and last the exit code alone.
Verdict AgentEventReader::Impl::decide(std::optional<int> exitCode) const
{
    const std::optional<Verdict> &final = state.final;
    if (final && final->outcome != AgentOutcome::Ok)
        return *final;
    if (exitCode && format == AgentEventFormat::GeminiStreamJson) {
        if (const std::optional<Verdict> coded = AgentStreams::geminiExitVerdict(*exitCode)) {
            if (state.hint && state.hint->outcome == coded->outcome)
                return *state.hint;
            if (stderrSignal && stderrSignal->outcome == coded->outcome)
                return *stderrSignal;
            return fromStderr(coded->outcome, coded->message);
        }
    }
    if (final && (!exitCode || *exitCode == 0))
        return *final;
    if (state.hint)
        return *state.hint;
    if (stderrSignal)
        return *stderrSignal;
    if (!exitCode)
        return Verdict{};  // killed before it said anything: the runner knows why
    if (*exitCode == 0)
        return Verdict{AgentOutcome::Ok, {}, std::nullopt};
    const QString exited = final ? Text::tr("reported success but exited with code %1").arg(*exitCode)
                                 : Text::tr("exited with code %1").arg(*exitCode);
    return fromStderr(AgentOutcome::Error, exited);
}

AgentEventReader::AgentEventReader(AgentEventFormat format, const QDateTime &now)
    : d(std::make_unique<Impl>(format, now))
{
}

AgentEventReader::~AgentEventReader() = default;
AgentEventReader::AgentEventReader(AgentEventReader &&) noexcept = default;
AgentEventReader &AgentEventReader::operator=(AgentEventReader &&) noexcept = default;

AgentEventFormat AgentEventReader::format() const { return d->format; }

void AgentEventReader::feedStdout(QByteArrayView chunk)
{
    if (d->finished)
        return;
    d->out.feed(
        chunk, [this](QByteArrayView line) { d->stdoutLine(line); },
        [this] {
            if (isJsonFormat(d->format))
                ++d->state.report.skippedLines;
        });
}

void AgentEventReader::feedStderr(QByteArrayView chunk)
{
    if (d->finished)
        return;
    d->err.feed(
        chunk, [this](QByteArrayView line) { d->stderrLine(decodeLine(line)); }, [] {});
}

void AgentEventReader::finish(std::optional<int> exitCode)
{
    if (d->finished)
        return;
    d->out.flush([this](QByteArrayView line) { d->stdoutLine(line); });
    d->err.flush([this](QByteArrayView line) { d->stderrLine(decodeLine(line)); });
    d->finished = true;

    Verdict verdict = d->decide(exitCode);
    AgentReport &report = d->state.report;
    if (verdict.outcome == AgentOutcome::RateLimited && !verdict.resetAt)
        verdict.resetAt = d->state.claudeLimitResetAt;
    report.outcome = verdict.outcome;
    report.message = verdict.message;
    report.resetAt = verdict.outcome == AgentOutcome::RateLimited ? verdict.resetAt : std::nullopt;
}

const AgentReport &AgentEventReader::report() const { return d->state.report; }

bool AgentEventReader::settled() const { return d->state.settled; }

qsizetype AgentEventReader::takeFirstChangedItem() { return d->state.takeFirstChanged(); }

} // namespace Orchestrator
