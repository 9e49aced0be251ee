#include "gitland.h"

#include <cerrno>
#include <csignal>
#include <unistd.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include "git/gitparse.h"
#include "git/gitprocess.h"
#include "git/gitrepo.h"

namespace Orchestrator {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::GitLand)
};

const QString kHeads = QStringLiteral("refs/heads/");

// Lands and recoveries of one process run one at a time, so a journal naming
// this process is always a leftover, never a land running on another thread.
QMutex landMutex;
constexpr qsizetype kPathsShown = 10;

QString firstLine(const QByteArray &output) { return QString::fromUtf8(output).section(QLatin1Char('\n'), 0, 0).trimmed(); }

QString normalPath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

QString pathList(const QStringList &paths)
{
    QStringList shown = paths.mid(0, kPathsShown);
    if (paths.size() > kPathsShown)
        shown.append(Text::tr("and %n more", nullptr, int(paths.size() - kPathsShown)));
    return shown.join(QStringLiteral(", "));
}

Result<GitOutput> git(const GitRepo &repo, const QStringList &args, const QList<int> &codes = {0}, const QString &dir = {},
                      const QByteArray &input = {}, const QProcessEnvironment &extra = {})
{
    return runGit(repo.settings(), GitCall{dir.isEmpty() ? repo.top() : dir, args, input, codes, extra});
}

Result<bool> isAncestor(const GitRepo &repo, const QString &ancestor, const QString &descendant)
{
    const Result<GitOutput> output = git(repo, {QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), ancestor, descendant}, {0, 1});
    if (!output)
        return output.error();
    return output->exitCode == 0;
}

Result<QString> treeOf(const GitRepo &repo, const QString &commit)
{
    const Result<GitOutput> output = git(repo, {QStringLiteral("rev-parse"), QStringLiteral("--verify"), commit + QStringLiteral("^{tree}")});
    if (!output)
        return output.error();
    return firstLine(output->out);
}

// Only an identity the user configured counts (as in GitRepo::commitAll): no
// name guessed from the host.
Result<QProcessEnvironment> identityEnvironment(const GitRepo &repo, const GitIdentity &fallback)
{
    QProcessEnvironment extra;
    for (const QString &which : {QStringLiteral("GIT_AUTHOR_IDENT"), QStringLiteral("GIT_COMMITTER_IDENT")}) {
        const Result<GitOutput> ident = git(repo, {QStringLiteral("-c"), QStringLiteral("user.useConfigOnly=true"), QStringLiteral("var"), which}, {0, 128});
        if (!ident)
            return ident.error();
        if (ident->exitCode != 0) {
            for (const char *role : {"AUTHOR", "COMMITTER"}) {
                extra.insert(QStringLiteral("GIT_%1_NAME").arg(QLatin1String(role)), fallback.name);
                extra.insert(QStringLiteral("GIT_%1_EMAIL").arg(QLatin1String(role)), fallback.email);
            }
            break;
        }
    }
    return extra;
}

// A process's start time (field 22 of /proc/PID/stat): with the pid it names
// one process even after the pid is reused. Empty when unknown.
QByteArray processStartTime(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // fields[0] is field 3 (state); the start time is field 22.
    if (fields.size() < 20 || fields.at(0) == "Z")
        return {};
    return fields.at(19);
}

bool processAlive(qint64 pid, const QByteArray &startTime)
{
    if (pid <= 0 || pid == qint64(::getpid()))
        return false;
    if (::kill(pid_t(pid), 0) != 0 && errno != EPERM)
        return false;
    const QByteArray now = processStartTime(pid);
    if (QFileInfo::exists(QStringLiteral("/proc/self/stat")) && now.isEmpty())
        return false; // a zombie, or gone since kill()
    return startTime.isEmpty() || now.isEmpty() || now == startTime;
}

// Whether any process we can see has `file` open.
bool heldOpen(const QString &file)
{
    const QString wanted = normalPath(file);
    QDirIterator processes(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (processes.hasNext()) {
        const QString dir = processes.next();
        bool isPid = false;
        processes.fileName().toLongLong(&isPid);
        if (!isPid)
            continue;
        QDirIterator fds(dir + QStringLiteral("/fd"), QDir::Files | QDir::System | QDir::NoDotAndDotDot);
        while (fds.hasNext()) {
            const QString target = QFileInfo(fds.next()).symLinkTarget();
            if (target == wanted)
                return true;
        }
    }
    return false;
}

Result<QString> normalBranch(const GitRepo &repo, const QString &name)
{
    const QString branch = name.startsWith(kHeads) ? name.mid(kHeads.size()) : name;
    if (branch.isEmpty())
        return Error::make(ErrorCode::Validation, Text::tr("no branch to land into"));
    const Result<GitOutput> check = git(repo, {QStringLiteral("check-ref-format"), kHeads + branch}, {0, 1});
    if (!check)
        return check.error();
    if (check->exitCode != 0)
        return Error::make(ErrorCode::Validation, Text::tr("\"%1\" is not a valid git branch name").arg(name));
    return branch;
}

Result<QString> branchTip(const GitRepo &repo, const QString &branch)
{
    const Result<GitOutput> output = git(repo, {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                                                kHeads + branch + QStringLiteral("^{commit}")}, {0, 1});
    if (!output)
        return output.error();
    if (output->exitCode != 0)
        return Error::make(ErrorCode::NotFound, Text::tr("there is no branch %1 in %2").arg(branch, repo.top()));
    return firstLine(output->out);
}

// The worktree that has `branch` checked out, or empty. Git allows one.
Result<QString> checkoutOf(const GitRepo &repo, const QString &branch)
{
    const Result<QList<GitWorktree>> list = repo.worktrees();
    if (!list)
        return list.error();
    for (const GitWorktree &entry : *list) {
        if (!entry.bare && !entry.prunable && entry.branch == kHeads + branch)
            return entry.path;
    }
    return QString();
}

Result<QString> indexLockOf(const GitRepo &repo, const QString &worktree)
{
    const Result<GitOutput> dir = git(repo, {QStringLiteral("rev-parse"), QStringLiteral("--absolute-git-dir")}, {0}, worktree);
    if (!dir)
        return dir.error();
    return QString(firstLine(dir->out) + QStringLiteral("/index.lock"));
}

// Whether the index of the checkout at `dir` holds exactly the tree of `commit`.
Result<bool> indexMatches(const GitRepo &repo, const QString &dir, const QString &commit)
{
    const Result<GitOutput> output = git(repo, {QStringLiteral("diff-index"), QStringLiteral("--cached"), QStringLiteral("--quiet"),
                                                commit, QStringLiteral("--")}, {0, 1}, dir);
    if (!output)
        return output.error();
    return output->exitCode == 0;
}

// Moves the clean checkout at `dir` from commit `from` to `to`. A two-tree
// read-tree is what `git checkout` does: it takes the checkout's index.lock
// (so it cannot race the user's own git), refuses when a file it would write
// differs from `from` or is untracked (ignored ones too: no
// --exclude-per-directory), and leaves files the two commits share alone. It
// can therefore only replace content that is in `from` -- never the user's.
Status moveCheckout(const GitRepo &repo, const QString &dir, const QString &from, const QString &to)
{
    // Stat data only: a file touched but unchanged must not read as "not uptodate".
    if (const Result<GitOutput> refreshed = git(repo, {QStringLiteral("update-index"), QStringLiteral("-q"), QStringLiteral("--refresh")}, {0, 1}, dir); !refreshed)
        return refreshed.error();
    const Result<GitOutput> moved = git(repo, {QStringLiteral("read-tree"), QStringLiteral("-m"), QStringLiteral("-u"), from, to}, {0}, dir);
    if (!moved)
        return moved.error();
    return {};
}

// --- the journal ---------------------------------------------------------

struct PlannedStep
{
    int item = -1;
    QString jobId;
    QString from;
    QString to;
};

struct Journal
{
    qint64 pid = 0;
    QByteArray startTime;
    QString branch;
    QString tipBefore;
    QString checkout;
    QList<PlannedStep> steps;
};

QByteArray journalBytes(const Journal &journal)
{
    QJsonArray steps;
    for (const PlannedStep &step : journal.steps)
        steps.append(QJsonObject{{QStringLiteral("job"), step.jobId}, {QStringLiteral("from"), step.from}, {QStringLiteral("to"), step.to}});
    const QJsonObject object{
        {QStringLiteral("version"), 1},
        {QStringLiteral("pid"), journal.pid},
        {QStringLiteral("startTime"), QString::fromLatin1(journal.startTime)},
        {QStringLiteral("branch"), journal.branch},
        {QStringLiteral("tipBefore"), journal.tipBefore},
        {QStringLiteral("checkout"), journal.checkout},
        {QStringLiteral("steps"), steps},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<Journal> parseJournal(const QByteArray &bytes)
{
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    Journal journal;
    journal.pid = object.value(QStringLiteral("pid")).toInteger();
    journal.startTime = object.value(QStringLiteral("startTime")).toString().toLatin1();
    journal.branch = object.value(QStringLiteral("branch")).toString();
    journal.tipBefore = object.value(QStringLiteral("tipBefore")).toString();
    journal.checkout = object.value(QStringLiteral("checkout")).toString();
    for (const QJsonValue &value : object.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject step = value.toObject();
        journal.steps.append(PlannedStep{-1, step.value(QStringLiteral("job")).toString(), step.value(QStringLiteral("from")).toString(),
                                         step.value(QStringLiteral("to")).toString()});
    }
    if (journal.branch.isEmpty() || journal.tipBefore.isEmpty())
        return std::nullopt;
    return journal;
}

// Written whole before the first ref moves; created exclusively, so two lands
// cannot both hold one.
Status writeJournal(const QString &path, const Journal &journal)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        if (QFileInfo::exists(path))
            return Error::make(ErrorCode::Conflict, Text::tr("another land is in progress (%1 exists)").arg(path));
        return Error::make(ErrorCode::Io, Text::tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    const QByteArray bytes = journalBytes(journal);
    if (file.write(bytes) != bytes.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        file.close();
        QFile::remove(path);
        return Error::make(ErrorCode::Io, Text::tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    return {};
}

// --- planning ------------------------------------------------------------

struct ResolvedItem
{
    QString jobId;
    QString base;
    QString result;
};

struct Plan
{
    QList<PlannedStep> steps;
    QList<int> nothing;           // item indexes
    int conflictItem = -1;
    QList<GitConflict> conflicts;
    QStringList conflictMessages;
};

QString commitMessage(const GitRepo &repo, const LandOptions &options, const ResolvedItem &item)
{
    const Result<GitOutput> subject = git(repo, {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s"), item.result});
    const QString what = options.squash ? QStringLiteral("Land job %1").arg(item.jobId) : QStringLiteral("Merge job %1").arg(item.jobId);
    QString message = options.messagePrefix + what + QStringLiteral("\n\n");
    if (subject && !firstLine(subject->out).isEmpty())
        message += firstLine(subject->out) + QStringLiteral("\n\n");
    message += QStringLiteral("Result: %1\nBase: %2\n").arg(item.result, item.base);
    return message;
}

// Every commit the land makes, as objects only. Stops at the first conflict.
Result<Plan> makePlan(const GitRepo &repo, const QList<ResolvedItem> &items, const QString &tipBefore, const LandOptions &options)
{
    Plan plan;
    QString tip = tipBefore;
    std::optional<QProcessEnvironment> identity;
    for (int i = 0; i < items.size(); ++i) {
        const ResolvedItem &item = items.at(i);
        if (item.result == item.base) {
            plan.nothing.append(i);
            continue;
        }
        const Result<bool> contained = isAncestor(repo, item.result, tip);
        if (!contained)
            return contained.error();
        if (*contained) {
            plan.nothing.append(i);
            continue;
        }
        const Result<bool> fastForward = isAncestor(repo, tip, item.result);
        if (!fastForward)
            return fastForward.error();
        if (*fastForward && !options.squash) {
            plan.steps.append(PlannedStep{i, item.jobId, tip, item.result});
            tip = item.result;
            continue;
        }
        QString tree;
        if (*fastForward) {
            const Result<QString> resultTree = treeOf(repo, item.result);
            if (!resultTree)
                return resultTree.error();
            tree = *resultTree;
        } else {
            const Result<GitOutput> merged = git(repo, {QStringLiteral("merge-tree"), QStringLiteral("--write-tree"), QStringLiteral("-z"),
                                                        QStringLiteral("--name-only"), tip, item.result}, {0, 1});
            if (!merged)
                return merged.error();
            const GitParse::MergeTreeOutput parsed = GitParse::mergeTree(merged->out);
            if (merged->exitCode == 1) {
                plan.conflictItem = i;
                for (const QString &path : parsed.conflictedPaths)
                    plan.conflicts.append(GitConflict{path, {i}});
                plan.conflictMessages = parsed.conflictMessages;
                return plan;
            }
            tree = parsed.tree;
        }
        // A result whose changes the branch already has (e.g. squashed before).
        const Result<QString> tipTree = treeOf(repo, tip);
        if (!tipTree)
            return tipTree.error();
        if (tree == *tipTree) {
            plan.nothing.append(i);
            continue;
        }
        if (!identity) {
            const Result<QProcessEnvironment> found = identityEnvironment(repo, options.fallback);
            if (!found)
                return found.error();
            identity = *found;
        }
        QStringList args{QStringLiteral("commit-tree"), QStringLiteral("--no-gpg-sign"), tree, QStringLiteral("-p"), tip};
        if (!options.squash)
            args << QStringLiteral("-p") << item.result;
        const Result<GitOutput> commit = git(repo, args, {0}, {}, commitMessage(repo, options, item).toUtf8(), *identity);
        if (!commit)
            return commit.error();
        const QString made = firstLine(commit->out);
        plan.steps.append(PlannedStep{i, item.jobId, tip, made});
        tip = made;
    }
    return plan;
}

// Refuses a checkout that landing could hurt: changed tracked files, a held
// index.lock, or untracked (or ignored) files where the land adds files.
Status checkCheckout(const GitRepo &repo, const QString &dir, const QString &branch, const QString &from, const QString &to)
{
    const Result<QString> lock = indexLockOf(repo, dir);
    if (!lock)
        return lock.error();
    if (QFileInfo::exists(*lock))
        return Error::make(ErrorCode::Conflict, Text::tr("%1 is checked out in %2, where git is running (%3 exists): not landed")
                                                    .arg(branch, dir, *lock));
    const Result<GitOutput> status = git(repo, {QStringLiteral("status"), QStringLiteral("--porcelain=v1"), QStringLiteral("-z"),
                                                QStringLiteral("--untracked-files=no")}, {0}, dir);
    if (!status)
        return status.error();
    const QStringList dirty = GitParse::statusPaths(status->out);
    if (!dirty.isEmpty())
        return Error::make(ErrorCode::Conflict, Text::tr("%1 is checked out in %2, which has uncommitted changes: %3: "
                                                         "commit or stash them, then land again").arg(branch, dir, pathList(dirty)));
    if (from == to)
        return {};
    const Result<GitOutput> added = git(repo, {QStringLiteral("diff"), QStringLiteral("--name-only"), QStringLiteral("-z"), QStringLiteral("--no-renames"),
                                               QStringLiteral("--diff-filter=A"), from, to, QStringLiteral("--")});
    if (!added)
        return added.error();
    QStringList inTheWay;
    for (const QByteArray &field : GitParse::nulFields(added->out)) {
        const QString path = QString::fromUtf8(field);
        const QFileInfo info(dir + QLatin1Char('/') + path);
        if (info.exists() || info.isSymLink())
            inTheWay.append(path);
    }
    if (!inTheWay.isEmpty())
        return Error::make(ErrorCode::Conflict, Text::tr("%1 is checked out in %2, where untracked files are in the way of the land: %3: "
                                                         "move them away, then land again").arg(branch, dir, pathList(inTheWay)));
    return {};
}

} // namespace

Result<QString> landJournalPath(const GitRepo &repo)
{
    const Result<GitOutput> dir = git(repo, {QStringLiteral("rev-parse"), QStringLiteral("--path-format=absolute"), QStringLiteral("--git-common-dir")});
    if (!dir)
        return dir.error();
    return QString(firstLine(dir->out) + QStringLiteral("/orchestrator-land.json"));
}

namespace {

Result<LandRecovery> recoverLandLocked(const GitRepo &repo)
{
    LandRecovery recovery;
    const Result<QString> path = landJournalPath(repo);
    if (!path)
        return path.error();
    QFile file(*path);
    if (!file.exists())
        return recovery;
    recovery.found = true;
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io, Text::tr("cannot read %1: %2").arg(*path, file.errorString()));
    const std::optional<Journal> journal = parseJournal(file.readAll());
    file.close();
    if (!journal) {
        // Cut short while being written: no ref had moved yet.
        recovery.notes.append(Text::tr("%1 was incomplete: the land had not started").arg(*path));
        if (!QFile::remove(*path))
            return Error::make(ErrorCode::Io, Text::tr("cannot remove %1").arg(*path));
        return recovery;
    }
    if (processAlive(journal->pid, journal->startTime))
        return Error::make(ErrorCode::Conflict, Text::tr("a land into %1 is in progress (process %2)").arg(journal->branch).arg(journal->pid));
    recovery.branch = journal->branch;

    const Result<QString> tip = branchTip(repo, journal->branch);
    if (!tip)
        return tip.error();
    qsizetype landedCount = -1;
    if (*tip == journal->tipBefore) {
        landedCount = 0;
    } else {
        for (qsizetype i = 0; i < journal->steps.size(); ++i) {
            if (journal->steps.at(i).to == *tip)
                landedCount = i + 1;
        }
    }
    if (landedCount < 0) {
        recovery.notes.append(Text::tr("%1 has moved since the land: it was not changed").arg(journal->branch));
        for (const PlannedStep &step : journal->steps) {
            const Result<bool> in = isAncestor(repo, step.to, *tip);
            if (!in)
                return in.error();
            if (*in)
                recovery.landed.append(LandedJob{step.jobId, step.to});
            else
                recovery.notLanded.append(step.jobId);
        }
    } else {
        for (qsizetype i = 0; i < journal->steps.size(); ++i) {
            if (i < landedCount)
                recovery.landed.append(LandedJob{journal->steps.at(i).jobId, journal->steps.at(i).to});
            else
                recovery.notLanded.append(journal->steps.at(i).jobId);
        }
    }

    // A checkout moved for the next job while its ref was not: put it back.
    if (!journal->checkout.isEmpty() && landedCount >= 0 && landedCount < journal->steps.size()) {
        const Result<QString> checkout = checkoutOf(repo, journal->branch);
        if (!checkout)
            return checkout.error();
        if (!checkout->isEmpty() && normalPath(*checkout) == normalPath(journal->checkout)) {
            const Result<QString> lock = indexLockOf(repo, *checkout);
            if (!lock)
                return lock.error();
            if (QFileInfo::exists(*lock))
                return Error::make(ErrorCode::Conflict, Text::tr("git still holds %1 (or was killed holding it): "
                                                                 "recover the land when no git runs in %2").arg(*lock, *checkout));
            const Result<bool> atTip = indexMatches(repo, *checkout, *tip);
            if (!atTip)
                return atTip.error();
            if (!*atTip) {
                const PlannedStep &next = journal->steps.at(landedCount);
                const Result<bool> atNext = indexMatches(repo, *checkout, next.to);
                if (!atNext)
                    return atNext.error();
                if (*atNext) {
                    if (const Status back = moveCheckout(repo, *checkout, next.to, *tip); !back)
                        return back.error();
                    recovery.checkoutRolledBack = true;
                } else {
                    recovery.notes.append(Text::tr("the index of %1 matches neither %2 nor the interrupted job %3: left alone")
                                              .arg(*checkout, journal->branch, next.jobId));
                }
            }
        }
    }
    if (!QFile::remove(*path))
        return Error::make(ErrorCode::Io, Text::tr("cannot remove %1").arg(*path));
    return recovery;
}

} // namespace

Result<LandRecovery> recoverLand(const GitRepo &repo)
{
    const QMutexLocker locker(&landMutex);
    return recoverLandLocked(repo);
}

Result<LandReport> landJobs(const GitRepo &repo, const QList<LandItem> &items, const LandOptions &options)
{
    const QMutexLocker locker(&landMutex);
    const Result<QString> branch = normalBranch(repo, options.intoBranch);
    if (!branch)
        return branch.error();
    if (!options.dryRun) {
        if (const Result<LandRecovery> recovered = recoverLandLocked(repo); !recovered)
            return recovered.error();
    }
    LandReport report;
    const Result<QString> tipBefore = branchTip(repo, *branch);
    if (!tipBefore)
        return tipBefore.error();
    report.branchTipBefore = *tipBefore;
    report.branchTipAfter = *tipBefore;

    QList<ResolvedItem> resolved;
    for (const LandItem &item : items) {
        const Result<QString> result = repo.resolveCommit(item.resultCommit);
        if (!result)
            return Error::make(result.error().code, Text::tr("job %1: %2").arg(item.jobId, result.error().message));
        QString base;
        if (!item.baseCommit.isEmpty()) {
            const Result<QString> found = repo.resolveCommit(item.baseCommit);
            if (!found)
                return Error::make(found.error().code, Text::tr("job %1: %2").arg(item.jobId, found.error().message));
            base = *found;
        }
        resolved.append(ResolvedItem{item.jobId, base, *result});
    }

    const Result<QString> checkout = checkoutOf(repo, *branch);
    if (!checkout)
        return checkout.error();
    report.checkoutPath = *checkout;

    const Result<Plan> plan = makePlan(repo, resolved, *tipBefore, options);
    if (!plan)
        return plan.error();
    const QString planTip = plan->steps.isEmpty() ? *tipBefore : plan->steps.last().to;
    if (!checkout->isEmpty()) {
        if (const Status ok = checkCheckout(repo, *checkout, *branch, *tipBefore, planTip); !ok)
            return ok.error();
    }

    // What happened up to item `end` (exclusive), for the report.
    const auto nothingBefore = [&](int end) {
        for (int index : plan->nothing) {
            if (index < end)
                report.nothingToLand.append(resolved.at(index).jobId);
        }
    };
    const auto stopAt = [&](int item, const QString &reason) {
        report.stoppedAt = resolved.at(item).jobId;
        report.stopReason = reason;
        nothingBefore(item);
    };
    const auto conflictStop = [&]() {
        QStringList paths;
        for (const GitConflict &conflict : plan->conflicts)
            paths.append(conflict.path);
        stopAt(plan->conflictItem, Text::tr("conflict in %1").arg(pathList(paths)));
        report.conflicts = plan->conflicts;
        report.conflictMessages = plan->conflictMessages;
    };

    if (options.dryRun) {
        for (const PlannedStep &step : plan->steps)
            report.landed.append(LandedJob{step.jobId, step.to});
        if (plan->conflictItem >= 0)
            conflictStop();
        else
            nothingBefore(int(resolved.size()));
        return report;
    }

    const Result<QString> journalPath = landJournalPath(repo);
    if (!journalPath)
        return journalPath.error();
    if (!plan->steps.isEmpty()) {
        const Journal journal{qint64(::getpid()), processStartTime(::getpid()), *branch, *tipBefore, *checkout, plan->steps};
        if (const Status written = writeJournal(*journalPath, journal); !written)
            return written.error();
    }

    bool keepJournal = false;
    for (const PlannedStep &step : plan->steps) {
        if (!checkout->isEmpty()) {
            if (const Status moved = moveCheckout(repo, *checkout, step.from, step.to); !moved) {
                stopAt(step.item, moved.error().message);
                break;
            }
            report.checkoutUpdated = true;
            if (options.progress)
                options.progress(LandStep::CheckoutMoved, step.jobId);
        }
        const Result<GitOutput> updated = git(repo, {QStringLiteral("update-ref"), QStringLiteral("-m"),
                                                     QStringLiteral("orchestrator: land %1").arg(step.jobId),
                                                     kHeads + *branch, step.to, step.from});
        if (!updated) {
            // The branch moved under us (or git failed): it keeps its value, and so must its checkout.
            if (!checkout->isEmpty()) {
                if (const Status back = moveCheckout(repo, *checkout, step.to, step.from); !back) {
                    // Ahead of its ref: the journal stays, for recoverLand() to put it back.
                    keepJournal = true;
                    stopAt(step.item, updated.error().message + QLatin1Char('\n') + back.error().message);
                    break;
                }
            }
            stopAt(step.item, Text::tr("%1 changed during the land: %2").arg(*branch, updated.error().message));
            break;
        }
        report.landed.append(LandedJob{step.jobId, step.to});
        report.branchTipAfter = step.to;
        if (options.progress)
            options.progress(LandStep::RefMoved, step.jobId);
    }
    if (report.complete()) {
        if (plan->conflictItem >= 0)
            conflictStop();
        else
            nothingBefore(int(resolved.size()));
    }
    if (!plan->steps.isEmpty() && !keepJournal && !QFile::remove(*journalPath))
        return Error::make(ErrorCode::Io, Text::tr("landed, but cannot remove %1: remove it by hand").arg(*journalPath));
    return report;
}

Result<QStringList> removeStaleIndexLocks(const GitRepo &repo, std::chrono::seconds minAge)
{
    const Result<QList<GitWorktree>> list = repo.worktrees();
    if (!list)
        return list.error();
    QStringList removed;
    const QString user = normalPath(repo.top());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 1; i < list->size(); ++i) {
        const GitWorktree &entry = list->at(i);
        if (entry.bare || entry.prunable || !entry.branch.startsWith(kHeads + GitRepo::branchPrefix()) || normalPath(entry.path) == user)
            continue;
        const Result<QString> lock = indexLockOf(repo, entry.path);
        if (!lock)
            return lock.error();
        const QFileInfo info(*lock);
        if (!info.exists() || info.lastModified().toUTC().secsTo(now) < minAge.count() || heldOpen(*lock))
            continue;
        if (!QFile::remove(*lock))
            return Error::make(ErrorCode::Io, Text::tr("cannot remove the stale %1").arg(*lock));
        removed.append(*lock);
    }
    return removed;
}

Status discardJob(const GitRepo &repo, const QString &worktreeDir, const QString &branch)
{
    return repo.removeWorktree(worktreeDir, branch, GitRepo::DeleteBranch::Yes);
}

Result<GcReport> gcRefs(const GitRepo &repo, const QStringList &jobIds)
{
    GcReport report;
    QByteArray transaction = "start\n";
    for (const QString &job : jobIds) {
        // Matched by whole path components: "j1" is not a prefix of "j10/1".
        const QString prefix = GitRepo::refPrefix() + QStringLiteral("attempts/") + job;
        if (job.isEmpty() || job.contains(QLatin1Char('/')) || job.contains(QLatin1Char('*')))
            return Error::make(ErrorCode::Validation, Text::tr("\"%1\" is not a job id").arg(job));
        const Result<GitOutput> refs = git(repo, {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"), prefix});
        if (!refs)
            return refs.error();
        for (const QString &ref : QString::fromUtf8(refs->out).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            transaction += "delete " + ref.toUtf8() + '\n';
            report.removedRefs.append(ref);
        }
    }
    if (report.removedRefs.isEmpty())
        return report;
    transaction += "prepare\ncommit\n";
    if (const Result<GitOutput> deleted = git(repo, {QStringLiteral("update-ref"), QStringLiteral("--stdin")}, {0}, {}, transaction); !deleted)
        return deleted.error();
    report.refsRemoved = int(report.removedRefs.size());
    return report;
}

} // namespace Orchestrator
