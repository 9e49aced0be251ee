// engine/git on real repositories in temporary directories with the real git
// binary: the base of a run (dirty, detached), worktrees, committing what a
// tool left, merging results (clean and conflicting), diffs, attempt refs,
// resets and removal -- and, through all of it, a user checkout that stays
// byte-identical. Also what goes wrong around git: missing, too old, hanging,
// a held index.lock. Every test runs with an empty HOME and no system config,
// so the machine's git configuration cannot change the outcome.

#include <memory>
#include <thread>
#include <vector>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "git/checkoutsnapshot.h"
#include "git/gitparse.h"
#include "git/gitprocess.h"
#include "git/gitrepo.h"
#include "testsupport.h"

using namespace Orchestrator;
using namespace TestSupport;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

// Test data with '|' for each NUL byte of git's -z output.
QByteArray nul(const char *text) { return QByteArray(text).replace('|', '\0'); }

const QString kSpacedName = QStringLiteral("docs/read me ü ✓.txt");

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

// Whether `pid` still exists as a running (not zombie) process.
bool processRuns(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && close + 2 < text.size() && text.at(close + 2) != 'Z';
}

} // namespace

class TestGit final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_dir;   // repositories and worktrees of one test
    GitSettings m_settings;

    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    // Runs the real git for a test's own setup and checks, outside the code under test.
    QByteArray git(const QString &dir, const QStringList &args, int expectedCode = 0,
                   const QProcessEnvironment &extra = {}) const
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
    QString rev(const QString &dir, const QString &revision) const
    {
        return QString::fromUtf8(git(dir, {QStringLiteral("rev-parse"), revision}));
    }

    // A repository with an identity and one commit of a few files.
    QString makeRepo(const QString &name = QStringLiteral("repo"), bool identity = true) const
    {
        const QString dir = path(name);
        QDir().mkpath(dir);
        git(dir, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main")});
        if (identity) {
            git(dir, {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Ada User")});
            git(dir, {QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("ada@example.org")});
        }
        writeFile(dir + QStringLiteral("/a.txt"), lines({"one", "two", "three", "four", "five", "six", "seven", "eight"}));
        writeFile(dir + QStringLiteral("/b.txt"), "bee\n");
        writeFile(dir + QStringLiteral("/.gitignore"), "*.log\n");
        git(dir, {QStringLiteral("add"), QStringLiteral("-A")});
        commit(dir, QStringLiteral("base"));
        return dir;
    }
    void commit(const QString &dir, const QString &message) const
    {
        QProcessEnvironment who;
        who.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Setup"));
        who.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("setup@example.org"));
        who.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Setup"));
        who.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("setup@example.org"));
        git(dir, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("--allow-empty"), QStringLiteral("-m"), message}, 0, who);
    }

    GitRepo open(const QString &dir) const
    {
        Result<GitRepo> repo = GitRepo::open(dir, m_settings);
        if (!repo)
            qFatal("open %s: %s", qPrintable(dir), qPrintable(repo.error().message));
        return *repo;
    }

    // A job's worktree and the commit a stand-in tool left in it: `files` written, uncommitted.
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

    QString writeScript(const QString &name, const QByteArray &body) const
    {
        const QString file = writeFile(path(name), "#!/bin/sh\n" + body);
        QFile::setPermissions(file, QFile::permissions(file) | QFileDevice::ExeOwner);
        return file;
    }

    QString refsOf(const QString &dir) const
    {
        return QString::fromUtf8(git(dir, {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname) %(objectname)")}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        m_settings.environment = QProcessEnvironment::systemEnvironment();
        m_settings.environment.insert(QStringLiteral("HOME"), m_home.path());
        m_settings.environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        m_settings.environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
        for (const char *name : {"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"})
            m_settings.environment.remove(QLatin1String(name));
        m_settings.timeoutMs = 30000;
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    // --- parsers ---------------------------------------------------------

    void parseVersion_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("version");
        QTest::newRow("debian") << QByteArray("git version 2.39.5\n") << QStringLiteral("2.39.5");
        QTest::newRow("apple") << QByteArray("git version 2.39.3 (Apple Git-145)\n") << QStringLiteral("2.39.3");
        QTest::newRow("windows") << QByteArray("git version 2.45.1.windows.1\n") << QStringLiteral("2.45.1");
        QTest::newRow("old") << QByteArray("git version 2.30.2\n") << QStringLiteral("2.30.2");
        QTest::newRow("not git") << QByteArray("hg version 6\n") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }
    void parseVersion()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, version);
        const QVersionNumber parsed = parseGitVersion(output);
        QCOMPARE(parsed.isNull() ? QString() : parsed.toString(), version);
    }

    void parseNumstat()
    {
        const QByteArray output = nul("3\t1\ta.txt|-\t-\tlogo.png|0\t0\t|old name.txt|new name.txt|2\t0\ttab\there.txt|");
        const QList<GitFileChange> changes = GitParse::numstat(output);
        QCOMPARE(changes.size(), 4);
        QCOMPARE(changes.at(0), (GitFileChange{QStringLiteral("a.txt"), {}, 3, 1, false}));
        QCOMPARE(changes.at(1), (GitFileChange{QStringLiteral("logo.png"), {}, 0, 0, true}));
        QCOMPARE(changes.at(2), (GitFileChange{QStringLiteral("new name.txt"), QStringLiteral("old name.txt"), 0, 0, false}));
        QCOMPARE(changes.at(3), (GitFileChange{QStringLiteral("tab\there.txt"), {}, 2, 0, false}));
    }

    void parseStatus()
    {
        const QByteArray output = nul(" M a.txt|R  new.txt|old.txt|?? dir/|D  gone.txt|");
        QCOMPARE(GitParse::statusPaths(output),
                 (QStringList{QStringLiteral("a.txt"), QStringLiteral("new.txt"), QStringLiteral("dir/"), QStringLiteral("gone.txt")}));
    }

    void parseMergeTree()
    {
        // Recorded from git 2.39: merge-tree --write-tree -z --name-only on a content conflict.
        const QByteArray output = nul("d1da4efdd2eb17328b23cd96344775acbd2c8e8f|f.txt||1|f.txt|Auto-merging|Auto-merging f.txt\n|"
                                      "1|f.txt|CONFLICT (contents)|CONFLICT (content): Merge conflict in f.txt\n|");
        const GitParse::MergeTreeOutput parsed = GitParse::mergeTree(output);
        QCOMPARE(parsed.tree, QStringLiteral("d1da4efdd2eb17328b23cd96344775acbd2c8e8f"));
        QCOMPARE(parsed.conflictedPaths, QStringList{QStringLiteral("f.txt")});
        QCOMPARE(parsed.conflictMessages, QStringList{QStringLiteral("CONFLICT (content): Merge conflict in f.txt")});
    }

    // --- git itself --------------------------------------------------------

    void gitMissing()
    {
        GitSettings settings = m_settings;
        QDir().mkpath(path(QStringLiteral("emptybin")));
        settings.environment.insert(QStringLiteral("PATH"), path(QStringLiteral("emptybin")));
        const Result<GitRepo> repo = GitRepo::open(makeRepo(), settings);
        QVERIFY(!repo);
        QVERIFY2(repo.error().message.contains(QStringLiteral("git is not installed")), qPrintable(repo.error().message));
        QVERIFY2(repo.error().message.contains(path(QStringLiteral("emptybin"))), qPrintable(repo.error().message));
    }

    void gitTooOld()
    {
        GitSettings settings = m_settings;
        settings.program = writeScript(QStringLiteral("oldgit"), "echo 'git version 2.30.2'\n");
        const Result<GitRepo> repo = GitRepo::open(makeRepo(), settings);
        QVERIFY(!repo);
        QVERIFY2(repo.error().message.contains(QStringLiteral("git 2.30.2 is too old")), qPrintable(repo.error().message));
        QVERIFY2(repo.error().message.contains(QStringLiteral("2.38")), qPrintable(repo.error().message));
    }

    // A git that hangs is killed at the timeout with its whole process group
    // (here a grandchild `sleep`), and the error says which command timed out.
    void timeoutKillsGroup()
    {
        const QString repoDir = makeRepo();
        const QString pidFile = path(QStringLiteral("sleeper.pid"));
        GitSettings settings = m_settings;
        settings.program = writeScript(QStringLiteral("hanginggit"),
                                       "for a in \"$@\"; do [ \"$a\" = --version ] && exec '" + realGit().toUtf8() + "' --version; done\n"
                                       "sleep 60 &\necho $! > '" + pidFile.toUtf8() + "'\nwait\n");
        settings.timeoutMs = 500;
        QElapsedTimer clock;
        clock.start();
        const Result<GitRepo> repo = GitRepo::open(repoDir, settings);
        QVERIFY(!repo);
        QVERIFY2(clock.elapsed() < 20000, "the timeout did not stop the hanging git");
        const QString &message = repo.error().message;
        QVERIFY2(message.contains(QStringLiteral("git rev-parse --show-toplevel")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("timed out after 500 ms")), qPrintable(message));
        const qint64 sleeper = readFile(pidFile).trimmed().toLongLong();
        QVERIFY(sleeper > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!processRuns(sleeper), 10000);
    }

    // A held index.lock (another git, or one killed mid-write) makes the
    // commit fail with git's own message, naming the command and directory.
    void heldIndexLock()
    {
        const GitRepo repo = open(makeRepo());
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), QStringLiteral("HEAD")));
        writeFile(dir + QStringLiteral("/new.txt"), "new\n");
        const QString lock = QString::fromUtf8(git(dir, {QStringLiteral("rev-parse"), QStringLiteral("--git-path"), QStringLiteral("index.lock")}));
        writeFile(QDir(dir).absoluteFilePath(lock), "");
        const Result<QString> result = repo.commitAll(dir, QStringLiteral("j1"));
        QVERIFY(!result);
        const QString &message = result.error().message;
        QVERIFY2(message.contains(QStringLiteral("git add -A failed in ") + dir), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("index.lock")), qPrintable(message));
    }

    // --- opening and the base ----------------------------------------------

    void openFindsTop()
    {
        const QString repoDir = makeRepo();
        QDir().mkpath(repoDir + QStringLiteral("/src/deep"));
        const GitRepo repo = open(repoDir + QStringLiteral("/src/deep"));
        QCOMPARE(repo.top(), QFileInfo(repoDir).canonicalFilePath());
    }

    void openRefusesNonWorkTree_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("plain directory") << QStringLiteral("plain");
        QTest::newRow("inside .git") << QStringLiteral("dotgit");
        QTest::newRow("bare repository") << QStringLiteral("bare");
        QTest::newRow("missing directory") << QStringLiteral("missing");
    }
    void openRefusesNonWorkTree()
    {
        QFETCH(QString, kind);
        QString target = path(QStringLiteral("plain"));
        QDir().mkpath(target);
        if (kind == QLatin1String("dotgit")) {
            target = makeRepo() + QStringLiteral("/.git");
        } else if (kind == QLatin1String("bare")) {
            target = path(QStringLiteral("bare.git"));
            QDir().mkpath(target);
            git(target, {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare")});
        } else if (kind == QLatin1String("missing")) {
            target = path(QStringLiteral("nothing/here"));
        }
        // GIT_CEILING_DIRECTORIES: the temporary directory's parents may be a repository.
        GitSettings settings = m_settings;
        settings.environment.insert(QStringLiteral("GIT_CEILING_DIRECTORIES"), m_dir->path());
        const Result<GitRepo> repo = GitRepo::open(target, settings);
        QVERIFY(!repo);
        QVERIFY2(repo.error().message.contains(target), qPrintable(repo.error().message));
        QVERIFY2(repo.error().message.contains(QStringLiteral("not")), qPrintable(repo.error().message));
    }

    void baseOnBranch()
    {
        const QString dir = makeRepo();
        const Result<GitBase> base = open(dir).base();
        QVERIFY2(base, qPrintable(base.error().message));
        QCOMPARE(base->commit, rev(dir, QStringLiteral("HEAD")));
        QCOMPARE(base->commit.size(), 40);
        QCOMPARE(base->branch, QStringLiteral("main"));
        QVERIFY(!base->detached());
        QVERIFY(!base->dirty());
        QVERIFY(open(dir).dirtyWarning(*base).isEmpty());
    }

    void baseDetached()
    {
        const QString dir = makeRepo();
        const QString first = rev(dir, QStringLiteral("HEAD"));
        commit(dir, QStringLiteral("second"));
        git(dir, {QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("--detach"), first});
        const Result<GitBase> base = open(dir).base();
        QVERIFY2(base, qPrintable(base.error().message));
        QCOMPARE(base->commit, first);
        QVERIFY(base->detached());
        QCOMPARE(base->branch, QString());
    }

    void baseDirty()
    {
        const QString dir = makeRepo();
        writeFile(dir + QStringLiteral("/a.txt"), "changed\n");                                  // modified
        writeFile(dir + QStringLiteral("/staged.txt"), "staged\n");
        git(dir, {QStringLiteral("add"), QStringLiteral("staged.txt")});                          // staged
        QFile::remove(dir + QStringLiteral("/b.txt"));                                           // deleted
        writeFile(dir + QLatin1Char('/') + kSpacedName, "untracked\n");                          // untracked
        writeFile(dir + QStringLiteral("/ignored.log"), "ignored\n");                             // ignored: not dirty
        const GitRepo repo = open(dir);
        const Result<GitBase> base = repo.base();
        QVERIFY2(base, qPrintable(base.error().message));
        QVERIFY(base->dirty());
        QStringList paths = base->dirtyPaths;
        paths.sort();
        QCOMPARE(paths, (QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt"), QStringLiteral("docs/"), QStringLiteral("staged.txt")}));
        const QString warning = repo.dirtyWarning(*base);
        QVERIFY2(warning.startsWith(QStringLiteral("uncommitted changes in ") + repo.top() + QStringLiteral(": ")), qPrintable(warning));
        QVERIFY2(warning.endsWith(QStringLiteral(": not part of the base")), qPrintable(warning));
        QVERIFY2(warning.contains(QStringLiteral("staged.txt")), qPrintable(warning));
    }

    void baseWithoutCommit()
    {
        const QString dir = path(QStringLiteral("fresh"));
        QDir().mkpath(dir);
        git(dir, {QStringLiteral("init"), QStringLiteral("-q")});
        const Result<GitBase> base = open(dir).base();
        QVERIFY(!base);
        QVERIFY2(base.error().message.contains(QStringLiteral("no commit yet")), qPrintable(base.error().message));
    }

    // --- worktrees -----------------------------------------------------------

    void addWorktree()
    {
        const QString repoDir = makeRepo();
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        commit(repoDir, QStringLiteral("later"));
        const GitRepo repo = open(repoDir);
        const QString dir = path(QStringLiteral("data/worktrees/run/j1"));
        const Status added = repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), base);
        QVERIFY2(added, qPrintable(added.error().message));
        QCOMPARE(rev(dir, QStringLiteral("HEAD")), base);
        QCOMPARE(git(dir, {QStringLiteral("symbolic-ref"), QStringLiteral("HEAD")}), QByteArray("refs/heads/orchestrator/run/j1"));
        QCOMPARE(readFile(dir + QStringLiteral("/b.txt")), QByteArray("bee\n"));
        QCOMPARE(rev(repoDir, QStringLiteral("HEAD")), rev(repoDir, QStringLiteral("main")));
        QVERIFY(rev(repoDir, QStringLiteral("HEAD")) != base);

        const Result<QList<GitWorktree>> list = repo.worktrees();
        QVERIFY(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(1).path, QFileInfo(dir).canonicalFilePath());
        QCOMPARE(list->at(1).branch, QStringLiteral("refs/heads/orchestrator/run/j1"));
    }

    // Worktrees of one repository made at once (jobs starting together on
    // several workers): `git worktree add` alone fails now and then with
    // "failed to read .git/worktrees/X/commondir" while another is being made.
    void addWorktreesAtOnce()
    {
        const QString repoDir = makeRepo();
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        const GitRepo repo = open(repoDir);
        constexpr int kThreads = 8;
        constexpr int kEach = 4;
        QStringList errors[kThreads];
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                const GitRepo mine = repo;
                for (int i = 0; i < kEach; ++i) {
                    const QString job = QStringLiteral("t%1-%2").arg(t).arg(i);
                    const Status added = mine.addWorktree(path(QStringLiteral("data/worktrees/run/") + job),
                                                          GitRepo::jobBranch(QStringLiteral("run"), job), base);
                    if (!added)
                        errors[t].append(added.error().message);
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QStringList all;
        for (const QStringList &list : errors)
            all += list;
        QVERIFY2(all.isEmpty(), qPrintable(all.join(QLatin1Char('\n'))));
        const Result<QList<GitWorktree>> list = repo.worktrees();
        QVERIFY(list);
        QCOMPARE(list->size(), 1 + kThreads * kEach);
    }

    void addWorktreeRefuses_data()
    {
        QTest::addColumn<QString>("dir");        // relative to the test directory
        QTest::addColumn<QString>("branch");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("reason");
        QTest::newRow("branch exists") << s("wt/other") << s("orchestrator/run/j1") << s("HEAD") << s("branch orchestrator/run/j1");
        QTest::newRow("worktree at dir") << s("wt/j1") << s("orchestrator/run/j2") << s("HEAD") << s("already a worktree");
        QTest::newRow("dir not empty") << s("full") << s("orchestrator/run/j3") << s("HEAD") << s("already exists");
        QTest::newRow("user's branch") << s("wt/x") << s("main") << s("HEAD") << s("not an orchestrator branch");
        QTest::newRow("bad branch name") << s("wt/x") << s("orchestrator/a..b") << s("HEAD") << s("not a valid git branch name");
        QTest::newRow("inside the checkout") << s("repo/sub") << s("orchestrator/run/j4") << s("HEAD") << s("inside the user's checkout");
        QTest::newRow("no such commit") << s("wt/x") << s("orchestrator/run/j5") << s("nosuchrev") << s("names no commit");
    }
    void addWorktreeRefuses()
    {
        QFETCH(QString, dir);
        QFETCH(QString, branch);
        QFETCH(QString, from);
        QFETCH(QString, reason);
        const GitRepo repo = open(makeRepo());
        QVERIFY(repo.addWorktree(path(QStringLiteral("wt/j1")), QStringLiteral("orchestrator/run/j1"), QStringLiteral("HEAD")));
        writeFile(path(QStringLiteral("full/keep.txt")), "mine\n");
        const QString before = refsOf(repo.top());
        const Status added = repo.addWorktree(path(dir), branch, from);
        QVERIFY(!added);
        QVERIFY2(added.error().message.contains(reason), qPrintable(added.error().message));
        QCOMPARE(refsOf(repo.top()), before);
        QCOMPARE(readFile(path(QStringLiteral("full/keep.txt"))), QByteArray("mine\n"));
        QCOMPARE(repo.worktrees()->size(), 2);
    }

    void addWorktreeReuse()
    {
        const GitRepo repo = open(makeRepo());
        const QString dir = path(QStringLiteral("wt/j1"));
        const QString branch = QStringLiteral("orchestrator/run/j1");
        QVERIFY(repo.addWorktree(dir, branch, QStringLiteral("HEAD")));
        writeFile(dir + QStringLiteral("/work.txt"), "in progress\n");
        // The same worktree again: kept as it is.
        QVERIFY(repo.addWorktree(dir, branch, QStringLiteral("HEAD"), GitRepo::Reuse::Yes));
        QCOMPARE(readFile(dir + QStringLiteral("/work.txt")), QByteArray("in progress\n"));
        // The branch without its worktree (removed, branch kept): checked out again.
        const QString tip = *repo.commitAll(dir, QStringLiteral("j1"));
        QVERIFY(repo.removeWorktree(dir, branch, GitRepo::DeleteBranch::No));
        QVERIFY(!QFileInfo::exists(dir));
        QVERIFY(!repo.addWorktree(dir, branch, QStringLiteral("HEAD")));
        const Status reused = repo.addWorktree(dir, branch, QStringLiteral("HEAD"), GitRepo::Reuse::Yes);
        QVERIFY2(reused, qPrintable(reused.error().message));
        QCOMPARE(rev(dir, QStringLiteral("HEAD")), tip);
        QCOMPARE(readFile(dir + QStringLiteral("/work.txt")), QByteArray("in progress\n"));
    }

    // --- committing what a tool left ----------------------------------------

    void commitAllLeftovers()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), base));
        writeFile(dir + QStringLiteral("/a.txt"), "rewritten\n");
        QFile::remove(dir + QStringLiteral("/b.txt"));
        writeFile(dir + QLatin1Char('/') + kSpacedName, "spaces and unicode\n");
        writeFile(dir + QStringLiteral("/build.log"), "ignored output\n");

        const Result<QString> result = repo.commitAll(dir, QStringLiteral("j1 attempt 1: fix the bug"));
        QVERIFY2(result, qPrintable(result.error().message));
        QVERIFY(*result != base);
        QCOMPARE(rev(dir, QStringLiteral("HEAD")), *result);
        QCOMPARE(rev(repoDir, QStringLiteral("orchestrator/run/j1")), *result);
        QCOMPARE(rev(repoDir, *result + QStringLiteral("^")), base);
        QCOMPARE(git(dir, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%B")}), QByteArray("j1 attempt 1: fix the bug"));
        QCOMPARE(git(dir, {QStringLiteral("-c"), QStringLiteral("core.quotePath=false"), QStringLiteral("show"), QStringLiteral("--name-status"),
                           QStringLiteral("--format=")}),
                 QByteArray("M\ta.txt\nD\tb.txt\nA\t") + kSpacedName.toUtf8());
        QCOMPARE(git(dir, {QStringLiteral("status"), QStringLiteral("--porcelain")}), QByteArray());
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/build.log")));
        QCOMPARE(rev(repoDir, QStringLiteral("main")), base);
    }

    void commitAllNothingLeft()
    {
        const GitRepo repo = open(makeRepo());
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), QStringLiteral("HEAD")));
        // The tool committed on its own and left nothing.
        writeFile(dir + QStringLiteral("/a.txt"), "by the tool\n");
        git(dir, {QStringLiteral("add"), QStringLiteral("a.txt")});
        commit(dir, QStringLiteral("the tool's own commit"));
        const QString toolHead = rev(dir, QStringLiteral("HEAD"));
        const Result<QString> result = repo.commitAll(dir, QStringLiteral("j1 attempt 1"));
        QVERIFY2(result, qPrintable(result.error().message));
        QCOMPARE(*result, toolHead);
        QCOMPARE(rev(dir, QStringLiteral("HEAD")), toolHead);
    }

    void commitAllIdentity_data()
    {
        QTest::addColumn<bool>("configured");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("user's identity") << true << QByteArray("Ada User <ada@example.org> / Ada User <ada@example.org>");
        QTest::newRow("fallback") << false << QByteArray("Orchestrator <orchestrator@localhost> / Orchestrator <orchestrator@localhost>");
    }
    void commitAllIdentity()
    {
        QFETCH(bool, configured);
        QFETCH(QByteArray, expected);
        const GitRepo repo = open(makeRepo(QStringLiteral("repo"), configured));
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), QStringLiteral("HEAD")));
        writeFile(dir + QStringLiteral("/new.txt"), "new\n");
        const Result<QString> result = repo.commitAll(dir, QStringLiteral("j1"));
        QVERIFY2(result, qPrintable(result.error().message));
        QCOMPARE(git(dir, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an <%ae> / %cn <%ce>")}), expected);
    }

    // The user's hooks never run for orchestrator commits.
    void commitAllSkipsHooks()
    {
        const QString repoDir = makeRepo();
        const QString marker = path(QStringLiteral("hook-ran"));
        const QString hooks = repoDir + QStringLiteral("/.git/hooks");
        for (const char *hook : {"pre-commit", "commit-msg", "post-commit", "post-checkout"}) {
            const QString file = writeFile(hooks + QLatin1Char('/') + QLatin1String(hook), "#!/bin/sh\ntouch '" + marker.toUtf8() + "'\nexit 1\n");
            QFile::setPermissions(file, QFile::permissions(file) | QFileDevice::ExeOwner);
        }
        const GitRepo repo = open(repoDir);
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), QStringLiteral("HEAD")));
        writeFile(dir + QStringLiteral("/new.txt"), "new\n");
        const Result<QString> result = repo.commitAll(dir, QStringLiteral("j1"));
        QVERIFY2(result, qPrintable(result.error().message));
        QVERIFY(*result != rev(repoDir, QStringLiteral("main")));
        QVERIFY(!QFileInfo::exists(marker));
    }

    void commitAllRefusesUserCheckout()
    {
        const QString repoDir = makeRepo();
        writeFile(repoDir + QStringLiteral("/a.txt"), "user's edit\n");
        const GitRepo repo = open(repoDir);
        const QString head = rev(repoDir, QStringLiteral("HEAD"));
        const Result<QString> result = repo.commitAll(repoDir, QStringLiteral("no"));
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(QStringLiteral("user's checkout")), qPrintable(result.error().message));
        QCOMPARE(rev(repoDir, QStringLiteral("HEAD")), head);
        QCOMPARE(git(repoDir, {QStringLiteral("status"), QStringLiteral("--porcelain")}), QByteArray("M a.txt"));
    }

    // --- merging results -----------------------------------------------------

    void mergeClean()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        // Two jobs editing different lines of one file, and a third adding a file.
        const QString one = toolResult(repo, QStringLiteral("j1"), base, {{QStringLiteral("a.txt"), lines({"ONE", "two", "three", "four", "five", "six", "seven", "eight"})}});
        const QString two = toolResult(repo, QStringLiteral("j2"), base, {{QStringLiteral("a.txt"), lines({"one", "two", "three", "four", "five", "six", "seven", "EIGHT"})}});
        const QString three = toolResult(repo, QStringLiteral("j3"), base, {{kSpacedName, "new\n"}});
        const QString refsBefore = refsOf(repoDir);

        const Result<GitMerge> merge = repo.mergeCommits({one, two, three}, QStringLiteral("merge of j1, j2, j3"));
        QVERIFY2(merge, qPrintable(merge.error().message));
        QVERIFY(!merge->conflicted());
        QCOMPARE(merge->tree, rev(repoDir, merge->commit + QStringLiteral("^{tree}")));
        QCOMPARE(git(repoDir, {QStringLiteral("show"), merge->commit + QStringLiteral(":a.txt")}),
                 lines({"ONE", "two", "three", "four", "five", "six", "seven", "EIGHT"}).trimmed());
        QCOMPARE(git(repoDir, {QStringLiteral("show"), merge->commit + QLatin1Char(':') + kSpacedName}), QByteArray("new"));
        for (const QString &input : {one, two, three})
            git(repoDir, {QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), input, merge->commit});
        QCOMPARE(git(repoDir, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%B"), merge->commit}), QByteArray("merge of j1, j2, j3"));
        QCOMPARE(refsOf(repoDir), refsBefore);
    }

    void mergeConflict()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        const QString one = toolResult(repo, QStringLiteral("j1"), base, {{QStringLiteral("a.txt"), lines({"uno", "two", "three", "four", "five", "six", "seven", "eight"})}});
        const QString two = toolResult(repo, QStringLiteral("j2"), base, {{QStringLiteral("b.txt"), "bumble\n"}});
        const QString three = toolResult(repo, QStringLiteral("j3"), base, {{QStringLiteral("a.txt"), lines({"eins", "two", "three", "four", "five", "six", "seven", "eight"})},
                                                                           {QStringLiteral("c.txt"), "sea\n"}});
        const QString refsBefore = refsOf(repoDir);
        const QString statusBefore = QString::fromUtf8(git(repoDir, {QStringLiteral("status"), QStringLiteral("--porcelain")}));

        const Result<GitMerge> merge = repo.mergeCommits({one, two, three}, QStringLiteral("merge"));
        QVERIFY2(merge, qPrintable(merge.error().message));
        QVERIFY(merge->conflicted());
        QVERIFY(merge->commit.isEmpty());
        QCOMPARE(merge->failedInput, 2);
        QCOMPARE(merge->conflicts.size(), 1);
        QCOMPARE(merge->conflicts.at(0).path, QStringLiteral("a.txt"));
        QCOMPARE(merge->conflicts.at(0).inputs, (QList<int>{0, 2}));
        QCOMPARE(merge->messages, QStringList{QStringLiteral("CONFLICT (content): Merge conflict in a.txt")});
        QCOMPARE(refsOf(repoDir), refsBefore);
        QCOMPARE(QString::fromUtf8(git(repoDir, {QStringLiteral("status"), QStringLiteral("--porcelain")})), statusBefore);
    }

    void mergeAncestry()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        const QString one = toolResult(repo, QStringLiteral("j1"), base, {{QStringLiteral("a.txt"), "j1\n"}});
        // j2 ran on j1's result: it contains it.
        const QString two = toolResult(repo, QStringLiteral("j2"), one, {{QStringLiteral("b.txt"), "j2\n"}});

        const auto merged = [&](const QStringList &commits) {
            const Result<GitMerge> merge = repo.mergeCommits(commits, QStringLiteral("merge"));
            return merge ? merge->commit : QStringLiteral("error: ") + merge.error().message;
        };
        QCOMPARE(merged({one}), one);
        QCOMPARE(merged({base, one}), one);
        QCOMPARE(merged({one, base}), one);
        QCOMPARE(merged({one, two}), two);
        QCOMPARE(merged({two, one}), two);
        QVERIFY(merged({QStringLiteral("nosuchrev")}).contains(QStringLiteral("nosuchrev names no commit")));
        QVERIFY(!repo.mergeCommits({}, QStringLiteral("merge")));
    }

    // --- diffs ---------------------------------------------------------------

    void diffStat()
    {
        const QString repoDir = makeRepo();
        writeFile(repoDir + QStringLiteral("/moved.txt"), lines({"a fairly long line one", "a fairly long line two", "a fairly long line three"}));
        git(repoDir, {QStringLiteral("add"), QStringLiteral("-A")});
        commit(repoDir, QStringLiteral("more"));
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), base));
        writeFile(dir + QStringLiteral("/a.txt"), lines({"one", "TWO", "three", "four", "five", "six", "seven", "eight", "nine"}));
        QFile::remove(dir + QStringLiteral("/b.txt"));
        QVERIFY(QFile::rename(dir + QStringLiteral("/moved.txt"), dir + QStringLiteral("/renamed.txt")));
        writeFile(dir + QStringLiteral("/logo.png"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\xff", 18));
        writeFile(dir + QLatin1Char('/') + kSpacedName, "x\ny\n");
        const QString result = *repo.commitAll(dir, QStringLiteral("j1"));

        const Result<QList<GitFileChange>> stat = repo.diffStat(base, result);
        QVERIFY2(stat, qPrintable(stat.error().message));
        QMap<QString, GitFileChange> byPath;
        for (const GitFileChange &change : *stat)
            byPath.insert(change.path, change);
        QCOMPARE(byPath.size(), 5);
        QCOMPARE(byPath.value(QStringLiteral("a.txt")), (GitFileChange{QStringLiteral("a.txt"), {}, 2, 1, false}));
        QCOMPARE(byPath.value(QStringLiteral("b.txt")), (GitFileChange{QStringLiteral("b.txt"), {}, 0, 1, false}));
        QCOMPARE(byPath.value(QStringLiteral("renamed.txt")), (GitFileChange{QStringLiteral("renamed.txt"), QStringLiteral("moved.txt"), 0, 0, false}));
        QCOMPARE(byPath.value(QStringLiteral("logo.png")), (GitFileChange{QStringLiteral("logo.png"), {}, 0, 0, true}));
        QCOMPARE(byPath.value(kSpacedName), (GitFileChange{kSpacedName, {}, 2, 0, false}));

        const Result<QByteArray> diff = repo.diff(base, result);
        QVERIFY2(diff, qPrintable(diff.error().message));
        QVERIFY(diff->contains("diff --git a/a.txt b/a.txt\n"));
        QVERIFY(diff->contains("\n-two\n+TWO\n"));
        QVERIFY(diff->contains("rename from moved.txt\nrename to renamed.txt\n"));
        QVERIFY(diff->contains("Binary files /dev/null and b/logo.png differ"));
        QVERIFY(diff->contains(QByteArray("+++ b/" + kSpacedName.toUtf8())));
        QVERIFY(!diff->contains("\x1b["));

        const Result<QList<GitFileChange>> none = repo.diffStat(base, base);
        QVERIFY(none);
        QVERIFY(none->isEmpty());
        QVERIFY(!repo.diffStat(base, QStringLiteral("nosuchrev")));
    }

    // The user's diff configuration does not change what we parse.
    void diffIgnoresUserConfig()
    {
        const QString repoDir = makeRepo();
        git(repoDir, {QStringLiteral("config"), QStringLiteral("diff.noprefix"), QStringLiteral("true")});
        git(repoDir, {QStringLiteral("config"), QStringLiteral("color.ui"), QStringLiteral("always")});
        git(repoDir, {QStringLiteral("config"), QStringLiteral("diff.external"), QStringLiteral("/bin/false")});
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        const QString result = toolResult(repo, QStringLiteral("j1"), base, {{QStringLiteral("b.txt"), "buzz\n"}});
        const Result<QByteArray> diff = repo.diff(base, result);
        QVERIFY2(diff, qPrintable(diff.error().message));
        QVERIFY2(diff->contains("--- a/b.txt\n+++ b/b.txt\n"), diff->constData());
        QVERIFY(!diff->contains("\x1b["));
    }

    // --- refs, resets, removal -----------------------------------------------

    void keepRef()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString result = toolResult(repo, QStringLiteral("j1"), QStringLiteral("HEAD"), {{QStringLiteral("a.txt"), "failed attempt\n"}});
        const QString ref = GitRepo::attemptRef(QStringLiteral("j1"), 1);
        QCOMPARE(ref, QStringLiteral("refs/orchestrator/attempts/j1/1"));
        const Status kept = repo.keepRef(ref, result);
        QVERIFY2(kept, qPrintable(kept.error().message));
        QCOMPARE(rev(repoDir, ref), result);

        QVERIFY(!repo.keepRef(QStringLiteral("refs/heads/main"), result));
        QVERIFY(!repo.keepRef(QStringLiteral("refs/orchestrator/bad..name"), result));
        QVERIFY(!repo.keepRef(GitRepo::attemptRef(QStringLiteral("j1"), 2), QStringLiteral("nosuchrev")));
        QCOMPARE(rev(repoDir, QStringLiteral("main")), rev(repoDir, QStringLiteral("HEAD")));
    }

    void resetWorktree()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString base = rev(repoDir, QStringLiteral("HEAD"));
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, QStringLiteral("orchestrator/run/j1"), base));
        // A failed attempt: a commit, then leftovers of every kind.
        writeFile(dir + QStringLiteral("/a.txt"), "committed\n");
        QVERIFY(repo.commitAll(dir, QStringLiteral("attempt 1")));
        writeFile(dir + QStringLiteral("/b.txt"), "modified\n");
        writeFile(dir + QStringLiteral("/untracked/new.txt"), "new\n");
        writeFile(dir + QStringLiteral("/out.log"), "ignored\n");
        QDir().mkpath(dir + QStringLiteral("/nested"));
        git(dir + QStringLiteral("/nested"), {QStringLiteral("init"), QStringLiteral("-q")});

        const Status reset = repo.resetWorktree(dir, base);
        QVERIFY2(reset, qPrintable(reset.error().message));
        QCOMPARE(rev(dir, QStringLiteral("HEAD")), base);
        QCOMPARE(git(dir, {QStringLiteral("status"), QStringLiteral("--porcelain"), QStringLiteral("--ignored")}), QByteArray());
        QCOMPARE(readFile(dir + QStringLiteral("/b.txt")), QByteArray("bee\n"));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/out.log")));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/nested")));
    }

    void resetRefusesUserCheckout()
    {
        const QString repoDir = makeRepo();
        writeFile(repoDir + QStringLiteral("/untracked.txt"), "the user's\n");
        const GitRepo repo = open(repoDir);
        const Status reset = repo.resetWorktree(repoDir, QStringLiteral("HEAD"));
        QVERIFY(!reset);
        QVERIFY2(reset.error().message.contains(QStringLiteral("user's checkout")), qPrintable(reset.error().message));
        QVERIFY(QFileInfo::exists(repoDir + QStringLiteral("/untracked.txt")));
        QVERIFY(!repo.resetWorktree(path(QStringLiteral("elsewhere")), QStringLiteral("HEAD")));
    }

    void removeWorktree()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        const QString branch = QStringLiteral("orchestrator/run/j1");
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, branch, QStringLiteral("HEAD")));
        writeFile(dir + QStringLiteral("/dirty.txt"), "left behind\n");
        const Status removed = repo.removeWorktree(dir, branch, GitRepo::DeleteBranch::Yes);
        QVERIFY2(removed, qPrintable(removed.error().message));
        QVERIFY(!QFileInfo::exists(dir));
        QCOMPARE(repo.worktrees()->size(), 1);
        git(repoDir, {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"), QStringLiteral("refs/heads/") + branch}, 1);
        // Again: nothing left to do.
        QVERIFY(repo.removeWorktree(dir, branch, GitRepo::DeleteBranch::Yes));
    }

    void removeWorktreeRefuses()
    {
        const QString repoDir = makeRepo();
        const GitRepo repo = open(repoDir);
        writeFile(path(QStringLiteral("notours/file.txt")), "keep\n");
        QVERIFY(!repo.removeWorktree(path(QStringLiteral("notours")), QStringLiteral("orchestrator/run/x"), GitRepo::DeleteBranch::No));
        QVERIFY(QFileInfo::exists(path(QStringLiteral("notours/file.txt"))));
        QVERIFY(!repo.removeWorktree(repoDir, QStringLiteral("orchestrator/run/x"), GitRepo::DeleteBranch::No));
        QVERIFY(QFileInfo::exists(repoDir + QStringLiteral("/a.txt")));
        QVERIFY(!repo.removeWorktree(path(QStringLiteral("wt/x")), QStringLiteral("main"), GitRepo::DeleteBranch::Yes));
        QCOMPARE(rev(repoDir, QStringLiteral("main")), rev(repoDir, QStringLiteral("HEAD")));
    }

    // A worktree directory deleted behind git's back (a crash, rm -rf) is
    // forgotten by prune and can be created again.
    void pruneAfterManualRemoval()
    {
        const GitRepo repo = open(makeRepo());
        const QString branch = QStringLiteral("orchestrator/run/j1");
        const QString dir = path(QStringLiteral("wt/j1"));
        QVERIFY(repo.addWorktree(dir, branch, QStringLiteral("HEAD")));
        QVERIFY(QDir(dir).removeRecursively());
        QVERIFY(repo.worktrees()->at(1).prunable);
        QVERIFY(repo.prune());
        QCOMPARE(repo.worktrees()->size(), 1);
        QVERIFY(repo.addWorktree(dir, branch, QStringLiteral("HEAD"), GitRepo::Reuse::Yes));
        QVERIFY(QFileInfo::exists(dir + QStringLiteral("/a.txt")));
    }

    // --- the user's checkout ---------------------------------------------------

    // The snapshot sees every kind of change it is meant to guard against,
    // so an equal snapshot below means something.
    void snapshotDetects_data()
    {
        QTest::addColumn<QStringList>("gitArgs");   // run in the checkout, or empty
        QTest::addColumn<QString>("file");          // else this file is rewritten
        QTest::addColumn<QString>("difference");
        QTest::newRow("index") << QStringList{QStringLiteral("add"), QStringLiteral("a.txt")} << QString() << s("git directory: index changed");
        QTest::newRow("branch switch") << QStringList{QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("other")} << QString() << s("git directory: HEAD changed");
        QTest::newRow("branch moved") << QStringList{QStringLiteral("branch"), QStringLiteral("-f"), QStringLiteral("side"), QStringLiteral("HEAD~1")} << QString() << s("refs: refs/heads/side changed");
        QTest::newRow("stash") << QStringList{QStringLiteral("stash"), QStringLiteral("-q")} << QString() << s("refs: refs/stash changed");
        QTest::newRow("working file") << QStringList() << QStringLiteral("b.txt") << s("work tree: b.txt changed");
        QTest::newRow("new file") << QStringList() << QStringLiteral("new/x.txt") << s("work tree: new/x.txt added");
    }
    void snapshotDetects()
    {
        QFETCH(QStringList, gitArgs);
        QFETCH(QString, file);
        QFETCH(QString, difference);
        const QString repoDir = makeRepo();
        commit(repoDir, QStringLiteral("second"));
        git(repoDir, {QStringLiteral("branch"), QStringLiteral("side")});
        writeFile(repoDir + QStringLiteral("/a.txt"), "dirty\n");
        writeFile(repoDir + QStringLiteral("/x.txt"), "stashed\n");
        git(repoDir, {QStringLiteral("add"), QStringLiteral("x.txt")});
        git(repoDir, {QStringLiteral("stash"), QStringLiteral("-q")});
        writeFile(repoDir + QStringLiteral("/a.txt"), "dirty\n");
        const GitRepo repo = open(repoDir);
        const Result<CheckoutSnapshot> before = CheckoutSnapshot::take(repo);
        QVERIFY2(before, qPrintable(before.error().message));
        QVERIFY(before->refs.contains(QStringLiteral("refs/stash")));
        if (!gitArgs.isEmpty())
            git(repoDir, gitArgs);
        else
            writeFile(repoDir + QLatin1Char('/') + file, "changed\n");
        const Result<CheckoutSnapshot> after = CheckoutSnapshot::take(repo);
        QVERIFY(after);
        QVERIFY(!(*before == *after));
        QVERIFY2(before->differences(*after).contains(difference), qPrintable(before->differences(*after).join(QStringLiteral("; "))));
    }

    // Every call of the git layer, in the order a run makes them, on a user
    // checkout with staged, modified and untracked files and a stash: the
    // checkout is byte-identical afterwards.
    void userCheckoutUntouched()
    {
        const QString repoDir = makeRepo();
        git(repoDir, {QStringLiteral("branch"), QStringLiteral("feature")});
        writeFile(repoDir + QStringLiteral("/stashed.txt"), "stashed\n");
        git(repoDir, {QStringLiteral("add"), QStringLiteral("stashed.txt")});
        git(repoDir, {QStringLiteral("stash"), QStringLiteral("-q")});
        writeFile(repoDir + QStringLiteral("/a.txt"), lines({"user", "edit"}));
        writeFile(repoDir + QStringLiteral("/staged.txt"), "staged\n");
        git(repoDir, {QStringLiteral("add"), QStringLiteral("staged.txt")});
        writeFile(repoDir + QLatin1Char('/') + kSpacedName, "untracked\n");
        writeFile(repoDir + QStringLiteral("/debug.log"), "ignored\n");
        // An old index time stamp: a status that refreshed the index would rewrite it.
        QFile index(repoDir + QStringLiteral("/.git/index"));
        QVERIFY(index.open(QIODevice::ReadWrite));
        QVERIFY(index.setFileTime(QDateTime::currentDateTime().addDays(-1), QFileDevice::FileModificationTime));
        index.close();

        const GitRepo repo = open(repoDir);
        const Result<CheckoutSnapshot> before = CheckoutSnapshot::take(repo);
        QVERIFY2(before, qPrintable(before.error().message));

        const Result<GitBase> base = repo.base();
        QVERIFY(base);
        QVERIFY(base->dirty());
        const QString one = toolResult(repo, QStringLiteral("j1"), base->commit, {{QStringLiteral("a.txt"), "j1\n"}});
        const QString two = toolResult(repo, QStringLiteral("j2"), base->commit, {{QStringLiteral("b.txt"), "j2\n"}});
        const Result<GitMerge> merged = repo.mergeCommits({one, two}, QStringLiteral("merge"));
        QVERIFY(merged && !merged->conflicted());
        const QString three = toolResult(repo, QStringLiteral("j3"), merged->commit, {{QStringLiteral("c.txt"), "j3\n"}});
        const QString four = toolResult(repo, QStringLiteral("j4"), base->commit, {{QStringLiteral("a.txt"), "j4\n"}});
        const Result<GitMerge> conflict = repo.mergeCommits({one, four}, QStringLiteral("merge"));
        QVERIFY(conflict && conflict->conflicted());
        QVERIFY(repo.diffStat(base->commit, three));
        QVERIFY(repo.diff(base->commit, three));
        QVERIFY(repo.keepRef(GitRepo::attemptRef(QStringLiteral("j4"), 1), four));
        QVERIFY(repo.resetWorktree(path(QStringLiteral("wt/j4")), base->commit));
        QVERIFY(repo.commitAll(path(QStringLiteral("wt/j4")), QStringLiteral("j4 attempt 2")));
        QVERIFY(repo.removeWorktree(path(QStringLiteral("wt/j1")), GitRepo::jobBranch(QStringLiteral("run"), QStringLiteral("j1")), GitRepo::DeleteBranch::Yes));
        QVERIFY(repo.removeWorktree(path(QStringLiteral("wt/j2")), GitRepo::jobBranch(QStringLiteral("run"), QStringLiteral("j2")), GitRepo::DeleteBranch::No));
        QVERIFY(QDir(path(QStringLiteral("wt/j3"))).removeRecursively());
        QVERIFY(repo.prune());
        QVERIFY(repo.base());

        const Result<CheckoutSnapshot> after = CheckoutSnapshot::take(repo);
        QVERIFY(after);
        QVERIFY2(*before == *after, qPrintable(before->differences(*after).join(QStringLiteral("; "))));
        QCOMPARE(QFileInfo(repoDir + QStringLiteral("/.git/index")).lastModified().date(), QDate::currentDate().addDays(-1));
    }
};

QTEST_GUILESS_MAIN(TestGit)
#include "tst_git.moc"
