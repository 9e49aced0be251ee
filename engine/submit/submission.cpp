#include "submission.h"

#include <set>
#include <tuple>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>

#include "git/gitprocess.h"
#include "git/gitrepo.h"
#include "store/dialect.h"
#include "store/jobstore.h"
#include "tools/toolregistry.h"

namespace Orchestrator {

namespace {

QString absoluteAgainst(const QString &base, const QString &path)
{
    if (path.isEmpty())
        return QDir::cleanPath(base);
    return QDir::cleanPath(QDir(base).absoluteFilePath(QDir::fromNativeSeparators(path)));
}

// `path` with every symbolic link resolved, also where the path does not
// exist yet: the existing part is resolved, the rest is appended.
QString resolvedPath(const QString &path)
{
    QFileInfo info(path);
    // A symbolic link, even a dangling one, is followed: writing through it
    // would create or change its target.
    for (int depth = 0; depth < 40 && info.isSymLink(); ++depth)
        info = QFileInfo(info.symLinkTarget());
    if (info.exists())
        return info.canonicalFilePath();
    const QString parent = info.absolutePath();
    if (parent == info.absoluteFilePath())
        return parent;
    return QDir::cleanPath(resolvedPath(parent) + QLatin1Char('/') + info.fileName());
}

bool isInside(const QString &path, const QString &directory)
{
    if (directory.isEmpty())
        return false;
    const QString root = resolvedPath(directory);
    return path == root || path.startsWith(root.endsWith(QLatin1Char('/')) ? root : root + QLatin1Char('/'));
}

QString sourceName(const JobSpec &spec)
{
    return spec.sourceFile.isEmpty() ? spec.jobId : spec.sourceFile;
}

// JSON pointer of dependency `dep` in the file, for messages.
QString dependencyPointer(const JobSpec &spec, const QString &dep)
{
    for (const char *key : {"dependencies", "depends_on"}) {
        const QJsonArray list = spec.raw.value(QLatin1String(key)).toArray();
        for (int i = 0; i < list.size(); ++i) {
            if (list.at(i).toString() == dep)
                return QStringLiteral("/%1/%2").arg(QLatin1String(key)).arg(i);
        }
    }
    return QStringLiteral("/dependencies");
}

// One cycle through the jobs left after removing every job that can be
// ordered, as "a -> b -> a".
QStringList findCycle(const QHash<QString, QStringList> &edges, const QSet<QString> &remaining)
{
    QStringList sorted(remaining.cbegin(), remaining.cend());
    std::sort(sorted.begin(), sorted.end());
    QString node = sorted.first();
    QHash<QString, int> seenAt;
    QStringList path;
    while (!seenAt.contains(node)) {
        seenAt.insert(node, int(path.size()));
        path.append(node);
        QString next;
        for (const QString &dep : edges.value(node)) {
            if (remaining.contains(dep)) {
                next = dep;
                break;
            }
        }
        node = next;
    }
    QStringList cycle = path.mid(seenAt.value(node));
    cycle.append(node);
    return cycle;
}

} // namespace

Submission::Submission(const ToolRegistry &tools, SubmitOptions options)
    : m_tools(tools)
    , m_options(std::move(options))
{
    if (m_options.workingDirectory.isEmpty())
        m_options.workingDirectory = QDir::currentPath();
}

Result<QStringList> Submission::expandInputs(const QStringList &paths)
{
    QStringList files;
    QStringList missing;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const QStringList names = QDir(path).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
            for (const QString &name : names)
                files.append(QDir(path).filePath(name));
        } else if (info.exists()) {
            files.append(path);
        } else {
            missing.append(path + QStringLiteral(": no such file or directory"));
        }
    }
    if (!missing.isEmpty())
        return Error::make(ErrorCode::Io, missing.join(QLatin1Char('\n')));
    return files;
}

QString Submission::defaultRunId()
{
    if (m_generatedRunId.isEmpty()) {
        static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
        QString suffix;
        for (int i = 0; i < 4; ++i)
            suffix += QLatin1Char(kAlphabet[QRandomGenerator::global()->bounded(int(sizeof kAlphabet) - 1)]);
        m_generatedRunId = QStringLiteral("run-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))
            + QLatin1Char('-') + suffix;
    }
    return m_generatedRunId;
}

void Submission::addFile(const QString &path)
{
    addParsed(loadJobFile(path));
}

void Submission::addObject(const QJsonObject &job, const QString &sourceName)
{
    auto spec = parseJobObject(job, sourceName);
    // Built in memory: there is no file to record (later messages name the job).
    if (spec)
        spec.value().sourceFile.clear();
    addParsed(spec);
}

void Submission::addResubmission(const QJsonObject &job, const QString &sourceName, const QString &fromJobId)
{
    const qsizetype before = m_jobs.size();
    addObject(job, sourceName);
    if (m_jobs.size() > before)
        m_jobs.last().record.resubmittedFrom = fromJobId;
}

void Submission::addParsed(const Result<JobSpec> &spec)
{
    if (!spec) {
        m_loadErrors.append(spec.error().message);
        if (m_errorCode == ErrorCode::None)
            m_errorCode = spec.error().code;
        return;
    }
    prepare(*spec);
}

void Submission::addSpec(const JobSpec &spec)
{
    prepare(spec);
}

void Submission::prepare(const JobSpec &spec)
{
    if (Status valid = m_tools.validate(spec); !valid) {
        m_loadErrors.append(valid.error().message);
        if (m_errorCode == ErrorCode::None)
            m_errorCode = ErrorCode::Validation;
        return;
    }
    const QString root = absoluteAgainst(m_options.workingDirectory, spec.repoRoot);
    auto command = m_tools.buildCommand(spec, spec.tool, ToolRegistry::isInGitWorkTree(absoluteAgainst(root, spec.workingDir)));
    if (!command) {
        m_loadErrors.append(command.error().message);
        if (m_errorCode == ErrorCode::None)
            m_errorCode = ErrorCode::Validation;
        return;
    }
    const ToolProfile *profile = m_tools.find(spec.tool);

    Prepared p;
    p.spec = spec;
    JobRecord &r = p.record;
    r.jobId = spec.jobId;
    r.runId = !m_options.runId.isEmpty() ? m_options.runId : !spec.runId.isEmpty() ? spec.runId : defaultRunId();
    r.workstreamId = spec.workstreamId.isEmpty() ? QStringLiteral("default") : spec.workstreamId;
    r.tool = spec.tool;
    r.priority = m_options.priority.value_or(spec.priority.value_or(Priority::Normal));
    r.spec = QJsonDocument(spec.raw).toJson(QJsonDocument::Compact);
    r.sourceFile = spec.sourceFile.isEmpty() ? QString() : QFileInfo(spec.sourceFile).absoluteFilePath();
    r.command = QStringList{command->program} + command->arguments;
    r.env = spec.env;
    r.repoRoot = absoluteAgainst(m_options.workingDirectory, spec.repoRoot);
    r.workingDir = absoluteAgainst(r.repoRoot, spec.workingDir);
    const QString logDir = m_options.dataDirectory + QStringLiteral("/logs/") + r.runId + QLatin1Char('/');
    r.logFile = spec.logFile.isEmpty() ? logDir + r.jobId + QStringLiteral(".log") : absoluteAgainst(r.repoRoot, spec.logFile);
    r.errorReport = spec.errorReport.isEmpty() ? logDir + r.jobId + QStringLiteral(".error.json")
                                               : absoluteAgainst(r.repoRoot, spec.errorReport);
    // A job file cannot make the orchestrator write outside its repository
    // or the data directory ("../", symbolic links), unless someone said so.
    if (!spec.allowOutsidePaths && !m_options.allowOutsidePaths) {
        QStringList problems;
        for (const auto &[field, written, resolved] : {std::tuple{"log_file", spec.logFile, r.logFile},
                                                       std::tuple{"error_report", spec.errorReport, r.errorReport}}) {
            if (written.isEmpty())
                continue;
            const QString real = resolvedPath(resolved);
            if (isInside(real, r.repoRoot) || isInside(real, m_options.dataDirectory))
                continue;
            problems.append(QStringLiteral("%1: /paths/%2: \"%3\" resolves to %4, outside repo_root (%5)%6; "
                                           "set \"paths\": {\"allow_outside\": true} to allow it")
                                .arg(sourceName(spec), QLatin1String(field), written, real, r.repoRoot,
                                     m_options.dataDirectory.isEmpty()
                                         ? QString()
                                         : QStringLiteral(" and the data directory (%1)").arg(m_options.dataDirectory)));
        }
        if (!problems.isEmpty()) {
            m_loadErrors += problems;
            if (m_errorCode == ErrorCode::None)
                m_errorCode = ErrorCode::Validation;
            return;
        }
    }
    r.timeoutSeconds = spec.timeoutSeconds;
    r.failOnCrash = spec.failOnCrash;
    r.retry = spec.retry;
    r.editsRepo = profile && profile->editsRepo;

    // Isolation: asked for, or the default for tools that edit the
    // repository; jobs with dependencies may inherit it at commit().
    const bool asked = spec.isolation == Isolation::Worktree;
    const bool byDefault = !spec.isolation && r.editsRepo;
    if (asked || byDefault || (!spec.isolation && !spec.dependencies.isEmpty())) {
        const RepoProbe &repo = probe(r.repoRoot);
        if (repo.top.isEmpty() && asked) {
            m_loadErrors.append(QStringLiteral("%1: /metadata/isolation: \"worktree\" needs repo_root inside a git work tree: %2")
                                    .arg(sourceName(spec), repo.error));
            if (m_errorCode == ErrorCode::None)
                m_errorCode = ErrorCode::Validation;
            return;
        }
        r.repoTop = repo.top;
        if (!repo.top.isEmpty() && (asked || byDefault)) {
            Prepared tried = p;
            const QString problem = useWorktree(tried, repo);
            // By default a worktree only where one works; asked for, a refusal.
            if (problem.isEmpty()) {
                p = tried;
            } else if (asked) {
                m_loadErrors.append(problem);
                if (m_errorCode == ErrorCode::None)
                    m_errorCode = ErrorCode::Validation;
                return;
            }
        }
    }
    m_jobs.append(p);
}

const Submission::RepoProbe &Submission::probe(const QString &repoRoot)
{
    auto it = m_repos.find(repoRoot);
    if (it != m_repos.end())
        return *it;
    RepoProbe probe;
    auto repo = GitRepo::open(repoRoot);
    if (!repo) {
        probe.error = repo.error().message;
    } else if (auto base = repo->base(); !base) {
        probe.error = base.error().message;
    } else {
        probe.top = repo->top();
        probe.baseCommit = base->commit;
        probe.baseBranch = base->branch;
        probe.dirtyWarning = repo->dirtyWarning(*base);
    }
    return *m_repos.insert(repoRoot, probe);
}

QString Submission::useWorktree(Prepared &p, const RepoProbe &repo)
{
    JobRecord &r = p.record;
    const QString source = sourceName(p.spec);
    if (m_options.dataDirectory.isEmpty())
        return QStringLiteral("%1: /metadata/isolation: a worktree needs a data directory to live in").arg(source);
    if (repo.baseCommit.isEmpty())
        return QStringLiteral("%1: /metadata/isolation: %2").arg(source, repo.error);
    // The same path under the worktree as under the repository's top.
    const auto inWorktree = [&](const QString &path) -> std::optional<QString> {
        const QString relative = QDir(repo.top).relativeFilePath(resolvedPath(path));
        if (relative == QLatin1String("..") || relative.startsWith(QLatin1String("../")))
            return std::nullopt;
        return QDir::cleanPath(r.worktreePath + QLatin1Char('/') + relative);
    };
    r.isolation = Isolation::Worktree;
    r.baseCommit = repo.baseCommit;
    r.baseBranch = repo.baseBranch;
    r.worktreePath = QDir::cleanPath(m_options.dataDirectory + QStringLiteral("/worktrees/") + r.runId + QLatin1Char('/') + r.jobId);
    r.worktreeBranch = GitRepo::jobBranch(r.runId, r.jobId);
    const std::optional<QString> root = inWorktree(r.repoRoot);
    const std::optional<QString> workingDir = inWorktree(r.workingDir);
    if (!root || !workingDir)
        return QStringLiteral("%1: /paths/working_dir: %2 is outside the git work tree %3, so it has no place in a worktree")
            .arg(source, r.workingDir, repo.top);
    // A directory the base does not have (untracked, ignored: a build
    // directory) would not be in the worktree.
    const QString relative = QDir(r.worktreePath).relativeFilePath(*workingDir);
    if (relative != QLatin1String(".")) {
        auto tracked = runGit(GitSettings{}, GitCall{repo.top, {QStringLiteral("cat-file"), QStringLiteral("-e"),
                                                                repo.baseCommit + QLatin1Char(':') + relative}, {}, {0, 1, 128}});
        if (!tracked || tracked->exitCode != 0)
            return QStringLiteral("%1: /paths/working_dir: %2 is not in the base commit %3 of %4 (untracked or ignored), "
                                  "so a worktree would not have it")
                .arg(source, r.workingDir, repo.baseCommit.left(12), repo.top);
    }
    r.workingDir = *workingDir;
    // The tool sees the worktree, never the user's checkout.
    JobSpec mapped = p.spec;
    mapped.repoRoot = *root;
    mapped.workingDir = r.workingDir;
    auto command = m_tools.buildCommand(mapped, mapped.tool, true);  // a worktree is a work tree
    if (!command)
        return command.error().message;
    r.command = QStringList{command->program} + command->arguments;
    if (!repo.dirtyWarning.isEmpty() && !m_warnings.contains(repo.dirtyWarning))
        m_warnings.append(repo.dirtyWarning);
    return {};
}

Status Submission::inheritIsolation(Prepared &p, JobStore &store, const QHash<QString, std::pair<Isolation, QString>> &batch)
{
    if (p.spec.isolation || p.record.inWorktree() || p.record.repoTop.isEmpty())
        return {};
    for (const QString &dep : std::as_const(p.spec.dependencies)) {
        std::pair<Isolation, QString> isolation = batch.value(dep, {Isolation::None, QString()});
        if (!batch.contains(dep)) {
            auto job = store.job(dep);
            if (!job)
                return job.error();
            if (job->has_value())
                isolation = {(*job)->isolation, (*job)->repoTop};
        }
        if (isolation.first == Isolation::Worktree && isolation.second == p.record.repoTop) {
            // Where a worktree cannot work, the job stays in repo_root.
            Prepared tried = p;
            if (useWorktree(tried, m_repos.value(p.record.repoRoot)).isEmpty())
                p = tried;
            return {};
        }
    }
    return {};
}

Status Submission::failure() const
{
    if (m_errors.isEmpty() && !m_loadErrors.isEmpty())
        return Error::make(m_errorCode == ErrorCode::None ? ErrorCode::Validation : m_errorCode, m_loadErrors.join(QLatin1Char('\n')));
    return Error::make(m_errorCode == ErrorCode::None ? ErrorCode::Validation : m_errorCode, m_errors.join(QLatin1Char('\n')));
}

QList<JobRecord> Submission::records() const
{
    QList<JobRecord> out;
    for (const Prepared &p : m_jobs)
        out.append(p.record);
    return out;
}

Status Submission::check(JobStore &store)
{
    m_errors = m_loadErrors;
    m_order.clear();
    QHash<QString, int> index;
    for (int i = 0; i < m_jobs.size(); ++i) {
        const JobSpec &spec = m_jobs.at(i).spec;
        if (index.contains(spec.jobId)) {
            m_errors.append(QStringLiteral("%1: /job_id: duplicate job id \"%2\" (also in %3)")
                                .arg(sourceName(spec), spec.jobId, sourceName(m_jobs.at(index.value(spec.jobId)).spec)));
            continue;
        }
        index.insert(spec.jobId, i);
    }

    QStringList ids = index.keys();
    QStringList allDeps;
    for (const Prepared &p : std::as_const(m_jobs))
        allDeps += p.spec.dependencies;
    allDeps.removeDuplicates();
    QStringList lookup = ids + allDeps;
    lookup.removeDuplicates();
    auto existing = store.states(lookup);
    if (!existing)
        return existing.error();

    for (int i = 0; i < m_jobs.size(); ++i) {
        const Prepared &p = m_jobs.at(i);
        if (existing->contains(p.spec.jobId) && index.value(p.spec.jobId) == i) {
            auto job = store.job(p.spec.jobId);
            const QString run = job && job->has_value() ? (*job)->runId : QString();
            m_errors.append(QStringLiteral("%1: /job_id: job id \"%2\" already exists (run %3, %4)")
                                .arg(sourceName(p.spec), p.spec.jobId, run, toString(existing->value(p.spec.jobId))));
        }
        for (const QString &dep : p.spec.dependencies) {
            if (!index.contains(dep) && !existing->contains(dep))
                m_errors.append(QStringLiteral("%1: %2: depends on unknown job \"%3\"")
                                    .arg(sourceName(p.spec), dependencyPointer(p.spec, dep), dep));
        }
    }

    // Cycles among the new jobs (old jobs cannot depend on new ones).
    QHash<QString, QStringList> edges;
    QHash<QString, int> pending;
    for (const Prepared &p : std::as_const(m_jobs)) {
        QStringList inBatch;
        for (const QString &dep : p.spec.dependencies) {
            if (index.contains(dep))
                inBatch.append(dep);
        }
        edges.insert(p.spec.jobId, inBatch);
        pending.insert(p.spec.jobId, int(inBatch.size()));
    }
    QHash<QString, QStringList> reverse;
    for (auto it = edges.cbegin(); it != edges.cend(); ++it) {
        for (const QString &dep : it.value())
            reverse[dep].append(it.key());
    }
    // Stable topological order: among the jobs that are ready, the one named
    // first goes first, so submission order decides ties in the queue.
    std::set<int> ready;
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        if (it.value() == 0)
            ready.insert(index.value(it.key()));
    }
    QSet<QString> remaining(ids.cbegin(), ids.cend());
    while (!ready.empty()) {
        const int i = *ready.begin();
        ready.erase(ready.begin());
        const QString &id = m_jobs.at(i).spec.jobId;
        remaining.remove(id);
        m_order.append(i);
        for (const QString &next : reverse.value(id)) {
            if (--pending[next] == 0)
                ready.insert(index.value(next));
        }
    }
    if (!remaining.isEmpty()) {
        const QStringList cycle = findCycle(edges, remaining);
        QStringList files;
        for (const QString &id : cycle.mid(1))
            files.append(sourceName(m_jobs.at(index.value(id)).spec));
        files.removeDuplicates();
        m_errors.append(QStringLiteral("dependency cycle: %1 (in %2)")
                            .arg(cycle.join(QStringLiteral(" -> ")), files.join(QStringLiteral(", "))));
    }

    if (!m_errors.isEmpty())
        return failure();
    return {};
}

Result<SubmitReport> Submission::commit(JobStore &store)
{
    if (!m_loadErrors.isEmpty())
        return failure().error();
    if (m_jobs.isEmpty())
        return Error::make(ErrorCode::Usage, QStringLiteral("nothing to submit: no job files given"));
    if (Status s = store.begin(); !s)
        return s.error();
    auto abort = [&](const Error &error) -> Result<SubmitReport> {
        store.rollback();
        return error;
    };
    if (Status s = check(store); !s)
        return abort(s.error());

    SubmitReport report;
    const qint64 now = JobStore::now();
    QHash<QString, JobState> newStates;
    QHash<QString, std::pair<Isolation, QString>> isolations;
    QSet<QString> createdRuns;
    QSet<QString> createdWorkstreams;
    // m_order lists dependencies first, so a job's initial state can see its dependencies'.
    for (int i : std::as_const(m_order)) {
        Prepared &p = m_jobs[i];
        // Dependencies in this batch were placed before this job; only the
        // others need a look in the store.
        QStringList outside;
        for (const QString &dep : std::as_const(p.spec.dependencies)) {
            if (!newStates.contains(dep))
                outside.append(dep);
        }
        auto depStates = store.states(outside);
        if (!depStates)
            return abort(depStates.error());
        bool allSucceeded = true;
        QString failedDep;
        for (const QString &dep : std::as_const(p.spec.dependencies)) {
            const JobState s = newStates.contains(dep) ? newStates.value(dep) : depStates->value(dep);
            allSucceeded = allSucceeded && s == JobState::Succeeded;
            if (isFinal(s) && s != JobState::Succeeded && failedDep.isEmpty())
                failedDep = dep;
        }
        if (Status s = inheritIsolation(p, store, isolations); !s)
            return abort(s.error());
        JobRecord &r = p.record;
        isolations.insert(r.jobId, {r.isolation, r.repoTop});
        r.submittedAt = now;
        if (!failedDep.isEmpty()) {
            r.state = JobState::UpstreamFailed;
            r.reason = QStringLiteral("upstream job %1 did not succeed").arg(failedDep);
        } else if (allSucceeded) {
            r.state = JobState::Queued;
        } else {
            r.state = JobState::Waiting;
        }
        newStates.insert(r.jobId, r.state);
        if (!createdRuns.contains(r.runId)) {
            if (Status s = store.ensureRun(r.runId, now); !s)
                return abort(s.error());
            createdRuns.insert(r.runId);
        }
        if (const QString key = r.runId + QLatin1Char('\n') + r.workstreamId; !createdWorkstreams.contains(key)) {
            if (Status s = store.ensureWorkstream(r.runId, r.workstreamId, now); !s)
                return abort(s.error());
            createdWorkstreams.insert(key);
        }
        if (Status s = store.insertJob(NewJob{r, p.spec.dependencies}); !s)
            return abort(s.error());
        if (!report.runIds.contains(r.runId))
            report.runIds.append(r.runId);
        report.queued += r.state == JobState::Queued;
        report.waiting += r.state == JobState::Waiting;
        report.upstreamFailed += r.state == JobState::UpstreamFailed;
    }
    // Per run, the last title given, in file order (--title over run_title).
    QHash<QString, QString> runTitles;
    for (const Prepared &p : std::as_const(m_jobs)) {
        report.jobIds.append(p.record.jobId);
        if (const QString title = !m_options.runTitle.isEmpty() ? m_options.runTitle : p.spec.runTitle; !title.isEmpty())
            runTitles.insert(p.record.runId, title);
    }
    for (auto it = runTitles.cbegin(); it != runTitles.cend(); ++it) {
        if (Status s = store.setRunTitle(it.key(), it.value()); !s)
            return abort(s.error());
    }
    if (Status s = store.commit(); !s)
        return abort(s.error());
    report.warnings = m_warnings;
    return report;
}

} // namespace Orchestrator
