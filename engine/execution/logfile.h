#pragma once

#include <functional>

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/jobstate.h"

namespace Orchestrator {

struct AttemptPlan;
struct AttemptResult;

// Environment variables whose names contain KEY, TOKEN, SECRET, PASSWORD,
// PASS or AUTH (any case) hold secrets: their values are never shown.
bool looksSecret(const QString &name);

// Replaces every occurrence of secret values in a byte stream with a mask.
// The stream may come in chunks cut anywhere: a chunk's end that could be the
// start of a secret is held back until the next chunk (or finish()) tells.
// Values shorter than kMinimumLength are not masked (they would mask half the
// output: "1", "yes", "dev").
class SecretMasker final
{
public:
    static constexpr int kMinimumLength = 4;
    static constexpr char kMask[] = "***";

    SecretMasker() = default;
    explicit SecretMasker(const QList<QByteArray> &secrets);
    // The secret-looking values of an environment (see looksSecret()).
    static SecretMasker forEnvironment(const QMap<QString, QString> &env);

    bool isEmpty() const { return m_secrets.isEmpty(); }
    // Masked bytes that are safe to write now.
    QByteArray feed(const QByteArray &chunk);
    // The rest, at the end of the stream.
    QByteArray finish();
    // A whole text at once.
    QString mask(const QString &text) const;
    QStringList mask(const QStringList &lines) const;

private:
    QByteArray maskAll(QByteArray bytes) const;

    QList<QByteArray> m_secrets;     // longest first, so a longer secret wins over its prefix
    QByteArray m_pending;
};

// The per-job log: every attempt appends a header line, the tool's merged
// stdout/stderr (masked, see SecretMasker), and a footer line. A log file the
// orchestrator creates is readable by its owner only (0600).
class LogFile final
{
public:
    explicit LogFile(QString path, SecretMasker masker = {});

    // Creates the directory, appends the header; returns the offset where the
    // attempt's own output begins (-1 if the file cannot be written).
    qint64 writeHeader(const AttemptPlan &plan);
    // The tool's output, as it comes; masked before it is written.
    void writeOutput(const QByteArray &chunk);
    // Also hands every masked piece of output written to `sink` (the copy
    // stored in the database).
    void setOutputSink(std::function<void(const QByteArray &)> sink) { m_sink = std::move(sink); }
    void writeFooter(const AttemptPlan &plan, const AttemptResult &result);
    bool isWritable() const { return m_writable; }
    const SecretMasker &masker() const { return m_masker; }

    // Up to `count` last lines written since `offset`; a `\r` progress line
    // counts as its last state, a missing final newline is tolerated.
    QStringList lastLines(qint64 offset, int count) const;

    static QString headerPrefix() { return QStringLiteral("==> "); }
    // The footer line of an attempt, as writeFooter() writes it (no duration).
    static QString footerLine(int attempt, Outcome outcome, const QString &message);
    // Appends `line` to the log at `path`, on a line of its own (for an
    // attempt whose engine died before it could write its footer).
    static bool appendLine(const QString &path, const QString &line);

private:
    bool append(const QByteArray &bytes, qint64 *sizeAfter = nullptr);
    bool openOutput();

    QString m_path;
    SecretMasker m_masker;
    std::function<void(const QByteArray &)> m_sink;
    QFile m_output;                  // open while the tool writes
    bool m_writable = false;
};

} // namespace Orchestrator
