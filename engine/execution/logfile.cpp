#include "logfile.h"

#include <algorithm>
#include <utility>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include "execution/attempt.h"
#include "core/paths.h"

namespace Orchestrator {

namespace {

// $'...' with C escapes: keeps an argument holding a newline or an escape
// character on the header's one line, and still pastes into bash or zsh.
QString quoteWithEscapes(const QString &arg)
{
    QString quoted = QStringLiteral("$'");
    for (const QChar c : arg) {
        switch (c.unicode()) {
        case '\n': quoted += QLatin1String("\\n"); break;
        case '\r': quoted += QLatin1String("\\r"); break;
        case '\t': quoted += QLatin1String("\\t"); break;
        case '\'': quoted += QLatin1String("\\'"); break;
        case '\\': quoted += QLatin1String("\\\\"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                quoted += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                quoted += c;
        }
    }
    return quoted + QLatin1Char('\'');
}

QString quoteArgument(const QString &arg)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_./:=@%+,-]"));
    static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
    if (!arg.isEmpty() && !arg.contains(unsafe))
        return arg;
    if (arg.contains(control))
        return quoteWithEscapes(arg);
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString timestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODateWithMs);
}

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

bool looksSecret(const QString &name)
{
    static const char *const markers[] = {"KEY", "TOKEN", "SECRET", "PASSWORD", "PASS", "AUTH"};
    for (const char *marker : markers) {
        if (name.contains(QLatin1String(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

SecretMasker::SecretMasker(const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets) {
        if (secret.size() >= kMinimumLength && !m_secrets.contains(secret))
            m_secrets.append(secret);
    }
    std::sort(m_secrets.begin(), m_secrets.end(), [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
}

SecretMasker SecretMasker::forEnvironment(const QMap<QString, QString> &env)
{
    QList<QByteArray> secrets;
    for (auto it = env.cbegin(); it != env.cend(); ++it) {
        if (looksSecret(it.key()))
            secrets.append(it.value().toUtf8());
    }
    return SecretMasker(secrets);
}

QByteArray SecretMasker::maskAll(QByteArray bytes) const
{
    for (const QByteArray &secret : m_secrets)
        bytes.replace(secret, QByteArray(kMask));
    return bytes;
}

QByteArray SecretMasker::feed(const QByteArray &chunk)
{
    if (m_secrets.isEmpty())
        return chunk;
    QByteArray bytes = maskAll(m_pending + chunk);
    // Hold back the longest end of `bytes` that a secret starts with: the
    // next chunk may complete it. Everything before it can no longer be part
    // of a secret that is not already masked.
    qsizetype keep = 0;
    for (const QByteArray &secret : std::as_const(m_secrets)) {
        for (qsizetype n = qMin(secret.size() - 1, bytes.size()); n > keep; --n) {
            if (secret.startsWith(QByteArrayView(bytes).last(n))) {
                keep = n;
                break;
            }
        }
    }
    m_pending = bytes.right(keep);
    bytes.chop(keep);
    return bytes;
}

QByteArray SecretMasker::finish()
{
    return std::exchange(m_pending, {});
}

QString SecretMasker::mask(const QString &text) const
{
    if (m_secrets.isEmpty())
        return text;
    return QString::fromUtf8(maskAll(text.toUtf8()));
}

QStringList SecretMasker::mask(const QStringList &lines) const
{
    QStringList out;
    out.reserve(lines.size());
    for (const QString &line : lines)
        out.append(mask(line));
    return out;
}

LogFile::LogFile(QString path, SecretMasker masker)
    : m_path(std::move(path))
    , m_masker(std::move(masker))
{
}

bool LogFile::openOutput()
{
    if (m_output.isOpen())
        return true;
    m_output.setFileName(m_path);
    return m_output.open(QIODevice::WriteOnly | QIODevice::Append, kOwnerOnly);
}

void LogFile::writeOutput(const QByteArray &chunk)
{
    if (!m_writable || chunk.isEmpty())
        return;
    const QByteArray safe = m_masker.feed(chunk);
    if (!safe.isEmpty() && m_sink)
        m_sink(safe);
    if (safe.isEmpty() || !openOutput())
        return;
    m_output.write(safe);
    m_output.flush();   // followers of the log see it now
}

bool LogFile::append(const QByteArray &bytes, qint64 *sizeAfter)
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append, kOwnerOnly))
        return false;
    // A previous attempt may have ended without a newline.
    const qint64 size = file.size();
    bool ok = true;
    if (size > 0 && file.seek(size - 1)) {
        char last = '\n';
        if (file.getChar(&last) && last != '\n')
            ok = file.write("\n", 1) == 1;
    }
    ok = ok && file.write(bytes) == bytes.size();
    if (sizeAfter)
        *sizeAfter = file.size();
    return ok;
}

qint64 LogFile::writeHeader(const AttemptPlan &plan)
{
    (void)makePrivateDirectory(QFileInfo(m_path).absolutePath());
    QStringList command{quoteArgument(plan.program)};
    for (const QString &arg : plan.arguments)
        command.append(quoteArgument(arg));
    const QString header = headerPrefix()
        + QStringLiteral("%1 attempt %2/%3 of %4 with %5\n").arg(timestamp(QDateTime::currentMSecsSinceEpoch())).arg(plan.attempt).arg(plan.maxAttempts).arg(plan.jobId, plan.tool)
        + headerPrefix() + QStringLiteral("$ ") + m_masker.mask(command.join(QLatin1Char(' '))) + QLatin1Char('\n')
        + headerPrefix() + QStringLiteral("in ") + plan.workingDir + QLatin1Char('\n');
    qint64 size = -1;
    m_writable = append(header.toUtf8(), &size);
    return m_writable ? size : -1;
}

void LogFile::writeFooter(const AttemptPlan &plan, const AttemptResult &result)
{
    if (!m_writable)
        return;
    const QByteArray rest = m_masker.finish();
    if (!rest.isEmpty() && m_sink)
        m_sink(rest);
    if (!rest.isEmpty() && openOutput())
        m_output.write(rest);
    m_output.close();
    const double seconds = double(result.finishedAt - result.startedAt) / 1000.0;
    append((headerPrefix() + QStringLiteral("attempt %1 %2: %3 after %4 s\n")
                                 .arg(plan.attempt)
                                 .arg(toString(result.outcome), m_masker.mask(result.message))
                                 .arg(seconds, 0, 'f', 3))
               .toUtf8());
}

QString LogFile::footerLine(int attempt, Outcome outcome, const QString &message)
{
    return headerPrefix() + QStringLiteral("attempt %1 %2: %3\n").arg(attempt).arg(toString(outcome), message);
}

bool LogFile::appendLine(const QString &path, const QString &line)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append))
        return false;
    QByteArray bytes = line.toUtf8();
    // The tool's last output may have had no final newline.
    if (file.size() > 0 && file.seek(file.size() - 1) && file.peek(1) != "\n")
        bytes.prepend('\n');
    file.seek(file.size());
    return file.write(bytes) == bytes.size();
}

QStringList LogFile::lastLines(qint64 offset, int count) const
{
    QFile file(m_path);
    if (offset < 0 || !file.open(QIODevice::ReadOnly))
        return {};
    constexpr qint64 kTailBytes = 64 * 1024;
    const qint64 size = file.size();
    const qint64 from = qMax(offset, size - kTailBytes);
    file.seek(from);
    QByteArray tail = file.readAll();
    QList<QByteArray> lines = tail.split('\n');
    if (from > offset && !lines.isEmpty())
        lines.removeFirst(); // cut in the middle of a line
    QStringList out;
    for (const QByteArray &raw : lines) {
        QByteArray line = raw;
        if (line.endsWith('\r'))
            line.chop(1);
        const int cr = line.lastIndexOf('\r');
        if (cr >= 0)
            line = line.mid(cr + 1);
        const QString text = QString::fromUtf8(line);
        if (text.startsWith(headerPrefix()))
            continue;
        out.append(text);
    }
    while (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    if (out.size() > count)
        out = out.mid(out.size() - count);
    return out;
}

} // namespace Orchestrator
