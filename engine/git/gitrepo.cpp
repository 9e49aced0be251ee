#include "gitrepo.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <QDeadlineTimer>
#include <QThread>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include "git/gitparse.h"

namespace Orchestrator {

namespace {

// `git worktree add` and `git worktree list` read every other worktree's
// metadata, and fail ("failed to read .git/worktrees/X/commondir") while
// another `worktree add` is writing it: jobs starting at once, in this process or in other workers on
// this machine, would fail their setup. So creating, removing and pruning
// worktrees of one repository take an flock on a file of the repository's
// git directory (not the user's index or refs), held for the duration of one
// call (listing too); nested calls on the same thread do not lock again.
class WorktreeLock
{
public:
    explicit WorktreeLock(const Result<QString> &gitCommonDir)
    {
        if (t_depth++ > 0 || !gitCommonDir)
            return;
        const QByteArray path = QFile::encodeName(*gitCommonDir + QStringLiteral("/orchestrator-worktrees.lock"));
        m_fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd < 0)
            return; // a read-only repository: git itself will say what is wrong
        QDeadlineTimer deadline(60000);
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0 && !deadline.hasExpired())
            QThread::msleep(20);
    }
    ~WorktreeLock()
    {
        --t_depth;
        if (m_fd >= 0)
            ::close(m_fd); // releases the flock
    }
    WorktreeLock(const WorktreeLock &) = delete;
    WorktreeLock &operator=(const WorktreeLock &) = delete;

private:
    static thread_local int t_depth;
    int m_fd = -1;
};

thread_local int WorktreeLock::t_depth = 0;

} // namespace


namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::Git)
};

// How many dirty paths a warning names before "and N more".
constexpr qsizetype kDirtyPathsShown = 10;

// A path compared the way the file system sees it: through symbolic links
// when it exists, else made absolute and clean.
QString normalPath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

bool isInside(const QString &path, const QString &dir)
{
    return path == dir || path.startsWith(dir + QLatin1Char('/'));
}

QString firstLine(const QByteArray &output) { return QString::fromUtf8(output).section(QLatin1Char('\n'), 0, 0).trimmed(); }

Error conflictError(const QString &message) { return Error::make(ErrorCode::Conflict, message); }

} // namespace

GitRepo::GitRepo(QString top, GitSettings settings) : m_top(std::move(top)), m_settings(std::move(settings)) {}

Result<GitRepo> GitRepo::open(const QString &path, const GitSettings &settings)
{
    const Result<QVersionNumber> version = checkGitVersion(settings);
    if (!version)
        return version.error();
    const QFileInfo info(path);
    if (!info.isDir())
        return Error::make(ErrorCode::NotFound, Text::tr("%1 is not a directory, so not a git work tree").arg(path));
    const Result<GitOutput> top = runGit(settings, GitCall{info.absoluteFilePath(), {QStringLiteral("rev-parse"), QStringLiteral("--show-toplevel")}});
    if (!top)
        return Error::make(ErrorCode::Validation, Text::tr("%1 is not inside a git work tree: %2").arg(path, top.error().message));
    const QString topPath = firstLine(top->out);
    if (topPath.isEmpty())
        return Error::make(ErrorCode::Validation, Text::tr("%1 is not inside a git work tree").arg(path));
    return GitRepo(topPath, settings);
}

Result<GitOutput> GitRepo::git(const QStringList &args, const QList<int> &acceptedCodes, const QByteArray &input,
                               const QString &workDir, const QProcessEnvironment &extra) const
{
    return runGit(m_settings, GitCall{workDir.isEmpty() ? m_top : workDir, args, input, acceptedCodes, extra});
}

QString GitRepo::jobBranch(const QString &runId, const QString &jobId)
{
    return branchPrefix() + runId + QLatin1Char('/') + jobId;
}

QString GitRepo::attemptRef(const QString &jobId, int attempt)
{
    return refPrefix() + QStringLiteral("attempts/") + jobId + QLatin1Char('/') + QString::number(attempt);
}

Result<QString> GitRepo::resolveCommit(const QString &revision) const
{
    const Result<GitOutput> output = git({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                                          QStringLiteral("--end-of-options"), revision + QStringLiteral("^{commit}")},
                                         {0, 1});
    if (!output)
        return output.error();
    if (output->exitCode != 0)
        return Error::make(ErrorCode::NotFound, Text::tr("%1 names no commit in %2").arg(revision, m_top));
    return firstLine(output->out);
}

Result<QString> GitRepo::gitDir() const
{
    const Result<GitOutput> output = git({QStringLiteral("rev-parse"), QStringLiteral("--absolute-git-dir")});
    if (!output)
        return output.error();
    return firstLine(output->out);
}

Result<QString> GitRepo::commonDir() const
{
    const Result<GitOutput> output = git({QStringLiteral("rev-parse"), QStringLiteral("--path-format=absolute"), QStringLiteral("--git-common-dir")});
    if (!output)
        return output.error();
    return firstLine(output->out);
}

Result<GitBase> GitRepo::base() const
{
    GitBase base;
    const Result<GitOutput> head = git({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"), QStringLiteral("HEAD^{commit}")}, {0, 1});
    if (!head)
        return head.error();
    if (head->exitCode != 0)
        return Error::make(ErrorCode::Validation, Text::tr("%1 has no commit yet: a run needs a commit to start from").arg(m_top));
    base.commit = firstLine(head->out);

    const Result<GitOutput> branch = git({QStringLiteral("symbolic-ref"), QStringLiteral("--quiet"), QStringLiteral("--short"), QStringLiteral("HEAD")}, {0, 1});
    if (!branch)
        return branch.error();
    if (branch->exitCode == 0)
        base.branch = firstLine(branch->out);

    // No optional locks (see runGit): this status does not refresh the user's index.
    const Result<GitOutput> status = git({QStringLiteral("status"), QStringLiteral("--porcelain=v1"), QStringLiteral("-z"),
                                          QStringLiteral("--untracked-files=normal")});
    if (!status)
        return status.error();
    base.dirtyPaths = GitParse::statusPaths(status->out);
    return base;
}

QString GitRepo::dirtyWarning(const GitBase &base) const
{
    if (!base.dirty())
        return {};
    QStringList shown = base.dirtyPaths.mid(0, kDirtyPathsShown);
    if (base.dirtyPaths.size() > kDirtyPathsShown)
        shown.append(Text::tr("and %n more", nullptr, int(base.dirtyPaths.size() - kDirtyPathsShown)));
    return Text::tr("uncommitted changes in %1: %2: not part of the base").arg(m_top, shown.join(QStringLiteral(", ")));
}

Status GitRepo::checkBranchName(const QString &branch) const
{
    if (!branch.startsWith(branchPrefix()) || branch.size() == branchPrefix().size())
        return Error::make(ErrorCode::Validation, Text::tr("branch \"%1\" is not an orchestrator branch (under \"%2\"): "
                                                           "the orchestrator never changes other branches").arg(branch, branchPrefix()));
    const Result<GitOutput> check = git({QStringLiteral("check-ref-format"), QStringLiteral("refs/heads/") + branch}, {0, 1});
    if (!check)
        return check.error();
    if (check->exitCode != 0)
        return Error::make(ErrorCode::Validation, Text::tr("\"%1\" is not a valid git branch name").arg(branch));
    return {};
}

Result<bool> GitRepo::branchExists(const QString &branch) const
{
    const Result<GitOutput> output = git({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                                          QStringLiteral("refs/heads/") + branch}, {0, 1});
    if (!output)
        return output.error();
    return output->exitCode == 0;
}

Result<bool> GitRepo::isAncestor(const QString &ancestor, const QString &descendant) const
{
    const Result<GitOutput> output = git({QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), ancestor, descendant}, {0, 1});
    if (!output)
        return output.error();
    return output->exitCode == 0;
}

Result<QList<GitWorktree>> GitRepo::worktrees() const
{
    // Listing reads every worktree's metadata too: not while one is being made.
    const WorktreeLock lock(commonDir());
    const Result<GitOutput> output = git({QStringLiteral("worktree"), QStringLiteral("list"), QStringLiteral("--porcelain"), QStringLiteral("-z")});
    if (!output)
        return output.error();
    return GitParse::worktrees(output->out);
}

// The worktree registered at `dir`, which must be one the orchestrator may
// change: a linked worktree (never the main one, the user's checkout) on an
// orchestrator branch or detached.
Result<GitWorktree> GitRepo::linkedWorktree(const QString &dir) const
{
    const Result<QList<GitWorktree>> list = worktrees();
    if (!list)
        return list.error();
    const QString wanted = normalPath(dir);
    for (qsizetype i = 0; i < list->size(); ++i) {
        const GitWorktree &entry = list->at(i);
        if (normalPath(entry.path) != wanted)
            continue;
        if (i == 0 || normalPath(m_top) == wanted)
            return conflictError(Text::tr("%1 is the user's checkout of %2, not an orchestrator worktree").arg(dir, m_top));
        if (!entry.branch.isEmpty() && !entry.branch.startsWith(QStringLiteral("refs/heads/") + branchPrefix()))
            return conflictError(Text::tr("worktree %1 is on branch %2, not an orchestrator branch").arg(dir, entry.branch));
        return entry;
    }
    return Error::make(ErrorCode::NotFound, Text::tr("%1 is not a worktree of %2").arg(dir, m_top));
}

Status GitRepo::addWorktree(const QString &dir, const QString &branch, const QString &fromCommit, Reuse reuse) const
{
    if (const Status name = checkBranchName(branch); !name)
        return name;
    if (!QFileInfo(dir).isAbsolute())
        return Error::make(ErrorCode::Validation, Text::tr("worktree directory %1 is not an absolute path").arg(dir));
    const QString where = normalPath(dir);
    if (isInside(where, normalPath(m_top)))
        return Error::make(ErrorCode::Validation, Text::tr("worktree directory %1 is inside the user's checkout %2").arg(dir, m_top));
    const Result<QString> commit = resolveCommit(fromCommit);
    if (!commit)
        return commit.error();
    const WorktreeLock lock(commonDir());

    const Result<QList<GitWorktree>> list = worktrees();
    if (!list)
        return list.error();
    for (const GitWorktree &entry : *list) {
        if (normalPath(entry.path) != where)
            continue;
        if (entry.prunable) {
            // Registered, but its directory is gone: forget it and start again.
            if (const Status pruned = prune(); !pruned)
                return pruned;
            break;
        }
        if (reuse == Reuse::Yes && entry.branch == QStringLiteral("refs/heads/") + branch)
            return {};
        return conflictError(Text::tr("%1 is already a worktree of %2 (on %3)")
                                 .arg(dir, m_top, entry.branch.isEmpty() ? Text::tr("a detached HEAD") : entry.branch));
    }
    const QFileInfo dirInfo(dir);
    if (dirInfo.exists()) {
        const bool empty = dirInfo.isDir() && QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        if (reuse == Reuse::No || !empty)
            return conflictError(Text::tr("cannot create a worktree at %1: it already exists").arg(dir));
    }
    const Result<bool> exists = branchExists(branch);
    if (!exists)
        return exists.error();
    if (*exists && reuse == Reuse::No)
        return conflictError(Text::tr("cannot create branch %1 in %2: it already exists").arg(branch, m_top));

    QStringList args{QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("--quiet")};
    if (*exists)
        args << dir << branch;
    else
        args << QStringLiteral("--no-track") << QStringLiteral("-b") << branch << dir << *commit;
    const Result<GitOutput> added = git(args);
    if (!added)
        return added.error();
    return {};
}

Result<QProcessEnvironment> GitRepo::identityEnvironment(const GitIdentity &fallback) const
{
    // Only what the user configured (config or GIT_AUTHOR_* variables) counts:
    // no identity guessed from the host name.
    QProcessEnvironment extra;
    for (const QString &which : {QStringLiteral("GIT_AUTHOR_IDENT"), QStringLiteral("GIT_COMMITTER_IDENT")}) {
        const Result<GitOutput> ident = git({QStringLiteral("-c"), QStringLiteral("user.useConfigOnly=true"), QStringLiteral("var"), which}, {0, 128});
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

Result<QString> GitRepo::commitAll(const QString &dir, const QString &message, const GitIdentity &fallback) const
{
    const Result<GitWorktree> worktree = linkedWorktree(dir);
    if (!worktree)
        return worktree.error();
    if (const Result<GitOutput> added = git({QStringLiteral("add"), QStringLiteral("-A")}, {0}, {}, dir); !added)
        return added.error();
    const Result<GitOutput> staged = git({QStringLiteral("diff"), QStringLiteral("--cached"), QStringLiteral("--quiet")}, {0, 1}, {}, dir);
    if (!staged)
        return staged.error();
    if (staged->exitCode == 1) {
        const Result<QProcessEnvironment> identity = identityEnvironment(fallback);
        if (!identity)
            return identity.error();
        // Internal commits: not signed (no pinentry may wait on a terminal), no hooks.
        const Result<GitOutput> committed = git({QStringLiteral("commit"), QStringLiteral("--quiet"), QStringLiteral("--no-verify"),
                                                 QStringLiteral("--no-gpg-sign"), QStringLiteral("--allow-empty-message"),
                                                 QStringLiteral("--cleanup=verbatim"), QStringLiteral("--file=-")},
                                                {0}, message.toUtf8(), dir, *identity);
        if (!committed)
            return committed.error();
    }
    const Result<GitOutput> head = git({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("HEAD^{commit}")}, {0}, {}, dir);
    if (!head)
        return head.error();
    return firstLine(head->out);
}

Result<QList<GitConflict>> GitRepo::conflictInputs(const QStringList &paths, const QString &merged, const QStringList &inputs,
                                                   const QList<int> &used, int failed) const
{
    const Result<GitOutput> mergeBase = git({QStringLiteral("merge-base"), merged, inputs.at(failed)}, {0, 1});
    if (!mergeBase)
        return mergeBase.error();
    const QString base = firstLine(mergeBase->out);
    QList<GitConflict> conflicts;
    for (const QString &path : paths)
        conflicts.append(GitConflict{path, {}});
    QList<int> candidates = used;
    candidates.append(failed);
    for (int input : candidates) {
        QSet<QString> changed;
        if (base.isEmpty()) {
            changed = QSet<QString>(paths.cbegin(), paths.cend());
        } else {
            const QStringList args = QStringList{QStringLiteral("diff"), QStringLiteral("--name-only"), QStringLiteral("-z"),
                                                 QStringLiteral("--no-renames"), base, inputs.at(input), QStringLiteral("--")}
                                     + paths;
            const Result<GitOutput> names = git(args);
            if (!names)
                return names.error();
            for (const QByteArray &name : GitParse::nulFields(names->out))
                changed.insert(QString::fromUtf8(name));
        }
        for (GitConflict &conflict : conflicts) {
            if (changed.contains(conflict.path) || input == failed)
                conflict.inputs.append(input);
        }
    }
    return conflicts;
}

Result<GitMerge> GitRepo::mergeCommits(const QStringList &commits, const QString &message, const GitIdentity &fallback) const
{
    if (commits.isEmpty())
        return Error::make(ErrorCode::Validation, Text::tr("nothing to merge: no commits given"));
    QStringList inputs;
    for (const QString &revision : commits) {
        const Result<QString> commit = resolveCommit(revision);
        if (!commit)
            return commit.error();
        inputs.append(*commit);
    }

    QString merged = inputs.first();
    QList<int> used{0};   // the inputs the merge so far is made of
    Result<QProcessEnvironment> identity = QProcessEnvironment();
    bool identityKnown = false;
    for (int i = 1; i < inputs.size(); ++i) {
        const Result<bool> contained = isAncestor(inputs.at(i), merged);
        if (!contained)
            return contained.error();
        if (*contained)
            continue;
        const Result<bool> fastForward = isAncestor(merged, inputs.at(i));
        if (!fastForward)
            return fastForward.error();
        if (*fastForward) {
            merged = inputs.at(i);
            used.append(i);
            continue;
        }
        const Result<GitOutput> tree = git({QStringLiteral("merge-tree"), QStringLiteral("--write-tree"), QStringLiteral("-z"),
                                            QStringLiteral("--name-only"), merged, inputs.at(i)}, {0, 1});
        if (!tree)
            return tree.error();
        const GitParse::MergeTreeOutput parsed = GitParse::mergeTree(tree->out);
        if (tree->exitCode == 1) {
            const Result<QList<GitConflict>> conflicts = conflictInputs(parsed.conflictedPaths, merged, inputs, used, i);
            if (!conflicts)
                return conflicts.error();
            GitMerge result;
            result.conflicts = *conflicts;
            result.messages = parsed.conflictMessages;
            result.failedInput = i;
            return result;
        }
        if (!identityKnown) {
            identity = identityEnvironment(fallback);
            if (!identity)
                return identity.error();
            identityKnown = true;
        }
        const Result<GitOutput> commit = git({QStringLiteral("commit-tree"), QStringLiteral("--no-gpg-sign"), parsed.tree,
                                              QStringLiteral("-p"), merged, QStringLiteral("-p"), inputs.at(i)},
                                             {0}, message.toUtf8(), {}, *identity);
        if (!commit)
            return commit.error();
        merged = firstLine(commit->out);
        used.append(i);
    }
    const Result<GitOutput> tree = git({QStringLiteral("rev-parse"), merged + QStringLiteral("^{tree}")});
    if (!tree)
        return tree.error();
    GitMerge result;
    result.commit = merged;
    result.tree = firstLine(tree->out);
    return result;
}

Result<QList<GitFileChange>> GitRepo::diffStat(const QString &base, const QString &result) const
{
    const Result<QString> from = resolveCommit(base);
    if (!from)
        return from.error();
    const Result<QString> to = resolveCommit(result);
    if (!to)
        return to.error();
    const Result<GitOutput> output = git({QStringLiteral("diff"), QStringLiteral("--numstat"), QStringLiteral("-z"), QStringLiteral("-M"),
                                          QStringLiteral("--no-ext-diff"), QStringLiteral("--no-textconv"), *from, *to, QStringLiteral("--")});
    if (!output)
        return output.error();
    return GitParse::numstat(output->out);
}

Result<QByteArray> GitRepo::diff(const QString &base, const QString &result) const
{
    const Result<QString> from = resolveCommit(base);
    if (!from)
        return from.error();
    const Result<QString> to = resolveCommit(result);
    if (!to)
        return to.error();
    const Result<GitOutput> output = git({QStringLiteral("diff"), QStringLiteral("-M"), QStringLiteral("--no-color"), QStringLiteral("--no-ext-diff"),
                                          QStringLiteral("--no-textconv"), QStringLiteral("--src-prefix=a/"), QStringLiteral("--dst-prefix=b/"),
                                          *from, *to, QStringLiteral("--")});
    if (!output)
        return output.error();
    return output->out;
}

Status GitRepo::keepRef(const QString &ref, const QString &commit) const
{
    if (!ref.startsWith(refPrefix()) || ref.size() == refPrefix().size())
        return Error::make(ErrorCode::Validation, Text::tr("ref \"%1\" is not under \"%2\": the orchestrator writes no other refs").arg(ref, refPrefix()));
    const Result<GitOutput> check = git({QStringLiteral("check-ref-format"), ref}, {0, 1});
    if (!check)
        return check.error();
    if (check->exitCode != 0)
        return Error::make(ErrorCode::Validation, Text::tr("\"%1\" is not a valid git ref name").arg(ref));
    const Result<QString> target = resolveCommit(commit);
    if (!target)
        return target.error();
    const Result<GitOutput> updated = git({QStringLiteral("update-ref"), QStringLiteral("-m"), QStringLiteral("orchestrator: keep"), ref, *target});
    if (!updated)
        return updated.error();
    return {};
}

Status GitRepo::resetWorktree(const QString &dir, const QString &commit) const
{
    const Result<GitWorktree> worktree = linkedWorktree(dir);
    if (!worktree)
        return worktree.error();
    const Result<QString> target = resolveCommit(commit);
    if (!target)
        return target.error();
    if (const Result<GitOutput> reset = git({QStringLiteral("reset"), QStringLiteral("--hard"), QStringLiteral("--quiet"), *target}, {0}, {}, dir); !reset)
        return reset.error();
    // -ff: also nested repositories a tool may have created.
    if (const Result<GitOutput> clean = git({QStringLiteral("clean"), QStringLiteral("-ffdxq")}, {0}, {}, dir); !clean)
        return clean.error();
    return {};
}

Status GitRepo::removeWorktree(const QString &dir, const QString &branch, DeleteBranch deleteBranch) const
{
    if (deleteBranch == DeleteBranch::Yes) {
        if (const Status name = checkBranchName(branch); !name)
            return name;
    }
    const WorktreeLock lock(commonDir());
    const Result<GitWorktree> worktree = linkedWorktree(dir);
    if (worktree) {
        const QString expected = QStringLiteral("refs/heads/") + branch;
        if (!branch.isEmpty() && !worktree->branch.isEmpty() && worktree->branch != expected)
            return conflictError(Text::tr("worktree %1 is on %2, not on %3: not removed").arg(dir, worktree->branch, branch));
        // A worktree whose directory is gone is only forgotten (prune below).
        if (!worktree->prunable) {
            const Result<GitOutput> removed = git({QStringLiteral("worktree"), QStringLiteral("remove"), QStringLiteral("--force"), dir});
            if (!removed)
                return removed.error();
        }
    } else if (worktree.error().code != ErrorCode::NotFound) {
        return worktree.error();
    } else if (QFileInfo::exists(dir)) {
        return conflictError(Text::tr("%1 is not a worktree of %2: not removed").arg(dir, m_top));
    }
    if (const Status pruned = prune(); !pruned)
        return pruned;
    if (deleteBranch == DeleteBranch::No)
        return {};
    const Result<bool> exists = branchExists(branch);
    if (!exists)
        return exists.error();
    if (*exists) {
        if (const Result<GitOutput> deleted = git({QStringLiteral("branch"), QStringLiteral("--quiet"), QStringLiteral("-D"), branch}); !deleted)
            return deleted.error();
    }
    return {};
}

Status GitRepo::prune() const
{
    const WorktreeLock lock(commonDir());
    const Result<GitOutput> pruned = git({QStringLiteral("worktree"), QStringLiteral("prune")});
    if (!pruned)
        return pruned.error();
    return {};
}

} // namespace Orchestrator
