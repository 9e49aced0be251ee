// `orchestrator resubmit` as users run it: real processes (the orchestrator,
// workers, editors that are small shell scripts), real database files. A
// resubmission runs the job again as a new job, and both jobs know it.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;
using StoreSupport::must;

class TestResubmit final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_tmp;          // TMPDIR of the orchestrator: where --edit's copies go
    QString m_ledger;       // one line per attempt the helper ran: "<job> <attempt> <pid>"
    int m_counter = 0;

    QString path(const QString &name) const { return QDir(m_dir.path()).filePath(QStringLiteral("t%1/%2").arg(m_counter).arg(name)); }

    QProcessEnvironment environment(const QString &editor = QString()) const
    {
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("TMPDIR"), m_tmp);
        env.remove(QStringLiteral("VISUAL"));
        if (editor.isEmpty())
            env.remove(QStringLiteral("EDITOR"));
        else
            env.insert(QStringLiteral("EDITOR"), editor);
        return env;
    }

    CliRun orchestrator(const QStringList &args, const QString &editor = QString())
    {
        return runCli(QStringList{QStringLiteral("--db"), m_db} + args, path(QString()), environment(editor));
    }

    // A job that prints `text` and records in the ledger that it ran.
    QString submitJob(const QString &id, const QString &text = QStringLiteral("hello"))
    {
        const QString file = writeJson(path(QStringLiteral("jobs/%1.json").arg(id)),
                                       QJsonObject{{QStringLiteral("job_id"), id},
                                                   {QStringLiteral("tool"), QStringLiteral("shell")},
                                                   {QStringLiteral("command"),
                                                    QJsonObject{{QStringLiteral("exe"), testHelper()},
                                                                {QStringLiteral("args"), QJsonArray{QStringLiteral("--ledger"), m_ledger,
                                                                                                    QStringLiteral("--print"), text}}}}});
        const CliRun run = orchestrator({QStringLiteral("submit"), QStringLiteral("--run-id"), QStringLiteral("run-a"), file});
        if (run.exitCode != 0)
            qFatal("submit %s: %s", qPrintable(id), run.err.constData());
        return file;
    }

    void workUntilIdle()
    {
        const CliRun run = orchestrator({QStringLiteral("worker"), QStringLiteral("--workers"), QStringLiteral("1"),
                                         QStringLiteral("--exit-when-idle")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    JobRecord stored(const QString &id) { return StoreSupport::storedJob(m_db, id); }

    QStringList ledgerJobs() const
    {
        QStringList jobs;
        const QList<QByteArray> lines = readFile(m_ledger).split('\n');
        for (const QByteArray &line : lines) {
            if (!line.isEmpty())
                jobs.append(QString::fromUtf8(line.split(' ').first()));
        }
        return jobs;
    }

    QStringList editCopies() const
    {
        return QDir(m_tmp).entryList({QStringLiteral("orchestrator-resubmit-*")}, QDir::Files);
    }

    QString editorScript(const QByteArray &body)
    {
        const QString file = writeFile(path(QStringLiteral("editor.sh")), "#!/bin/sh\n" + body + '\n');
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return file;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        ++m_counter;
        m_db = path(QStringLiteral("state.db"));
        m_tmp = path(QStringLiteral("tmp"));
        m_ledger = path(QStringLiteral("ledger.txt"));
        QVERIFY(QDir().mkpath(m_tmp));
    }

    // "Run again": a succeeded job is submitted anew, the new job runs, and
    // each of the two names the other; the old one is left as it was.
    void succeededJobRunsAgainWithLineage()
    {
        submitJob(QStringLiteral("again"));
        workUntilIdle();
        QCOMPARE(toString(stored(QStringLiteral("again")).state), QStringLiteral("succeeded"));

        const CliRun run = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("again"),
                                         QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject reply = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(reply.value(QStringLiteral("job_id")).toString(), QStringLiteral("again-r2"));
        QCOMPARE(reply.value(QStringLiteral("run_id")).toString(), QStringLiteral("run-a"));   // the old job's run
        QCOMPARE(reply.value(QStringLiteral("resubmitted_from")).toString(), QStringLiteral("again"));
        QCOMPARE(reply.value(QStringLiteral("state")).toString(), QStringLiteral("queued"));
        workUntilIdle();

        QCOMPARE(ledgerJobs(), (QStringList{QStringLiteral("again"), QStringLiteral("again-r2")}));
        const JobRecord old = stored(QStringLiteral("again"));
        const JobRecord fresh = stored(QStringLiteral("again-r2"));
        QCOMPARE(toString(old.state), QStringLiteral("succeeded"));
        QCOMPARE(old.attempts, 1);
        QCOMPARE(toString(fresh.state), QStringLiteral("succeeded"));
        QCOMPARE(fresh.attempts, 1);
        QCOMPARE(old.resubmittedAs, QStringList{QStringLiteral("again-r2")});
        QVERIFY(old.resubmittedFrom.isEmpty());
        QCOMPARE(fresh.resubmittedFrom, QStringLiteral("again"));
        QVERIFY(fresh.resubmittedAs.isEmpty());
        // The spec started from the old one's.
        const QJsonObject oldSpec = QJsonDocument::fromJson(old.spec).object();
        const QJsonObject newSpec = QJsonDocument::fromJson(fresh.spec).object();
        QCOMPARE(newSpec.value(QStringLiteral("command")), oldSpec.value(QStringLiteral("command")));
        QCOMPARE(newSpec.value(QStringLiteral("job_id")).toString(), QStringLiteral("again-r2"));

        // status and list show it, in text and JSON.
        const CliRun oldStatus = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("again"), QStringLiteral("--json")});
        const CliRun newStatus = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("again-r2"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(oldStatus.out).object().value(QStringLiteral("resubmitted_as")).toArray(),
                 QJsonArray{QStringLiteral("again-r2")});
        QVERIFY(QJsonDocument::fromJson(oldStatus.out).object().value(QStringLiteral("resubmitted_from")).isNull());
        QCOMPARE(QJsonDocument::fromJson(newStatus.out).object().value(QStringLiteral("resubmitted_from")).toString(), QStringLiteral("again"));
        QCOMPARE(QJsonDocument::fromJson(newStatus.out).object().value(QStringLiteral("resubmitted_as")).toArray(), QJsonArray());
        const CliRun oldText = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("again")});
        QVERIFY2(oldText.out.contains("lineage:     resubmitted as again-r2\n"), oldText.out.constData());
        const CliRun newText = orchestrator({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("again-r2")});
        QVERIFY2(newText.out.contains("lineage:     resubmitted from again\n"), newText.out.constData());
        const CliRun list = orchestrator({QStringLiteral("list"), QStringLiteral("--json")});
        QHash<QString, QJsonObject> listed;
        for (const QJsonValue &entry : QJsonDocument::fromJson(list.out).array())
            listed.insert(entry.toObject().value(QStringLiteral("job_id")).toString(), entry.toObject());
        QCOMPARE(listed.value(QStringLiteral("again")).value(QStringLiteral("resubmitted_as")).toArray(), QJsonArray{QStringLiteral("again-r2")});
        QCOMPARE(listed.value(QStringLiteral("again-r2")).value(QStringLiteral("resubmitted_from")).toString(), QStringLiteral("again"));

        // An event on each, in the history views follow.
        auto db = must(Database::open(m_db));
        JobStore store(db.connection());
        const QList<EventRecord> oldEvents = must(store.events(QStringLiteral("again")));
        QCOMPARE(toString(oldEvents.last().kind), QStringLiteral("resubmitted_as"));
        QCOMPARE(oldEvents.last().detail, QStringLiteral("again-r2"));
        bool from = false;
        for (const EventRecord &event : must(store.events(QStringLiteral("again-r2"))))
            from = from || (event.kind == EventKind::ResubmittedFrom && event.detail == QLatin1String("again"));
        QVERIFY(from);
    }

    // Fresh ids skip the ones taken; a resubmission of a resubmission counts
    // on; an id asked for that is taken is refused and nothing is submitted.
    void freshIdsAvoidCollisions()
    {
        submitJob(QStringLiteral("c"));
        submitJob(QStringLiteral("c-r2"));
        const CliRun first = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("c")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QVERIFY2(first.out.contains("resubmitted c as c-r3 to run run-a"), first.out.constData());
        const CliRun second = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("c-r3")});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QVERIFY2(second.out.contains("as c-r4"), second.out.constData());
        QCOMPARE(stored(QStringLiteral("c")).resubmittedAs, QStringList{QStringLiteral("c-r3")});
        QCOMPARE(stored(QStringLiteral("c-r3")).resubmittedAs, QStringList{QStringLiteral("c-r4")});
        QCOMPARE(stored(QStringLiteral("c-r4")).resubmittedFrom, QStringLiteral("c-r3"));

        const CliRun taken = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("c"),
                                           QStringLiteral("--new-id"), QStringLiteral("c-r2")});
        QCOMPARE(taken.exitCode, 3);
        QVERIFY2(taken.err.contains("/job_id: job id \"c-r2\" already exists"), taken.err.constData());
        QCOMPARE(stored(QStringLiteral("c")).resubmittedAs, QStringList{QStringLiteral("c-r3")});

        const CliRun named = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("c"),
                                           QStringLiteral("--new-id"), QStringLiteral("c-fixed"), QStringLiteral("--run-id"),
                                           QStringLiteral("run-b")});
        QVERIFY2(named.exitCode == 0, named.err.constData());
        QCOMPARE(stored(QStringLiteral("c-fixed")).runId, QStringLiteral("run-b"));
        QCOMPARE(stored(QStringLiteral("c")).resubmittedAs, (QStringList{QStringLiteral("c-r3"), QStringLiteral("c-fixed")}));
    }

    // --edit: the editor (run through the shell, as git runs it) changes the
    // copy, and the new job runs what it says; the copy is removed after.
    void editedSpecIsSubmitted()
    {
        submitJob(QStringLiteral("ed"));
        workUntilIdle();
        const CliRun run = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("ed"), QStringLiteral("--edit")},
                                        QStringLiteral("sed -i s/hello/edited/"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("resubmitted ed as ed-r2"), run.out.constData());
        QVERIFY2(!run.err.contains("not changed"), run.err.constData());
        QCOMPARE(editCopies(), QStringList());
        const JobRecord fresh = stored(QStringLiteral("ed-r2"));
        QVERIFY2(fresh.spec.contains("edited") && !fresh.spec.contains("hello"), fresh.spec.constData());
        QCOMPARE(fresh.resubmittedFrom, QStringLiteral("ed"));
        workUntilIdle();
        QVERIFY2(readFile(stored(QStringLiteral("ed-r2")).logFile).contains("edited"), qPrintable(fresh.logFile));
        QVERIFY(readFile(stored(QStringLiteral("ed")).logFile).contains("hello"));
    }

    // An editor that leaves the copy as it was: "run again", said so.
    void unchangedEditResubmitsAsIs()
    {
        submitJob(QStringLiteral("same"));
        const CliRun run = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("same"), QStringLiteral("--edit")},
                                        QStringLiteral("true"));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("the spec was not changed: resubmitting it as it is"), run.err.constData());
        QCOMPARE(stored(QStringLiteral("same-r2")).resubmittedFrom, QStringLiteral("same"));
        QCOMPARE(editCopies(), QStringList());
    }

    void editThatCannotBeSubmitted_data()
    {
        QTest::addColumn<QByteArray>("editor");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        // `message`: what stderr says, FILE standing for the copy's path.
        QTest::newRow("invalid JSON") << QByteArray(R"(printf '{"job_id": "x",\n  "tool": ' > "$1")") << 3
                                      << QStringLiteral("FILE: not valid JSON at line 2");
        QTest::newRow("invalid job") << QByteArray(R"(sed -i 's/"tool"/"priority": "urgent", "tool"/' "$1")") << 3
                                     << QStringLiteral("FILE: /priority: ");
        QTest::newRow("editor fails") << QByteArray("exit 7") << 5 << QStringLiteral("exited with status 7");
    }

    // An edit that cannot be submitted: a clear error naming the copy, the
    // field and the reason; the copy is kept (the user's edit is not lost)
    // and nothing is submitted.
    void editThatCannotBeSubmitted()
    {
        QFETCH(QByteArray, editor);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        submitJob(QStringLiteral("bad"));
        const CliRun run = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("bad"), QStringLiteral("--edit")},
                                        editorScript(editor));
        QCOMPARE(run.exitCode, exitCode);
        const QStringList copies = editCopies();
        QCOMPARE(copies.size(), 1);
        const QString copy = QDir(m_tmp).filePath(copies.first());
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(QString(message).replace(QStringLiteral("FILE"), copy)), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("nothing was submitted; the edited spec is kept in ") + copy), qPrintable(err));
        QVERIFY(QFileInfo(copy).size() > 0);
        auto db = must(Database::open(m_db));
        JobStore store(db.connection());
        QCOMPARE(must(store.jobs({})).size(), 1);
        QVERIFY(StoreSupport::storedJob(store, QStringLiteral("bad")).resubmittedAs.isEmpty());
    }

    // The kept copy, fixed, is resubmitted with --spec.
    void keptCopyCanBeResubmitted()
    {
        submitJob(QStringLiteral("fix"));
        const CliRun broken = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("fix"), QStringLiteral("--edit")},
                                           editorScript(R"(sed -i 's/"shell"/"no-such-tool"/' "$1")"));
        QCOMPARE(broken.exitCode, 3);
        QCOMPARE(editCopies().size(), 1);
        const QString copy = QDir(m_tmp).filePath(editCopies().first());
        writeFile(copy, readFile(copy).replace("no-such-tool", "shell").replace("hello", "fixed"));
        const CliRun fixed = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("fix"),
                                           QStringLiteral("--spec"), copy});
        QVERIFY2(fixed.exitCode == 0, fixed.err.constData());
        const JobRecord fresh = stored(QStringLiteral("fix-r2"));
        QVERIFY(fresh.spec.contains("fixed"));
        QCOMPARE(fresh.resubmittedFrom, QStringLiteral("fix"));
    }

    void unknownJobIsNotFound()
    {
        submitJob(QStringLiteral("known"));
        const CliRun run = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("nope")});
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.err.contains("orchestrator resubmit: no job with id \"nope\""), run.err.constData());
        const CliRun edit = orchestrator({QStringLiteral("resubmit"), QStringLiteral("--job-id"), QStringLiteral("nope"),
                                          QStringLiteral("--edit")},
                                         QStringLiteral("true"));
        QCOMPARE(edit.exitCode, 4);
        QCOMPARE(editCopies(), QStringList());   // no editor for a job that is not there
        const CliRun unnamed = orchestrator({QStringLiteral("resubmit")});
        QCOMPARE(unnamed.exitCode, 2);
        QVERIFY2(unnamed.err.contains("--job-id"), unnamed.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestResubmit)
#include "tst_resubmit.moc"
