#pragma once

#include <QString>
#include <QStringList>

namespace Orchestrator {

struct AttemptPlan;
struct AttemptResult;

// The per-job log: every attempt appends a header line, the tool's merged
// stdout/stderr (written by the child directly), and a footer line.
class LogFile final
{
public:
    explicit LogFile(QString path);

    // Creates the directory, appends the header; returns the offset where the
    // attempt's own output begins (-1 if the file cannot be written).
    qint64 writeHeader(const AttemptPlan &plan);
    void writeFooter(const AttemptPlan &plan, const AttemptResult &result);
    bool isWritable() const { return m_writable; }

    // Up to `count` last lines written since `offset`; a `\r` progress line
    // counts as its last state, a missing final newline is tolerated.
    QStringList lastLines(qint64 offset, int count) const;

    static QString headerPrefix() { return QStringLiteral("==> "); }

private:
    bool append(const QByteArray &bytes, qint64 *sizeAfter = nullptr);

    QString m_path;
    bool m_writable = false;
};

} // namespace Orchestrator
