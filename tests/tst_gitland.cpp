// engine/git/gitland on real repositories in temporary directories with the
// real git binary: landing jobs in order, conflicts, nothing to land, a
// branch that moved, squash, the branch's checkout (clean, dirty, untracked
// files in the way, not checked out), dry runs, a land killed with SIGKILL in
// a child process (this test binary run with --land-child) and recovered,
// stale index.lock files, discard and gc of attempt refs. Every test runs with
// an empty HOME and no system config.

#include <cstdio>
#include <memory>
#include <thread>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "git/checkoutsnapshot.h"
#include "git/gitland.h"
#include "git/gitprocess.h"
#include "git/gitrepo.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

QByteArray lines(std::initializer_list<const char *> items)
{
    QByteArray text;
    for (const char *item : items)
        text += QByteArray(item) + '\n';
    return text;
}

QString realGit()
{
    const QString git = QStandardPaths::findExecutable(QStringLiteral("git"));
    if (git.isEmpty())
        qFatal("git is not installed");
    return git;
}

// Git run with an empty HOME (at `home`) and no system configuration.
GitSettings isolatedSettings(const QString &home)
{
    GitSettings settings;
    settings.environment = QProcessEnvironment::systemEnvironment();
    settings.environment.insert(QStringLiteral("HOME"), home);
    settings.environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    settings.environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    for (const char *name : {"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"})
        settings.environment.remove(QLatin1String(name));
    settings.timeoutMs = 30000;
    return settings;
}

QStringList jobIds(const QList<LandedJob> &landed)
{
    QStringList ids;
    for (const LandedJob &job : landed)
        ids.append(job.jobId);
    return ids;
}

QStringList conflictPaths(const QList<GitConflict> &conflicts)
{
    QStringList paths;
    for (const GitConflict &conflict : conflicts)
        paths.append(conflict.path);
    return paths;
}

// The child side of the crash tests: lands the items named on the command
// line and, at the chosen step of the chosen job, says so and waits to be killed.
//   --land-child HOME REPO BRANCH STEP JOB job:base:result...
int landChild(const QStringList &args)
{
    if (args.size() < 6)
        return 2;
    const Result<GitRepo> repo = GitRepo::open(args.at(1), isolatedSettings(args.at(0)));
    if (!repo)
        return 3;
    const LandStep pauseStep = args.at(3) == QStringLiteral("checkout") ? LandStep::CheckoutMoved : LandStep::RefMoved;
    const QString pauseJob = args.at(4);
    QList<LandItem> items;
    for (const QString &item : args.mid(5)) {
        const QStringList parts = item.split(QLatin1Char(':'));
        items.append(LandItem{parts.value(0), parts.value(1), parts.value(2)});
    }
    LandOptions options;
    options.intoBranch = args.at(2);
    options.progress = [&](LandStep step, const QString &job) {
        if (step != pauseStep || job != pauseJob)
            return;
        std::fputs("paused\n", stdout);
        std::fflush(stdout);
        for (;;)
            std::this_thread::sleep_for(std::chrono::seconds(1));
    };
    const Result<LandReport> report = landJobs(*repo, items, options);
    return report ? 0 : 4;
}

} // namespace

class TestGitLand final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;
    GitSettings m_settings;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    QByteArray git(const QString &dir, const QStringList &args, int expectedCode = 0, const QProcessEnvironment &extra = {}) const
    {
        QProcess process;
        QProcessEnvironment env = m_settings.environment;
        for (const QString &key : extra.keys())
            env.insert(key, extra.value(key));
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(dir);
        process.start(realGit(), args);
        if (!process.waitForFinished(30000) || process.exitCode() != expectedCode)
            qFatal("git %s in %s: exit %d: %s", qPrintable(args.join(QLatin1Char(' '))), qPrintable(dir), process.exitCode(),
                   process.readAllStandardError().constData());
        return process.readAllStandardOutput().trimmed();
    }
    QString rev(const QString &dir, const QString &revision) const { return QString::fromUtf8(git(dir, {QStringLiteral("rev-parse"), revision})); }
    QByteArray show(const QString &dir, const QString &commit, const QString &file) const
    {
        return git(dir, {QStringLiteral("show"), commit + QLatin1Char(':') + file});
    }
    QByteArray status(const QString &dir) const { return git(dir, {QStringLiteral("status"), QStringLiteral("--porcelain"), QStringLiteral("--untracked-files=all")}); }

    QString makeRepo() const
    {
        const QString dir = path(QStringLiteral("repo"));
        QDir().mkpath(dir);
        git(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        git(dir, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Ada User")});
        git(dir, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("ada@example.org")});
        writeFile(dir + QStringLiteral("/a.txt"), lines({"one", "two", "three", "four", "five", "six", "seven", "eight"}));
        writeFile(dir + QStringLiteral("/b.txt"), "bee\n");
        writeFile(dir + QStringLiteral("/.gitignore"), "*.log\n");
        git(dir, {QStringLiteral("add"), QStringLiteral("-A")});
        commit(dir, QStringLiteral("base"));
        return dir;
    }
    void commit(const QString &dir, const QString &message) const
    {
        git(dir, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"), QStringLiteral("-m"), message});
    }
    GitRepo open(const QString &dir) const
    {
        Result<GitRepo> repo = GitRepo::open(dir, m_settings);
        if (!repo)
            qFatal("open %s: %s", qPrintable(dir), qPrintable(repo.error().message));
        return *repo;
    }
    // A job's worktree and the commit a stand-in tool left in it.
    QString toolResult(const GitRepo &repo, const QString &job, const QString &from, const QMap<QString, QByteArray> &files) const
    {
        const QString dir = path(QStringLiteral("wt/") + job);
        const Status added = repo.addWorktree(dir, GitRepo::jobBranch(QStringLiteral("run"), job), from);
        if (!added)
            qFatal("addWorktree: %s", qPrintable(added.error().message));
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            writeFile(dir + QLatin1Char('/') + it.key(), it.value());
        const Result<QString> result = repo.commitAll(dir, job + QStringLiteral(" attempt 1"));
        if (!result)
            qFatal("commitAll: %s", qPrintable(result.error().message));
        return *result;
    }
    // The user's checkout and refs, but for `landedBranch` (which a land moves).
    CheckoutSnapshot snapshot(const GitRepo &repo, const QString &landedBranch = {}) const
    {
        Result<CheckoutSnapshot> taken = CheckoutSnapshot::take(repo);
        if (!taken)
            qFatal("snapshot: %s", qPrintable(taken.error().message));
        CheckoutSnapshot result = *taken;
        if (!landedBranch.isEmpty() && !result.refs.remove(QStringLiteral("refs/heads/") + landedBranch))
            qFatal("snapshot: no branch %s", qPrintable(landedBranch));
        return result;
    }
    QStringList firstParents(const QString &dir, const QString &revision) const
    {
        return QString::fromUtf8(git(dir, {QStringLiteral("rev-list"), QStringLiteral("--first-parent"), revision})).split(QLatin1Char('\n'));
    }
    QStringList parents(const QString &dir, const QString &commit) const
    {
        return QString::fromUtf8(git(dir, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%P"), commit}))
            .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    LandOptions into(const QString &branch, bool squash = false, bool dryRun = false) const
    {
        LandOptions options;
        options.intoBranch = branch;
        options.squash = squash;
        options.dryRun = dryRun;
        return options;
    }
    // The user's checkout moved to a branch of its own, so that main is not checked out.
    void userWorksElsewhere(const QString &repoDir) const
    {
        git(repoDir, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("work")});
        writeFile(repoDir + QStringLiteral("/a.txt"), "user's unfinished edit\n");
        writeFile(repoDir + QStringLiteral("/notes.txt"), "untracked\n");
    }

    QStringList standardJobs(const GitRepo &repo, const QString &base) const
    {
        return {toolResult(repo, s("j1"), base, {{s("a.txt"), lines({"ONE", "two", "three", "four", "five", "six", "seven", "eight"})}}),
                toolResult(repo, s("j2"), base, {{s("b.txt"), "BEE\n"}}),
                toolResult(repo, s("j3"), base, {{s("c.txt"), "sea\n"}})};
    }

    // Runs this binary as a land that stops at `step` of `job`, and kills it with SIGKILL there.
    void landAndKill(const QString &repoDir, const QString &step, const QString &job, const QList<LandItem> &items) const
    {
        QStringList args{QStringLiteral("--land-child"), m_home.path(), repoDir, QStringLiteral("main"), step, job};
        for (const LandItem &item : items)
            args.append(item.jobId + QLatin1Char(':') + item.baseCommit + QLatin1Char(':') + item.resultCommit);
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), args);
        QVERIFY(child.waitForStarted());
        QByteArray out; // kept: QTRY_VERIFY evaluates its condition more than once
        QTRY_VERIFY_WITH_TIMEOUT((out += child.readAllStandardOutput()).contains("paused") || child.state() == QProcess::NotRunning, 60000);
        QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
        child.kill();
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_settings = isolatedSettings(m_home.path());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    // Three jobs land in their order; main is not checked out, so only its
    // ref moves and the user's checkout (dirty, on another branch) is byte-identical.
    void landsInOrderMovingOnlyTheRef()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QStringList results = standardJobs(repo, base);
        userWorksElsewhere(repoDir);
        const CheckoutSnapshot before = snapshot(repo, s("main"));

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, results[0]}, {s("j2"), base, results[1]}, {s("j3"), base, results[2]}},
                                                   into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QVERIFY2(report->complete(), qPrintable(report->stopReason));
        QCOMPARE(jobIds(report->landed), (QStringList{s("j1"), s("j2"), s("j3")}));
        QVERIFY(report->nothingToLand.isEmpty());
        QCOMPARE(report->branchTipBefore, base);
        const QString tip = rev(repoDir, s("main"));
        QCOMPARE(report->branchTipAfter, tip);
        QCOMPARE(report->landed.last().newCommit, tip);
        QVERIFY(report->checkoutPath.isEmpty());
        QVERIFY(!report->checkoutUpdated);
        // The first job fast-forwards; the others are merges on the first-parent line, in order.
        QCOMPARE(report->landed.at(0).newCommit, results[0]);
        QCOMPARE(firstParents(repoDir, s("main")), (QStringList{report->landed.at(2).newCommit, report->landed.at(1).newCommit, results[0], base}));
        QCOMPARE(parents(repoDir, report->landed.at(1).newCommit), (QStringList{results[0], results[1]}));
        QCOMPARE(parents(repoDir, report->landed.at(2).newCommit), (QStringList{report->landed.at(1).newCommit, results[2]}));
        QCOMPARE(git(repoDir, {s("log"), s("-1"), s("--format=%s"), tip}), QByteArray("Merge job j3"));
        QCOMPARE(show(repoDir, tip, s("a.txt")).left(3), QByteArray("ONE"));
        QCOMPARE(show(repoDir, tip, s("b.txt")), QByteArray("BEE"));
        QCOMPARE(show(repoDir, tip, s("c.txt")), QByteArray("sea"));
        const CheckoutSnapshot after = snapshot(repo, s("main"));
        QVERIFY2(before == after, qPrintable(before.differences(after).join(s("; "))));
        QVERIFY(!QFileInfo::exists(*landJournalPath(repo)));
    }

    // A conflicting pair: the first lands, the second is reported with its
    // file, and the checked-out branch and its checkout stay as after the first.
    void conflictStopsAfterPreviousJob()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QString one = toolResult(repo, s("j1"), base, {{s("a.txt"), lines({"uno", "two", "three", "four", "five", "six", "seven", "eight"})}});
        const QString two = toolResult(repo, s("j2"), base, {{s("a.txt"), lines({"eins", "two", "three", "four", "five", "six", "seven", "eight"})},
                                                              {s("d.txt"), "dee\n"}});
        const QString three = toolResult(repo, s("j3"), base, {{s("c.txt"), "sea\n"}});

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, one}, {s("j2"), base, two}, {s("j3"), base, three}}, into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(jobIds(report->landed), QStringList{s("j1")});
        QCOMPARE(report->stoppedAt, s("j2"));
        QCOMPARE(conflictPaths(report->conflicts), QStringList{s("a.txt")});
        QCOMPARE(report->conflicts.at(0).inputs, QList<int>{1});
        QVERIFY2(report->stopReason.contains(s("a.txt")), qPrintable(report->stopReason));
        QCOMPARE(report->conflictMessages, QStringList{s("CONFLICT (content): Merge conflict in a.txt")});
        QCOMPARE(rev(repoDir, s("main")), one);
        QCOMPARE(report->branchTipAfter, one);
        QVERIFY(report->checkoutUpdated);
        // The checkout: at j1, clean, no merge under way, no markers.
        QCOMPARE(rev(repoDir, s("HEAD")), one);
        QCOMPARE(status(repoDir), QByteArray());
        git(repoDir, {s("diff-index"), s("--cached"), s("--quiet"), s("HEAD")});
        QVERIFY(!QFileInfo::exists(repoDir + s("/.git/MERGE_HEAD")));
        QCOMPARE(readFile(repoDir + s("/a.txt")).left(4), QByteArray("uno\n"));
        QVERIFY(!readFile(repoDir + s("/a.txt")).contains("<<<<<<<"));
        QVERIFY(!QFileInfo::exists(repoDir + s("/d.txt")));
        QVERIFY(!QFileInfo::exists(repoDir + s("/c.txt")));
    }

    // A result equal to its base, and results the branch already has (by
    // ancestry, and by content after a squash), are "nothing to land".
    void nothingToLand()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QString same = toolResult(repo, s("j0"), base, {});
        QCOMPARE(same, base);
        const QString one = toolResult(repo, s("j1"), base, {{s("b.txt"), "one\n"}});
        const QString two = toolResult(repo, s("j2"), base, {{s("c.txt"), "two\n"}});
        userWorksElsewhere(repoDir);

        Result<LandReport> report = landJobs(repo, {{s("j0"), base, same}, {s("j1"), base, one}}, into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->nothingToLand, QStringList{s("j0")});
        QCOMPARE(jobIds(report->landed), QStringList{s("j1")});

        report = landJobs(repo, {{s("j1"), base, one}}, into(s("main")));
        QVERIFY(report);
        QCOMPARE(report->nothingToLand, QStringList{s("j1")});
        QVERIFY(report->landed.isEmpty());
        QCOMPARE(report->branchTipAfter, one);
        QCOMPARE(rev(repoDir, s("main")), one);

        report = landJobs(repo, {{s("j2"), base, two}}, into(s("main"), true));
        QVERIFY(report);
        QCOMPARE(jobIds(report->landed), QStringList{s("j2")});
        const QString squashed = rev(repoDir, s("main"));
        report = landJobs(repo, {{s("j2"), base, two}}, into(s("main"), true));
        QVERIFY(report);
        QCOMPARE(report->nothingToLand, QStringList{s("j2")});
        QCOMPARE(rev(repoDir, s("main")), squashed);
    }

    // main got a commit of its own after the jobs started: they land on it.
    void branchMovedSinceBase()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QString one = toolResult(repo, s("j1"), base, {{s("c.txt"), "sea\n"}});
        writeFile(repoDir + s("/b.txt"), "user moved main\n");
        git(repoDir, {s("commit"), s("-qam"), s("user's commit")});
        const QString moved = rev(repoDir, s("main"));
        QVERIFY(moved != base);

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, one}}, into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(jobIds(report->landed), QStringList{s("j1")});
        QCOMPARE(report->branchTipBefore, moved);
        const QString tip = rev(repoDir, s("main"));
        QCOMPARE(parents(repoDir, tip), (QStringList{moved, one}));
        QCOMPARE(show(repoDir, tip, s("b.txt")), QByteArray("user moved main"));
        QCOMPARE(show(repoDir, tip, s("c.txt")), QByteArray("sea"));
        QCOMPARE(readFile(repoDir + s("/c.txt")), QByteArray("sea\n"));
        QCOMPARE(status(repoDir), QByteArray());
    }

    // --squash: one single-parent commit per job, carrying its change and the prefix.
    void squash()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QStringList results = standardJobs(repo, base);
        userWorksElsewhere(repoDir);
        LandOptions options = into(s("main"), true);
        options.messagePrefix = s("[run 7] ");

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, results[0]}, {s("j2"), base, results[1]}}, options);
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(jobIds(report->landed), (QStringList{s("j1"), s("j2")}));
        const QString first = report->landed.at(0).newCommit;
        const QString second = report->landed.at(1).newCommit;
        QVERIFY(first != results[0]);
        QCOMPARE(parents(repoDir, first), QStringList{base});
        QCOMPARE(parents(repoDir, second), QStringList{first});
        QCOMPARE(rev(repoDir, s("main")), second);
        QCOMPARE(git(repoDir, {s("log"), s("-1"), s("--format=%s"), first}), QByteArray("[run 7] Land job j1"));
        QCOMPARE(rev(repoDir, first + s("^{tree}")), rev(repoDir, results[0] + s("^{tree}")));
        QCOMPARE(show(repoDir, second, s("b.txt")), QByteArray("BEE"));
        QCOMPARE(show(repoDir, second, s("a.txt")).left(3), QByteArray("ONE"));
        git(repoDir, {s("merge-base"), s("--is-ancestor"), results[1], s("main")}, 1);
    }

    // main checked out in a clean checkout: its files and index follow.
    void checkedOutCleanFollows()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QStringList results = standardJobs(repo, base);
        // Untracked and ignored files the land does not write are no obstacle and stay.
        writeFile(repoDir + s("/notes.txt"), "mine\n");
        writeFile(repoDir + s("/build.log"), "ignored\n");

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, results[0]}, {s("j3"), base, results[2]}}, into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QVERIFY2(report->complete(), qPrintable(report->stopReason));
        QVERIFY(report->checkoutUpdated);
        QCOMPARE(normalPath(report->checkoutPath), normalPath(repoDir));
        QCOMPARE(rev(repoDir, s("HEAD")), report->branchTipAfter);
        QCOMPARE(git(repoDir, {s("symbolic-ref"), s("HEAD")}), QByteArray("refs/heads/main"));
        QCOMPARE(readFile(repoDir + s("/a.txt")).left(4), QByteArray("ONE\n"));
        QCOMPARE(readFile(repoDir + s("/c.txt")), QByteArray("sea\n"));
        QCOMPARE(status(repoDir), QByteArray("?? notes.txt"));
        QCOMPARE(readFile(repoDir + s("/build.log")), QByteArray("ignored\n"));
        git(repoDir, {s("diff-index"), s("--cached"), s("--quiet"), s("HEAD")});
    }

    void checkedOutRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("staged");
        QTest::newRow("modified") << s("b.txt") << QByteArray("user edit\n") << false;
        QTest::newRow("staged") << s("b.txt") << QByteArray("user edit\n") << true;
        QTest::newRow("untracked in the way") << s("c.txt") << QByteArray("user's own c\n") << false;
        QTest::newRow("ignored in the way") << s("out.log") << QByteArray("user's log\n") << false;
    }
    // main checked out with the user's changes, or files where the land adds
    // some: refused naming the file, nothing changed.
    void checkedOutRefused()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(bool, staged);
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QString one = toolResult(repo, s("j1"), base, {{s("a.txt"), "j1\n"}});
        // j2 also stops ignoring *.log and adds a log file, which the user's checkout ignores.
        const QString two = toolResult(repo, s("j2"), base, {{s("c.txt"), "sea\n"}, {s(".gitignore"), ""}, {s("out.log"), "forced\n"}});
        writeFile(repoDir + QLatin1Char('/') + file, content);
        if (staged)
            git(repoDir, {s("add"), file});
        const CheckoutSnapshot before = snapshot(repo);

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, one}, {s("j2"), base, two}}, into(s("main")));
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::Conflict);
        QVERIFY2(report.error().message.contains(file), qPrintable(report.error().message));
        QCOMPARE(rev(repoDir, s("main")), base);
        const CheckoutSnapshot after = snapshot(repo);
        QVERIFY2(before == after, qPrintable(before.differences(after).join(s("; "))));
        QVERIFY(!QFileInfo::exists(*landJournalPath(repo)));
    }

    // --dry-run predicts the landed jobs and the conflict and changes nothing.
    void dryRunChangesNothing()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QString one = toolResult(repo, s("j1"), base, {{s("a.txt"), lines({"uno", "two", "three", "four", "five", "six", "seven", "eight"})}});
        const QString two = toolResult(repo, s("j2"), base, {{s("b.txt"), "BEE\n"}});
        const QString three = toolResult(repo, s("j3"), base, {{s("a.txt"), lines({"eins", "two", "three", "four", "five", "six", "seven", "eight"})}});
        const CheckoutSnapshot before = snapshot(repo);
        const QByteArray refsBefore = git(repoDir, {s("for-each-ref"), s("--format=%(refname) %(objectname)")});

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, one}, {s("j2"), base, two}, {s("j3"), base, three}},
                                                   into(s("main"), false, true));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(jobIds(report->landed), (QStringList{s("j1"), s("j2")}));
        QCOMPARE(report->stoppedAt, s("j3"));
        QCOMPARE(conflictPaths(report->conflicts), QStringList{s("a.txt")});
        QCOMPARE(report->branchTipAfter, base);
        QVERIFY(!report->checkoutUpdated);
        QCOMPARE(git(repoDir, {s("for-each-ref"), s("--format=%(refname) %(objectname)")}), refsBefore);
        const CheckoutSnapshot after = snapshot(repo);
        QVERIFY2(before == after, qPrintable(before.differences(after).join(s("; "))));

        // The prediction is what the land then does.
        const Result<LandReport> real = landJobs(repo, {{s("j1"), base, one}, {s("j2"), base, two}, {s("j3"), base, three}}, into(s("main")));
        QVERIFY(real);
        QCOMPARE(jobIds(real->landed), jobIds(report->landed));
        QCOMPARE(real->stoppedAt, s("j3"));
        QCOMPARE(rev(repoDir, s("main")), real->landed.last().newCommit);
    }

    // Someone else moves main during the land (here: right after j1 landed):
    // the compare-and-swap ref update stops it instead of overwriting their commit.
    void concurrentMoveStops()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QStringList results = standardJobs(repo, base);
        userWorksElsewhere(repoDir);
        const QString theirs = rev(repoDir, s("orchestrator/run/j3"));
        LandOptions options = into(s("main"));
        options.progress = [&](LandStep step, const QString &job) {
            if (step == LandStep::RefMoved && job == s("j1"))
                git(repoDir, {s("update-ref"), s("refs/heads/main"), theirs});
        };

        const Result<LandReport> report = landJobs(repo, {{s("j1"), base, results[0]}, {s("j2"), base, results[1]}}, options);
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(jobIds(report->landed), QStringList{s("j1")});
        QCOMPARE(report->stoppedAt, s("j2"));
        QVERIFY2(report->stopReason.contains(s("main changed during the land")), qPrintable(report->stopReason));
        QCOMPARE(rev(repoDir, s("main")), theirs);
        QVERIFY(!QFileInfo::exists(*landJournalPath(repo)));
    }

    void unknownBranchOrCommitRefused()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        Result<LandReport> report = landJobs(repo, {{s("j1"), base, base}}, into(s("nosuch")));
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::NotFound);
        report = landJobs(repo, {{s("j1"), base, s("0123456789abcdef0123456789abcdef01234567")}}, into(s("main")));
        QVERIFY(!report);
        QVERIFY2(report.error().message.contains(s("j1")), qPrintable(report.error().message));
        report = landJobs(repo, {}, into(s("bad..name")));
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::Validation);
    }

    void crashRecovered_data()
    {
        QTest::addColumn<bool>("explicitRecover");
        QTest::newRow("recoverLand, then land") << true;
        QTest::newRow("the next land recovers") << false;
    }
    // kill -9 right after the first job's ref update, main not checked out:
    // main holds exactly j1, the journal names it, and the next land completes.
    void crashRecovered()
    {
        QFETCH(bool, explicitRecover);
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QStringList results = standardJobs(repo, base);
        userWorksElsewhere(repoDir);
        const CheckoutSnapshot before = snapshot(repo, s("main"));
        const QList<LandItem> items{{s("j1"), base, results[0]}, {s("j2"), base, results[1]}, {s("j3"), base, results[2]}};

        landAndKill(repoDir, s("ref"), s("j1"), items);
        QCOMPARE(rev(repoDir, s("main")), results[0]);
        QVERIFY(QFileInfo::exists(*landJournalPath(repo)));

        if (explicitRecover) {
            const Result<LandRecovery> recovery = recoverLand(repo);
            QVERIFY2(recovery, qPrintable(recovery.error().message));
            QVERIFY(recovery->found);
            QCOMPARE(recovery->branch, s("main"));
            QCOMPARE(jobIds(recovery->landed), QStringList{s("j1")});
            QCOMPARE(recovery->landed.at(0).newCommit, results[0]);
            QCOMPARE(recovery->notLanded, (QStringList{s("j2"), s("j3")}));
            QVERIFY(!recovery->checkoutRolledBack);
            QVERIFY(!QFileInfo::exists(*landJournalPath(repo)));
            QCOMPARE(rev(repoDir, s("main")), results[0]);
            const Result<LandRecovery> again = recoverLand(repo);
            QVERIFY(again && !again->found);
        }
        const Result<LandReport> report = landJobs(repo, items, into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QVERIFY(report->complete());
        QCOMPARE(report->nothingToLand, QStringList{s("j1")});
        QCOMPARE(jobIds(report->landed), (QStringList{s("j2"), s("j3")}));
        const QString tip = rev(repoDir, s("main"));
        QCOMPARE(show(repoDir, tip, s("b.txt")), QByteArray("BEE"));
        QCOMPARE(show(repoDir, tip, s("c.txt")), QByteArray("sea"));
        QCOMPARE(firstParents(repoDir, tip).size(), 4);
        QVERIFY(!QFileInfo::exists(*landJournalPath(repo)));
        const CheckoutSnapshot after = snapshot(repo, s("main"));
        QVERIFY2(before == after, qPrintable(before.differences(after).join(s("; "))));
    }

    // kill -9 after the checkout was moved for j2 but before main was: the
    // checkout is put back to j1 (the last landed job), clean.
    void crashWithCheckoutAheadRolledBack()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QStringList results = standardJobs(repo, base);
        const QList<LandItem> items{{s("j1"), base, results[0]}, {s("j2"), base, results[1]}, {s("j3"), base, results[2]}};

        landAndKill(repoDir, s("checkout"), s("j2"), items);
        QCOMPARE(rev(repoDir, s("main")), results[0]);
        QCOMPARE(readFile(repoDir + s("/b.txt")), QByteArray("BEE\n"));   // moved ahead of its ref
        QVERIFY(!status(repoDir).isEmpty());

        const Result<LandRecovery> recovery = recoverLand(repo);
        QVERIFY2(recovery, qPrintable(recovery.error().message));
        QVERIFY(recovery->found);
        QVERIFY(recovery->checkoutRolledBack);
        QCOMPARE(jobIds(recovery->landed), QStringList{s("j1")});
        QCOMPARE(recovery->notLanded, (QStringList{s("j2"), s("j3")}));
        QCOMPARE(rev(repoDir, s("main")), results[0]);
        QCOMPARE(status(repoDir), QByteArray());
        QCOMPARE(readFile(repoDir + s("/b.txt")), QByteArray("bee\n"));
        QCOMPARE(readFile(repoDir + s("/a.txt")).left(4), QByteArray("ONE\n"));

        const Result<LandReport> report = landJobs(repo, items, into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QVERIFY(report->complete());
        QCOMPARE(jobIds(report->landed), (QStringList{s("j2"), s("j3")}));
        QCOMPARE(readFile(repoDir + s("/b.txt")), QByteArray("BEE\n"));
        QCOMPARE(readFile(repoDir + s("/c.txt")), QByteArray("sea\n"));
        QCOMPARE(status(repoDir), QByteArray());
    }

    // A journal whose land still runs is not taken over; once it is gone, it is.
    void runningLandNotTakenOver()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QString one = toolResult(repo, s("j1"), base, {{s("c.txt"), "sea\n"}});
        QProcess sleeper;
        sleeper.start(s("sleep"), {s("60")});
        QVERIFY(sleeper.waitForStarted());
        const QString journal = *landJournalPath(repo);
        writeFile(journal, QStringLiteral("{\"version\":1,\"pid\":%1,\"branch\":\"main\",\"tipBefore\":\"%2\",\"checkout\":\"\",\"steps\":[]}")
                               .arg(sleeper.processId()).arg(base).toUtf8());

        Result<LandReport> report = landJobs(repo, {{s("j1"), base, one}}, into(s("main")));
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::Conflict);
        QVERIFY2(report.error().message.contains(QString::number(sleeper.processId())), qPrintable(report.error().message));
        QCOMPARE(rev(repoDir, s("main")), base);
        QVERIFY(!recoverLand(repo));

        sleeper.kill();
        QVERIFY(sleeper.waitForFinished());
        report = landJobs(repo, {{s("j1"), base, one}}, into(s("main")));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(jobIds(report->landed), QStringList{s("j1")});
        QVERIFY(!QFileInfo::exists(journal));

        // A journal cut short while being written: nothing had moved; it is dropped.
        writeFile(journal, "{\"version\":1,\"pi");
        const Result<LandRecovery> recovery = recoverLand(repo);
        QVERIFY(recovery && recovery->found && recovery->landed.isEmpty());
        QVERIFY(!QFileInfo::exists(journal));
    }

    // Stale index.lock files go only in orchestrator worktrees, only when old
    // and held by no process; the user's checkout and other worktrees keep theirs.
    void staleIndexLocks()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QStringList results = standardJobs(repo, base);
        Q_UNUSED(results);
        git(repoDir, {s("worktree"), s("add"), s("-q"), s("-b"), s("feature"), path(s("feature"))});
        const auto lockOf = [&](const QString &dir) {
            return QDir(dir).absoluteFilePath(QString::fromUtf8(git(dir, {s("rev-parse"), s("--git-path"), s("index.lock")})));
        };
        const auto makeLock = [&](const QString &dir, bool old) {
            const QString lock = writeFile(lockOf(dir), "");
            if (old) {
                QFile file(lock);
                if (!file.open(QIODevice::ReadWrite) || !file.setFileTime(QDateTime::currentDateTime().addSecs(-3600), QFileDevice::FileModificationTime))
                    qFatal("cannot age %s", qPrintable(lock));
            }
            return lock;
        };
        const QString stale = makeLock(path(s("wt/j1")), true);
        const QString held = makeLock(path(s("wt/j2")), true);
        const QString fresh = makeLock(path(s("wt/j3")), false);
        const QString user = makeLock(repoDir, true);
        const QString other = makeLock(path(s("feature")), true);
        QFile holder(held);
        QVERIFY(holder.open(QIODevice::ReadWrite));

        Result<QStringList> removed = removeStaleIndexLocks(repo);
        QVERIFY2(removed, qPrintable(removed.error().message));
        QCOMPARE(*removed, QStringList{stale});
        QVERIFY(!QFileInfo::exists(stale));
        QVERIFY(QFileInfo::exists(held));
        QVERIFY(QFileInfo::exists(fresh));
        QVERIFY(QFileInfo::exists(user));
        QVERIFY(QFileInfo::exists(other));

        holder.close();
        removed = removeStaleIndexLocks(repo, std::chrono::seconds(0));
        QVERIFY(removed);
        QCOMPARE(removed->size(), 2);
        QVERIFY(!QFileInfo::exists(held));
        QVERIFY(!QFileInfo::exists(fresh));
        QVERIFY(QFileInfo::exists(user));
        QVERIFY(QFileInfo::exists(other));
        // The worktree works again.
        writeFile(path(s("wt/j1/new.txt")), "new\n");
        QVERIFY(repo.commitAll(path(s("wt/j1")), s("after the lock")));
    }

    // discard removes worktree and branch and keeps attempt refs; gcRefs
    // removes exactly the named jobs' attempt refs.
    void discardAndGc()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, s("HEAD"));
        const QString one = toolResult(repo, s("j1"), base, {{s("c.txt"), "sea\n"}});
        QVERIFY(repo.keepRef(GitRepo::attemptRef(s("j1"), 1), one));
        QVERIFY(repo.keepRef(GitRepo::attemptRef(s("j1"), 2), one));
        QVERIFY(repo.keepRef(GitRepo::attemptRef(s("j10"), 1), one));

        QVERIFY(discardJob(repo, path(s("wt/j1")), GitRepo::jobBranch(s("run"), s("j1"))));
        QVERIFY(!QFileInfo::exists(path(s("wt/j1"))));
        git(repoDir, {s("rev-parse"), s("--verify"), s("--quiet"), s("refs/heads/orchestrator/run/j1")}, 1);
        QCOMPARE(rev(repoDir, GitRepo::attemptRef(s("j1"), 2)), one);

        const Result<GcReport> gc = gcRefs(repo, {s("j1"), s("j7")});
        QVERIFY2(gc, qPrintable(gc.error().message));
        QCOMPARE(gc->refsRemoved, 2);
        QCOMPARE(gc->removedRefs, (QStringList{GitRepo::attemptRef(s("j1"), 1), GitRepo::attemptRef(s("j1"), 2)}));
        QCOMPARE(git(repoDir, {s("for-each-ref"), s("--format=%(refname)"), s("refs/orchestrator/")}), GitRepo::attemptRef(s("j10"), 1).toUtf8());
        QVERIFY(!gcRefs(repo, {s("../x")}));
    }

private:
    static QString normalPath(const QString &dir)
    {
        const QString canonical = QFileInfo(dir).canonicalFilePath();
        return canonical.isEmpty() ? dir : canonical;
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() > 1 && args.at(1) == QStringLiteral("--land-child"))
        return landChild(args.mid(2));
    TestGitLand test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_gitland.moc"
