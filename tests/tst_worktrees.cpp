// Worktree isolation end to end, on real git repositories with stand-in
// agents (shell scripts that edit files and leave them uncommitted): jobs of
// one repository run at once, each in its own worktree; a dependent sees its
// upstream's change; the user's checkout is untouched; what each attempt
// changed is recorded and shown by `orchestrator diff`.
#include <algorithm>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "git/checkoutsnapshot.h"
#include "git/gitrepo.h"
#include "scheduling/scheduler.h"
#include "scheduling/transitions.h"
#include "store/database.h"
#include "store/jobstore.h"
#include "submit/submission.h"

#include "storesupport.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

namespace {

// A stand-in agent: the shell tool with `script` as its instructions, the
// job's files as $1, $2 ...
QJsonObject agentJob(const QString &id, const QString &repo, const QString &script, const QStringList &files,
                     const QJsonObject &metadata = {{QStringLiteral("isolation"), QStringLiteral("worktree")}},
                     const QStringList &dependencies = {})
{
    QJsonObject job{{QStringLiteral("job_id"), id},
                    {QStringLiteral("run_id"), QStringLiteral("run-wt")},
                    {QStringLiteral("tool"), QStringLiteral("shell")},
                    {QStringLiteral("instructions"), script},
                    {QStringLiteral("files"), QJsonArray::fromStringList(files)},
                    {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), repo}}}};
    if (!metadata.isEmpty())
        job.insert(QStringLiteral("metadata"), metadata);
    if (!dependencies.isEmpty())
        job.insert(QStringLiteral("dependencies"), QJsonArray::fromStringList(dependencies));
    return job;
}

// Appends a line naming the job to its first file, then waits a little so
// that jobs running at once are seen to overlap.
const QString kAppendScript = QStringLiteral("printf 'edit by %s\\n' \"$ORCHESTRATOR_JOB_ID\" >> \"$1\"; sleep 1");

} // namespace

class TestWorktrees final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;
    QString m_dbPath;
    Database m_readDb;
    std::unique_ptr<JobStore> m_store;
    std::unique_ptr<Scheduler> m_scheduler;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString dataDir() const { return path(QStringLiteral("data")); }

    QByteArray git(const QString &dir, const QStringList &args) const { return runGit(dir, args).trimmed(); }

    // A repository with six files for six agents, and one they all share.
    QString makeRepo()
    {
        const QString dir = path(QStringLiteral("repo"));
        QDir().mkpath(dir);
        git(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git(dir, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Ada User")});
        git(dir, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("ada@example.org")});
        for (int i = 1; i <= 6; ++i)
            writeFile(dir + QStringLiteral("/f%1.txt").arg(i), QByteArray("file ") + QByteArray::number(i) + '\n');
        writeFile(dir + QStringLiteral("/shared.txt"), "shared\n");
        git(dir, {QStringLiteral("add"), QStringLiteral("-A")});
        git(dir, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("base")});
        return dir;
    }

    Result<SubmitReport> trySubmit(const QList<QJsonObject> &jobs)
    {
        auto tools = ToolRegistry::load();
        if (!tools)
            return tools.error();
        SubmitOptions options;
        options.workingDirectory = m_dir->path();
        options.dataDirectory = dataDir();
        Submission submission(*tools, options);
        for (const QJsonObject &job : jobs)
            submission.addFile(writeJson(path(QStringLiteral("jobs/%1.json").arg(job.value(QStringLiteral("job_id")).toString())), job));
        return submission.commit(*m_store);
    }

    void submit(const QList<QJsonObject> &jobs)
    {
        auto report = trySubmit(jobs);
        QVERIFY2(report.ok(), qPrintable(report.error().message));
    }

    void startScheduler(int workers)
    {
        auto tools = ToolRegistry::load();
        QVERIFY(tools.ok());
        m_scheduler = std::make_unique<Scheduler>();
        SchedulerOptions options;
        options.databasePath = m_dbPath;
        options.workers = workers;
        options.pollIntervalMs = 50;
        Status opened = m_scheduler->open(options, *tools);
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        m_scheduler->start();
    }

    JobRecord job(const QString &id) { return StoreSupport::storedJob(*m_store, id); }
    QString state(const QString &id) { return toString(job(id).state); }
    QList<AttemptRecord> attempts(const QString &id) { return StoreSupport::must(m_store->attempts(id)); }

    CheckoutSnapshot snapshot()
    {
        auto repo = GitRepo::open(m_repo);
        if (!repo)
            qFatal("%s", qPrintable(repo.error().message));
        auto taken = CheckoutSnapshot::take(*repo);
        if (!taken)
            qFatal("%s", qPrintable(taken.error().message));
        return *taken;
    }

    void waitFinal(const QStringList &ids, int timeoutMs = 30000)
    {
        for (const QString &id : ids)
            QTRY_VERIFY2_WITH_TIMEOUT(isFinal(job(id).state), qPrintable(id + QStringLiteral(": ") + state(id)), timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("ORCHESTRATOR_TOOLS_FILE", "/nonexistent/tools.json");
        QVERIFY(m_home.isValid());
        isolateGitConfig(m_home);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_repo = makeRepo();
        m_dbPath = path(QStringLiteral("data/orchestrator.db"));
        auto db = Database::open(m_dbPath);
        QVERIFY2(db.ok(), qPrintable(db.error().message));
        m_readDb = std::move(db).value();
        m_store = std::make_unique<JobStore>(m_readDb.connection());
    }

    void cleanup()
    {
        m_scheduler.reset();
        m_store.reset();
        m_readDb = Database();
        m_dir.reset();
    }

    // Six agents edit six files of one repository at once, each in its own
    // worktree, and the user's checkout is byte-identical afterwards.
    void sixAgentsRunAtOnce()
    {
        const CheckoutSnapshot before = snapshot();
        QList<QJsonObject> jobs;
        QStringList ids;
        for (int i = 1; i <= 6; ++i) {
            ids.append(QStringLiteral("agent-%1").arg(i));
            jobs.append(agentJob(ids.last(), m_repo, kAppendScript, {QStringLiteral("f%1.txt").arg(i)}));
        }
        submit(jobs);
        startScheduler(6);
        waitFinal(ids);

        qint64 lastStart = 0;
        qint64 firstFinish = std::numeric_limits<qint64>::max();
        for (int i = 1; i <= 6; ++i) {
            const QString id = ids.at(i - 1);
            QCOMPARE(state(id), toString(JobState::Succeeded));
            const JobRecord record = job(id);
            QCOMPARE(toString(record.isolation), toString(Isolation::Worktree));
            QCOMPARE(record.worktreePath, QDir::cleanPath(dataDir() + QStringLiteral("/worktrees/run-wt/") + id));
            QCOMPARE(record.worktreeBranch, QStringLiteral("orchestrator/run-wt/") + id);
            QCOMPARE(record.change.files.size(), 1);
            QCOMPARE(record.change.files.first(), (ChangedFile{QStringLiteral("f%1.txt").arg(i), 1, 0, false}));
            QVERIFY(record.change.outOfScope.isEmpty());
            QCOMPARE(record.change.text(), QStringLiteral("+1 \u22120 in 1 file"));
            // The change is committed on the job's branch.
            QCOMPARE(QString::fromUtf8(git(m_repo, {QStringLiteral("rev-parse"), record.worktreeBranch})), record.resultCommit);
            const QList<AttemptRecord> list = attempts(id);
            QCOMPARE(list.size(), 1);
            QCOMPARE(list.first().startCommit, record.baseCommit);
            lastStart = qMax(lastStart, *list.first().startedAt);
            firstFinish = qMin(firstFinish, *list.first().finishedAt);
        }
        // Every attempt started before any ended: all six ran at once.
        QVERIFY2(lastStart < firstFinish, "the six agents did not overlap");
        const QStringList differences = before.differences(snapshot());
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QLatin1Char('\n'))));
    }

    // A job after a worktree job runs in a worktree of its own (by default)
    // made from its upstream's result; after two, from their merge.
    void dependentSeesUpstreamChanges()
    {
        submit({agentJob(QStringLiteral("up-1"), m_repo, kAppendScript, {QStringLiteral("f1.txt")}),
                agentJob(QStringLiteral("up-2"), m_repo, kAppendScript, {QStringLiteral("f2.txt")}),
                agentJob(QStringLiteral("tests"), m_repo,
                         QStringLiteral("grep -q 'edit by up-1' f1.txt && grep -q 'edit by up-2' f2.txt"), {}, {},
                         {QStringLiteral("up-1"), QStringLiteral("up-2")})});
        QCOMPARE(toString(job(QStringLiteral("tests")).isolation), toString(Isolation::Worktree));
        startScheduler(2);
        waitFinal({QStringLiteral("up-1"), QStringLiteral("up-2"), QStringLiteral("tests")});
        QCOMPARE(state(QStringLiteral("tests")), toString(JobState::Succeeded));
        const JobRecord tests = job(QStringLiteral("tests"));
        // It changed nothing itself: its result is where it started.
        QVERIFY(tests.change.isEmpty());
        const AttemptRecord attempt = attempts(QStringLiteral("tests")).first();
        QCOMPARE(attempt.resultCommit, attempt.startCommit);
        QVERIFY(attempt.startCommit != tests.baseCommit);
        // The user's checkout still has the base.
        QCOMPARE(readFile(m_repo + QStringLiteral("/f1.txt")), QByteArray("file 1\n"));
    }

    // Two upstream jobs change the same line: the dependent does not run and
    // says which jobs and which file.
    void upstreamConflictFailsDependent()
    {
        submit({agentJob(QStringLiteral("left"), m_repo, QStringLiteral("echo left > \"$1\""), {QStringLiteral("shared.txt")}),
                agentJob(QStringLiteral("right"), m_repo, QStringLiteral("echo right > \"$1\""), {QStringLiteral("shared.txt")}),
                agentJob(QStringLiteral("after"), m_repo, QStringLiteral("touch ran"), {}, {},
                         {QStringLiteral("left"), QStringLiteral("right")})});
        startScheduler(2);
        waitFinal({QStringLiteral("left"), QStringLiteral("right"), QStringLiteral("after")});
        QCOMPARE(state(QStringLiteral("left")), toString(JobState::Succeeded));
        QCOMPARE(state(QStringLiteral("right")), toString(JobState::Succeeded));
        QCOMPARE(state(QStringLiteral("after")), toString(JobState::Failed));
        const QList<AttemptRecord> list = attempts(QStringLiteral("after"));
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().outcome, std::optional<Outcome>(Outcome::SetupFailed));
        const QString reason = list.first().reason;
        QVERIFY2(reason.contains(QStringLiteral("left")) && reason.contains(QStringLiteral("right"))
                     && reason.contains(QStringLiteral("shared.txt")),
                 qPrintable(reason));
        QVERIFY(!QFileInfo::exists(job(QStringLiteral("after")).worktreePath + QStringLiteral("/ran")));
    }

    // A failed attempt's commit is kept under refs/orchestrator/attempts/<job>/1;
    // the retry starts clean from the same commit; files outside the job's
    // files are reported.
    void failedAttemptKeptAndRetryStartsClean()
    {
        const QString script = QStringLiteral(
            "if [ \"$ORCHESTRATOR_ATTEMPT\" = 1 ]; then echo junk > junk.txt; echo first >> \"$1\"; exit 3; fi\n"
            "test ! -e junk.txt || exit 9\n"
            "echo second >> \"$1\"; echo note > notes.txt");
        submit({agentJob(QStringLiteral("flaky"), m_repo, script, {QStringLiteral("f1.txt")},
                         {{QStringLiteral("isolation"), QStringLiteral("worktree")},
                          {QStringLiteral("retry_policy"), QJsonObject{{QStringLiteral("max_attempts"), 2},
                                                                       {QStringLiteral("backoff_seconds"), 0}}}})});
        startScheduler(1);
        waitFinal({QStringLiteral("flaky")});
        QCOMPARE(state(QStringLiteral("flaky")), toString(JobState::Succeeded));
        const QList<AttemptRecord> list = attempts(QStringLiteral("flaky"));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).startCommit, list.at(0).startCommit);
        // The first attempt's change is kept for inspection.
        const QString kept = QString::fromUtf8(git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("refs/orchestrator/attempts/flaky/1")}));
        QCOMPARE(kept, list.at(0).resultCommit);
        QCOMPARE(git(m_repo, {QStringLiteral("show"), kept + QStringLiteral(":junk.txt")}), QByteArray("junk"));
        QStringList firstFiles;
        for (const ChangedFile &file : list.at(0).change.files)
            firstFiles.append(file.path);
        QCOMPARE(firstFiles, (QStringList{QStringLiteral("f1.txt"), QStringLiteral("junk.txt")}));
        // The second started clean: its change has no junk, and notes.txt is out of scope.
        QStringList secondFiles;
        for (const ChangedFile &file : list.at(1).change.files)
            secondFiles.append(file.path);
        QCOMPARE(secondFiles, (QStringList{QStringLiteral("f1.txt"), QStringLiteral("notes.txt")}));
        QCOMPARE(list.at(1).change.outOfScope, QStringList{QStringLiteral("notes.txt")});
        QCOMPARE(job(QStringLiteral("flaky")).change.outOfScope, QStringList{QStringLiteral("notes.txt")});
    }

    // `orchestrator diff` and `status` through the real binary.
    void diffAndStatusThroughCli()
    {
        submit({agentJob(QStringLiteral("cli-1"), m_repo, kAppendScript, {QStringLiteral("f1.txt")}),
                agentJob(QStringLiteral("cli-2"), m_repo, kAppendScript, {QStringLiteral("f2.txt")})});
        startScheduler(2);
        waitFinal({QStringLiteral("cli-1"), QStringLiteral("cli-2")});
        m_scheduler.reset();
        const QStringList db{QStringLiteral("--db"), m_dbPath};
        for (const QString &id : {QStringLiteral("cli-1"), QStringLiteral("cli-2")}) {
            const QString file = id == QLatin1String("cli-1") ? QStringLiteral("f1.txt") : QStringLiteral("f2.txt");
            const CliRun diff = runCli(QStringList{QStringLiteral("diff"), QStringLiteral("--job-id"), id} + db, m_dir->path());
            QVERIFY2(diff.exitCode == 0, diff.err.constData());
            QVERIFY2(diff.out.contains(QByteArray(QByteArray("+++ b/") + file.toUtf8())), diff.out.constData());
            QVERIFY2(diff.out.contains(QByteArray(QByteArray("+edit by ") + id.toUtf8())), diff.out.constData());
            const CliRun stat = runCli(QStringList{QStringLiteral("diff"), QStringLiteral("--job-id"), id, QStringLiteral("--stat")} + db,
                                       m_dir->path());
            QCOMPARE(stat.exitCode, 0);
            QVERIFY2(stat.out.contains("+1 \xe2\x88\x92" "0 in 1 file"), stat.out.constData());
            const CliRun status = runCli(QStringList{QStringLiteral("status"), QStringLiteral("--job-id"), id} + db, m_dir->path());
            QCOMPARE(status.exitCode, 0);
            QVERIFY2(status.out.contains("worktree:") && status.out.contains(QByteArray(QByteArray("orchestrator/run-wt/") + id.toUtf8()))
                         && status.out.contains("changes:     +1"),
                     status.out.constData());
            const CliRun json = runCli(QStringList{QStringLiteral("status"), QStringLiteral("--job-id"), id, QStringLiteral("--json")} + db,
                                       m_dir->path());
            const QJsonObject worktree = QJsonDocument::fromJson(json.out).object().value(QStringLiteral("worktree")).toObject();
            QCOMPARE(worktree.value(QStringLiteral("branch")).toString(), QStringLiteral("orchestrator/run-wt/") + id);
            QCOMPARE(worktree.value(QStringLiteral("files_changed")).toArray().size(), 1);
        }
        const CliRun missing = runCli(QStringList{QStringLiteral("diff"), QStringLiteral("--job-id"), QStringLiteral("nope")} + db, m_dir->path());
        QCOMPARE(missing.exitCode, 4);
        const CliRun noAttempt = runCli(QStringList{QStringLiteral("diff"), QStringLiteral("--job-id"), QStringLiteral("cli-1"),
                                                    QStringLiteral("--attempt"), QStringLiteral("5")} + db, m_dir->path());
        QCOMPARE(noAttempt.exitCode, 4);
    }

    // isolation none keeps the repo lock for tools that edit the repository;
    // by default those tools run in worktrees, at once.
    void isolationNoneKeepsTheRepoLock_data()
    {
        QTest::addColumn<QString>("isolation");
        QTest::addColumn<bool>("overlap");
        QTest::newRow("none: one after the other") << QStringLiteral("none") << false;
        QTest::newRow("default: worktrees, at once") << QString() << true;
    }
    void isolationNoneKeepsTheRepoLock()
    {
        QFETCH(QString, isolation);
        QFETCH(bool, overlap);
        auto aiderJob = [&](const QString &id) {
            QJsonObject job{{QStringLiteral("job_id"), id},
                            {QStringLiteral("tool"), QStringLiteral("aider")},
                            {QStringLiteral("instructions"), QStringLiteral("edit")},
                            {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), m_repo}}},
                            {QStringLiteral("env"), QJsonObject{{QStringLiteral("PATH"), QString(fakeBin() + QLatin1Char(':') + qEnvironmentVariable("PATH"))},
                                                               {QStringLiteral("FAKE_TOOL_SLEEP"), QStringLiteral("1")}}}};
            if (!isolation.isEmpty())
                job.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("isolation"), isolation}});
            return job;
        };
        submit({aiderJob(QStringLiteral("edit-1")), aiderJob(QStringLiteral("edit-2"))});
        QCOMPARE(toString(job(QStringLiteral("edit-1")).isolation), toString(overlap ? Isolation::Worktree : Isolation::None));
        startScheduler(2);
        waitFinal({QStringLiteral("edit-1"), QStringLiteral("edit-2")});
        QCOMPARE(state(QStringLiteral("edit-1")), toString(JobState::Succeeded));
        QCOMPARE(state(QStringLiteral("edit-2")), toString(JobState::Succeeded));
        const AttemptRecord one = attempts(QStringLiteral("edit-1")).first();
        const AttemptRecord two = attempts(QStringLiteral("edit-2")).first();
        const bool overlapped = *one.startedAt < *two.finishedAt && *two.startedAt < *one.finishedAt;
        QCOMPARE(overlapped, overlap);
    }

    void submissionChecks()
    {
        // A worktree outside any git repository is refused, naming the field.
        const QString plain = path(QStringLiteral("plain"));
        QDir().mkpath(plain);
        auto outside = trySubmit({agentJob(QStringLiteral("outside"), plain, QStringLiteral("true"), {})});
        QVERIFY(!outside.ok());
        QVERIFY2(outside.error().message.contains(QStringLiteral("outside.json: /metadata/isolation: "))
                     && outside.error().message.contains(QStringLiteral("git work tree")),
                 qPrintable(outside.error().message));
        // Only "worktree" and "none".
        auto bad = trySubmit({agentJob(QStringLiteral("bad"), m_repo, QStringLiteral("true"), {},
                                       {{QStringLiteral("isolation"), QStringLiteral("copy")}})});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(QStringLiteral("bad.json: /metadata/isolation: ")), qPrintable(bad.error().message));
        // Tools that do not edit the repository run in it unless asked, and
        // aider outside a git repository runs there too.
        QJsonObject plainAider{{QStringLiteral("job_id"), QStringLiteral("plain-aider")},
                               {QStringLiteral("tool"), QStringLiteral("aider")},
                               {QStringLiteral("instructions"), QStringLiteral("edit")}};
        plainAider.insert(QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), plain}});
        auto defaults = trySubmit({agentJob(QStringLiteral("plain-shell"), m_repo, QStringLiteral("true"), {}, QJsonObject()), plainAider});
        QVERIFY2(defaults.ok(), qPrintable(defaults.error().message));
        QCOMPARE(toString(job(QStringLiteral("plain-shell")).isolation), toString(Isolation::None));
        QCOMPARE(toString(job(QStringLiteral("plain-aider")).isolation), toString(Isolation::None));
        // A directory the base does not have (untracked: a build directory)
        // keeps a tool in repo_root by default, and is refused when asked.
        const QString build = m_repo + QStringLiteral("/build");
        QDir().mkpath(build);
        QJsonObject buildAider = plainAider;
        buildAider.insert(QStringLiteral("job_id"), QStringLiteral("build-aider"));
        buildAider.insert(QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), build}});
        auto inBuild = trySubmit({buildAider});
        QVERIFY2(inBuild.ok(), qPrintable(inBuild.error().message));
        QCOMPARE(toString(job(QStringLiteral("build-aider")).isolation), toString(Isolation::None));
        auto askedInBuild = trySubmit({agentJob(QStringLiteral("build-shell"), build, QStringLiteral("true"), {})});
        QVERIFY(!askedInBuild.ok());
        QVERIFY2(askedInBuild.error().message.contains(QStringLiteral("/paths/working_dir: ")), qPrintable(askedInBuild.error().message));
        // Uncommitted changes are reported and are not part of the base.
        writeFile(m_repo + QStringLiteral("/f1.txt"), "dirty\n");
        auto dirty = trySubmit({agentJob(QStringLiteral("dirty"), m_repo, QStringLiteral("true"), {QStringLiteral("f1.txt")})});
        QVERIFY2(dirty.ok(), qPrintable(dirty.error().message));
        QCOMPARE(dirty->warnings.size(), 1);
        QVERIFY2(dirty->warnings.first().contains(QStringLiteral("uncommitted changes in")) && dirty->warnings.first().contains(QStringLiteral("f1.txt")),
                 qPrintable(dirty->warnings.first()));
        QCOMPARE(job(QStringLiteral("dirty")).baseCommit, QString::fromUtf8(git(m_repo, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")})));
        QCOMPARE(job(QStringLiteral("dirty")).baseBranch, QStringLiteral("main"));
    }
};

QTEST_GUILESS_MAIN(TestWorktrees)
#include "tst_worktrees.moc"
