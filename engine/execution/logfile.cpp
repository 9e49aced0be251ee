#include "logfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include "execution/attempt.h"

namespace Orchestrator {

namespace {

QString quoteArgument(const QString &arg)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_./:=@%+,-]"));
    if (!arg.isEmpty() && !arg.contains(unsafe))
        return arg;
    QString quoted = arg;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString timestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODateWithMs);
}

} // namespace

LogFile::LogFile(QString path)
    : m_path(std::move(path))
{
}

bool LogFile::append(const QByteArray &bytes, qint64 *sizeAfter)
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append))
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
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QStringList command{quoteArgument(plan.program)};
    for (const QString &arg : plan.arguments)
        command.append(quoteArgument(arg));
    const QString header = headerPrefix()
        + QStringLiteral("%1 attempt %2/%3 of %4 with %5\n").arg(timestamp(QDateTime::currentMSecsSinceEpoch())).arg(plan.attempt).arg(plan.maxAttempts).arg(plan.jobId, plan.tool)
        + headerPrefix() + QStringLiteral("$ ") + command.join(QLatin1Char(' ')) + QLatin1Char('\n')
        + headerPrefix() + QStringLiteral("in ") + plan.workingDir + QLatin1Char('\n');
    qint64 size = -1;
    m_writable = append(header.toUtf8(), &size);
    return m_writable ? size : -1;
}

void LogFile::writeFooter(const AttemptPlan &plan, const AttemptResult &result)
{
    if (!m_writable)
        return;
    const double seconds = double(result.finishedAt - result.startedAt) / 1000.0;
    append((headerPrefix() + QStringLiteral("attempt %1 %2: %3 after %4 s\n")
                                 .arg(plan.attempt)
                                 .arg(toString(result.outcome), result.message)
                                 .arg(seconds, 0, 'f', 3))
               .toUtf8());
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
