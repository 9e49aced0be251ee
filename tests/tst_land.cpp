// Landing, discarding and cleaning worktree jobs, end to end through the
// real `orchestrator` binary on real git repositories: stand-in agents
// (shell scripts that edit files and leave them uncommitted) run with
// `orchestrator run`, and `land`, `discard` and `gc` act on what they left.
// Kills are real SIGKILLs: of `run` during an attempt, and of `land` between
// two jobs (by a git wrapper that kills its parent).
#include <csignal>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "git/checkoutsnapshot.h"
#include "git/gitrepo.h"

#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

class TestLand final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;
    QString m_db;

    QString path(const QString &name) const { return m_dir->filePath(name); }

    QByteArray git(const QStringList &args, const QString &dir = {}) const
    {
        return runGit(dir.isEmpty() ? m_repo : dir, args).trimmed();
    }
    QString rev(const QString &what) const { return QString::fromUtf8(git({QStringLiteral("rev-parse"), what})); }
    QByteArray show(const QString &what) const { return git({QStringLiteral("show"), what}); }

    void makeRepo()
    {
        m_repo = path(QStringLiteral("repo"));
        QDir().mkpath(m_repo);
        git({QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git({QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Ada User")});
        git({QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("ada@example.org")});
        for (int i = 1; i <= 4; ++i)
            writeFile(m_repo + QStringLiteral("/f%1.txt").arg(i), QByteArray("file ") + QByteArray::number(i) + '\n');
        writeFile(m_repo + QStringLiteral("/shared.txt"), "shared\n");
        git({QStringLiteral("add"), QStringLiteral("-A")});
        git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("base")});
    }

    // A stand-in agent: the shell tool runs `script` in the job's worktree
    // with the job's files as $1, $2...
    QString jobFile(const QString &id, const QString &script, const QStringList &files = {}, const QStringList &dependencies = {})
    {
        QJsonObject job{{QStringLiteral("job_id"), id},
                        {QStringLiteral("run_id"), QStringLiteral("run-land")},
                        {QStringLiteral("tool"), QStringLiteral("shell")},
                        {QStringLiteral("instructions"), script},
                        {QStringLiteral("files"), QJsonArray::fromStringList(files)},
                        {QStringLiteral("paths"), QJsonObject{{QStringLiteral("repo_root"), m_repo}}},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("isolation"), QStringLiteral("worktree")}}}};
        if (!dependencies.isEmpty())
            job.insert(QStringLiteral("dependencies"), QJsonArray::fromStringList(dependencies));
        return writeJson(path(QStringLiteral("jobs/%1.json").arg(id)), job);
    }

    CliRun cli(const QStringList &args, const QProcessEnvironment &env = cliEnvironment()) const
    {
        return runCli(args + QStringList{QStringLiteral("--db"), m_db}, m_dir->path(), env);
    }
    // `orchestrator run FILES`: submits them and works them until all are final.
    CliRun run(const QStringList &files, int workers = 4) const
    {
        return cli(QStringList{QStringLiteral("run"), QStringLiteral("--workers"), QString::number(workers)} + files);
    }
    QJsonObject landJson(const QStringList &args, int expectedExit = 0) const
    {
        const CliRun land = cli(QStringList{QStringLiteral("land"), QStringLiteral("--json")} + args);
        if (land.exitCode != expectedExit)
            qWarning("land exited %d: %s %s", land.exitCode, land.out.constData(), land.err.constData());
        return land.exitCode == expectedExit ? QJsonDocument::fromJson(land.out).object() : QJsonObject();
    }
    static QStringList column(const QJsonObject &land, const QString &key)
    {
        QStringList values;
        for (const QJsonValue &entry : land.value(QStringLiteral("jobs")).toArray())
            values.append(entry.toObject().value(key).toString());
        return values;
    }
    QJsonObject status(const QString &id) const
    {
        const CliRun s = cli({QStringLiteral("status"), QStringLiteral("--job-id"), id, QStringLiteral("--json")});
        return QJsonDocument::fromJson(s.out).object();
    }
    QJsonObject worktreeOf(const QString &id) const { return status(id).value(QStringLiteral("worktree")).toObject(); }

    CheckoutSnapshot snapshot() const
    {
        auto repo = GitRepo::open(m_repo);
        if (!repo)
            qFatal("%s", qPrintable(repo.error().message));
        auto taken = CheckoutSnapshot::take(*repo);
        if (!taken)
            qFatal("%s", qPrintable(taken.error().message));
        return *taken;
    }
    void verifyClean() const
    {
        QCOMPARE(git({QStringLiteral("status"), QStringLiteral("--porcelain")}), QByteArray());
        QVERIFY(!QFileInfo::exists(m_repo + QStringLiteral("/.git/MERGE_HEAD")));
        QVERIFY(!QFileInfo::exists(m_repo + QStringLiteral("/.git/index.lock")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFileInfo(cliPath()).isExecutable());
        QVERIFY(m_home.isValid());
        isolateGitConfig(m_home);
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        makeRepo();
        m_db = path(QStringLiteral("data/orchestrator.db"));
    }

    void cleanup() { m_dir.reset(); }

    // A run lands in dependency order, then submission order: the job
    // submitted first depends on the second, so the second lands first. The
    // checkout has main checked out and is clean, so it moves with main.
    void landsInDependencyOrder()
    {
        const QStringList files{
            jobFile(QStringLiteral("tests-after"), QStringLiteral("grep -q agent-a f1.txt && echo checked >> \"$1\""),
                    {QStringLiteral("f3.txt")}, {QStringLiteral("agent-a")}),
            jobFile(QStringLiteral("agent-a"), QStringLiteral("echo agent-a >> \"$1\""), {QStringLiteral("f1.txt")}),
            jobFile(QStringLiteral("agent-b"), QStringLiteral("echo agent-b >> \"$1\""), {QStringLiteral("f2.txt")}),
        };
        const CliRun ran = run(files);
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        const QString base = rev(QStringLiteral("main"));

        // A dry run predicts and changes nothing.
        const CheckoutSnapshot before = snapshot();
        const QJsonObject dry = landJson({QStringLiteral("--run"), QStringLiteral("run-land"), QStringLiteral("--dry-run")});
        QCOMPARE(column(dry, QStringLiteral("job_id")),
                 (QStringList{QStringLiteral("agent-a"), QStringLiteral("tests-after"), QStringLiteral("agent-b")}));
        QCOMPARE(column(dry, QStringLiteral("result")), (QStringList(3, QStringLiteral("landed"))));
        QCOMPARE(dry.value(QStringLiteral("branch")).toString(), QStringLiteral("main"));
        QCOMPARE(rev(QStringLiteral("main")), base);
        QVERIFY(before.differences(snapshot()).isEmpty());
        QVERIFY(worktreeOf(QStringLiteral("agent-a")).value(QStringLiteral("landed_commit")).toString().isEmpty());

        const QJsonObject land = landJson({QStringLiteral("--run"), QStringLiteral("run-land")});
        QCOMPARE(column(land, QStringLiteral("job_id")),
                 (QStringList{QStringLiteral("agent-a"), QStringLiteral("tests-after"), QStringLiteral("agent-b")}));
        QCOMPARE(column(land, QStringLiteral("result")), (QStringList(3, QStringLiteral("landed"))));
        QVERIFY(land.value(QStringLiteral("complete")).toBool());
        QVERIFY(land.value(QStringLiteral("checkout_updated")).toBool());
        // main has every change, in that order, and the checkout shows them.
        QCOMPARE(show(QStringLiteral("main:f1.txt")), QByteArray("file 1\nagent-a"));
        QCOMPARE(show(QStringLiteral("main:f2.txt")), QByteArray("file 2\nagent-b"));
        QCOMPARE(show(QStringLiteral("main:f3.txt")), QByteArray("file 3\nchecked"));
        QCOMPARE(readFile(m_repo + QStringLiteral("/f2.txt")), QByteArray("file 2\nagent-b\n"));
        verifyClean();
        const QStringList commits = column(land, QStringLiteral("commit"));
        QCOMPARE(commits.last(), rev(QStringLiteral("main")));
        QVERIFY(git({QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), commits.at(0), commits.at(1)}).isEmpty());
        // Recorded: status says so, and a second land has nothing to do.
        const QJsonObject a = worktreeOf(QStringLiteral("agent-a"));
        QCOMPARE(a.value(QStringLiteral("landed_commit")).toString(), commits.at(0));
        QCOMPARE(a.value(QStringLiteral("landed_branch")).toString(), QStringLiteral("main"));
        QCOMPARE(status(QStringLiteral("agent-a")).value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        const CliRun text = cli({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("agent-b")});
        QVERIFY2(text.out.contains(QByteArray(QByteArray("landed:      into main at ") + commits.at(2).left(12).toUtf8())), text.out.constData());
        const QString tip = rev(QStringLiteral("main"));
        const QJsonObject again = landJson({QStringLiteral("--run"), QStringLiteral("run-land")});
        QCOMPARE(column(again, QStringLiteral("result")), (QStringList(3, QStringLiteral("already_landed"))));
        QCOMPARE(rev(QStringLiteral("main")), tip);
    }

    // Two jobs change the same line: the first lands, the second stops the
    // land with the file named, main keeps the first's change, and the tree
    // has no conflict markers, no MERGE_HEAD and a clean index.
    void conflictingPairLandsFirst()
    {
        const CliRun ran = run({jobFile(QStringLiteral("left"), QStringLiteral("echo left > \"$1\""), {QStringLiteral("shared.txt")}),
                                jobFile(QStringLiteral("right"), QStringLiteral("echo right > \"$1\""), {QStringLiteral("shared.txt")}),
                                jobFile(QStringLiteral("later"), QStringLiteral("echo later >> \"$1\""), {QStringLiteral("f4.txt")})});
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        const CliRun land = cli({QStringLiteral("land"), QStringLiteral("--run"), QStringLiteral("run-land")});
        QCOMPARE(land.exitCode, 6);
        QVERIFY2(land.out.contains("CONFLICT") && land.out.contains("right") && land.out.contains("shared.txt"), land.out.constData());
        QVERIFY2(land.out.contains("not reached"), land.out.constData());
        QCOMPARE(show(QStringLiteral("main:shared.txt")), QByteArray("left"));
        QCOMPARE(readFile(m_repo + QStringLiteral("/shared.txt")), QByteArray("left\n"));
        QCOMPARE(show(QStringLiteral("main:f4.txt")), QByteArray("file 4"));
        verifyClean();
        QVERIFY(!worktreeOf(QStringLiteral("left")).value(QStringLiteral("landed_commit")).toString().isEmpty());
        QVERIFY(worktreeOf(QStringLiteral("right")).value(QStringLiteral("landed_commit")).toString().isEmpty());
        // The rest lands once the conflicting job is out of the way.
        const CliRun discard = cli({QStringLiteral("discard"), QStringLiteral("--job-id"), QStringLiteral("right")});
        QVERIFY2(discard.exitCode == 0, discard.err.constData());
        const QJsonObject rest = landJson({QStringLiteral("--run"), QStringLiteral("run-land")});
        QCOMPARE(column(rest, QStringLiteral("job_id")), (QStringList{QStringLiteral("left"), QStringLiteral("later"), QStringLiteral("right")}));
        QCOMPARE(column(rest, QStringLiteral("result")),
                 (QStringList{QStringLiteral("already_landed"), QStringLiteral("landed"), QStringLiteral("not_landable")}));
        QCOMPARE(show(QStringLiteral("main:f4.txt")), QByteArray("file 4\nlater"));
    }

    // A failed job's change never lands; a job that changed nothing has
    // nothing to land. The checkout is on another branch: main's ref moves
    // and the checkout is untouched. Jobs land on main's current tip.
    void failedJobNeverLandsAndOtherCheckoutUntouched()
    {
        const CliRun ran = run({jobFile(QStringLiteral("broken"), QStringLiteral("echo broken >> \"$1\"; exit 3"), {QStringLiteral("f1.txt")}),
                                jobFile(QStringLiteral("idle"), QStringLiteral("true")),
                                jobFile(QStringLiteral("good"), QStringLiteral("echo good >> \"$1\""), {QStringLiteral("f2.txt")})});
        QCOMPARE(ran.exitCode, 1);
        // The user moves on: a commit on main, then another branch checked out with local edits.
        writeFile(m_repo + QStringLiteral("/user.txt"), "by the user\n");
        git({QStringLiteral("add"), QStringLiteral("user.txt")});
        git({QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("user work")});
        const QString userTip = rev(QStringLiteral("main"));
        git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("feature")});
        writeFile(m_repo + QStringLiteral("/f2.txt"), "edited in the checkout\n");
        const CheckoutSnapshot before = snapshot();

        const QJsonObject land = landJson({QStringLiteral("--run"), QStringLiteral("run-land")});
        QCOMPARE(column(land, QStringLiteral("job_id")), (QStringList{QStringLiteral("idle"), QStringLiteral("good"), QStringLiteral("broken")}));
        QCOMPARE(column(land, QStringLiteral("result")),
                 (QStringList{QStringLiteral("nothing_to_land"), QStringLiteral("landed"), QStringLiteral("not_landable")}));
        QVERIFY(!land.value(QStringLiteral("checkout_updated")).toBool());
        QCOMPARE(show(QStringLiteral("main:f2.txt")), QByteArray("file 2\ngood"));
        QCOMPARE(show(QStringLiteral("main:f1.txt")), QByteArray("file 1"));
        QCOMPARE(show(QStringLiteral("main:user.txt")), QByteArray("by the user"));
        QVERIFY(git({QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), userTip, QStringLiteral("main")}).isEmpty());
        // Only main moved: the checkout's HEAD, index, files and stash are as they were.
        QCOMPARE(before.differences(snapshot()), QStringList{QStringLiteral("refs: refs/heads/main changed")});
        // Asked for by name, the failed job is refused with the reason.
        const QJsonObject named = landJson({QStringLiteral("--job-id"), QStringLiteral("broken")});
        QCOMPARE(column(named, QStringLiteral("result")), QStringList{QStringLiteral("not_landable")});
        QVERIFY2(column(named, QStringLiteral("reason")).first().contains(QStringLiteral("never lands")),
                 qPrintable(column(named, QStringLiteral("reason")).first()));
    }

    // A checkout with main checked out and uncommitted changes is refused,
    // naming the file; nothing moves.
    void dirtyCheckoutRefused()
    {
        const CliRun ran = run({jobFile(QStringLiteral("agent"), QStringLiteral("echo agent >> \"$1\""), {QStringLiteral("f1.txt")})});
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        writeFile(m_repo + QStringLiteral("/f1.txt"), "work in progress\n");
        const QString tip = rev(QStringLiteral("main"));
        const CliRun land = cli({QStringLiteral("land"), QStringLiteral("--run"), QStringLiteral("run-land")});
        QVERIFY(land.exitCode != 0);
        QVERIFY2(land.err.contains("f1.txt"), land.err.constData());
        QCOMPARE(rev(QStringLiteral("main")), tip);
        QCOMPARE(readFile(m_repo + QStringLiteral("/f1.txt")), QByteArray("work in progress\n"));
        // Into another branch it lands without touching the checkout.
        git({QStringLiteral("branch"), QStringLiteral("integration"), QStringLiteral("main")});
        const QJsonObject other = landJson({QStringLiteral("--run"), QStringLiteral("run-land"), QStringLiteral("--into"), QStringLiteral("integration")});
        QCOMPARE(column(other, QStringLiteral("result")), QStringList{QStringLiteral("landed")});
        QCOMPARE(show(QStringLiteral("integration:f1.txt")), QByteArray("file 1\nagent"));
        QCOMPARE(readFile(m_repo + QStringLiteral("/f1.txt")), QByteArray("work in progress\n"));
        QCOMPARE(rev(QStringLiteral("main")), tip);
    }

    // `land` killed with SIGKILL between two jobs (a git wrapper kills its
    // parent as the second job's ref update starts): the branch holds the
    // first job; the next land records it from the journal and lands the rest.
    void killDuringLandThenRecovery()
    {
        const CliRun ran = run({jobFile(QStringLiteral("one"), QStringLiteral("echo one >> \"$1\""), {QStringLiteral("f1.txt")}),
                                jobFile(QStringLiteral("two"), QStringLiteral("echo two >> \"$1\""), {QStringLiteral("f2.txt")})});
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("elsewhere")});
        const QString bin = path(QStringLiteral("bin"));
        QDir().mkpath(bin);
        const QString counter = path(QStringLiteral("update-refs"));
        const QString wrapper = writeFile(bin + QStringLiteral("/git"),
                                          "#!/bin/sh\n"
                                          "case \" $* \" in *\" update-ref \"*)\n"
                                          "  n=$(cat \"$UPDATE_REF_COUNTER\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$UPDATE_REF_COUNTER\"\n"
                                          "  if [ \"$n\" -ge 2 ]; then kill -9 $PPID; sleep 5; exit 1; fi;;\n"
                                          "esac\n"
                                          "exec /usr/bin/git \"$@\"\n");
        QFile::setPermissions(wrapper, QFile::permissions(wrapper) | QFileDevice::ExeOwner);
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("PATH"), bin + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
        env.insert(QStringLiteral("UPDATE_REF_COUNTER"), counter);
        const QString base = rev(QStringLiteral("main"));
        const CliRun killed = cli({QStringLiteral("land"), QStringLiteral("--run"), QStringLiteral("run-land")}, env);
        QCOMPARE(killed.exitCode, -1); // killed
        QCOMPARE(readFile(counter).trimmed(), QByteArray("2"));
        // main holds the first job only; the database does not know yet.
        QCOMPARE(show(QStringLiteral("main:f1.txt")), QByteArray("file 1\none"));
        QCOMPARE(show(QStringLiteral("main:f2.txt")), QByteArray("file 2"));
        QVERIFY(rev(QStringLiteral("main")) != base);
        QVERIFY(worktreeOf(QStringLiteral("one")).value(QStringLiteral("landed_commit")).toString().isEmpty());

        const QJsonObject land = landJson({QStringLiteral("--run"), QStringLiteral("run-land")});
        QCOMPARE(land.value(QStringLiteral("recovered")).toArray().size(), 1);
        QCOMPARE(land.value(QStringLiteral("recovered")).toArray().first().toString(), QStringLiteral("one"));
        QCOMPARE(column(land, QStringLiteral("job_id")), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
        QCOMPARE(column(land, QStringLiteral("result")), (QStringList{QStringLiteral("already_landed"), QStringLiteral("landed")}));
        QCOMPARE(show(QStringLiteral("main:f1.txt")), QByteArray("file 1\none"));
        QCOMPARE(show(QStringLiteral("main:f2.txt")), QByteArray("file 2\ntwo"));
        QVERIFY(!worktreeOf(QStringLiteral("one")).value(QStringLiteral("landed_commit")).toString().isEmpty());
        verifyClean();
    }

    // `run` killed with SIGKILL during an attempt, with a git index.lock left
    // in the job's worktree: the next engine removes the stale lock, runs the
    // job again from a clean worktree (the killed attempt's half-done edit is
    // gone), and the result lands.
    void killDuringAttemptThenRecovery()
    {
        const QString marker = path(QStringLiteral("first-attempt-started"));
        const QString script = QStringLiteral("if [ ! -e '%1' ]; then echo half-done >> f1.txt; touch '%1'; sleep 60; fi\n"
                                              "echo finished >> \"$1\"").arg(marker);
        const QString file = jobFile(QStringLiteral("victim"), script, {QStringLiteral("f2.txt")});
        QProcess first;
        first.setProcessEnvironment(cliEnvironment());
        first.setWorkingDirectory(m_dir->path());
        first.start(cliPath(), {QStringLiteral("run"), file, QStringLiteral("--db"), m_db});
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(marker), 30000);
        const QString worktree = worktreeOf(QStringLiteral("victim")).value(QStringLiteral("path")).toString();
        QVERIFY(QFileInfo(worktree + QStringLiteral("/f1.txt")).exists());
        ::kill(pid_t(first.processId()), SIGKILL);
        QVERIFY(first.waitForFinished(10000));
        // What a git killed in the middle of a commit leaves behind.
        const QString gitDir = QString::fromUtf8(git({QStringLiteral("rev-parse"), QStringLiteral("--absolute-git-dir")}, worktree));
        QFile lock(gitDir + QStringLiteral("/index.lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.close();
        QVERIFY(lock.open(QIODevice::ReadWrite));
        QVERIFY(lock.setFileTime(QDateTime::currentDateTime().addSecs(-600), QFileDevice::FileModificationTime));
        lock.close();

        const CliRun again = cli({QStringLiteral("worker"), QStringLiteral("--exit-when-idle")});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(!QFileInfo::exists(gitDir + QStringLiteral("/index.lock")), again.err.constData());
        const QJsonObject s = status(QStringLiteral("victim"));
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        const QJsonArray changed = s.value(QStringLiteral("worktree")).toObject().value(QStringLiteral("files_changed")).toArray();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("f2.txt"));
        const QJsonObject land = landJson({QStringLiteral("--job-id"), QStringLiteral("victim")});
        QCOMPARE(column(land, QStringLiteral("result")), QStringList{QStringLiteral("landed")});
        QCOMPARE(show(QStringLiteral("main:f1.txt")), QByteArray("file 1"));
        QCOMPARE(show(QStringLiteral("main:f2.txt")), QByteArray("file 2\nfinished"));
    }

    // An upstream merge conflict fails the dependent; once one upstream is
    // run again with a change that does not conflict, `retry` merges again
    // and the dependent runs on both changes.
    void retryAfterUpstreamConflictMergesAgain()
    {
        const QString mode = writeFile(path(QStringLiteral("mode")), "conflict\n");
        const QStringList files{
            jobFile(QStringLiteral("left"), QStringLiteral("echo left > \"$1\""), {QStringLiteral("shared.txt")}),
            jobFile(QStringLiteral("right"), QStringLiteral("if grep -q conflict '%1'; then echo right > shared.txt; "
                                                            "else echo right > \"$1\"; fi").arg(mode),
                    {QStringLiteral("f2.txt")}),
            jobFile(QStringLiteral("after"), QStringLiteral("cat shared.txt f2.txt > \"$1\""), {QStringLiteral("f3.txt")},
                    {QStringLiteral("left"), QStringLiteral("right")}),
        };
        const CliRun ran = run(files);
        QCOMPARE(ran.exitCode, 1);
        const QJsonObject failed = status(QStringLiteral("after"));
        for (const QString &up : {QStringLiteral("left"), QStringLiteral("right")})
            QVERIFY2(status(up).value(QStringLiteral("state")).toString() == QLatin1String("succeeded"),
                     QByteArray(cli({QStringLiteral("status"), QStringLiteral("--job-id"), up}).out + ran.err).constData());
        QCOMPARE(failed.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        // The fix: right runs again and now leaves shared.txt alone.
        writeFile(mode, "fixed\n");
        const CliRun rerun = cli({QStringLiteral("run-job"), QStringLiteral("--job-file"), files.at(1)});
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        const CliRun retry = cli({QStringLiteral("retry"), QStringLiteral("--job-id"), QStringLiteral("after")});
        QVERIFY2(retry.exitCode == 0, retry.err.constData());
        const CliRun worked = cli({QStringLiteral("worker"), QStringLiteral("--exit-when-idle")});
        QVERIFY2(worked.exitCode == 0, worked.err.constData());
        QCOMPARE(status(QStringLiteral("after")).value(QStringLiteral("state")).toString(), QStringLiteral("succeeded"));
        const QString result = worktreeOf(QStringLiteral("after")).value(QStringLiteral("result_commit")).toString();
        QCOMPARE(show(result + QStringLiteral(":f3.txt")), QByteArray("left\nright"));
    }

    // discard removes the worktree and branch and keeps the attempt refs;
    // gc removes what landed and discarded jobs left, and says how much.
    void discardAndGc()
    {
        const CliRun ran = run({jobFile(QStringLiteral("keep"), QStringLiteral("echo keep >> \"$1\""), {QStringLiteral("f1.txt")}),
                                jobFile(QStringLiteral("drop"), QStringLiteral("echo drop >> \"$1\""), {QStringLiteral("f2.txt")}),
                                jobFile(QStringLiteral("young"), QStringLiteral("echo young >> \"$1\""), {QStringLiteral("f3.txt")})});
        QVERIFY2(ran.exitCode == 0, ran.err.constData());
        const QJsonObject drop = worktreeOf(QStringLiteral("drop"));
        const QString dropPath = drop.value(QStringLiteral("path")).toString();
        const QString dropBranch = drop.value(QStringLiteral("branch")).toString();
        QVERIFY(QFileInfo(dropPath).isDir());
        const QByteArray refsBefore = git({QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"), QStringLiteral("refs/orchestrator/")});
        // A running or unknown job cannot be discarded; a finished one can.
        const CliRun unknown = cli({QStringLiteral("discard"), QStringLiteral("--job-id"), QStringLiteral("nope")});
        QCOMPARE(unknown.exitCode, 4);
        const CliRun discard = cli({QStringLiteral("discard"), QStringLiteral("--job-id"), QStringLiteral("drop")});
        QVERIFY2(discard.exitCode == 0, discard.err.constData());
        QVERIFY(!QFileInfo::exists(dropPath));
        QCOMPARE(git({QStringLiteral("branch"), QStringLiteral("--list"), dropBranch}), QByteArray());
        QCOMPARE(git({QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"), QStringLiteral("refs/orchestrator/")}), refsBefore);
        const CliRun text = cli({QStringLiteral("status"), QStringLiteral("--job-id"), QStringLiteral("drop")});
        QVERIFY2(text.out.contains("discarded:"), text.out.constData());
        const QJsonObject landDropped = landJson({QStringLiteral("--job-id"), QStringLiteral("drop")});
        QCOMPARE(column(landDropped, QStringLiteral("result")), QStringList{QStringLiteral("not_landable")});

        QVERIFY(!landJson({QStringLiteral("--job-id"), QStringLiteral("keep")}).isEmpty());
        const QString keepPath = worktreeOf(QStringLiteral("keep")).value(QStringLiteral("path")).toString();
        const QString youngPath = worktreeOf(QStringLiteral("young")).value(QStringLiteral("path")).toString();
        const CliRun gc = cli({QStringLiteral("gc")});
        QVERIFY2(gc.exitCode == 0, gc.err.constData());
        QVERIFY2(gc.out.contains("cleaned 2 job(s): 1 worktree(s), 1 branch(es)") && gc.out.contains("freed"), gc.out.constData());
        QVERIFY(!QFileInfo::exists(keepPath));
        QVERIFY(QFileInfo(youngPath).isDir()); // neither landed, discarded nor old
        QCOMPARE(git({QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"), QStringLiteral("refs/orchestrator/attempts/keep/")}),
                 QByteArray());
        QCOMPARE(git({QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"), QStringLiteral("refs/orchestrator/attempts/drop/")}),
                 QByteArray());
        // What landed is still in main.
        QCOMPARE(show(QStringLiteral("main:f1.txt")), QByteArray("file 1\nkeep"));
        const CliRun old = cli({QStringLiteral("gc"), QStringLiteral("--older-than"), QStringLiteral("0")});
        QVERIFY2(old.exitCode == 0 && old.out.contains("cleaned 1 job(s)"), old.out.constData());
        QVERIFY(!QFileInfo::exists(youngPath));
        const CliRun bad = cli({QStringLiteral("gc"), QStringLiteral("--older-than"), QStringLiteral("soon")});
        QCOMPARE(bad.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestLand)
#include "tst_land.moc"
